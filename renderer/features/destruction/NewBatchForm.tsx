import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CarrierState } from '../../../shared/ledger/carrier';
import { marking } from '../../../shared/ledger/classification';
import type { Refusal } from '../../../shared/result';
import type { Candidate } from '../../db/destruction.repo';
import { useT } from '../../i18n';
import { CheckboxField } from '../../ui/CheckboxField';
import { TextField } from '../../ui/TextField';
import { useSubmit } from '../../ui/useSubmit';
import { TextAreaField } from '../ledger/fields';
import { kindLabel, levelLabel, statusLabel } from '../ledger/ledgerText';
import { describeDestructionRefusal } from './destructionText';
import type { DestructionServices } from './destructionServices';
import { DstAlert, DstTable } from './dstUi';

/** At most this many rows are drawn; a search narrows the rest down. */
const SHOWN = 200;

/**
 * 申请销毁: choose the carriers — from the queue of scrapped, erased devices or from the whole
 * ledger by search —, give the reason, and request. Every carrier shows whether it may be
 * destroyed and, if not, why (on loan, out, under repair, a pending approval, another batch, a
 * device not yet erased). A carrier that may not is still selectable: the rules then refuse the
 * request and say which one and what to do, and nothing is written.
 */
export function NewBatchForm({ services, onRequested }: { services: DestructionServices; onRequested: (batchId: string) => void }) {
  const t = useT();
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [loadRefusal, setLoadRefusal] = useState<Refusal | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const [reason, setReason] = useState('');
  const [followed, setFollowed] = useState<string[]>([]);
  const { busy, refusal, run } = useSubmit();

  const load = useCallback(async () => {
    const r = await services.destruction.candidates();
    if (r.ok) setCandidates(r.value);
    else setLoadRefusal(r.error);
  }, [services]);
  useEffect(() => {
    void load();
  }, [load]);

  const byId = useMemo(() => new Map((candidates ?? []).map((c) => [c.carrier.id, c.carrier])), [candidates]);
  const queue = (candidates ?? []).filter((c) => c.queued);
  const q = query.trim().toLowerCase();
  const matching = (candidates ?? []).filter((c) => !q || c.carrier.registryNumber.toLowerCase().includes(q) || c.carrier.title.toLowerCase().includes(q));

  /** Choosing a computer chooses the disks registered under it too (they follow it into the batch). */
  function toggle(c: CarrierState, on: boolean) {
    if (!on) {
      setChosen((ids) => ids.filter((id) => id !== c.id));
      setFollowed((numbers) => numbers.filter((n) => n !== c.registryNumber));
      return;
    }
    const disks = c.details.kind === 'computer' ? disksOf(c, candidates ?? []) : [];
    setChosen((ids) => [...new Set([...ids, c.id, ...disks.map((d) => d.id)])]);
    if (disks.length > 0) setFollowed(disks.map((d) => d.registryNumber));
  }

  if (loadRefusal) return <DstAlert refusal={loadRefusal} />;
  if (!candidates) {
    return (
      <p role="status" className="working">
        {t('dst.loading')}
      </p>
    );
  }

  const row = (c: Candidate) => (
    <tr key={c.carrier.id} className={c.refusal ? 'row-muted' : undefined}>
      <td>
        <CheckboxField label={c.carrier.registryNumber} checked={chosen.includes(c.carrier.id)} onChange={(on) => toggle(c.carrier, on)} disabled={busy} />
      </td>
      <td>{c.carrier.title}</td>
      <td className="nowrap">{kindLabel(c.carrier.kind, t)}</td>
      <td className="nowrap">{marking(c.carrier.level, c.carrier.period) || levelLabel(c.carrier.level, t)}</td>
      <td>{statusLabel(c.carrier.status, t)}</td>
      <td className="dst-eligibility">{c.refusal ? describeDestructionRefusal(c.refusal, t, byId) : t('dst.new.eligible')}</td>
    </tr>
  );
  const columns = [t('dst.col.registryNumber'), t('dst.col.title'), t('dst.col.kind'), t('dst.col.marking'), t('dst.col.carrierStatus'), t('dst.col.eligibility')];

  return (
    <form
      className="dst-new"
      aria-label={t('dst.new.heading')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => services.destruction.request(chosen, reason), (b) => onRequested(b.id));
      }}
    >
      <section aria-labelledby="dst-queue">
        <h2 id="dst-queue">{t('dst.queue.heading')}</h2>
        <p className="muted">{t('dst.queue.intro')}</p>
        {queue.length === 0 ? <p className="placeholder-note">{t('dst.queue.none')}</p> : <DstTable label={t('dst.queue.heading')} columns={columns}>{queue.map(row)}</DstTable>}
      </section>
      <section aria-labelledby="dst-choose">
        <h2 id="dst-choose">{t('dst.new.choose')}</h2>
        <TextField label={t('dst.new.search')} value={query} onChange={setQuery} hint={t('dst.new.searchHint')} />
        <p className="muted" role="status">
          {t('dst.new.count', { shown: Math.min(matching.length, SHOWN), total: matching.length, chosen: chosen.length })}
        </p>
        {followed.length > 0 && <p className="note">{t('dst.new.disksFollow', { disks: followed.join(t('list.separator')) })}</p>}
        <DstTable label={t('dst.new.choose')} columns={columns}>
          {matching.slice(0, SHOWN).map(row)}
        </DstTable>
      </section>
      <TextAreaField label={t('dst.new.reason')} value={reason} onChange={setReason} disabled={busy} />
      <DstAlert refusal={refusal} carriers={byId} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('dst.new.submit', { n: chosen.length })}
        </button>
      </div>
    </form>
  );
}

/** The registered disks named on a computer's record (by serial number), still held by the unit. */
function disksOf(computer: CarrierState, all: readonly Candidate[]): CarrierState[] {
  if (computer.details.kind !== 'computer') return [];
  const serials = new Set(computer.details.diskSerials);
  return all.map((c) => c.carrier).filter((c) => c.id !== computer.id && 'serial' in c.details && serials.has(c.details.serial));
}
