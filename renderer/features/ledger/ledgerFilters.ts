import type { CarrierState } from '../../../shared/ledger/carrier';
import type { LedgerFilters } from '../../../shared/ledger/ledgerView';
import { isOverdue } from '../../../shared/ledger/transition';
import { normalizeDocNumber } from '../../db/ledgerAccess';
import { matches, type SearchIndex } from './ledgerSearch';
import type { PeopleIndex } from './ledgerText';

/** A local day (YYYY-MM-DD) as the ISO instant of its first or last millisecond, as registeredAt is stored. */
export function dayBound(day: string, end: boolean): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = end ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999) : new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * The table's filters over the loaded ledger, keeping the order of `all`. `index` (ledgerSearch.ts)
 * holds each carrier's folded search text; without it the text is computed per call. `people`
 * gives the custodians' departments (部门 filter); without it that filter matches nothing.
 * Everything per filter change is computed once, so the loop does only comparisons.
 */
export function filterCarriers(all: readonly CarrierState[], f: LedgerFilters, today: string, index?: SearchIndex, people?: PeopleIndex): CarrierState[] {
  const q = f.query.trim().toLowerCase();
  const qDoc = normalizeDocNumber(f.query);
  const place = f.place && f.place !== 'all' ? f.place : null;
  const department = f.department && f.department !== 'all' ? f.department : null;
  const inDepartment = department ? new Set([...(people?.values() ?? [])].filter((p) => p.department === department).map((p) => p.id)) : null;
  const from = f.registeredFrom ? dayBound(f.registeredFrom, false) : null;
  const to = f.registeredTo ? dayBound(f.registeredTo, true) : null;
  const dueBy = f.dueBy || null;
  return all.filter((c) => {
    if (f.level !== 'all' && c.level !== f.level) return false;
    if (f.kind !== 'all' && c.kind !== f.kind) return false;
    if (f.status === 'overdue') {
      if (!isOverdue(c, today)) return false;
    } else if (f.status === 'pending') {
      if (!c.pending) return false;
    } else if (f.status !== 'all' && c.status !== f.status) return false;
    if (f.custodian !== 'all' && !(c.custodian.kind === 'person' && c.custodian.personId === f.custodian)) return false;
    if (inDepartment && !(c.custodian.kind === 'person' && inDepartment.has(c.custodian.personId))) return false;
    if (place !== null && c.place !== place) return false;
    if (from !== null && c.registeredAt < from) return false;
    if (to !== null && c.registeredAt > to) return false;
    if (dueBy !== null) {
      const due = c.loan?.dueOn ?? c.outing?.expectedBackOn;
      if (!due || due > dueBy) return false;
    }
    if (q && !matches(c, q, qDoc, index)) return false;
    return true;
  });
}

/** The distinct values a select offers, in Chinese order. */
export function distinctSorted(values: Iterable<string>): string[] {
  const byName = new Intl.Collator('zh-CN', { numeric: true });
  return [...new Set(values)].filter((v) => v !== '').sort((a, b) => byName.compare(a, b));
}
