import { ok, refuse, type Result } from '../result';
import { DEFAULT_LOCK_POLICY, type LockPolicy } from './lockout';
import type { PasswordRule } from './passwordRules';
// The same level codes as the ledger's (secret = 机密, confidential = 秘密), so an account's level and
// a carrier's level can be compared directly.
import type { Level } from '../ledger/classification';

/**
 * The highest classification level an account works with (涉密等级): 秘密 < 机密 < 绝密. It sets the
 * account's minimum password length.
 */
export const CLEARANCE_LEVELS = ['confidential', 'secret', 'top_secret'] as const satisfies readonly Level[];
export type ClearanceLevel = (typeof CLEARANCE_LEVELS)[number];

/** 秘密 / 机密 / 绝密 */
export const CLEARANCE_LABEL_KEYS: Record<ClearanceLevel, string> = {
  confidential: 'level.confidential',
  secret: 'level.secret',
  top_secret: 'level.top_secret',
};

export function isClearanceLevel(x: unknown): x is ClearanceLevel {
  return typeof x === 'string' && (CLEARANCE_LEVELS as readonly string[]).includes(x);
}

/**
 * The security policy (安全策略) the 安全保密管理员 sets. Letters and digits mixed is not a switch:
 * it always applies (see docs/decisions.md).
 */
export interface SecurityPolicy {
  password: {
    /** Minimum length by the account's clearance level. */
    minLength: Record<ClearanceLevel, number>;
    /** A password older than this must be changed at sign-in; 0 means no limit. */
    maxAgeDays: number;
  };
  lock: LockPolicy;
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  password: { minLength: { confidential: 8, secret: 10, top_secret: 12 }, maxAgeDays: 30 },
  lock: { ...DEFAULT_LOCK_POLICY },
};

/** Bounds the policy form and the store hold every value to. */
export const POLICY_BOUNDS = {
  minLength: { min: 8, max: 64 },
  maxAgeDays: { min: 0, max: 365 },
  maxFailures: { min: 3, max: 10 },
  lockMinutes: { min: 1, max: 24 * 60 },
  idleMinutes: { min: 1, max: 60 },
} as const;

type PolicyField = 'minLength.confidential' | 'minLength.secret' | 'minLength.top_secret' | 'maxAgeDays' | 'maxFailures' | 'lockMinutes' | 'idleMinutes';

function inRange(value: unknown, bounds: { min: number; max: number }): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= bounds.min && value <= bounds.max;
}

/**
 * Checks a policy the security administrator submitted. The first bad value is named with its
 * bounds; a higher level may never require a shorter password than a lower one.
 */
export function validatePolicy(p: SecurityPolicy): Result<SecurityPolicy> {
  const bad = (field: PolicyField, b: { min: number; max: number }) => refuse('POLICY_INVALID', { field, min: b.min, max: b.max });
  for (const level of CLEARANCE_LEVELS) {
    if (!inRange(p.password.minLength[level], POLICY_BOUNDS.minLength)) return bad(`minLength.${level}`, POLICY_BOUNDS.minLength);
  }
  const m = p.password.minLength;
  if (m.secret < m.confidential || m.top_secret < m.secret) return refuse('POLICY_LENGTH_ORDER');
  if (!inRange(p.password.maxAgeDays, POLICY_BOUNDS.maxAgeDays)) return bad('maxAgeDays', POLICY_BOUNDS.maxAgeDays);
  if (!inRange(p.lock.maxFailures, POLICY_BOUNDS.maxFailures)) return bad('maxFailures', POLICY_BOUNDS.maxFailures);
  if (!inRange(p.lock.lockMinutes, POLICY_BOUNDS.lockMinutes)) return bad('lockMinutes', POLICY_BOUNDS.lockMinutes);
  if (!inRange(p.lock.idleMinutes, POLICY_BOUNDS.idleMinutes)) return bad('idleMinutes', POLICY_BOUNDS.idleMinutes);
  return ok({
    password: { minLength: { confidential: m.confidential, secret: m.secret, top_secret: m.top_secret }, maxAgeDays: p.password.maxAgeDays },
    lock: { maxFailures: p.lock.maxFailures, lockMinutes: p.lock.lockMinutes, idleMinutes: p.lock.idleMinutes },
  });
}

export function passwordRuleFor(level: ClearanceLevel, policy: SecurityPolicy): PasswordRule {
  return { minLength: policy.password.minLength[level] };
}

/** Whether a password set at `changedAt` has outlived the policy's maximum age at `now`. */
export function passwordExpired(changedAt: string, policy: SecurityPolicy, now: Date): boolean {
  if (policy.password.maxAgeDays === 0) return false;
  const set = Date.parse(changedAt);
  if (Number.isNaN(set)) return true;
  return now.getTime() - set >= policy.password.maxAgeDays * 86_400_000;
}

/** The differences between two policies, as `field: [before, after]`, for the audit trail. */
export function policyChanges(before: SecurityPolicy, after: SecurityPolicy): Record<string, [number, number]> {
  const flat = (p: SecurityPolicy): Record<string, number> => ({
    'minLength.confidential': p.password.minLength.confidential,
    'minLength.secret': p.password.minLength.secret,
    'minLength.top_secret': p.password.minLength.top_secret,
    maxAgeDays: p.password.maxAgeDays,
    maxFailures: p.lock.maxFailures,
    lockMinutes: p.lock.lockMinutes,
    idleMinutes: p.lock.idleMinutes,
  });
  const a = flat(before);
  const b = flat(after);
  const out: Record<string, [number, number]> = {};
  for (const key of Object.keys(a)) {
    const x = a[key] as number;
    const y = b[key] as number;
    if (x !== y) out[key] = [x, y];
  }
  return out;
}
