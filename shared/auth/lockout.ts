import { ok, refuse, type Result } from '../result';

/** How many wrong passwords lock an account, and for how long (set by the 安全保密管理员). */
export interface LockPolicy {
  maxFailures: number;
  lockMinutes: number;
  idleMinutes: number;
}

export const DEFAULT_LOCK_POLICY: LockPolicy = { maxFailures: 5, lockMinutes: 30, idleMinutes: 10 };

export interface AttemptState {
  failures: number;
  /** ISO time until which sign-in is refused, or null. */
  lockedUntil: string | null;
}

export const FRESH_ATTEMPTS: AttemptState = { failures: 0, lockedUntil: null };

/** Before the password is even tried: a locked account is refused without spending a guess. */
export function canAttempt(state: AttemptState, now: Date): Result<AttemptState> {
  if (state.lockedUntil !== null) {
    if (now.getTime() < Date.parse(state.lockedUntil)) return refuse('ACCOUNT_LOCKED', { until: state.lockedUntil });
    // The lock has run out: the account starts afresh.
    return ok(FRESH_ATTEMPTS);
  }
  return ok(state);
}

export interface FailureOutcome {
  state: AttemptState;
  /** Attempts left before the lock; 0 when this failure locked the account. */
  remaining: number;
  lockedNow: boolean;
}

export function afterFailure(state: AttemptState, policy: LockPolicy, now: Date): FailureOutcome {
  const failures = state.failures + 1;
  if (failures >= policy.maxFailures) {
    const until = new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString();
    return { state: { failures, lockedUntil: until }, remaining: 0, lockedNow: true };
  }
  return { state: { failures, lockedUntil: null }, remaining: policy.maxFailures - failures, lockedNow: false };
}

export function afterSuccess(): AttemptState {
  return FRESH_ATTEMPTS;
}
