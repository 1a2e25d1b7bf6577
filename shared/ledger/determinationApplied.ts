import { canonicalJson } from '../canonicalJson';
import { ok, refuse, type Result } from '../result';
import type { CarrierState } from './carrier';
import { isLevel, levelName, levelRank, marking, type Level } from './classification';
import type { LedgerContext } from './context';
import { DETERMINED_FIELDS, type DeterminationApplied, type TermsChange } from './events';

/**
 * 定密决定适用 (the `determinationApplied` event): the checks, and what it does to the carrier.
 * Whether the carrier may take the event at all (it exists, is not destroyed or otherwise closed,
 * the actor may record it) is decided by transition.ts like for every event; what is left is that
 * the changes are exactly the determined fields, each changed from the value the carrier has now,
 * and that the level afterwards is not below what a live determination covering it says.
 *
 * Refusals: DETERMINATION_REF_REQUIRED; CORRECTION_INVALID {field}; CORRECTION_STALE {field};
 * CORRECTION_NO_CHANGE {field}; MARKING_MISMATCH; LEVEL_BELOW_DETERMINATION {level, levelName, determinationId}.
 */
export function checkDeterminationApplied(state: CarrierState, event: DeterminationApplied, ctx: LedgerContext): Result<void> {
  if (!event.determinationId || !event.recordId) return refuse('DETERMINATION_REF_REQUIRED');
  const seen = new Set<string>();
  for (const c of event.changes) {
    if (!(DETERMINED_FIELDS as readonly string[]).includes(c.field) || seen.has(c.field)) return refuse('CORRECTION_INVALID', { field: c.field });
    seen.add(c.field);
    if (canonicalJson(c.from) !== canonicalJson(state[c.field])) return refuse('CORRECTION_STALE', { field: c.field });
    if (canonicalJson(c.to) === canonicalJson(c.from)) return refuse('CORRECTION_NO_CHANGE', { field: c.field });
    if (c.field === 'level' && !isLevel(c.to)) return refuse('CORRECTION_INVALID', { field: c.field });
  }
  const after = withChanges(state, event.changes);
  if (marking(after.level, after.period) !== event.marking) return refuse('MARKING_MISMATCH');
  const floor = ctx.determinationFloor?.(state.id);
  if (floor && levelRank(after.level) < levelRank(floor.level)) {
    return refuse('LEVEL_BELOW_DETERMINATION', { level: floor.level, levelName: levelName(floor.level), determinationId: floor.determinationId });
  }
  return ok(undefined);
}

/** The carrier with the determined fields set (custody, place and status stay as they are). */
export function withChanges(state: CarrierState, changes: readonly TermsChange[]): CarrierState {
  let next = state;
  for (const c of changes) next = { ...next, [c.field]: c.to };
  return next;
}

/** The level a live determination holds the carrier at, as the ledger's context reports it. */
export interface DeterminationFloor {
  determinationId: string;
  level: Level;
}
