import { canonicalJson } from '../canonicalJson';
import { EMPTY_SCOPE, levelName, levelRank, marking, type Level, type Period, type Scope } from '../ledger/classification';
import { DETERMINED_FIELDS, type DeterminationApplied, type TermsChange } from '../ledger/events';
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

/** The highest live determination covering any of `carrierIds` (a carrier and the originals it was copied from). */
export function floorOver(carrierIds: readonly string[], states: readonly DeterminationState[]): CarrierFloor | null {
  let best: CarrierFloor | null = null;
  for (const id of carrierIds) {
    const f = carrierFloor(id, states);
    if (f && (!best || levelRank(f.level) > levelRank(best.level))) best = f;
  }
  return best;
}

/** A carrier's determined fields, as the ledger keeps them. */
export interface CarrierTerms {
  level: Level;
  period: Period;
  scope: Scope;
}

/**
 * What a carrier becomes after a decision: the terms of the highest live determination covering it
 * or one of its originals (`coveringIds`), in the states *after* the decision — so a change that
 * lowers one determination leaves the carrier at another, higher one —, or 非密 with no period and
 * no scope when none covers it any more.
 */
export function carrierTermsAfter(coveringIds: readonly string[], statesAfter: readonly DeterminationState[]): CarrierTerms {
  const floor = floorOver(coveringIds, statesAfter);
  if (!floor) return { level: 'unclassified', period: { kind: 'none' }, scope: EMPTY_SCOPE };
  const { level, period, scope } = floor.inForce.terms;
  return { level, period, scope };
}

/**
 * The ledger event recording `effect` on one carrier (`current`: its terms now), moving it to
 * `target` (carrierTermsAfter). The changes list only the fields that differ, old → new.
 */
export function applicationEvent(current: CarrierTerms, effect: CarrierEffect, target: CarrierTerms, auto: boolean): DeterminationApplied {
  const changes: TermsChange[] = [];
  for (const field of DETERMINED_FIELDS) {
    if (canonicalJson(current[field]) === canonicalJson(target[field])) continue;
    changes.push({ field, from: current[field], to: target[field] } as TermsChange);
  }
  return {
    type: 'determinationApplied',
    determinationId: effect.determinationId,
    recordId: effect.recordId,
    effect: effect.kind,
    auto,
    marking: marking(target.level, target.period),
    changes,
  };
}
