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
