import { ok, refuse, type Result } from '../result';

/**
 * Password rule for accounts. The accounts module will raise the minimum by the highest level an
 * account works with (8 秘密 / 10 机密 / 12 绝密); until then every account uses the 秘密 rule.
 */
export interface PasswordRule {
  minLength: number;
}

export const DEFAULT_PASSWORD_RULE: PasswordRule = { minLength: 8 };

export function checkPassword(password: string, rule: PasswordRule = DEFAULT_PASSWORD_RULE): Result<void> {
  const letters = /[A-Za-z]/.test(password);
  const digits = /[0-9]/.test(password);
  if ([...password].length < rule.minLength || !letters || !digits) return refuse('PASSWORD_WEAK', { minLength: rule.minLength });
  return ok(undefined);
}
