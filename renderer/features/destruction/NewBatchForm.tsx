import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CarrierState } from '../../../shared/ledger/carrier';
import { marking } from '../../../shared/ledger/classification';
import type { Refusal } from '../../../shared/result';
import { CANDIDATE_PAGE, type Candidate } from '../../db/destruction.repo';
import { useT } from '../../i18n';
import { CheckboxField } from '../../ui/CheckboxField';
import { TextField } from '../../ui/TextField';
import { useSubmit } from '../../ui/useSubmit';
import { TextAreaField } from '../ledger/fields';
import { kindLabel, levelLabel, statusLabel } from '../ledger/ledgerText';
import { describeDestructionRefusal } from './destructionText';
import type { DestructionServices } from './destructionServices';
import { DstAlert, DstTable } from './dstUi';

/** A search waits this long after the last key before it looks through the ledger. */
const SEARCH_DELAY_MS = 300;

interface Listing {
  items: Candidate[];
  next: number | null;
  total: number;
  scanned: number;
  query: string;
}

/**
 * 申请销毁: choose the carriers — from the queue of scrapped, erased devices or from the ledger, a
 * page at a time (newest registration first) or by search —, give the reason, and request. Every
 * carrier shows whether it may be destroyed and, if not, why (on loan, out, under repair, a pending
 * approval, another batch, a device not yet erased). A carrier that may not is still selectable:
 * the rules then refuse the request and say which one and what to do, and nothing is written.
 * Only the rows shown are decrypted (DestructionRepo.candidates), so the form opens as fast at
 * 100,000 carriers as at 10.
 */
export function NewBatchForm({ services, onRequested }: { services: DestructionServices; onRequested: (batchId: string) => void }) {
  const t = useT();
  const [queue, setQueue] = useState<Candidate[] | null>(null);
  const [listing, setListing] = useState<Listing | null>(null);
  const [loading, setLoading] = useState(true);
  const [progress, setProgress] = useState<{ scanned: number; total: number } | null>(null);
  const [loadRefusal, setLoadRefusal] = useState<Refusal | null>(null);
  /** What is chosen, by id, with the carrier (it may no longer be on the page shown). */
  const [chosen, setChosen] = useState<ReadonlyMap<string, CarrierState>>(new Map());
  const [query, setQuery] = useState('');
  const [reason, setReason] = useState('');
  const [followed, setFollowed] = useState<string[]>([]);
  const { busy, refusal, run } = useSubmit();
  /** The read in flight; a newer search or page stops it. */
  const reading = useRef<AbortController | null>(null);

  const read = useCallback(
    async (q: string, from: number, previous: Candidate[]) => {
      reading.current?.abort();
      const controller = new AbortController();
      reading.current = controller;
      setLoading(true);
      setProgress(null);
      const r = await services.destruction.candidates({ query: q, from, limit: CANDIDATE_PAGE, signal: controller.signal, onProgress: (scanned, total) => setProgress({ scanned, total }) });
      if (controller.signal.aborted) return;
      setLoading(false);
      if (!r.ok) {
        setLoadRefusal(r.error);
        return;
      }
      setListing({ items: [...previous, ...r.value.candidates], next: r.value.next, total: r.value.total, scanned: r.value.scanned, query: q });
    },
    [services],
  );

  useEffect(() => {
    void services.destruction.queue().then((r) => {
      if (r.ok) setQueue(r.value);
      else setLoadRefusal(r.error);
    });
    return () => reading.current?.abort();
  }, [services]);

  // The first page at once; a search after a pause in typing.
  const q = query.trim();
  useEffect(() => {
    const timer = setTimeout(() => void read(q, 0, []), q ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [q, read]);

  const byId = useMemo(() => {
    const m = new Map<string, CarrierState>(chosen);
    for (const c of [...(queue ?? []), ...(listing?.items ?? [])]) {
      m.set(c.carrier.id, c.carrier);
      for (const d of c.disks) m.set(d.id, d);
    }
    return m;
  }, [queue, listing, chosen]);

  /** Choosing a computer chooses the disks registered under it too (they follow it into the batch). */
  function toggle(c: Candidate, on: boolean) {
    if (!on) {
      setChosen((m) => new Map([...m].filter(([id]) => id !== c.carrier.id)));
      setFollowed((numbers) => numbers.filter((n) => n !== c.carrier.registryNumber));
      return;
    }
    setChosen((m) => new Map([...m, [c.carrier.id, c.carrier], ...c.disks.map((d) => [d.id, d] as const)]));
    if (c.disks.length > 0) setFollowed(c.disks.map((d) => d.registryNumber));
  }

  if (loadRefusal) return <DstAlert refusal={loadRefusal} />;
  if (!queue || !listing) {
    return (
      <p role="status" className="working">
        {t('dst.loading')}
      </p>
    );
  }

  const row = (c: Candidate) => (
    <tr key={c.carrier.id} className={c.refusal ? 'row-muted' : undefined}>
      <td>
        <CheckboxField label={c.carrier.registryNumber} checked={chosen.has(c.carrier.id)} onChange={(on) => toggle(c, on)} disabled={busy} />
      </td>
      <td>{c.carrier.title}</td>
      <td className="nowrap">{kindLabel(c.carrier.kind, t)}</td>
      <td className="nowrap">{marking(c.carrier.level, c.carrier.period) || levelLabel(c.carrier.level, t)}</td>
      <td>{statusLabel(c.carrier.status, t)}</td>
      <td className="dst-eligibility">{c.refusal ? describeDestructionRefusal(c.refusal, t, byId) : t('dst.new.eligible')}</td>
    </tr>
  );
  const columns = [t('dst.col.registryNumber'), t('dst.col.title'), t('dst.col.kind'), t('dst.col.marking'), t('dst.col.carrierStatus'), t('dst.col.eligibility')];
  const counts = { shown: listing.items.length, total: listing.total, scanned: listing.scanned, chosen: chosen.size };
  const summary = loading && progress && q ? t('dst.new.searching', progress) : !listing.query ? t('dst.new.page', counts) : listing.next === null ? t('dst.new.searchedAll', counts) : t('dst.new.searched', counts);

  return (
    <form
      className="dst-new"
      aria-label={t('dst.new.heading')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => services.destruction.request([...chosen.keys()], reason), (b) => onRequested(b.id));
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
          {summary}
        </p>
        {followed.length > 0 && <p className="note">{t('dst.new.disksFollow', { disks: followed.join(t('list.separator')) })}</p>}
        <DstTable label={t('dst.new.choose')} columns={columns}>
          {listing.items.map(row)}
        </DstTable>
        {listing.next !== null && (
          <div className="actions">
            <button type="button" className="button-secondary" disabled={loading} onClick={() => void read(listing.query, listing.next ?? 0, listing.items)}>
              {loading ? t('dst.new.loadingMore') : t('dst.new.more', { n: CANDIDATE_PAGE })}
            </button>
          </div>
        )}
      </section>
      <TextAreaField label={t('dst.new.reason')} value={reason} onChange={setReason} disabled={busy} />
      <DstAlert refusal={refusal} carriers={byId} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('dst.new.submit', { n: chosen.size })}
        </button>
      </div>
    </form>
  );
}
