import { ok, refuse, type Result } from './result';
import { checkPassword } from './auth/passwordRules';

/** One of the three administrators (三员) the set-up wizard creates, each with a password of their own. */
export interface AdminFields {
  username: string;
  displayName: string;
  password: string;
}

/**
 * 单位模式: a unit's secrecy office, which keeps its ledger and reports to the bureau.
 * 上级部门模式: the supervising bureau, which registers units, imports their bundles and issues
 * policy bundles. Chosen once at set-up (docs/decisions.md, "Exchange, app side").
 */
export type OfficeMode = 'unit' | 'bureau';
export const OFFICE_MODES: readonly OfficeMode[] = ['unit', 'bureau'];

export interface SetupFields {
  unitName: string;
  unitCode: string;
  /** Left out: 'unit'. */
  mode?: OfficeMode;
  /** 系统管理员 (the field names predate the other two administrators). */
  adminUsername: string;
  adminDisplayName: string;
  password: string;
  /** 安全保密管理员 */
  secadmin: AdminFields;
  /** 安全审计员 */
  auditor: AdminFields;
}

/** Login names: ASCII so that every keyboard and input method types them the same way. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,32}$/;
/** 单位代码: the code the supervising bureau knows the unit by (letters, digits, hyphen). */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Checks the set-up wizard's fields; the first problem is reported with the field it concerns
 * (`secadmin.username`, `auditor.password`, … for the second and third administrator). The three
 * administrators are three people: their login names and their passwords must all differ.
 */
export function validateSetup(input: SetupFields): Result<SetupFields> {
  const unitName = input.unitName.trim();
  const unitCode = input.unitCode.trim();
  if (unitName.length < 2 || unitName.length > 60) return refuse('SETUP_INVALID_FIELD', { field: 'unitName' });
  if (!UNIT_CODE_PATTERN.test(unitCode)) return refuse('SETUP_INVALID_FIELD', { field: 'unitCode' });
  const mode = input.mode ?? 'unit';
  if (!OFFICE_MODES.includes(mode)) return refuse('SETUP_INVALID_FIELD', { field: 'mode' });
  const sys = checkAdmin({ username: input.adminUsername, displayName: input.adminDisplayName, password: input.password }, {
    username: 'adminUsername',
    displayName: 'adminDisplayName',
    password: 'password',
  });
  if (!sys.ok) return sys;
  const sec = checkAdmin(input.secadmin ?? { username: '', displayName: '', password: '' }, fieldsOf('secadmin'));
  if (!sec.ok) return sec;
  const aud = checkAdmin(input.auditor ?? { username: '', displayName: '', password: '' }, fieldsOf('auditor'));
  if (!aud.ok) return aud;
  if (sec.value.username === sys.value.username) return refuse('SETUP_USERNAME_REPEATED', { field: 'secadmin.username' });
  if (aud.value.username === sys.value.username || aud.value.username === sec.value.username) {
    return refuse('SETUP_USERNAME_REPEATED', { field: 'auditor.username' });
  }
  if (sec.value.password === sys.value.password) return refuse('SETUP_PASSWORD_REPEATED', { field: 'secadmin.password' });
  if (aud.value.password === sys.value.password || aud.value.password === sec.value.password) {
    return refuse('SETUP_PASSWORD_REPEATED', { field: 'auditor.password' });
  }
  return ok({
    unitName,
    unitCode,
    mode,
    adminUsername: sys.value.username,
    adminDisplayName: sys.value.displayName,
    password: sys.value.password,
    secadmin: sec.value,
    auditor: aud.value,
  });
}

type FieldNames = Record<keyof AdminFields, string>;

function fieldsOf(who: 'secadmin' | 'auditor'): FieldNames {
  return { username: `${who}.username`, displayName: `${who}.displayName`, password: `${who}.password` };
}

function checkAdmin(a: AdminFields, fields: FieldNames): Result<AdminFields> {
  const username = normalizeUsername(a.username);
  const displayName = a.displayName.trim();
  if (!USERNAME_PATTERN.test(username)) return refuse('SETUP_INVALID_FIELD', { field: fields.username });
  if (displayName.length < 1 || displayName.length > 30) return refuse('SETUP_INVALID_FIELD', { field: fields.displayName });
  const pw = checkPassword(a.password);
  if (!pw.ok) return refuse('PASSWORD_WEAK', { ...pw.error.params, field: fields.password });
  return ok({ username, displayName, password: a.password });
}
