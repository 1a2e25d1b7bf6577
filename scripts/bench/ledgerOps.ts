import type { CarrierState } from '../../shared/ledger/carrier';
import { filterCarriers } from '../../renderer/features/ledger/LedgerTable';
import type { LedgerServices } from '../../renderer/features/ledger/ledgerServices';

/** What the bench asks of the ledger page, done the way the page does it (useLedgerData + LedgerTable). */
export interface LedgerView {
  firstPage(): CarrierState[];
  total(): number;
  ready(): Promise<void>;
  search(query: string): number;
  filter(f: Partial<Filters>): number;
  close(): void;
}

type Filters = Parameters<typeof filterCarriers>[1];
const NO_FILTER: Filters = { level: 'all', kind: 'all', status: 'all', custodian: 'all', query: '' };
/** LedgerTable's VirtualList shows 480 px of 40 px rows. */
const PAGE_ROWS = 12;

export async function openLedgerView(services: LedgerServices, today: string): Promise<LedgerView> {
  const [p, c, a] = await Promise.all([services.people.list(), services.carriers.list(), services.approvals.list()]);
  if (!p.ok || !c.ok || !a.ok) throw new Error('ledger load refused');
  const all = c.value;
  const first = filterCarriers(all, NO_FILTER, today).slice(0, PAGE_ROWS);
  return {
    firstPage: () => first,
    total: () => all.length,
    ready: async () => undefined,
    search: (query) => filterCarriers(all, { ...NO_FILTER, query }, today).length,
    filter: (f) => filterCarriers(all, { ...NO_FILTER, ...f }, today).length,
    close: () => undefined,
  };
}
