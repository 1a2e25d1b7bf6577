import { useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import { currentVersion, type CatalogueEntry, type CatalogueInput } from '../../../shared/determination/catalogue';
import { formatLocalTime, useT } from '../../i18n';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { useSubmit } from '../../ui/useSubmit';
import type { DeterminationsRepo } from '../../db/determinations.repo';
import { TextAreaField } from '../ledger/fields';
import { DetAlert, DetTable } from './detUi';
import { levelLabel, periodLabel } from './detText';
import { formFromTerms, periodKindsFor, termsFromForm, type TermsForm } from './termsForm';
import type { DeterminationData } from './useDeterminationData';

/**
 * 事项一览表: the items this unit classifies, each with its level, default period and scope hint.
 * The secrecy clerk adds, revises and withdraws entries; every change is a new version, and a
 * determination keeps citing the version it was decided on.
 */
export function CatalogueView({ repo, data, onChanged }: { repo: DeterminationsRepo; data: DeterminationData; onChanged: () => void }) {
  const t = useT();
  const edits = authorize(data.actor?.roles ?? [], 'catalogue.edit').ok;
  const [editing, setEditing] = useState<CatalogueEntry | 'new' | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const [showWithdrawn, setShowWithdrawn] = useState(false);
  const entries = data.catalogue
    .filter((e) => showWithdrawn || currentVersion(e).status === 'in_force')
    .sort((a, b) => currentVersion(a).code.localeCompare(currentVersion(b).code, 'zh-CN', { numeric: true }));

  if (editing) {
    return (
      <CatalogueForm
        repo={repo}
        entry={editing === 'new' ? null : editing}
        onDone={(changed) => {
          setEditing(null);
          if (changed) onChanged();
        }}
      />
    );
  }
  return (
    <>
      <p className="lead">{t('det.catalogue.intro')}</p>
      <div className="actions">
        {edits && (
          <button type="button" className="button-primary" onClick={() => setEditing('new')}>
            {t('det.catalogue.add')}
          </button>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={showWithdrawn} onChange={(e) => setShowWithdrawn(e.target.checked)} />
          <span>{t('det.catalogue.showWithdrawn')}</span>
        </label>
      </div>
      {entries.length === 0 ? (
        <p className="det-empty">{t(edits ? 'det.catalogue.emptyClerk' : 'det.catalogue.empty')}</p>
      ) : (
        <DetTable columns={[t('det.col.code'), t('det.col.item'), t('det.field.level'), t('det.col.defaultPeriod'), t('det.col.scopeHint'), t('det.col.version')]}>
            {entries.map((e) => {
              const v = currentVersion(e);
              return (
                <tr key={e.id} className={v.status === 'withdrawn' ? 'det-withdrawn' : undefined}>
                  <td className="det-nowrap">{v.code}</td>
                  <td>
                    {v.title}
                    {v.status === 'withdrawn' && <span className="det-tag">{t('det.catalogue.withdrawn')}</span>}
                    {history === e.id && <VersionList entry={e} />}
                  </td>
                  <td className="det-nowrap">{levelLabel(v.level, t)}</td>
                  <td className="det-nowrap">{periodLabel(v.defaultPeriod, t)}</td>
                  <td>{v.scopeHint}</td>
                  <td className="det-nowrap">
                    {t('det.catalogue.versionText', { version: v.version })}
                    <span className="det-sub">{v.source.kind === 'bureau' ? t('det.catalogue.fromBureau', { issue: v.source.issue }) : t('det.catalogue.local')}</span>
                  </td>
                  <td className="det-row-actions">
                    <button type="button" className="button-link" onClick={() => setHistory(history === e.id ? null : e.id)}>
                      {t(history === e.id ? 'det.catalogue.hideHistory' : 'det.catalogue.history')}
                    </button>
                    {edits && v.status === 'in_force' && (
                      <button type="button" className="button-link" onClick={() => setEditing(e)} aria-label={t('det.action.named', { action: t('det.catalogue.edit'), title: v.code })}>
                        {t('det.catalogue.edit')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
        </DetTable>
      )}
    </>
  );
}

function VersionList({ entry }: { entry: CatalogueEntry }) {
  const t = useT();
  return (
    <ol className="det-versions">
      {[...entry.versions].reverse().map((v) => (
        <li key={v.version}>
          {t('det.catalogue.versionLine', {
            version: v.version,
            at: formatLocalTime(v.at),
            name: v.actorName,
            status: t(v.status === 'withdrawn' ? 'det.catalogue.withdrawn' : 'det.catalogue.inForce'),
            level: levelLabel(v.level, t),
            period: periodLabel(v.defaultPeriod, t),
          })}
          {v.note && `：${v.note}`}
        </li>
      ))}
    </ol>
  );
}

/** A new entry, or a new version of one (with what changed), or its withdrawal (with why). */
function CatalogueForm({ repo, entry, onDone }: { repo: DeterminationsRepo; entry: CatalogueEntry | null; onDone: (changed: boolean) => void }) {
  const t = useT();
  const current = entry ? currentVersion(entry) : null;
  const [code, setCode] = useState(current?.code ?? '');
  const [title, setTitle] = useState(current?.title ?? '');
  const [scopeHint, setScopeHint] = useState(current?.scopeHint ?? '');
  const [note, setNote] = useState('');
  const [period, setPeriod] = useState<TermsForm>(() =>
    formFromTerms({
      level: current?.level ?? 'confidential',
      period: current?.defaultPeriod ?? { kind: 'years', years: 10 },
      scope: { personIds: [], posts: [], departments: [], units: [] },
      basis: { kind: 'reason', text: '' },
      ...(current?.longerPeriodBasis ? { longerPeriodBasis: current.longerPeriodBasis } : {}),
    }),
  );
  const submit = useSubmit();
  const input = (): CatalogueInput => {
    const terms = termsFromForm(period);
    return { code, title, level: period.level, defaultPeriod: terms.period, scopeHint, note, ...(terms.longerPeriodBasis ? { longerPeriodBasis: terms.longerPeriodBasis } : {}) };
  };
  const levels = (['top_secret', 'secret', 'confidential', 'internal'] as const).map((l) => ({ value: l, label: levelLabel(l, t) }));
  const kinds = periodKindsFor(period.level);
  return (
    <form
      className="det-form"
      aria-label={t(entry ? 'det.catalogue.editTitle' : 'det.catalogue.addTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(() => repo.saveCatalogueEntry(entry?.id ?? null, input()), () => onDone(true));
      }}
    >
      <h2>{t(entry ? 'det.catalogue.editTitle' : 'det.catalogue.addTitle')}</h2>
      <TextField label={t('det.col.code')} value={code} onChange={setCode} hint={t('det.hint.catalogueCode')} />
      <TextField label={t('det.col.item')} value={title} onChange={setTitle} />
      <SelectField
        label={t('det.field.level')}
        value={period.level}
        onChange={(v) => {
          const level = levels.find((l) => l.value === v)?.value ?? period.level;
          const allowed = periodKindsFor(level);
          setPeriod({ ...period, level, periodKind: allowed.includes(period.periodKind) ? period.periodKind : (allowed[0] ?? 'none') });
        }}
        options={levels}
      />
      <SelectField label={t('det.field.periodKind')} value={period.periodKind} onChange={(v) => setPeriod({ ...period, periodKind: kinds.find((k) => k === v) ?? period.periodKind })} options={kinds.map((k) => ({ value: k, label: t(`det.periodKind.${k}`) }))} />
      {period.periodKind === 'years' && <TextField label={t('det.field.years')} inputMode="numeric" value={period.years} onChange={(years) => setPeriod({ ...period, years })} />}
      {period.periodKind === 'months' && <TextField label={t('det.field.months')} inputMode="numeric" value={period.months} onChange={(months) => setPeriod({ ...period, months })} />}
      {period.periodKind === 'until' && <TextField label={t('det.field.until')} type="date" value={period.until} onChange={(until) => setPeriod({ ...period, until })} />}
      {period.periodKind === 'condition' && <TextAreaField label={t('det.field.condition')} value={period.condition} onChange={(condition) => setPeriod({ ...period, condition })} />}
      <TextField label={t('det.field.longerPeriodBasis')} value={period.longerPeriodBasis} onChange={(longerPeriodBasis) => setPeriod({ ...period, longerPeriodBasis })} hint={t('det.hint.longerCatalogue')} />
      <TextField label={t('det.col.scopeHint')} value={scopeHint} onChange={setScopeHint} />
      <TextAreaField label={t(entry ? 'det.field.revisionNote' : 'det.field.entryNote')} value={note} onChange={setNote} />
      <DetAlert refusal={submit.refusal} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={submit.busy}>
          {t(entry ? 'det.catalogue.saveVersion' : 'det.catalogue.saveNew')}
        </button>
        {entry && (
          <button type="button" className="button-secondary" disabled={submit.busy} onClick={() => void submit.run(() => repo.withdrawCatalogueEntry(entry.id, note), () => onDone(true))}>
            {t('det.catalogue.withdraw')}
          </button>
        )}
        <button type="button" className="button-secondary" onClick={() => onDone(false)}>
          {t('det.cancel')}
        </button>
      </div>
    </form>
  );
}
