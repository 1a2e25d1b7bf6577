import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CarrierState } from '../../../shared/ledger/carrier';
import type { Person } from '../../../shared/ledger/people';
import type { Refusal } from '../../../shared/result';
import type { ApprovalDoc } from '../../db/ledgerAccess';
import { addToIndex, type SearchIndex } from './ledgerSearch';
import type { LedgerServices } from './ledgerServices';

export interface LedgerData {
  people: Person[];
  peopleById: ReadonlyMap<string, Person>;
  /** Every carrier once `complete`; before that, the first page (newest first). */
  carriers: CarrierState[];
  /**
   * How many carriers the ledger holds: null until counted. The count runs after the first page
   * is on screen (counting 100,000 rows is slower than the page itself: docs/performance.md).
   */
  total: number | null;
  /** How many carriers are read so far. */
  loaded: number;
  /** Every carrier is read and in the search index: filters, search and counts are over the whole ledger. */
  complete: boolean;
  searchIndex: SearchIndex;
  approvals: ApprovalDoc[];
  /** Nothing to show yet (before the first page). */
  loading: boolean;
  refusal: Refusal | null;
  reload(): Promise<void>;
}

/** The rows of the table's first screen, and then some. */
export const FIRST_PAGE = 50;
/** Carriers decrypted per step while the rest of the ledger is read (docs/performance.md). */
export const PAGE_SIZE = 2000;

/**
 * The ledger as the screens show it. When the module opens, the first page comes first (the
 * newest carriers, decrypting only those), then every carrier is read and decrypted in pages,
 * each page yielding to the screen and going into the in-memory search index. A reload after a
 * change reads everything again and keeps showing the previous ledger meanwhile; it resolves once
 * the whole ledger is current. Unmounting on lock drops it with the keys and stops the reading.
 */
export function useLedgerData(services: LedgerServices): LedgerData {
  const [people, setPeople] = useState<Person[]>([]);
  const [carriers, setCarriers] = useState<CarrierState[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(0);
  const [complete, setComplete] = useState(false);
  const [searchIndex, setSearchIndex] = useState<SearchIndex>(() => new WeakMap());
  const [approvals, setApprovals] = useState<ApprovalDoc[]>([]);
  const [loading, setLoading] = useState(true);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const generation = useRef(0);
  const stop = useRef<AbortController | null>(null);
  const hasAll = useRef(false);
  const latest = useRef<{ generation: number; done: Promise<void> }>({ generation: 0, done: Promise.resolve() });

  const reload = useCallback((): Promise<void> => {
    // A reload overtaken by a newer one resolves with the newer one, so that whoever awaits a
    // reload after a change sees the ledger as it is after that change.
    const run = async (mine: number): Promise<void> => {
      stop.current?.abort();
      const abort = new AbortController();
      stop.current = abort;
      const current = () => generation.current === mine;
      // Overtaken by a newer reload: wait for that one. Unmounted: nothing more to wait for.
      const newer = () => (latest.current.generation !== mine ? latest.current.done : undefined);
      const first = !hasAll.current;
      if (first) {
        // Only what the first screen shows: its rows and the people's names. The approvals (the
        // glance and the 审批 tab wait for the whole ledger anyway) and the count come after.
        const [p, page] = await Promise.all([services.people.list(), services.listing.firstPage(FIRST_PAGE)]);
        if (!current()) return newer();
        const failed = [p, page].find((r) => !r.ok);
        setRefusal(failed && !failed.ok ? failed.error : null);
        if (p.ok) setPeople(p.value);
        if (page.ok) {
          setCarriers(page.value.carriers);
          setLoaded(page.value.carriers.length);
        }
        setLoading(false);
        if (failed) return;
        void services.listing.count().then((n) => {
          if (n.ok && current() && !hasAll.current) setTotal(n.value);
        });
      }
      const index: SearchIndex = new WeakMap();
      const [p, all, a] = await Promise.all([
        first ? null : services.people.list(),
        services.listing.all({
          pageSize: PAGE_SIZE,
          signal: abort.signal,
          onPage: async (page, done) => {
            addToIndex(index, page);
            if (!hasAll.current && current()) setLoaded(done);
            // Let the screen paint and take input between pages.
            await new Promise((r) => setTimeout(r, 0));
          },
        }),
        services.approvals.list(),
      ]);
      if (!current()) return newer();
      const failed = [p, all, a].find((r) => r && !r.ok);
      setRefusal(failed && !failed.ok ? failed.error : null);
      if (p?.ok) setPeople(p.value);
      if (a?.ok) setApprovals(a.value);
      if (all.ok) {
        hasAll.current = true;
        setCarriers(all.value);
        setSearchIndex(index);
        setTotal(all.value.length);
        setLoaded(all.value.length);
        setComplete(true);
      }
      setLoading(false);
    };
    const mine = ++generation.current;
    const done = run(mine);
    latest.current = { generation: mine, done };
    return done;
  }, [services]);

  useEffect(() => {
    void reload();
    return () => {
      generation.current++;
      stop.current?.abort();
    };
  }, [reload]);

  const peopleById = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);
  return { people, peopleById, carriers, total, loaded, complete, searchIndex, approvals, loading, refusal, reload };
}
