import { levelName, levelRank, type Level } from '../ledger/classification';
import { assertNever, ok, refuse, type Result } from '../result';
import type { DeterminationRecord, DeterminationState, InForce } from './records';

/**
 * What the ledger asks of determinations: a carrier's level never drops below what a live
 * determination covering it says.
 */
export interface CarrierFloor {
  level: Level;
  marking: string;
  determinationId: string;
  inForce: InForce;
}

/** The highest live determination covering the carrier, or null when none covers it. */
export function carrierFloor(carrierId: string, states: readonly DeterminationState[]): CarrierFloor | null {
  let best: CarrierFloor | null = null;
  for (const s of states) {
    if (s.status !== 'live' || !s.inForce || !s.subject.carrierIds.includes(carrierId)) continue;
    const level = s.inForce.terms.level;
    if (!best || levelRank(level) > levelRank(best.level)) best = { level, marking: s.inForce.marking, determinationId: s.id, inForce: s.inForce };
  }
  return best;
}

/**
 * For the ledger before it records a carrier's level (registration, correction, copy):
 * LEVEL_BELOW_DETERMINATION {level, levelName, determinationId} when a live determination covering
 * the carrier says higher.
 */
export function checkCarrierLevel(carrierId: string, level: Level, states: readonly DeterminationState[]): Result<void> {
  const floor = carrierFloor(carrierId, states);
  if (floor && levelRank(level) < levelRank(floor.level)) {
    return refuse('LEVEL_BELOW_DETERMINATION', { level: floor.level, levelName: levelName(floor.level), determinationId: floor.determinationId });
  }
  return ok(undefined);
}

/** What a decided record means for the carriers it covers: the ledger shows it on their timelines. */
export interface CarrierEffect {
  kind: 'classified' | 'changed' | 'declassified';
  determinationId: string;
  recordId: string;
  carrierIds: string[];
  /** The level and marking now in force; null once declassified. */
  level: Level | null;
  marking: string | null;
}

/** The effect of appending `record` to the determination in `before`, or null when carriers are not affected. */
export function carrierEffect(before: DeterminationState | null, record: DeterminationRecord): CarrierEffect | null {
  const base = { determinationId: record.determinationId, recordId: record.id };
  const covered = before?.subject.carrierIds ?? [];
  switch (record.type) {
    case 'approved':
    case 'corrected':
      if (record.procedure === 'declassify') return covered.length ? { ...base, kind: 'declassified', carrierIds: covered, level: null, marking: null } : null;
      return covered.length
        ? { ...base, kind: record.procedure === 'determine' ? 'classified' : 'changed', carrierIds: covered, level: record.terms.level, marking: record.marking }
        : null;
    case 'autoDeclassified':
      return covered.length ? { ...base, kind: 'declassified', carrierIds: covered, level: null, marking: null } : null;
    case 'carriersLinked':
      return before?.status === 'live' && before.inForce
        ? { ...base, kind: 'classified', carrierIds: record.carrierIds, level: before.inForce.terms.level, marking: before.inForce.marking }
        : null;
    case 'drafted':
    case 'returned':
    case 'notClassified':
    case 'withdrawn':
    case 'reviewed':
      return null;
    default:
      return assertNever(record);
  }
}
