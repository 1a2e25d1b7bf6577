import { useState } from 'react';
import { MIN_ESCORTS } from '../../../shared/destruction/batch';
import { activeNames } from '../../../shared/destruction/lists';
import type { Refusal } from '../../../shared/result';
import type { BatchHistory, ScanInput } from '../../db/destruction.repo';
import { localDate } from '../../db/ledgerAccess';
import { useT } from '../../i18n';
import { CheckboxField } from '../../ui/CheckboxField';
import { TextField } from '../../ui/TextField';
import { useSubmit } from '../../ui/useSubmit';
import { SelectField } from '../ledger/fields';
import type { DestructionServices } from './destructionServices';
import { DstAlert } from './dstUi';
import type { DestructionData } from './useDestructionData';

/**
 * 移交销毁: the approved batch handed to a designated body (from the list), on a day, with two or
 * more escorts (监销人) from the directory, and the certificate number; the scanned certificate can
 * be attached. Recording it closes every carrier of the batch as destroyed.
 */
export function HandoverForm({ history, services, data, onDone }: { history: BatchHistory; services: DestructionServices; data: DestructionData; onDone: () => Promise<void> }) {
  const t = useT();
  const bodies = activeNames(data.lists, 'body');
  const people = data.people.filter((p) => p.status === 'active');
  const [body, setBody] = useState(bodies[0] ?? '');
  const [on, setOn] = useState(localDate(new Date()));
  const [escorts, setEscorts] = useState<string[]>([]);
  const [certificate, setCertificate] = useState('');
  const [scan, setScan] = useState<ScanInput | null>(null);
  const [scanRefusal, setScanRefusal] = useState<Refusal | null>(null);
  const [picking, setPicking] = useState(false);
  const { busy, refusal, run } = useSubmit();
  const b = history.batch.state;
  const carriers = new Map(history.carriers.map((c) => [c.id, c]));

  async function pick() {
    setPicking(true);
    setScanRefusal(null);
    try {
      const r = await services.pickScan();
      if (!r.ok) setScanRefusal(r.error);
      else if (r.value) setScan(r.value);
    } catch (e) {
      setScanRefusal({ code: 'CERTIFICATE_SCAN_UNREADABLE', params: { code: e instanceof Error ? e.message : String(e) } });
    } finally {
      setPicking(false);
    }
  }

  return (
    <form
      className="panel dst-panel"
      aria-label={t('dst.handover.heading')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => services.destruction.handOver(b.id, { body, on, escortIds: escorts, certificateNumber: certificate }, scan, b.version), () => void onDone());
      }}
    >
      <h2>{t('dst.handover.heading')}</h2>
      <p className="muted">{t('dst.handover.intro', { min: MIN_ESCORTS })}</p>
      {bodies.length === 0 ? (
        <p className="note note-important">{t('dst.handover.noBodies')}</p>
      ) : (
        <SelectField label={t('dst.handover.body')} value={body} onChange={setBody} options={bodies.map((n) => ({ value: n, label: n }))} disabled={busy} />
      )}
      <TextField label={t('dst.handover.on')} type="date" value={on} onChange={setOn} disabled={busy} />
      <fieldset className="checkbox-group">
        <legend>{t('dst.handover.escorts', { min: MIN_ESCORTS })}</legend>
        {people.map((p) => (
          <CheckboxField
            key={p.id}
            label={t('dst.person', { name: p.name, department: p.department })}
            checked={escorts.includes(p.id)}
            disabled={busy}
            onChange={(yes) => setEscorts((ids) => (yes ? [...ids, p.id] : ids.filter((x) => x !== p.id)))}
          />
        ))}
      </fieldset>
      <TextField label={t('dst.handover.certificate')} value={certificate} onChange={setCertificate} disabled={busy} />
      <div className="field">
        <span className="dst-label">{t('dst.handover.scan')}</span>
        <p className="muted" role="status">
          {scan ? t('dst.handover.scanChosen', { name: scan.name, kb: Math.ceil(scan.bytes.length / 1024) }) : t('dst.handover.scanNone')}
        </p>
        <div className="actions">
          <button type="button" className="button-secondary" disabled={busy || picking} onClick={() => void pick()}>
            {t('dst.handover.scanPick')}
          </button>
          {scan && (
            <button type="button" className="button-secondary" disabled={busy} onClick={() => setScan(null)}>
              {t('dst.handover.scanRemove')}
            </button>
          )}
        </div>
        <DstAlert refusal={scanRefusal} />
      </div>
      <DstAlert refusal={refusal} carriers={carriers} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('dst.handover.submit', { n: b.carrierIds.length })}
        </button>
      </div>
    </form>
  );
}
