import type { CarrierKind, CarrierState, CarrierStatus } from '../../../shared/ledger/carrier';
import type { Level } from '../../../shared/ledger/classification';
import type { LedgerSort } from '../../../shared/ledger/ledgerView';
import type { Person } from '../../../shared/ledger/people';
import type { PrintDocument } from '../../../shared/print/document';
import { ledgerDocument } from '../../../shared/print/ledgerDocument';
import { localDate } from '../../db/ledgerAccess';

/** The ledger screen's filters as it keeps them ('all' = not narrowed). */
export interface LedgerFilterState {
  level: 'all' | Level;
  kind: 'all' | CarrierKind;
  status: 'all' | CarrierStatus | 'overdue' | 'pending';
  custodian: string;
  query: string;
  department?: string;
  place?: string;
  registeredFrom?: string;
  registeredTo?: string;
  dueBy?: string;
}

/**
 * The printout of the ledger table as shown: the rows after filtering, with the filter written on
 * the paper in Chinese and the custodians by name. Opened with usePrint()?.printTable(...).
 */
export function ledgerPrintout(rows: readonly CarrierState[], total: number, f: LedgerFilterState, people: ReadonlyMap<string, Person>, unitName: string, sort: LedgerSort = null): PrintDocument {
  const name = (id: string) => people.get(id)?.name ?? '?';
  return ledgerDocument({
    carriers: rows,
    total,
    criteria: {
      level: f.level === 'all' ? undefined : f.level,
      kind: f.kind === 'all' ? undefined : f.kind,
      status: f.status === 'all' ? undefined : f.status,
      custodian: f.custodian === 'all' ? undefined : name(f.custodian),
      query: f.query,
      department: f.department && f.department !== 'all' ? f.department : undefined,
      place: f.place && f.place !== 'all' ? f.place : undefined,
      registeredFrom: f.registeredFrom || undefined,
      registeredTo: f.registeredTo || undefined,
      dueBy: f.dueBy || undefined,
      sort,
    },
    unitName,
    date: localDate(new Date()),
    custodianName: (c) => (c.custodian.kind === 'person' ? name(c.custodian.personId) : c.custodian.name),
  });
}
