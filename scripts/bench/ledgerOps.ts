import type { CarrierState } from '../../shared/ledger/carrier';
import { filterCarriers } from '../../renderer/features/ledger/LedgerTable';
import { addToIndex, type SearchIndex } from '../../renderer/features/ledger/ledgerSearch';
import type { LedgerServices } from '../../renderer/features/ledger/ledgerServices';
import { FIRST_PAGE, PAGE_SIZE } from '../../renderer/features/ledger/useLedgerData';

/**
 * What the bench asks of the ledger page, done the way the page does it: useLedgerData's first
 * page (CarrierListing.firstPage), then the whole ledger read in pages into the search index in
 * the background, and LedgerTable's filterCarriers over it.
 */
export interface LedgerView {
  firstPage(): CarrierState[];
  total(): number;
  /** Resolves when every carrier is read and indexed (the page's `complete`). */
  ready(): Promise<void>;
  search(query: string): number;
  filter(f: Partial<Filters>): number;
  close(): void;
}

type Filters = Parameters<typeof filterCarriers>[1];
const NO_FILTER: Filters = { level: 'all', kind: 'all', status: 'all', custodian: 'all', query: '' };
/** LedgerTable's VirtualList shows 480 px of 40 px rows. */
const SCREEN_ROWS = 12;

export async function openLedgerView(services: LedgerServices, today: string): Promise<LedgerView> {
  // As useLedgerData: the first screen needs only its rows and the people; the count and the
  // approvals come after it, with the background reading.
  const [p, first] = await Promise.all([services.people.list(), services.listing.firstPage(FIRST_PAGE)]);
  if (!p.ok || !first.ok) throw new Error('ledger load refused');
  let total = 0;
  const counted = services.listing.count().then((r) => {
    if (r.ok) total = r.value;
  });
  const approvals = services.approvals.list();
  const screen = first.value.carriers.slice(0, SCREEN_ROWS);
  const abort = new AbortController();
  const index: SearchIndex = new WeakMap();
  let all: CarrierState[] = [];
  const background = services.listing
    .all({
      pageSize: PAGE_SIZE,
      signal: abort.signal,
      onPage: async (page) => {
        addToIndex(index, page);
        await new Promise((r) => setTimeout(r, 0));
      },
    })
    .then(async (r) => {
      if (r.ok) all = r.value;
      await Promise.all([counted, approvals]);
    });
  return {
    firstPage: () => screen,
    /** 0 until counted (the count runs after the first page, as in the app). */
    total: () => total,
    ready: () => background,
    search: (query) => filterCarriers(all, { ...NO_FILTER, query }, today, index).length,
    filter: (f) => filterCarriers(all, { ...NO_FILTER, ...f }, today, index).length,
    close: () => abort.abort(),
  };
}
