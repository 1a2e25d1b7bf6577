import type { MessageKey } from '../../i18n';

/** What the wizard collects; `passwordConfirm` never leaves this screen. */
export interface SetupForm {
  unitName: string;
  unitCode: string;
  adminUsername: string;
  adminDisplayName: string;
  password: string;
  passwordConfirm: string;
}

export type SetupField = keyof SetupForm;
export type FieldErrors = Partial<Record<SetupField, MessageKey>>;

export const EMPTY_SETUP_FORM: SetupForm = {
  unitName: '',
  unitCode: '',
  adminUsername: '',
  adminDisplayName: '',
  password: '',
  passwordConfirm: '',
};

/** Fields of step 1 (单位信息); the rest belong to step 2 (系统管理员账户). */
export const UNIT_FIELDS: readonly SetupField[] = ['unitName', 'unitCode'];

/**
 * Quick checks so that obvious mistakes are caught before the ~1 s key derivation. The store checks
 * again and its refusal is the one that counts; these only mirror the rule everybody knows
 * (at least 8 characters, letters and digits).
 */
export function checkUnitStep(form: SetupForm): FieldErrors {
  const errors: FieldErrors = {};
  if (form.unitName.trim() === '') errors.unitName = 'validation.unitName.required';
  if (form.unitCode.trim() === '') errors.unitCode = 'validation.unitCode.required';
  return errors;
}

export function checkAdminStep(form: SetupForm): FieldErrors {
  const errors: FieldErrors = {};
  if (form.adminUsername.trim() === '') errors.adminUsername = 'validation.username.required';
  if (form.adminDisplayName.trim() === '') errors.adminDisplayName = 'validation.displayName.required';
  if (form.password === '') errors.password = 'validation.password.required';
  else if (!isStrongEnough(form.password)) errors.password = 'validation.password.weak';
  if (form.passwordConfirm === '') errors.passwordConfirm = 'validation.passwordConfirm.required';
  else if (form.password !== form.passwordConfirm) errors.passwordConfirm = 'validation.passwordConfirm.mismatch';
  return errors;
}

export function isStrongEnough(password: string, minLength = 8): boolean {
  return [...password].length >= minLength && /[A-Za-z]/.test(password) && /[0-9]/.test(password);
}
