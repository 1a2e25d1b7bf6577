import { CARRIER_KINDS, CARRIER_STATUSES, type CarrierKind, type CarrierStatus } from '../ledger/carrier';
import { LEVELS, type Level } from '../ledger/classification';

/**
 * Counts of carriers by level, kind and status (统计): the unit's statistics record in every
 * bundle, and the bureau's totals across units (its charts). Every code is present, zero or not,
 * so that the same ledger always gives the same record.
 */
export interface CarrierTotals {
  total: number;
  byLevel: Record<Level, number>;
  byKind: Record<CarrierKind, number>;
  byStatus: Record<CarrierStatus, number>;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function emptyTotals(): CarrierTotals {
  return { total: 0, byLevel: zeros(LEVELS), byKind: zeros(CARRIER_KINDS), byStatus: zeros(CARRIER_STATUSES) };
}

/** Counts what it knows; a code it does not know (a newer unit's) is counted in the total only. */
export function carrierTotals(carriers: Iterable<{ level: string; kind: string; status: string }>): CarrierTotals {
  const t = emptyTotals();
  for (const c of carriers) {
    t.total++;
    if (Object.hasOwn(t.byLevel, c.level)) t.byLevel[c.level as Level]++;
    if (Object.hasOwn(t.byKind, c.kind)) t.byKind[c.kind as CarrierKind]++;
    if (Object.hasOwn(t.byStatus, c.status)) t.byStatus[c.status as CarrierStatus]++;
  }
  return t;
}

export function addTotals(a: CarrierTotals, b: CarrierTotals): CarrierTotals {
  const out = emptyTotals();
  out.total = a.total + b.total;
  for (const k of LEVELS) out.byLevel[k] = a.byLevel[k] + b.byLevel[k];
  for (const k of CARRIER_KINDS) out.byKind[k] = a.byKind[k] + b.byKind[k];
  for (const k of CARRIER_STATUSES) out.byStatus[k] = a.byStatus[k] + b.byStatus[k];
  return out;
}

/** Counts of anything by a code, sorted by code (a canonical record needs no order, but people do). */
export function countBy<T>(items: Iterable<T>, code: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = code(item);
    out[k] = (out[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The ledger's running counts, kept as carriers are written (renderer/db/ledgerTotals.ts) so that a
 * delta bundle's statistics need not count the whole ledger: carriers by every level, kind and
 * status code seen (unknown ones too), and those out on loan or taken out by their due date.
 */
export interface LedgerCounts {
  total: number;
  level: Record<string, number>;
  kind: Record<string, number>;
  status: Record<string, number>;
  /** Carriers with a due date (out on loan or taken out), by that date. */
  dueOn: Record<string, number>;
}

/** The plain fields of a stored carrier the counts are kept on. */
export interface CountedCarrier {
  level: string;
  kind: string;
  status: string;
  dueOn: string | null;
}

export function emptyCounts(): LedgerCounts {
  return { total: 0, level: {}, kind: {}, status: {}, dueOn: {} };
}

function bump(m: Record<string, number>, key: string, by: number): void {
  const n = (m[key] ?? 0) + by;
  if (n === 0) delete m[key];
  else m[key] = n;
}

/** Adds (`by` = 1) or takes away (`by` = -1) one carrier. Changes `counts` in place. */
export function countCarrier(counts: LedgerCounts, c: CountedCarrier, by: 1 | -1): void {
  counts.total += by;
  bump(counts.level, c.level, by);
  bump(counts.kind, c.kind, by);
  bump(counts.status, c.status, by);
  if (typeof c.dueOn === 'string') bump(counts.dueOn, c.dueOn, by);
}

/** The statistics record's totals (known codes; every one present) from the running counts. */
export function totalsFromCounts(counts: LedgerCounts): CarrierTotals {
  const t = emptyTotals();
  t.total = counts.total;
  for (const k of LEVELS) t.byLevel[k] = counts.level[k] ?? 0;
  for (const k of CARRIER_KINDS) t.byKind[k] = counts.kind[k] ?? 0;
  for (const k of CARRIER_STATUSES) t.byStatus[k] = counts.status[k] ?? 0;
  return t;
}

/** Carriers past their due date on `today` (a due date before today; none is the empty string). */
export function overdueFromCounts(counts: LedgerCounts, today: string): number {
  let n = 0;
  for (const [date, k] of Object.entries(counts.dueOn)) if (date !== '' && date < today) n += k;
  return n;
}

/** Whether a stored value is running counts this code can use (a later version's or a damaged one is not). */
export function isLedgerCounts(v: unknown): v is LedgerCounts {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  const map = (m: unknown) => typeof m === 'object' && m !== null && !Array.isArray(m) && Object.values(m).every((n) => Number.isInteger(n) && (n as number) > 0);
  return Number.isInteger(c.total) && (c.total as number) >= 0 && map(c.level) && map(c.kind) && map(c.status) && map(c.dueOn);
}
