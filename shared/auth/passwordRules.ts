import { ok, refuse, type Result } from '../result';

/**
 * Password rule for one account: letters and digits mixed always, and a minimum length that the
 * security policy sets by the account's clearance level (see policy.ts: 8 秘密 / 10 机密 / 12 绝密).
 */
export interface PasswordRule {
  minLength: number;
}

/** The 秘密 rule: the floor every password meets, whatever the policy. */
export const DEFAULT_PASSWORD_RULE: PasswordRule = { minLength: 8 };

export function checkPassword(password: string, rule: PasswordRule = DEFAULT_PASSWORD_RULE): Result<void> {
  const letters = /[A-Za-z]/.test(password);
  const digits = /[0-9]/.test(password);
  if ([...password].length < rule.minLength || !letters || !digits) return refuse('PASSWORD_WEAK', { minLength: rule.minLength });
  return ok(undefined);
}

/** A new password must meet the rule and differ from the one it replaces. */
export function checkNewPassword(oldPassword: string, newPassword: string, rule: PasswordRule): Result<void> {
  const strong = checkPassword(newPassword, rule);
  if (!strong.ok) return strong;
  if (oldPassword === newPassword) return refuse('PASSWORD_UNCHANGED');
  return ok(undefined);
}
