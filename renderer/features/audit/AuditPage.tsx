import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Refusal } from '../../../shared/result';
import type { AuditFilter, AuditQueryResult, AuditVerification } from '../../db/storeApi';
import { useLocale, useT, type Translate } from '../../i18n';
import type { AuditExportOutcome } from '../../session/session.store';
import { useSession, useSessionStore } from '../../session/SessionContext';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { Region } from '../../ui/Region';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { useSubmit } from '../../ui/useSubmit';
import { ACTION_GROUPS, actionLabel, dayEnd, dayStart, detailText, formatAuditTime } from './auditText';

interface FilterForm {
  from: string;
  to: string;
  actor: string;
  action: string;
}
const NO_FILTER: FilterForm = { from: '', to: '', actor: '', action: '' };

function toFilter(f: FilterForm): AuditFilter {
  return { from: dayStart(f.from), to: dayEnd(f.to), actor: f.actor || undefined, action: f.action || undefined };
}

/**
 * 审计: the audit trail for the 安全审计员 — newest first, filtered by time, actor and action;
 * 验证审计日志 walks the whole hash chain and names the first broken link; 导出 writes it as a file
 * that can be re-verified without this app (docs/audit-export.md).
 */
export function AuditPage() {
  const t = useT();
  const auditTrail = useSession((s) => s.auditTrail);
  const [form, setForm] = useState<FilterForm>(NO_FILTER);
  const [result, setResult] = useState<AuditQueryResult | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [exported, setExported] = useState<AuditExportOutcome | null>(null);

  const load = useCallback(
    async (f: FilterForm) => {
      const r = await auditTrail.query(toFilter(f));
      if (r.ok) {
        setResult(r.value);
        setRefusal(null);
      } else {
        setRefusal(r.error);
      }
    },
    [auditTrail],
  );
  useEffect(() => {
    void load(NO_FILTER);
  }, [load]);

  const set = (name: keyof FilterForm) => (value: string) => setForm((f) => ({ ...f, [name]: value }));
  const search = (e: FormEvent) => {
    e.preventDefault();
    void load(form);
  };
  const breakSeq = verification && !verification.ok ? verification.firstBreak.seq : null;

  return (
    <section className="page page-wide" aria-labelledby="page-title">
      <h1 id="page-title">{t('audit.heading')}</h1>
      <p className="note">{t('audit.intro')}</p>
      <div className="toolbar">
        <VerifyButton
          onStart={() => setVerification(null)}
          onResult={(v) => {
            setVerification(v);
            // The verification is itself recorded: show the list as it now stands.
            void load(form);
          }}
        />
        <ExportButton
          onResult={(o) => {
            setExported(o);
            void load(form);
          }}
        />
      </div>
      {verification && <VerificationResult v={verification} shown={result?.entries.some((e) => e.seq === breakSeq) ?? false} />}
      {exported && <ExportResult outcome={exported} />}

      <Region title={t('audit.filter.heading')}>
        <form onSubmit={search} noValidate className="filter-row">
          <TextField label={t('audit.filter.from')} type="date" value={form.from} onChange={set('from')} />
          <TextField label={t('audit.filter.to')} type="date" value={form.to} onChange={set('to')} />
          <SelectField
            label={t('audit.filter.actor')}
            value={form.actor}
            onChange={set('actor')}
            options={[
              { value: '', label: t('audit.filter.anyone') },
              { value: 'system', label: t('audit.actor.system') },
              ...(result?.actors ?? []).map((a) => ({ value: a.id, label: t('admin.person', { displayName: a.displayName, username: a.username }) })),
            ]}
          />
          <SelectField label={t('audit.filter.action')} value={form.action} onChange={set('action')} options={actionOptions(t, result)} />
          <div className="actions">
            <button type="submit" className="button-primary">
              {t('audit.filter.submit')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setForm(NO_FILTER);
                void load(NO_FILTER);
              }}
            >
              {t('audit.filter.clear')}
            </button>
          </div>
        </form>
      </Region>

      <RefusalAlert refusal={refusal} />
      {result && <AuditTable result={result} breakSeq={breakSeq} />}
    </section>
  );
}

