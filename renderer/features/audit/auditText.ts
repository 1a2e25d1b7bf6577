import { describeBundleRefusal, isBundleRefusalCode } from '../../../shared/bundle/messages';
import { isMessageKey, type Locale, type MessageKey, type Translate } from '../../i18n';
import { describeRefusal } from '../../i18n/refusals';

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
  { prefix: 'catalogue.', label: 'audit.group.catalogue' },
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

function fieldLabel(name: string, t: Translate): string {
  const known = DETAIL_KEYS[name];
  if (known) return t(known);
  const key = `audit.field.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One value as an auditor reads it: yes/no for a flag, local time for an instant, （无） for an
 * empty list or object, a list joined, an object as its named fields. Strings are shown exactly as
 * recorded (registry numbers, codes, hashes); only instants are turned into local time.
 */
function valueText(v: unknown, t: Translate, field = ''): string {
  if (v === null || v === undefined) return t('audit.value.none');
  if (typeof v === 'boolean') return t(v ? 'audit.value.yes' : 'audit.value.no');
  if (typeof v === 'string') return ISO_INSTANT.test(v) ? formatAuditTime(v) : (codeWord(field, v, t) ?? v);
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? t('audit.value.none') : v.map((x) => valueText(x, t, field)).join(t('audit.value.listJoin'));
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return t('audit.value.none');
    return t('audit.value.group', { fields: entries.map(([k, x]) => pairText(k, x, t)).join(t('audit.value.groupJoin')) });
  }
  return JSON.stringify(v) ?? '';
}

/**
 * `名称：值` pairs on one line, the field names in the reader's language (the code where none is
 * known), values as an auditor reads them — not `ok: true; filter: {}` and raw JSON. The export
 * keeps the entries exactly as recorded; this is only how the screen shows them.
 */
export function detailText(detail: Record<string, unknown>, t: Translate, locale: Locale = 'zh-CN'): string {
  const refusal = refusalOf(detail, t, locale);
  const entries = refusal ? refusal.context : Object.entries(detail);
  const pairs = entries.map(([k, v]) => pairText(k, v, t));
  if (refusal) pairs.push(t('audit.value.pair', { name: t('audit.detail.refusal'), value: refusal.sentence }));
  return pairs.join(t('audit.value.pairJoin'));
}

/** Fields recorded next to a refusal's code and params that are not params: where it happened. */
const REFUSAL_CONTEXT = new Set(['kind', 'fileName', 'file', 'path', 'registryNumber', 'batchId', 'id']);
const BUNDLE_KINDS: Record<string, MessageKey> = { 'unit-export': 'ex.kind.unitExport', policy: 'ex.kind.policy' };

/**
 * An entry that records a refusal (`code` plus its params, e.g. exchange.import_refused with
 * BUNDLE_AUDIT_ALTERED and `seq`) reads as the refusal's own sentence — the one the person saw —
 * with the code after it for matching the export, not as `code：BUNDLE_AUDIT_ALTERED；seq：5`.
 * Codes without a sentence stay as recorded.
 */
function refusalOf(detail: Record<string, unknown>, t: Translate, locale: Locale): { context: [string, unknown][]; sentence: string } | null {
  const code = detail.code;
  if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(code)) return null;
  const context: [string, unknown][] = [];
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(detail)) {
    if (k === 'code') continue;
    if (REFUSAL_CONTEXT.has(k)) context.push([k, k === 'kind' && typeof v === 'string' && BUNDLE_KINDS[v] ? t(BUNDLE_KINDS[v]) : v]);
    else if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    else context.push([k, v]);
  }
  let sentence: string;
  if (isBundleRefusalCode(code)) sentence = describeBundleRefusal({ code, params }, locale);
  else if (isMessageKey(`refusal.${code}`)) sentence = describeRefusal({ code, params }, t);
  else return null;
  return { context, sentence: t('audit.value.refusal', { sentence, code }) };
}

function pairText(name: string, v: unknown, t: Translate): string {
  return t('audit.value.pair', { name: fieldLabel(name, t), value: valueText(v, t, name) });
}

/**
 * Where the screen already has words for a code — a level, a role, a status, a procedure — the
 * entry uses them (秘密, 保密员, 保密期内) instead of confidential, clerk, live; other strings are
 * shown exactly as recorded.
 */
const CODE_WORDS: Record<string, readonly string[]> = {
  level: ['level.'],
  roles: ['role.'],
  role: ['role.'],
  procedure: ['det.procedure.'],
  status: ['det.status.', 'admin.status.', 'ledger.status.', 'audit.value.status.'],
};

function codeWord(field: string, v: string, t: Translate): string | undefined {
  for (const prefix of CODE_WORDS[field] ?? []) {
    const key = `${prefix}${v}`;
    if (isMessageKey(key)) return t(key);
  }
  return undefined;
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
