import type { Refusal } from '../../shared/result';
import { formatLocalTime, isMessageKey, type MessageKey, type Translate } from './index';

/** The set-up fields the store names in `params.field`, with the label the wizard shows for each. */
const FIELD_LABELS: Record<string, MessageKey> = {
  unitName: 'field.unitName',
  unitCode: 'field.unitCode',
  adminUsername: 'field.username',
  username: 'field.username',
  adminDisplayName: 'field.displayName',
  displayName: 'field.displayName',
  password: 'field.password',
};

/** The second and third administrators' fields are named `secadmin.username`, `auditor.password`, … */
const ADMIN_OF: Record<string, MessageKey> = { secadmin: 'role.secadmin', auditor: 'role.auditor' };

function fieldLabel(field: string | number | undefined, t: Translate): string {
  if (field === undefined) return '?';
  const [who, name] = String(field).split('.');
  if (name !== undefined && who !== undefined && ADMIN_OF[who]) {
    return t('setup.fieldOf', { role: t(ADMIN_OF[who]), field: fieldLabel(name, t) });
  }
  const key = FIELD_LABELS[String(field)];
  return key ? t(key) : String(field);
}

/** The security policy's fields, as POLICY_INVALID names them. */
const POLICY_FIELDS: Record<string, MessageKey> = {
  'minLength.confidential': 'policy.minLength.confidential',
  'minLength.secret': 'policy.minLength.secret',
  'minLength.top_secret': 'policy.minLength.top_secret',
  maxAgeDays: 'policy.maxAgeDays',
  maxFailures: 'policy.maxFailures',
  lockMinutes: 'policy.lockMinutes',
  idleMinutes: 'policy.idleMinutes',
};

/**
 * Turns a refusal from the store or the shell into a sentence that says what happened and what to
 * do. Unknown codes still get a message, with the code in it so it can be reported.
 */
export function describeRefusal(refusal: Refusal, t: Translate): string {
  const p = refusal.params ?? {};
  switch (refusal.code) {
    case 'WRONG_CREDENTIALS': {
      if (p.remaining === undefined) return t('refusal.WRONG_CREDENTIALS');
      const remaining = Number(p.remaining);
      if (remaining > 0) return t('refusal.WRONG_CREDENTIALS.remaining', { remaining });
      return p.until !== undefined
        ? t('refusal.ACCOUNT_LOCKED.until', { until: formatLocalTime(String(p.until)) })
        : t('refusal.WRONG_CREDENTIALS.none');
    }
    case 'ACCOUNT_LOCKED':
      return p.until !== undefined
        ? t('refusal.ACCOUNT_LOCKED.until', { until: formatLocalTime(String(p.until)) })
        : t('refusal.ACCOUNT_LOCKED');
    case 'ACCOUNT_DISABLED':
      return t('refusal.ACCOUNT_DISABLED');
    case 'STORE_ALREADY_INITIALIZED':
    case 'STORE_NOT_INITIALIZED':
    case 'NOT_SIGNED_IN':
      return t(`refusal.${refusal.code}`);
    case 'STORE_TAMPERED':
      return t('refusal.STORE_TAMPERED', { table: p.table ?? '?', id: p.id ?? '?' });
    case 'PASSWORD_WEAK':
      return t('refusal.PASSWORD_WEAK', { minLength: p.minLength ?? 8 });
    case 'IPC_BAD_PAYLOAD':
    case 'IPC_UNKNOWN_CHANNEL':
    case 'IPC_UNTRUSTED_SENDER':
    case 'IPC_BAD_RESPONSE':
      return t(`refusal.${refusal.code}`);
    case 'UNEXPECTED':
      return t('refusal.UNEXPECTED', { message: p.message ?? '?' });
    case 'ACCOUNT_INVALID_FIELD': {
      const key = `refusal.ACCOUNT_INVALID_FIELD.${String(p.field)}`;
      return isMessageKey(key) ? t(key) : t('refusal.unknown', { code: `${refusal.code}/${String(p.field)}` });
    }
    case 'POLICY_INVALID': {
      const label = POLICY_FIELDS[String(p.field)];
      return t('refusal.POLICY_INVALID', { field: label ? t(label) : String(p.field), min: p.min ?? '?', max: p.max ?? '?' });
    }
    case 'RECOVERY_CODE_WRONG':
      return t('refusal.RECOVERY_CODE_WRONG', { remaining: p.remaining ?? '?' });
    case 'NOT_PERMITTED':
      return t('refusal.NOT_PERMITTED', { action: p.action ?? '?' });
    case 'USERNAME_TAKEN':
      return t('refusal.USERNAME_TAKEN', { username: p.username ?? '?' });
    default: {
      if (refusal.code.startsWith('SETUP_')) return describeSetupRefusal(refusal, t);
      // Codes whose message needs no parameters (PASSWORD_UNCHANGED, ACCOUNT_SELF, ROLES_*, …) or
      // takes them as they are (BACKUP_DAMAGED's where, BACKUP_REMINDER_INVALID's min and max, …).
      const key = `refusal.${refusal.code}`;
      if (isMessageKey(key)) return t(key, p);
      return t('refusal.unknown', { code: refusal.code });
    }
  }
}

function describeSetupRefusal(refusal: Refusal, t: Translate): string {
  const field = refusal.params?.field;
  // `secadmin.username` has the same rule as the system administrator's `adminUsername`.
  const same: Record<string, string> = { username: 'adminUsername', displayName: 'adminDisplayName' };
  const tail = String(field).split('.')[1];
  const specific = `refusal.${refusal.code}.${tail !== undefined ? (same[tail] ?? tail) : String(field)}`;
  if (isMessageKey(specific)) return t(specific);
  const general = `refusal.${refusal.code}`;
  if (isMessageKey(general)) return t(general, { field: fieldLabel(field, t) });
  return t('refusal.SETUP_OTHER', { field: fieldLabel(field, t) });
}
