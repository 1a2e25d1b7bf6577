import { authorize } from '../../shared/auth/permissions';
import type { CarrierState } from '../../shared/ledger/carrier';
import { ok, refuse, type Result } from '../../shared/result';
import { asRow, carriersTable, withVault, type VaultSource } from './ledgerAccess';
import { watchLedger, type LedgerChange } from './ledgerChanges';
import { readLedgerCounts } from './ledgerTotals';
import type { Vault } from './ledgerStore';
import type { CarrierRow } from './schema';

/**
 * How the ledger page reads the carriers at 100,000 rows (issue 3's speed targets; measured by
 * npm run bench, docs/performance.md). Every row is encrypted, so reading them all means 100,000
 * AES-GCM decryptions: seconds, not the 0.3 s the first page may take. So the page first reads
 * the newest registrations through the plain `registeredAt` index and decrypts only those
 * (`firstPage`), and then reads the rest page by page (`all`), handing over each page as it is
 * decrypted so the screen stays responsive while the in-memory title index is built.
 */
export interface CarrierPage {
  carriers: CarrierState[];
  /**
   * False when the newest registration time is shared by more rows than are decrypted for the
   * first page (an imported ledger: every row registered at one time): the page then holds the
   * newest rows but not necessarily the highest registry numbers of that import, and the whole
   * list, once read, puts them in their exact order.
   */
  exact: boolean;
}

/**
 * At most this many rows sharing the newest registration time are decrypted for the first page.
 * A batch of copies is far smaller; a whole imported ledger (one time for every row) is not, and
 * decrypting all of it would put the first page back at seconds.
 */
export const FIRST_PAGE_TIES = 500;

/** The ledger's order: newest registration first; within a batch (one time), the highest registry number first. */
export function newestFirst(): (a: CarrierState, b: CarrierState) => number {
  const byNumber = new Intl.Collator('zh-CN', { numeric: true });
  // ISO times of one format compare correctly as strings; only ties need the collator.
  return (a, b) => (a.registeredAt < b.registeredAt ? 1 : a.registeredAt > b.registeredAt ? -1 : byNumber.compare(b.registryNumber, a.registryNumber));
}

export class CarrierListing {
  constructor(
    private readonly source: VaultSource,
    private readonly options: { tieLimit?: number } = {},
  ) {}

  /**
   * The first `n` carriers in the ledger's order, decrypting about `n` rows: the newest by the
   * plain `registeredAt` index, plus the rows sharing the last one's time (a batch), so the order
   * within a batch is the same as in the whole list (up to FIRST_PAGE_TIES of them: `exact`).
   * It does not count the table: Chromium's IndexedDB counts by walking the index, which at
   * 100,000 rows costs more than the page itself (docs/performance.md). `count()` does, later.
   */
  firstPage(n: number): Promise<Result<CarrierPage>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      const newest = await v.db.carriers.orderBy('registeredAt').reverse().limit(n).toArray();
      const last = newest[newest.length - 1];
      const limit = Math.max(this.options.tieLimit ?? FIRST_PAGE_TIES, n);
      const ties = last ? await v.db.carriers.where('registeredAt').equals(last.registeredAt).limit(limit + 1).toArray() : [];
      const exact = ties.length <= limit;
      const rows = new Map<string, CarrierRow>();
      for (const r of [...newest, ...ties.slice(0, limit)]) rows.set(r.id, r);
      const states = await decrypt(v, [...rows.values()]);
      return ok({ carriers: states.sort(newestFirst()).slice(0, n), exact });
    });
  }

  /**
   * The carriers with these ids, read by primary key and decrypted — nothing else is read. `missing`
   * holds the ids no longer in the ledger. What the page merges after a change (ledgerChanges.ts).
   */
  byIds(ids: readonly string[]): Promise<Result<{ carriers: CarrierState[]; missing: string[] }>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      const rows = await v.db.carriers.bulkGet([...ids]);
      const found = rows.filter((r): r is CarrierRow => r !== undefined);
      const missing = ids.filter((_, i) => rows[i] === undefined);
      return ok({ carriers: await decrypt(v, found), missing });
    });
  }

  /**
   * Tells `listener` of every committed change to the carriers, people and approvals of the
   * session's database, whoever wrote it (ledgerChanges.ts). Returns the function that stops it;
   * while locked there is nothing to watch.
   */
  watch(listener: (change: LedgerChange) => void): () => void {
    const v = this.source.vault();
    return v.ok ? watchLedger(v.value.db, listener) : () => undefined;
  }

  /**
   * How many carriers the ledger holds: the running counts' total (ledgerTotals.ts), or counted on
   * the plain table where the store does not keep them yet. Nothing decrypted.
   */
  count(): Promise<Result<number>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      return ok((await readLedgerCounts(v.db))?.total ?? (await v.db.carriers.count()));
    });
  }

  /**
   * Every carrier in the ledger's order. Rows are read in pages of `pageSize` by primary key (each
   * page one short read transaction) and decrypted a page at a time; `onPage` sees each page's
   * carriers (unsorted) and may yield to the screen. Stops with NOT_SIGNED_IN once the store
   * locks, so no decryption continues after the keys are dropped; `signal` stops it as well.
   */
  all(options: { pageSize?: number; onPage?: (page: readonly CarrierState[], done: number) => void | Promise<void>; signal?: AbortSignal } = {}): Promise<Result<CarrierState[]>> {
    const pageSize = options.pageSize ?? 2000;
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      const out: CarrierState[] = [];
      let after: string | null = null;
      for (;;) {
        if (options.signal?.aborted) return refuse('NOT_SIGNED_IN');
        const current = this.source.vault();
        if (!current.ok || current.value.cipher !== v.cipher) return refuse('NOT_SIGNED_IN');
        const rows: CarrierRow[] = after === null ? await v.db.carriers.orderBy(':id').limit(pageSize).toArray() : await v.db.carriers.where(':id').above(after).limit(pageSize).toArray();
        const last = rows[rows.length - 1];
        if (!last) break;
        after = last.id;
        const page = await decrypt(v, rows);
        for (const s of page) out.push(s);
        await options.onPage?.(page, out.length);
      }
      return ok(out.sort(newestFirst()));
    });
  }
}

async function decrypt(v: Vault, rows: CarrierRow[]): Promise<CarrierState[]> {
  const docs = await Promise.all(rows.map((r) => carriersTable.fromRow(v.cipher, asRow(r))));
  return docs.map((d) => d.state);
}
