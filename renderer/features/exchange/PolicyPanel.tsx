import { useState, type FormEvent } from 'react';
import type { DestructionBody } from '../../../shared/exchange/policy';
import type { Refusal, Result } from '../../../shared/result';
import type { ExchangeOverview } from '../../db/exchange/exchange.repo';
import { useT } from '../../i18n';
import { CheckboxField } from '../../ui/CheckboxField';
import { TextField } from '../../ui/TextField';
import { BodiesTable } from './BureauLinkPanel';
import type { ExchangeServices } from './exchangeServices';
import { countsText } from './exchangeText';
import { ExchangeAlert, ExchangeDone, Facts, Progress, UnsavedBundle } from './ui';
import { useBundleWriter } from './useBundleWriter';

const EMPTY_BODY = { name: '', address: '', licence: '', validUntil: '', note: '' };

/**
 * 政策下发 (bureau): the lists it sends — designated destruction bodies, forms — and the policy
 * bundle itself: a notice (文号), and the parts chosen; the catalogue is the bureau's own 事项一览表
 * (定密 → 事项一览表). Written and recorded like a unit's export, in the bureau's own chain.
 */
export function PolicyPanel({ services, overview, onChanged, onKeys }: { services: ExchangeServices; overview: ExchangeOverview; onChanged: () => void; onKeys: () => void }) {
  const t = useT();
  const may = overview.may.export;
  const [body, setBody] = useState(EMPTY_BODY);
  const [form, setForm] = useState({ title: '', text: '' });
  const [notice, setNotice] = useState({ issue: '', note: '' });
  const [parts, setParts] = useState({ catalogue: true, destructionBodies: true, forms: true });
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const writer = useBundleWriter(services, onChanged);

  async function edit(work: () => Promise<Result<unknown>>, reset: () => void) {
    setBusy(true);
    setRefusal(null);
    const r = await work();
    setBusy(false);
    if (!r.ok) return setRefusal(r.error);
    reset();
    onChanged();
  }

  function addBody(e: FormEvent) {
    e.preventDefault();
    const entry: DestructionBody = { id: crypto.randomUUID(), ...body };
    void edit(() => services.bureau.saveDestructionBody(entry), () => setBody(EMPTY_BODY));
  }

  function addForm(e: FormEvent) {
    e.preventDefault();
    void edit(() => services.bureau.saveForm({ id: crypto.randomUUID(), ...form }), () => setForm({ title: '', text: '' }));
  }

  return (
    <section aria-labelledby="ex-policy-title">
      <h2 id="ex-policy-title">{t('ex.policyOut.heading')}</h2>
      <p className="note">{t('ex.policyOut.intro')}</p>

      <h3>{t('ex.policy.bodiesHeading')}</h3>
      {overview.destructionBodies.length === 0 ? (
        <p className="note">{t('ex.policyOut.bodiesNone')}</p>
      ) : (
        <BodiesTable bodies={overview.destructionBodies} onRemove={may ? (id) => void edit(() => services.bureau.removeItem('destruction-body', id), () => undefined) : undefined} />
      )}
      {may && (
        <form className="form-grid ex-inline-form" onSubmit={addBody}>
          <TextField label={t('ex.body.name')} value={body.name} onChange={(v) => setBody((b) => ({ ...b, name: v }))} disabled={busy} />
          <TextField label={t('ex.body.address')} value={body.address} onChange={(v) => setBody((b) => ({ ...b, address: v }))} disabled={busy} />
          <TextField label={t('ex.body.licence')} value={body.licence} onChange={(v) => setBody((b) => ({ ...b, licence: v }))} disabled={busy} />
          <TextField label={t('ex.body.validUntil')} hint={t('ex.body.validUntilHint')} type="date" value={body.validUntil} onChange={(v) => setBody((b) => ({ ...b, validUntil: v }))} disabled={busy} />
          <TextField label={t('ex.body.note')} value={body.note} onChange={(v) => setBody((b) => ({ ...b, note: v }))} disabled={busy} />
          <div className="actions">
            <button type="submit" className="button-secondary" disabled={busy}>
              {t('ex.body.add')}
            </button>
          </div>
        </form>
      )}

      <h3>{t('ex.policy.formsHeading')}</h3>
      {overview.forms.length === 0 ? (
        <p className="note">{t('ex.policyOut.formsNone')}</p>
      ) : (
        <ul className="ex-list">
          {overview.forms.map((f) => (
            <li key={f.id}>
              {f.title}{' '}
              {may && (
                <button type="button" className="button-link" onClick={() => void edit(() => services.bureau.removeItem('form', f.id), () => undefined)} aria-label={t('ex.form.removeNamed', { title: f.title })}>
                  {t('ex.body.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {may && (
        <form className="form-grid ex-inline-form" onSubmit={addForm}>
          <TextField label={t('ex.form.title')} value={form.title} onChange={(v) => setForm((f) => ({ ...f, title: v }))} disabled={busy} />
          <div className="field">
            <label htmlFor="ex-form-text">{t('ex.form.text')}</label>
            <textarea id="ex-form-text" rows={5} value={form.text} spellCheck={false} onChange={(e) => setForm((f) => ({ ...f, text: e.target.value }))} disabled={busy} />
          </div>
          <div className="actions">
            <button type="submit" className="button-secondary" disabled={busy}>
              {t('ex.form.add')}
            </button>
          </div>
        </form>
      )}
      <ExchangeAlert refusal={refusal} />

      <h3>{t('ex.policyOut.writeHeading')}</h3>
      {!overview.key ? (
        <>
          <p className="note note-important">{t('ex.policyOut.needKey')}</p>
          <button type="button" className="button-primary" onClick={onKeys}>
            {t('ex.export.toKeys')}
          </button>
        </>
      ) : may ? (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void writer.write(() => services.bureau.preparePolicy({ ...notice, ...parts }));
          }}
        >
          <Facts items={[[t('ex.export.next'), String((overview.outgoing?.sequence ?? 0) + 1)]]} />
          <TextField label={t('ex.policyOut.issue')} hint={t('ex.policyOut.issueHint')} value={notice.issue} onChange={(v) => setNotice((n) => ({ ...n, issue: v }))} disabled={writer.state.busy} />
          <TextField label={t('ex.policyOut.note')} value={notice.note} onChange={(v) => setNotice((n) => ({ ...n, note: v }))} disabled={writer.state.busy} />
          <fieldset className="checkbox-group">
            <legend>{t('ex.policyOut.parts')}</legend>
            <CheckboxField label={t('ex.policyOut.partCatalogue')} checked={parts.catalogue} onChange={(v) => setParts((p) => ({ ...p, catalogue: v }))} />
            <CheckboxField label={t('ex.policyOut.partBodies')} checked={parts.destructionBodies} onChange={(v) => setParts((p) => ({ ...p, destructionBodies: v }))} />
            <CheckboxField label={t('ex.policyOut.partForms')} checked={parts.forms} onChange={(v) => setParts((p) => ({ ...p, forms: v }))} />
          </fieldset>
          <p className="note">{t('ex.policyOut.partsNote')}</p>
          <div className="actions">
            <button type="submit" className="button-primary" disabled={writer.state.busy}>
              {t('ex.policyOut.write')}
            </button>
          </div>
        </form>
      ) : (
        <p className="note">{t('ex.export.askClerk')}</p>
      )}
      {writer.state.progress && <Progress label={t('ex.progress.label')} done={writer.state.progress.done} total={writer.state.progress.total} text={writer.state.progress.text} />}
      <ExchangeAlert refusal={writer.state.refusal} />
      {writer.state.cancelled && <p className="note">{t('ex.export.cancelled')}</p>}
      {writer.state.unsaved && <UnsavedBundle n={writer.state.unsaved.entry.sequence} busy={writer.state.busy} onSave={() => void writer.saveAgain()} />}
      {writer.state.written && (
        <ExchangeDone>
          <p>{t('ex.policyOut.done', { n: writer.state.written.entry.sequence, path: writer.state.written.finalPath })}</p>
          <p>{countsText(writer.state.written.entry.counts, t)}</p>
          <button type="button" className="button-secondary" disabled={!writer.canPrint} onClick={() => writer.state.written && writer.printReceipt(writer.state.written.entry)}>
            {t('ex.receipt.print')}
          </button>
        </ExchangeDone>
      )}
    </section>
  );
}