function actionOptions(t: Translate, result: AuditQueryResult | null) {
  const seen = new Set<string>();
  for (const e of result?.entries ?? []) if (!('unreadable' in e)) seen.add(e.action);
  return [
    { value: '', label: t('audit.filter.anything') },
    ...ACTION_GROUPS.map((g) => ({ value: g.prefix, label: t('audit.filter.group', { group: t(g.label) }) })),
    ...[...seen].sort().map((code) => ({ value: code, label: `${actionLabel(code, t)} (${code})` })),
  ];
}

function AuditTable({ result, breakSeq }: { result: AuditQueryResult; breakSeq: number | null }) {
  const t = useT();
  const locale = useLocale();
  const names = new Map(result.actors.map((a) => [a.id, t('admin.person', { displayName: a.displayName, username: a.username })]));
  return (
    <>
      <p className="note">{t('audit.count', { matched: result.matched, shown: result.entries.length })}</p>
      <table className="table table-audit">
        <thead>
          <tr>
            <th scope="col">{t('audit.col.seq')}</th>
            <th scope="col">{t('audit.col.at')}</th>
            <th scope="col">{t('audit.col.actor')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {result.entries.map((e) => (
            <tr key={e.seq} className={e.seq === breakSeq ? 'row-break' : undefined} aria-current={e.seq === breakSeq ? 'true' : undefined}>
              <td>{e.seq}</td>
              <td className="nowrap">{formatAuditTime(e.at)}</td>
              {'unreadable' in e ? (
                <td colSpan={3} className="cell-broken">
                  {t('audit.unreadable')}
                </td>
              ) : (
                <>
                  <td>{e.actor === null ? t('audit.actor.system') : (names.get(e.actor) ?? e.actor)}</td>
                  <td>
                    {actionLabel(e.action, t)}
                    <br />
                    <code className="code-small">{e.action}</code>
                  </td>
                  <td className="cell-detail">{detailText(e.detail, t, locale)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function VerifyButton({ onStart, onResult }: { onStart: () => void; onResult: (v: AuditVerification) => void }) {
  const t = useT();
  const auditTrail = useSession((s) => s.auditTrail);
  const { busy, refusal, run } = useSubmit();
  return (
    <div>
      <button
        type="button"
        className="button-primary"
        disabled={busy}
        onClick={() => {
          // A finding from before must not stand next to a check still running.
          onStart();
          void run(() => auditTrail.verify(), onResult);
        }}
      >
        {t('audit.verify.button')}
      </button>
      {busy && (
        <span role="status" className="working">
          {t('audit.verify.working')}
        </span>
      )}
      <RefusalAlert refusal={refusal} />
    </div>
  );
}

function VerificationResult({ v, shown }: { v: AuditVerification; shown: boolean }) {
  const t = useT();
  if (v.ok) {
    return (
      <p role="status" className="alert alert-ok">
        {t('audit.verify.ok', { count: v.count })}
      </p>
    );
  }
  return (
    <div role="alert" className="alert alert-error">
      <p>{t('audit.verify.broken', { seq: v.firstBreak.seq, reason: t(`audit.break.${v.firstBreak.reason}`), count: v.count })}</p>
      <p>{t(shown ? 'audit.verify.marked' : 'audit.verify.notShown')}</p>
      <p>{t('audit.verify.action')}</p>
    </div>
  );
}

function ExportButton({ onResult }: { onResult: (o: AuditExportOutcome) => void }) {
  const t = useT();
  const store = useSessionStore();
  const { busy, refusal, run } = useSubmit();
  return (
    <div>
      <button type="button" className="button-secondary" disabled={busy} onClick={() => void run(() => store.getState().exportAuditTrail(), onResult)}>
        {t('audit.export.button')}
      </button>
      {busy && (
        <span role="status" className="working">
          {t('audit.export.working')}
        </span>
      )}
      <RefusalAlert refusal={refusal} />
    </div>
  );
}

function ExportResult({ outcome }: { outcome: AuditExportOutcome }) {
  const t = useT();
  return (
    <p role="status" className={outcome.saved && !outcome.verification.ok ? 'alert alert-error' : 'alert alert-ok'}>
      {outcome.saved
        ? t(outcome.verification.ok ? 'audit.export.saved' : 'audit.export.savedBroken', { count: outcome.count, path: outcome.path })
        : t('audit.export.cancelled')}
    </p>
  );
}
