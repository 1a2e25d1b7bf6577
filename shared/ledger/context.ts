import type { ApprovalState } from './approvals';
import type { CarrierState } from './carrier';
import type { DeterminationFloor } from './determinationApplied';
import type { Person } from './people';

/** Who acts: the signed-in account, its roles, and the person in the directory it is linked to. */
export interface Actor {
  accountId: string;
  username: string;
  roles: readonly string[];
  personId: string | null;
}

/**
 * Everything a rule needs besides the state and the event, passed in so the rules stay pure: the
 * time, today's local date, the actor, and read access to people, approvals and other carriers.
 */
export interface LedgerContext {
  /** ISO time of the event. */
  at: string;
  /** Local date YYYY-MM-DD (due dates and periods are dates, not instants). */
  today: string;
  actor: Actor;
  person(id: string): Person | undefined;
  approval(id: string): ApprovalState | undefined;
  carrier(id: string): CarrierState | undefined;
  /**
   * The highest live determination covering a carrier (or its original), with its level: a carrier's
   * level never drops below it (`determinationApplied`). Absent: none known.
   */
  determinationFloor?(carrierId: string): DeterminationFloor | undefined;
}
