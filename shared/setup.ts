import { ok, refuse, type Result } from './result';
import { checkPassword } from './auth/passwordRules';

export interface SetupFields {
  unitName: string;
  unitCode: string;
  adminUsername: string;
  adminDisplayName: string;
  password: string;
}

/** Login names: ASCII so that every keyboard and input method types them the same way. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,32}$/;
/** 单位代码: the code the supervising bureau knows the unit by (letters, digits, hyphen). */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Checks the set-up wizard's fields; the first problem is reported with the field it concerns. */
export function validateSetup(input: SetupFields): Result<SetupFields> {
  const unitName = input.unitName.trim();
  const unitCode = input.unitCode.trim();
  const adminUsername = normalizeUsername(input.adminUsername);
  const adminDisplayName = input.adminDisplayName.trim();
  if (unitName.length < 2 || unitName.length > 60) return refuse('SETUP_INVALID_FIELD', { field: 'unitName' });
  if (!UNIT_CODE_PATTERN.test(unitCode)) return refuse('SETUP_INVALID_FIELD', { field: 'unitCode' });
  if (!USERNAME_PATTERN.test(adminUsername)) return refuse('SETUP_INVALID_FIELD', { field: 'adminUsername' });
  if (adminDisplayName.length < 1 || adminDisplayName.length > 30) return refuse('SETUP_INVALID_FIELD', { field: 'adminDisplayName' });
  const pw = checkPassword(input.password);
  if (!pw.ok) return pw;
  return ok({ unitName, unitCode, adminUsername, adminDisplayName, password: input.password });
}
