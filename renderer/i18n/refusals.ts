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

function fieldLabel(field: string | number | undefined, t: Translate): string {
  if (field === undefined) return '?';
  const key = FIELD_LABELS[String(field)];
  return key ? t(key) : String(field);
}

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
    default:
      if (refusal.code.startsWith('SETUP_')) return describeSetupRefusal(refusal, t);
      return t('refusal.unknown', { code: refusal.code });
  }
}

function describeSetupRefusal(refusal: Refusal, t: Translate): string {
  const field = refusal.params?.field;
  const specific = `refusal.${refusal.code}.${String(field)}`;
  if (isMessageKey(specific)) return t(specific);
  const general = `refusal.${refusal.code}`;
  if (isMessageKey(general)) return t(general, { field: fieldLabel(field, t) });
  return t('refusal.SETUP_OTHER', { field: fieldLabel(field, t) });
}
