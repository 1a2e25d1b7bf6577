import type { CarrierState } from '../../../shared/ledger/carrier';
import type { Person } from '../../../shared/ledger/people';
import type { Refusal } from '../../../shared/result';
import type { ApprovalDoc } from '../../db/ledgerAccess';
import type { LedgerChange } from '../../db/ledgerChanges';
import { addToIndex, type SearchIndex } from './ledgerSearch';
import { insertSorted, ledgerOrder, type LedgerDelta } from './ledgerSort';
import type { LedgerServices } from './ledgerServices';

/** The rows of the table's first screen, and then some. */
export const FIRST_PAGE = 50;
/** Carriers decrypted per step while the rest of the ledger is read (docs/performance.md). */
export const PAGE_SIZE = 2000;

/** The ledger as the screens show it at one moment (LedgerData without the derived parts). */
export interface LedgerSnapshot {
  people: Person[];
  /** Every carrier once `complete`, in the ledger's order (newest first); before that, the first page. */
  carriers: CarrierState[];
  /** How many carriers the ledger holds: null until counted (after the first page is on screen). */
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
  /** How the last merge made `carriers` from the list before it; null after a whole read. */
  delta: LedgerDelta | null;
}

/** What the memory has done, for tests and the bench: whole reads versus merges of named carriers. */
export interface LedgerMemoryStats {
  fullReads: number;
  merges: number;
  /** Carriers read by id and merged, over all merges. */
  merged: number;
}

type Sources = Pick<LedgerServices, 'people' | 'listing' | 'approvals'>;

export interface LedgerMemoryOptions {
  firstPage?: number;
  pageSize?: number;
  /** Between pages of the whole read: lets the screen paint and take input. */
  pause?: () => Promise<void>;
}

const EMPTY: LedgerSnapshot = { people: [], carriers: [], total: null, loaded: 0, complete: false, searchIndex: new WeakMap(), approvals: [], loading: true, refusal: null, delta: null };

/**
 * The ledger page's in-memory ledger at 100,000 carriers (docs/performance.md, docs/decisions.md
 * "Ledger in memory"). `start` shows the first page (the newest carriers, decrypting only those),
 * then reads and decrypts every carrier in pages into the search index. After that, a change does
 * not read the ledger again: every committed write to the carriers — the ledger's own actions and
 * other modules' (destruction, determinations, recall, import) — is told by `listing.watch`
 * (renderer/db/ledgerChanges.ts) with the ids it wrote; only those carriers are read by primary key,
 * decrypted and merged into the list at their place in the ledger's order, and into the search
 * index. A change that cannot name its carriers (a big import) reads the whole ledger again in the
 * background, the old list on screen meanwhile. Approvals are merged by their ids alike; the people
 * (a small table) are listed again when they change. Every step runs one after the other, so a
 * step never works on a stale list.
 */
export class LedgerMemory {
  private snap: LedgerSnapshot = { ...EMPTY, searchIndex: new WeakMap() };
  private readonly listeners = new Set<() => void>();
  private tail: Promise<void> = Promise.resolve();
  private pending: Set<string> | 'all' = new Set();
  private peopleStale = false;
  private approvalsPending: Set<string> | 'all' = new Set();
  private hasAll = false;
  /** Bumped by stop(): the steps of an earlier run do nothing more. */
  private run = 0;
  private reading: AbortController | null = null;
  private unwatch: (() => void) | null = null;
  readonly stats: LedgerMemoryStats = { fullReads: 0, merges: 0, merged: 0 };

  constructor(
    private readonly services: Sources,
    private readonly options: LedgerMemoryOptions = {},
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): LedgerSnapshot => this.snap;

  /** Starts watching for changes and reads the whole ledger (first page first). Resolves once it is read. */
  start(): Promise<void> {
    this.stop();
    const run = ++this.run;
    this.unwatch = this.services.listing.watch((change) => this.changed(run, change));
    this.pending = 'all';
    return this.schedule();
  }

  /** Stops watching and reading (unmount, lock): nothing more is decrypted into this memory. */
  stop(): void {
    this.run++;
    this.unwatch?.();
    this.unwatch = null;
    this.reading?.abort();
    this.reading = null;
  }

  /**
   * Resolves once every change committed before the call is in memory. A screen that awaits a
   * write and then this sees the ledger as it is after the write: the write's notification is taken
   * before the awaiting code resumes (ledgerChanges.ts).
   */
  readonly refresh = (): Promise<void> => this.schedule();

  private changed(run: number, change: LedgerChange): void {
    if (run !== this.run) return;
    if (change.carriers === 'all') this.pending = 'all';
    else if (change.carriers && this.pending !== 'all') for (const id of change.carriers) this.pending.add(id);
    if (change.people) this.peopleStale = true;
    if (change.approvals === 'all') this.approvalsPending = 'all';
    else if (change.approvals && this.approvalsPending !== 'all') for (const id of change.approvals) this.approvalsPending.add(id);
    // A whole read in progress is out of date: stop it, the next step starts it over.
    if (this.pending === 'all') this.reading?.abort();
    void this.schedule();
  }

  private schedule(): Promise<void> {
    const run = this.run;
    const next = this.tail.then(() => this.step(run));
    this.tail = next.catch((e: unknown) => console.error('ledger update failed', e));
    return next;
  }

