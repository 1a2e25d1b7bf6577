import { isMessageKey, type MessageKey, type Translate } from '../../i18n';

/**
 * How the auditor's screen names what is in the trail. Action codes get a Chinese label when one
 * is known (`action.<code>` in the locale files; tests/unit/auditActionLabels.test.ts checks every code
 * the app writes has one); an unknown code (from a newer version's backup) still shows, as the code.
 */
export const ACTION_GROUPS: readonly { prefix: string; label: MessageKey }[] = [
  { prefix: 'auth.', label: 'audit.group.auth' },
  { prefix: 'account.', label: 'audit.group.account' },
  { prefix: 'policy.', label: 'audit.group.policy' },
  { prefix: 'recovery.', label: 'audit.group.recovery' },
  { prefix: 'access.', label: 'audit.group.access' },
  { prefix: 'audit.', label: 'audit.group.audit' },
  { prefix: 'network.', label: 'audit.group.network' },
  { prefix: 'shell.', label: 'audit.group.shell' },
  { prefix: 'carrier.', label: 'audit.group.carrier' },
  { prefix: 'approval.', label: 'audit.group.approval' },
  { prefix: 'inventory.', label: 'audit.group.inventory' },
  { prefix: 'person.', label: 'audit.group.person' },
  { prefix: 'ledger.', label: 'audit.group.ledger' },
  { prefix: 'determination.', label: 'audit.group.determination' },
  { prefix: 'destruction.', label: 'audit.group.destruction' },
  { prefix: 'exchange.', label: 'audit.group.exchange' },
  { prefix: 'print.', label: 'audit.group.print' },
  { prefix: 'store.', label: 'audit.group.store' },
];

export function actionLabel(code: string, t: Translate): string {
  const key = `action.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

const DETAIL_KEYS: Record<string, MessageKey> = {
  before: 'audit.detail.before',
  after: 'audit.detail.after',
  changes: 'audit.detail.changes',
};

/** `key: value` pairs on one line; nested values as compact JSON. */
export function detailText(detail: Record<string, unknown>, t: Translate): string {
  return Object.entries(detail)
    .map(([k, v]) => {
      const key = DETAIL_KEYS[k];
      return `${key ? t(key) : k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`;
    })
    .join('; ');
}

/** Local calendar day → ISO instant at its first (or last) millisecond. */
export function dayStart(day: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).toISOString() : undefined;
}

export function dayEnd(day: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999).toISOString() : undefined;
}

/** Local time to the second, `YYYY-MM-DD HH:mm:ss`: an auditor orders events that share a minute. */
export function formatAuditTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
