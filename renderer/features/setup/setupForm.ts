import type { SetupInput } from '../../db/storeApi';
import type { MessageKey } from '../../i18n';

/**
 * What the wizard collects: the unit, then the three administrators (三员), one step each. The
 * `*Confirm` fields never leave this screen.
 */
export interface SetupForm {
  unitName: string;
  unitCode: string;
  /** 单位模式 ('unit') or 上级部门模式 ('bureau'). */
  mode: string;
  adminUsername: string;
  adminDisplayName: string;
  password: string;
  passwordConfirm: string;
  secUsername: string;
  secDisplayName: string;
  secPassword: string;
  secPasswordConfirm: string;
  audUsername: string;
  audDisplayName: string;
  audPassword: string;
  audPasswordConfirm: string;
}

export type SetupField = keyof SetupForm;
export type FieldErrors = Partial<Record<SetupField, MessageKey>>;
export type SetupStep = 1 | 2 | 3 | 4;
export type AdminStep = 2 | 3 | 4;

export const EMPTY_SETUP_FORM: SetupForm = {
  unitName: '',
  unitCode: '',
  mode: 'unit',
  adminUsername: '',
  adminDisplayName: '',
  password: '',
  passwordConfirm: '',
  secUsername: '',
  secDisplayName: '',
  secPassword: '',
  secPasswordConfirm: '',
  audUsername: '',
  audDisplayName: '',
  audPassword: '',
  audPasswordConfirm: '',
};

/** The fields of each administrator's step: 系统管理员, 安全保密管理员, 安全审计员. */
export const ADMIN_FIELDS: Record<AdminStep, { username: SetupField; displayName: SetupField; password: SetupField; confirm: SetupField }> = {
  2: { username: 'adminUsername', displayName: 'adminDisplayName', password: 'password', confirm: 'passwordConfirm' },
  3: { username: 'secUsername', displayName: 'secDisplayName', password: 'secPassword', confirm: 'secPasswordConfirm' },
  4: { username: 'audUsername', displayName: 'audDisplayName', password: 'audPassword', confirm: 'audPasswordConfirm' },
};

/** Fields of step 1 (单位信息). */
export const UNIT_FIELDS: readonly SetupField[] = ['unitName', 'unitCode'];

/**
 * Quick checks so that obvious mistakes are caught before the key derivations. The store checks
 * again and its refusal is the one that counts; these only mirror the rules everybody knows (at
 * least 8 characters, letters and digits; three different people, three different passwords).
 */
export function checkStep(form: SetupForm, step: SetupStep): FieldErrors {
  if (step === 1) {
    const errors: FieldErrors = {};
    if (form.unitName.trim() === '') errors.unitName = 'validation.unitName.required';
    if (form.unitCode.trim() === '') errors.unitCode = 'validation.unitCode.required';
    return errors;
  }
  const f = ADMIN_FIELDS[step];
  const errors: FieldErrors = {};
  const username = form[f.username].trim().toLowerCase();
  const password = form[f.password];
  const earlier = ([2, 3] as const).filter((s) => s < step).map((s) => ADMIN_FIELDS[s]);
  if (username === '') errors[f.username] = 'validation.username.required';
  else if (earlier.some((e) => form[e.username].trim().toLowerCase() === username)) errors[f.username] = 'validation.username.repeated';
  if (form[f.displayName].trim() === '') errors[f.displayName] = 'validation.displayName.required';
  if (password === '') errors[f.password] = 'validation.password.required';
  else if (!isStrongEnough(password)) errors[f.password] = 'validation.password.weak';
  else if (earlier.some((e) => form[e.password] === password)) errors[f.password] = 'validation.password.repeated';
  if (form[f.confirm] === '') errors[f.confirm] = 'validation.passwordConfirm.required';
  else if (password !== form[f.confirm]) errors[f.confirm] = 'validation.passwordConfirm.mismatch';
  return errors;
}

/** The first step with a problem, checking steps 1‥upTo. */
export function firstStepWithErrors(form: SetupForm, upTo: SetupStep): { step: SetupStep; errors: FieldErrors } | null {
  for (const step of [1, 2, 3, 4] as const) {
    if (step > upTo) break;
    const errors = checkStep(form, step);
    if (Object.keys(errors).length > 0) return { step, errors };
  }
  return null;
}

/** The step holding a field the store named in a refusal (`secadmin.password`, `unitCode`, …). */
export function stepOfStoreField(field: unknown): SetupStep | null {
  if (typeof field !== 'string') return null;
  if (field === 'unitName' || field === 'unitCode' || field === 'mode') return 1;
  if (field === 'adminUsername' || field === 'adminDisplayName' || field === 'password') return 2;
  if (field.startsWith('secadmin.')) return 3;
  if (field.startsWith('auditor.')) return 4;
  return null;
}

export function toSetupInput(form: SetupForm): SetupInput {
  return {
    unitName: form.unitName.trim(),
    unitCode: form.unitCode.trim(),
    // Left out for a unit, as before modes existed.
    ...(form.mode === 'bureau' ? { mode: 'bureau' as const } : {}),
    adminUsername: form.adminUsername.trim(),
    adminDisplayName: form.adminDisplayName.trim(),
    password: form.password,
    secadmin: { username: form.secUsername.trim(), displayName: form.secDisplayName.trim(), password: form.secPassword },
    auditor: { username: form.audUsername.trim(), displayName: form.audDisplayName.trim(), password: form.audPassword },
  };
}

export function isStrongEnough(password: string, minLength = 8): boolean {
  return [...password].length >= minLength && /[A-Za-z]/.test(password) && /[0-9]/.test(password);
}