  private set(patch: Partial<LedgerSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  private async step(run: number): Promise<void> {
    if (run !== this.run) return;
    const pending = this.pending;
    const people = this.peopleStale;
    const approvals = this.approvalsPending;
    this.pending = new Set();
    this.peopleStale = false;
    this.approvalsPending = new Set();
    // Before the whole ledger is read there is no list to merge into: read it all.
    if (pending === 'all' || ((pending.size > 0 || approvals === 'all' || approvals.size > 0) && !this.hasAll)) return this.readAll(run);
    await Promise.all([
      pending.size > 0 ? this.merge(run, [...pending]) : null,
      people ? this.loadPeople(run) : null,
      approvals === 'all' ? this.loadApprovals(run) : approvals.size > 0 ? this.mergeApprovals(run, [...approvals]) : null,
    ]);
  }

  private async loadPeople(run: number): Promise<void> {
    const p = await this.services.people.list();
    if (run !== this.run) return;
    if (p.ok) this.set({ people: p.value });
    else this.set({ refusal: p.error });
  }

  private async loadApprovals(run: number): Promise<void> {
    const a = await this.services.approvals.list();
    if (run !== this.run) return;
    if (a.ok) this.set({ approvals: a.value });
    else this.set({ refusal: a.error });
  }

  /** Reads the named approvals by primary key and puts them in their place (newest request first). */
  private async mergeApprovals(run: number, ids: string[]): Promise<void> {
    const r = await this.services.approvals.byIds(ids);
    if (run !== this.run) return;
    if (!r.ok) {
      this.set({ refusal: r.error });
      return;
    }
    const drop = new Set([...ids]);
    const kept = this.snap.approvals.filter((a) => !drop.has(a.id));
    this.set({ approvals: insertSorted(kept, r.value.approvals, [], approvalOrder) });
  }

  /** Reads the named carriers by primary key and puts them in their place; drops the ones gone. */
  private async merge(run: number, ids: string[]): Promise<void> {
    const r = await this.services.listing.byIds(ids);
    if (run !== this.run) return;
    if (!r.ok) {
      this.set({ refusal: r.error });
      return;
    }
    this.stats.merges++;
    this.stats.merged += r.value.carriers.length;
    const { carriers, delta } = mergeCarriers(this.snap.carriers, r.value.carriers, r.value.missing);
    // The index is keyed by the carrier objects: the replaced ones simply fall out of use.
    addToIndex(this.snap.searchIndex, r.value.carriers);
    this.set({ carriers, delta, total: carriers.length, loaded: carriers.length, refusal: null });
  }

  /**
   * The whole ledger: the first page first when nothing is shown yet, then every carrier in
   * pages into a new search index, with the people and the approvals. The previous ledger stays
   * on screen until the new one is complete.
   */
  private async readAll(run: number): Promise<void> {
    this.stats.fullReads++;
    const abort = new AbortController();
    this.reading = abort;
    const live = () => run === this.run && !abort.signal.aborted;
    const first = !this.hasAll;
    if (first) {
      // Only what the first screen shows: its rows and the people's names. The approvals (the
      // glance and the 审批 tab wait for the whole ledger anyway) and the count come after.
      const [p, page] = await Promise.all([this.services.people.list(), this.services.listing.firstPage(this.options.firstPage ?? FIRST_PAGE)]);
      if (!live()) return;
      const failed = [p, page].find((r) => !r.ok);
      this.set({
        refusal: failed && !failed.ok ? failed.error : null,
        ...(p.ok ? { people: p.value } : {}),
        ...(page.ok ? { carriers: page.value.carriers, delta: null, loaded: page.value.carriers.length } : {}),
        loading: false,
      });
      if (failed) return;
      void this.services.listing.count().then((n) => {
        if (n.ok && live() && !this.hasAll) this.set({ total: n.value });
      });
    }
    const index: SearchIndex = new WeakMap();
    const pause = this.options.pause ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
    const [p, all, a] = await Promise.all([
      first ? null : this.services.people.list(),
      this.services.listing.all({
        pageSize: this.options.pageSize ?? PAGE_SIZE,
        signal: abort.signal,
        onPage: async (page, done) => {
          addToIndex(index, page);
          if (!this.hasAll && live()) this.set({ loaded: done });
          await pause();
        },
      }),
      this.services.approvals.list(),
    ]);
    if (!live()) return;
    if (this.reading === abort) this.reading = null;
    const failed = [p, all, a].find((r) => r && !r.ok);
    const patch: Partial<LedgerSnapshot> = { refusal: failed && !failed.ok ? failed.error : null, loading: false };
    if (p?.ok) patch.people = p.value;
    if (a.ok) patch.approvals = a.value;
    if (all.ok) {
      this.hasAll = true;
      Object.assign(patch, { carriers: all.value, delta: null, searchIndex: index, total: all.value.length, loaded: all.value.length, complete: true });
    }
    this.set(patch);
  }
}

/**
 * `list` (in the ledger's order) with `changed` put in their place — replacing the carriers of the
 * same id — and the ids in `gone` left out, and the delta that says so (for the table's sorted
 * view, ledgerSort.ts patchSorted). The order is the one a whole read gives (ledgerOrder). One pass
 * over the list, then a binary search per changed carrier (an imported ledger shares one
 * registration time, where every comparison is a collator call): O(n + k log n).
 */
export function mergeCarriers(list: readonly CarrierState[], changed: readonly CarrierState[], gone: readonly string[] = []): { carriers: CarrierState[]; delta: LedgerDelta } {
  const ids = new Set<string>(gone);
  for (const c of changed) ids.add(c.id);
  const removed = list.filter((c) => ids.has(c.id));
  return { carriers: insertSorted(list, changed, removed, ledgerOrder()), delta: { from: list, added: changed, removed } };
}

/** ApprovalsRepo.list's order: newest request first; the id (the order rows are read in) where equal. */
export function approvalOrder(a: ApprovalDoc, b: ApprovalDoc): number {
  return b.requestedAt.localeCompare(a.requestedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
