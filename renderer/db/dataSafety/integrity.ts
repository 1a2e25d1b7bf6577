import type Dexie from 'dexie';
import type { Table } from 'dexie';
import { ChainWalk } from '../../../shared/audit/chainWalk';
import type { AuditEntry, ChainBreak } from '../../../shared/audit/chain';
import { TamperError, type Cipher } from '../cipher';
import { InstallSchema } from '../inspect';
import { unseal } from '../sealedBox';
import type { SealedRow } from '../schema';
import { tablePages } from './tablePages';

/**
 * The integrity check (完整性检查): every record of every table decrypted and authenticated, the
 * index fields kept in the clear compared with their encrypted copies, the sealed pre-sign-in
 * events opened, the audit chain walked to its stored head. Generic over the tables Dexie knows:
 * a record's associated data is `table/primary key` (a compound key joined with `/`), which is
 * how every repository seals. Only the tables in PLAIN_TABLES are expected in the clear.
 */

/** Tables whose rows are not sealed with the record key, each checked its own way. */
export const PLAIN_TABLES = ['meta', 'keyslots', 'auditSealed'] as const;

export type IntegrityReason =
  /** Failed authentication: changed on disk, moved from another record, or not ours. */
  | 'unreadable'
  /** An index field in the clear (detail: its name) differs from the encrypted copy. */
  | 'plainMismatch'
  /** The encrypted record names another record. */
  | 'idMismatch'
  /** A row of an encrypted table has no ciphertext. */
  | 'unencrypted'
  /** A sealed pre-sign-in event cannot be opened. */
  | 'sealedUnreadable'
  /** The install record is missing or malformed. */
  | 'installInvalid'
  /** A key slot is malformed. */
  | 'keyslotInvalid'
  /** The audit chain breaks here (detail: missing, relinked, altered, truncated, unreadable). */
  | 'chain';

export interface IntegrityProblem {
  table: string;
  id: string;
  reason: IntegrityReason;
  detail?: string;
}

export interface IntegrityProgress {
  done: number;
  total: number;
  table: string;
}

export type ChainVerification = { ok: true; count: number } | { ok: false; count: number; firstBreak: ChainBreak };

export interface IntegrityReport {
  /** Every table with its rows and how many problems it has. */
  tables: { name: string; rows: number; problems: number }[];
  /** The first MAX_LISTED problems, in table and key order. */
  problems: IntegrityProblem[];
  problemCount: number;
  rows: number;
  chain: ChainVerification;
}

export const MAX_LISTED = 1000;
const PAGE_ROWS = 2000;
const HEAD_KEY = 'auditHead';

/** The associated-data id of a row: its primary key as the repositories name it. */
export function aadId(key: unknown): string {
  return Array.isArray(key) ? key.map(String).join('/') : String(key);
}

