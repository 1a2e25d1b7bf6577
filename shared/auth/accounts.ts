import { ok, refuse, type Result } from '../result';
import { normalizeUsername, USERNAME_PATTERN } from '../setup';
import { BUSINESS_ROLES, checkRoleSet, isAdminRole, type BusinessRole, type Role } from './permissions';
import { checkPassword, type PasswordRule } from './passwordRules';
import { passwordExpired, passwordRuleFor, type ClearanceLevel, type SecurityPolicy } from './policy';

/**
 * An account (账户) as the domain sees it. The 系统管理员 creates it with a login name, a person's
 * name and an initial password; the 安全保密管理员 gives it business roles and a clearance level.
 */
export interface Account {
  id: string;
  status: 'active' | 'disabled';
  username: string;
  displayName: string;
  roles: Role[];
  level: ClearanceLevel;
  createdAt: string;
  /** Set by a reset (or at creation): the next sign-in must choose a new password first. */
  mustChangePassword: boolean;
  passwordChangedAt: string;
}

/** Why the signed-in account must choose a new password before it may do anything else. */
export type PasswordChangeReason = 'reset' | 'expired' | 'weak';

export interface NewAccountFields {
  username: string;
  displayName: string;
  password: string;
}

/** Checks what the 系统管理员 typed to create an account; the first problem names its field. */
export function validateNewAccount(input: NewAccountFields, existingUsernames: readonly string[], rule: PasswordRule): Result<NewAccountFields> {
  const username = normalizeUsername(input.username);
  const displayName = input.displayName.trim();
  if (!USERNAME_PATTERN.test(username)) return refuse('ACCOUNT_INVALID_FIELD', { field: 'username' });
  if (displayName.length < 1 || displayName.length > 30) return refuse('ACCOUNT_INVALID_FIELD', { field: 'displayName' });
  if (existingUsernames.map(normalizeUsername).includes(username)) return refuse('USERNAME_TAKEN', { username });
  const pw = checkPassword(input.password, rule);
  if (!pw.ok) return pw;
  return ok({ username, displayName, password: input.password });
}

/** 三员: the three administrator accounts made at set-up. Their roles are fixed (see decisions.md). */
export function isAdministrator(account: Pick<Account, 'roles'>): boolean {
  return account.roles.some(isAdminRole);
}

/**
 * May the 系统管理员 disable this account? Never their own, and never one of the three administrators:
 * one administrator must not be able to silence another (the auditor least of all).
 */
export function checkDisable(actorId: string, target: Account): Result<void> {
  if (target.id === actorId) return refuse('ACCOUNT_SELF');
  if (isAdministrator(target)) return refuse('ACCOUNT_ADMIN_FIXED');
  if (target.status === 'disabled') return refuse('ACCOUNT_ALREADY_DISABLED');
  return ok(undefined);
}

export function checkEnable(target: Account): Result<void> {
  if (target.status === 'active') return refuse('ACCOUNT_ALREADY_ACTIVE');
  return ok(undefined);
}

/** A reset is for somebody else's password; one's own is changed with the old one. */
export function checkReset(actorId: string, target: Account): Result<void> {
  if (target.id === actorId) return refuse('ACCOUNT_SELF');
  if (target.status === 'disabled') return refuse('ACCOUNT_DISABLED_TARGET');
  return ok(undefined);
}

/**
 * The 安全保密管理员 gives an account business roles and a clearance level. Administrator roles are
 * never assigned (they are fixed at set-up), and no administrator account gets business roles.
 */
export function checkAssignRoles(target: Account, roles: readonly string[]): Result<BusinessRole[]> {
  if (isAdministrator(target)) return refuse('ACCOUNT_ADMIN_FIXED');
  if (target.status === 'disabled') return refuse('ACCOUNT_DISABLED_TARGET');
  const set = checkRoleSet(roles);
  if (!set.ok) return set;
  const unique = [...new Set(roles)];
  const business = unique.filter((r): r is BusinessRole => (BUSINESS_ROLES as readonly string[]).includes(r));
  if (business.length !== unique.length) return refuse('ROLES_NOT_ASSIGNABLE');
  // Kept in the table's order, so the same set always reads (and audits) the same way.
  return ok(BUSINESS_ROLES.filter((r) => business.includes(r)));
}

/**
 * At sign-in, with the password just typed: does the account have to choose a new one before it
 * may do anything else? A reset comes first, then an expired password, then one that no longer
 * meets the (possibly raised) rule for the account's level.
 */
export function passwordChangeNeeded(account: Account, typedPassword: string, policy: SecurityPolicy, now: Date): PasswordChangeReason | null {
  if (account.mustChangePassword) return 'reset';
  if (passwordExpired(account.passwordChangedAt, policy, now)) return 'expired';
  if (!checkPassword(typedPassword, passwordRuleFor(account.level, policy)).ok) return 'weak';
  return null;
}
