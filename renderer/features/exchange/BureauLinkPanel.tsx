import { useState } from 'react';
import type { Refusal } from '../../../shared/result';
import type { ExchangeOverview, PolicyImportOutcome } from '../../db/exchange/exchange.repo';
import { formatLocalTime, useT } from '../../i18n';
import { TextField } from '../../ui/TextField';
import { openFile } from './exchangeFiles';
import type { ExchangeServices } from './exchangeServices';
import { algorithmLabel } from './exchangeText';
import { PemPicker } from './PemPicker';
import { ExchangeAlert, ExchangeDone, Facts, Fingerprint, Progress, ExTable } from './ui';

/**
 * 上级部门 (unit mode): the bureau's public key, pinned here before any policy bundle is accepted,
 * the import of its policy bundles (政策下发包), and what they brought: designated destruction bodies
 * and forms (the catalogue goes to 定密 → 事项一览表).
 */
export function BureauLinkPanel({ services, overview, onChanged }: { services: ExchangeServices; overview: ExchangeOverview; onChanged: () => void }) {
  const t = useT();
  const bureau = overview.bureau;
  const [editing, setEditing] = useState(bureau === null);
  const [code, setCode] = useState(bureau?.code ?? '');
  const [name, setName] = useState(bureau?.name ?? '');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<PolicyImportOutcome | null>(null);
  const may = overview.may.import;

  async function pin(pem: string) {
    setBusy(true);
    setRefusal(null);
    const r = await services.exchange.pinBureauKey(pem, { code, name });
    setBusy(false);
    if (!r.ok) return setRefusal(r.error);
    setEditing(false);
    onChanged();
  }

  async function importPolicy() {
    setBusy(true);
    setRefusal(null);
    setOutcome(null);
    setReading({ done: 0, total: 0 });
    const file = await openFile(services.api, 'bundle', undefined, (done, total) => setReading({ done, total }));
    if (!file.ok || !file.value) {
      setBusy(false);
      setReading(null);
      if (!file.ok) setRefusal(file.error);
      return;
    }
    const r = await services.exchange.importPolicy(file.value.bytes, { fileName: file.value.name, path: file.value.path });
    setBusy(false);
    setReading(null);
    if (!r.ok) return setRefusal(r.error);
    setOutcome(r.value);
    onChanged();
  }

  function appliedText(o: PolicyImportOutcome): string {
    const parts: string[] = [];
    if (o.applied.catalogue !== null) parts.push(t('ex.policy.appliedCatalogue', { n: o.applied.catalogue }));
    if (o.applied.destructionBodies !== null) parts.push(t('ex.policy.appliedBodies', { n: o.applied.destructionBodies }));
    if (o.applied.forms !== null) parts.push(t('ex.policy.appliedForms', { n: o.applied.forms }));
    if (o.applied.keyRotation) parts.push(t('ex.policy.appliedRotation'));
    return parts.length > 0 ? parts.join(t('list.separator')) : t('ex.policy.appliedNothing');
  }

  return (
    <section aria-labelledby="ex-bureau-title">
      <h2 id="ex-bureau-title">{t('ex.bureau.heading')}</h2>
      {bureau && !editing ? (
        <>
          <Facts
            items={[
              [t('ex.bureau.name'), bureau.name],
              [t('ex.bureau.code'), bureau.code],
              ...bureau.keys.map(
                (k, i) =>
                  [
                    t('ex.bureau.keyN', { n: i + 1 }),
                    <span key={k.fingerprint}>
                      {algorithmLabel(k.algorithm, t)} <Fingerprint text={k.fingerprintText} />
                    </span>,
                  ] as const,
              ),
              [t('ex.bureau.pinnedAt'), t('ex.bureau.pinnedValue', { at: formatLocalTime(bureau.pinnedAt), by: bureau.pinnedBy })],
              [t('ex.bureau.position'), bureau.position ? t('ex.bureau.positionValue', { n: bureau.position.sequence }) : t('ex.bureau.positionNone')],
            ]}
          />
          {may && (
            <div className="actions">
              <button type="button" className="button-primary" disabled={busy} onClick={() => void importPolicy()}>
                {t('ex.policy.import')}
              </button>
              <button type="button" className="button-secondary" disabled={busy} onClick={() => setEditing(true)}>
                {t('ex.bureau.replace')}
              </button>
            </div>
          )}
        </>
      ) : may ? (
        <form className="form-grid" onSubmit={(e) => e.preventDefault()}>
          <p className="note">{t('ex.bureau.pinIntro')}</p>
          <TextField label={t('ex.bureau.code')} value={code} onChange={setCode} disabled={busy} />
          <TextField label={t('ex.bureau.name')} value={name} onChange={setName} disabled={busy} />
          <PemPicker services={services} disabled={busy} confirmLabel={t('ex.bureau.pin')} onConfirm={(k) => void pin(k.pem)} />
          {bureau && (
            <button type="button" className="button-link" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          )}
        </form>
      ) : (
        <p className="note">{t('ex.bureau.none')}</p>
      )}
      {reading && <Progress label={t('ex.progress.label')} done={reading.done} total={reading.total} text={t('ex.progress.reading')} />}
      <ExchangeAlert refusal={refusal} />
      {outcome && (
        <ExchangeDone>
          {outcome.action === 'already-imported'
            ? t('ex.policy.already', { n: outcome.sequence })
            : t('ex.policy.imported', { n: outcome.sequence, issue: outcome.issue ?? '—', applied: appliedText(outcome) })}
        </ExchangeDone>
      )}

      <h3>{t('ex.policy.bodiesHeading')}</h3>
      {overview.destructionBodies.length === 0 ? (
        <p className="note">{t('ex.policy.bodiesNone')}</p>
      ) : (
        <BodiesTable bodies={overview.destructionBodies} />
      )}
      <h3>{t('ex.policy.formsHeading')}</h3>
      {overview.forms.length === 0 ? (
        <p className="note">{t('ex.policy.formsNone')}</p>
      ) : (
        <ul className="ex-list">
          {overview.forms.map((f) => (
            <li key={f.id}>
              <details>
                <summary>{f.title}</summary>
                <pre className="ex-form-text">{f.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function BodiesTable({ bodies, onRemove }: { bodies: ExchangeOverview['destructionBodies']; onRemove?: (id: string) => void }) {
  const t = useT();
  return (
    <ExTable columns={[t('ex.body.name'), t('ex.body.address'), t('ex.body.licence'), t('ex.body.validUntil'), t('ex.body.note')]} actions={onRemove !== undefined}>
      {bodies.map((b) => (
        <tr key={b.id}>
          <td>{b.name}</td>
          <td>{b.address}</td>
          <td>{b.licence}</td>
          <td>{b.validUntil || t('ex.body.noEnd')}</td>
          <td>{b.note}</td>
          {onRemove && (
            <td>
              <button type="button" className="button-link" onClick={() => onRemove(b.id)} aria-label={t('ex.body.removeNamed', { name: b.name })}>
                {t('ex.body.remove')}
              </button>
            </td>
          )}
        </tr>
      ))}
    </ExTable>
  );
}