function keyOf(table: Table, row: Record<string, unknown>, outboundKey: unknown): unknown {
  const path = table.schema.primKey.keyPath;
  if (path === undefined || path === null) return outboundKey;
  return Array.isArray(path) ? path.map((p) => row[p]) : row[path];
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function checkIntegrity(db: Dexie, cipher: Cipher, sealPrivate: CryptoKey | null, onProgress?: (p: IntegrityProgress) => void): Promise<IntegrityReport> {
  const tables = db.tables;
  const counts = await db.transaction('r', tables, () => Promise.all(tables.map((t) => t.count())));
  const total = counts.reduce((a, b) => a + b, 0);
  const problems: IntegrityProblem[] = [];
  let problemCount = 0;
  const perTable: IntegrityReport['tables'] = [];
  const walk = new ChainWalk();
  let done = 0;
  let chainReported = false;

  // The head first: entries committed while the check runs come after it and are not part of the
  // chain it names (they are still decrypted and checked as records).
  let head: { seq: number; hash: string } | null = null;
  let headReadable = true;
  const headRow = tables.some((t) => t.name === 'settings') ? ((await db.table('settings').get(HEAD_KEY)) as { ct?: unknown } | undefined) : undefined;
  if (headRow?.ct instanceof Uint8Array) {
    try {
      head = await cipher.open<{ seq: number; hash: string }>('settings', HEAD_KEY, headRow.ct);
    } catch (e) {
      if (!(e instanceof TamperError)) throw e;
      headReadable = false;
    }
  }
  const chainEnd = head?.seq ?? Number.POSITIVE_INFINITY;

  const report = (p: IntegrityProblem) => {
    problemCount += 1;
    if (problems.length < MAX_LISTED) problems.push(p);
  };

  for (const table of tables) {
    let rows = 0;
    const before = problemCount;
    const plain = (PLAIN_TABLES as readonly string[]).includes(table.name);
    for await (const page of tablePages(table, () => PAGE_ROWS, true)) {
      const items = page.rows.map((row, i) => ({ row: row as Record<string, unknown>, key: page.keys?.[i] }));
      const found = await Promise.all(
        items.map(async ({ row, key }) => {
          const id = aadId(keyOf(table, row, key));
          if (plain) return { id, problems: await checkPlainRow(table.name, id, row, sealPrivate), entry: null };
          return checkSealedRow(cipher, table.name, id, row);
        }),
      );
      for (const f of found) {
        for (const p of f.problems) report(p);
        if (table.name === 'audit' && Number(f.id) <= chainEnd) {
          const brk = walk.push(Number(f.id), f.entry ?? 'unreadable');
          // The chain has one first break; the rows after it are still decrypted and reported.
          if (brk && !chainReported) {
            chainReported = true;
            report({ table: 'audit', id: String(brk.seq), reason: 'chain', detail: brk.reason });
          }
        }
      }
      rows += page.rows.length;
      done += page.rows.length;
      onProgress?.({ done, total: Math.max(total, done), table: table.name });
    }
    perTable.push({ name: table.name, rows, problems: problemCount - before });
  }

  // An altered head was reported with the settings table above.
  let chain: ChainVerification = walk.finish(head);
  if (!headReadable) chain = { ok: false, count: chain.count, firstBreak: { seq: chain.count, reason: 'relinked' } };
  else if (!chain.ok && !chainReported) {
    // Entries cut off the end (or a head naming another chain): found only now, against the head.
    report({ table: 'audit', id: String(chain.firstBreak.seq), reason: 'chain', detail: chain.firstBreak.reason });
    const audit = perTable.find((t) => t.name === 'audit');
    if (audit) audit.problems += 1;
  }
  return { tables: perTable, problems, problemCount, rows: done, chain };
}

async function checkSealedRow(cipher: Cipher, table: string, id: string, row: Record<string, unknown>): Promise<{ id: string; problems: IntegrityProblem[]; entry: AuditEntry | null }> {
  const ct = row.ct;
  if (!(ct instanceof Uint8Array)) return { id, problems: [{ table, id, reason: 'unencrypted' }], entry: null };
  let value: unknown;
  try {
    value = await cipher.open<unknown>(table, id, ct);
  } catch (e) {
    if (!(e instanceof TamperError)) throw e;
    return { id, problems: [{ table, id, reason: 'unreadable' }], entry: null };
  }
  const out: IntegrityProblem[] = [];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if ('id' in record && typeof row.id === 'string' && record.id !== row.id) out.push({ table, id, reason: 'idMismatch' });
    for (const [k, v] of Object.entries(row)) {
      if (k === 'ct' || k === 'id' || !(k in record)) continue;
      if (!sameValue(record[k], v)) out.push({ table, id, reason: 'plainMismatch', detail: k });
    }
  }
  return { id, problems: out, entry: table === 'audit' && out.length === 0 ? (value as AuditEntry) : null };
}

async function checkPlainRow(table: string, id: string, row: Record<string, unknown>, sealPrivate: CryptoKey | null): Promise<IntegrityProblem[]> {
  switch (table) {
    case 'meta':
      if (id === 'install' && !InstallSchema.safeParse(row.value).success) return [{ table, id, reason: 'installInvalid' }];
      return [];
    case 'keyslots': {
      const kdf = row.kdf as Record<string, unknown> | undefined;
      const good =
        typeof row.slotId === 'string' &&
        typeof row.accountId === 'string' &&
        row.wrapped instanceof Uint8Array &&
        kdf?.alg === 'argon2id' &&
        [kdf.m, kdf.t, kdf.p].every((n) => Number.isInteger(n) && (n as number) > 0) &&
        typeof kdf.salt === 'string';
      return good ? [] : [{ table, id, reason: 'keyslotInvalid' }];
    }
    case 'auditSealed': {
      if (!sealPrivate) return [];
      const r = row as unknown as SealedRow;
      const opened = r.ephemeral instanceof Uint8Array && r.ct instanceof Uint8Array ? await unseal(sealPrivate, r) : null;
      return opened === null ? [{ table, id, reason: 'sealedUnreadable' }] : [];
    }
    default:
      return [];
  }
}
