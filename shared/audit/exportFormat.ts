import { canonicalJson } from '../canonicalJson';
import { GENESIS_HASH, verifyChain, type AuditEntry, type ChainBreak } from './chain';

/**
 * The audit trail as a file (docs/audit-export.md): JSON Lines, one JSON object per line —
 * a header, then every entry in sequence order, then the chain head as the store recorded it —
 * so that the chain can be re-verified outside this app with SHA-256 and sorted-key JSON.
 */
export const AUDIT_EXPORT_FORMAT = 'secrecy-ledger/audit-export';
export const AUDIT_EXPORT_VERSION = 1;

export interface AuditExportHeader {
  type: 'header';
  format: typeof AUDIT_EXPORT_FORMAT;
  version: typeof AUDIT_EXPORT_VERSION;
  unit: { name: string; code: string };
  exportedAt: string;
  exportedBy: { accountId: string; username: string };
  /** Entries in the file (readable or not). */
  count: number;
  /** The prevHash of the first entry. */
  genesis: string;
}

export type AuditExportLine =
  | AuditExportHeader
  | ({ type: 'entry' } & AuditEntry)
  /** A stored record that failed authentication in the store: only its number is known. */
  | { type: 'unreadable'; seq: number }
  | { type: 'head'; seq: number; hash: string }
  | { type: 'head'; seq: null; hash: null };

export type ExportItem = { seq: number; entry: AuditEntry | 'unreadable' };

export function buildAuditExport(
  header: Omit<AuditExportHeader, 'type' | 'format' | 'version' | 'count' | 'genesis'>,
  items: readonly ExportItem[],
  head: { seq: number; hash: string } | null,
): string {
  const lines: AuditExportLine[] = [
    { type: 'header', format: AUDIT_EXPORT_FORMAT, version: AUDIT_EXPORT_VERSION, ...header, count: items.length, genesis: GENESIS_HASH },
    ...items.map((i): AuditExportLine => (i.entry === 'unreadable' ? { type: 'unreadable', seq: i.seq } : { type: 'entry', ...i.entry })),
    head ? { type: 'head', seq: head.seq, hash: head.hash } : { type: 'head', seq: null, hash: null },
  ];
  return lines.map((l) => canonicalJson(l)).join('\n') + '\n';
}

export type ExportCheck =
  | { ok: true; count: number; header: AuditExportHeader }
  | { ok: false; count: number; firstBreak: ChainBreak }
  | { ok: false; malformed: string };

/** Reads an export back and re-verifies its chain against its head: what docs/audit-export.md describes. */
export function verifyAuditExport(text: string): ExportCheck {
  const raw = text.split('\n').filter((l) => l.trim() !== '');
  let parsed: AuditExportLine[];
  try {
    parsed = raw.map((l) => JSON.parse(l) as AuditExportLine);
  } catch {
    return { ok: false, malformed: 'a line is not JSON' };
  }
  const header = parsed[0];
  const last = parsed[parsed.length - 1];
  if (!header || header.type !== 'header' || header.format !== AUDIT_EXPORT_FORMAT) return { ok: false, malformed: 'no header' };
  if (!last || last.type !== 'head') return { ok: false, malformed: 'no head line' };
  const body = parsed.slice(1, -1);
  const items: ExportItem[] = [];
  for (const line of body) {
    if (line.type === 'entry') {
      const { type: _type, ...entry } = line;
      items.push({ seq: entry.seq, entry });
    } else if (line.type === 'unreadable') {
      items.push({ seq: line.seq, entry: 'unreadable' });
    } else {
      return { ok: false, malformed: `unexpected ${line.type} line` };
    }
  }
  const result = verifyChain(items, last.seq === null ? null : { seq: last.seq, hash: last.hash });
  return result.ok ? { ok: true, count: result.count, header } : result;
}

/** `audit-<unit code>-<YYYYMMDD>-<HHmmss>.jsonl`, local time: ASCII so every medium takes it. */
export function auditExportFileName(unitCode: string, at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}`;
  const time = `${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  return `audit-${unitCode.replace(/[^A-Za-z0-9-]/g, '-')}-${day}-${time}.jsonl`;
}

export const AUDIT_EXPORT_FILE_PATTERN = /^audit-[A-Za-z0-9-]{1,32}-\d{8}-\d{6}\.jsonl$/;
