import type { BundleKind } from '../../../shared/bundle/manifest';
import type { SignatureAlgorithm } from '../../../shared/bundle/keys';
import type { AuditHead } from '../../../shared/exchange/auditSegment';
import type { Keyring, StoredTrustedKey } from '../../../shared/exchange/keyring';
import type { DestructionBody, PolicyForm } from '../../../shared/exchange/policy';
import type { ExportMode } from '../../../shared/exchange/unitExport';
import type { Cipher } from '../cipher';
import { defineEncryptedTable } from '../encryptedTable';
import type { Vault } from '../ledgerStore';
import type { BureauRecordRow, SettingRow } from '../schema';

/**
 * How data exchange (数据交换) is kept in the store. Everything is encrypted: the signing keys,
 * the chain positions and the pinned bureau key are settings records (one each); logs, registered
 * units, their bundles and records are rows of the SCHEMA_V7 tables.
 */

export const SETTING = {
  /** This office's signing keys (Keyring): the private keys exist only inside this record. */
  keyring: 'exchange.keyring',
  /** The last bundle this office signed (unit export or policy bundle): the chain it continues. */
  outgoing: 'exchange.outgoing',
  /** Unit mode: the bureau's pinned key(s) and the last policy bundle accepted from it. */
  bureau: 'exchange.bureau',
} as const;

/** The last bundle this office wrote. */
export interface OutgoingPosition {
  sequence: number;
  manifestHash: string;
  /** When its content was read: a delta bundle carries what changed after this. */
  cutoff: string;
  periodTo: string;
  /** The last audit entry it carried; the next bundle's audit segment starts after it. */
  auditSeq: number;
  /**
   * It carried destruction batches and device decommissions (bundles written before those content
   * files existed lack this): only then may the next delta carry just the ones changed since.
   */
  batches?: true;
}

/** The bureau as a unit knows it (unit mode). */
export interface PinnedBureau {
  code: string;
  name: string;
  keys: StoredTrustedKey[];
  pinnedAt: string;
  pinnedBy: string;
  /** The last policy bundle accepted, or null. */
  position: { sequence: number; manifestHash: string } | null;
}

/** One bundle written or imported, as the log lists it (and the receipt prints it). */
export interface ExchangeLogEntry {
  id: string;
  at: string;
  direction: 'out' | 'in';
  kind: BundleKind;
  /** The issuer: this office for `out`, the bureau for policy bundles `in`. */
  issuer: { code: string; name: string };
  sequence: number;
  manifestHash: string;
  period: { from: string; to: string };
  createdAt: string;
  counts: Record<string, number>;
  keyFingerprint: string;
  algorithm: SignatureAlgorithm;
  fileName: string;
  /** Where the file was saved (out) or read from (in). */
  path: string;
  mode: ExportMode | null;
  byName: string;
}

/** A unit registered at the bureau (上级部门模式). */
export interface RegisteredUnit {
  id: string;
  code: string;
  name: string;
  keys: StoredTrustedKey[];
  registeredAt: string;
  registeredBy: string;
  position: { sequence: number; manifestHash: string } | null;
  /**
   * The last audit entry (seq, hash) of the unit's accepted bundles: the next bundle's audit
   * segment must continue it. Absent for units whose bundles were imported before this was kept
   * (then found among the stored audit records), null while none was carried.
   */
  auditHead?: AuditHead | null;
  version: number;
}

/** A unit bundle the bureau accepted. */
export interface BureauImport {
  id: string;
  unitId: string;
  sequence: number;
  manifestHash: string;
  period: { from: string; to: string };
  createdAt: string;
  counts: Record<string, number>;
  importedAt: string;
  byName: string;
  fileName: string;
}

/** 指定销毁机构 and forms: received (unit mode) or to be sent (bureau mode). */
export type PolicyItem =
  | { id: string; kind: 'destruction-body'; body: DestructionBody }
  | { id: string; kind: 'form'; form: PolicyForm };

export const logTable = defineEncryptedTable<ExchangeLogEntry, 'at'>('exchangeLog', ['at']);
export const unitsTable = defineEncryptedTable<RegisteredUnit, 'version'>('bureauUnits', ['version']);
export const importsTable = defineEncryptedTable<BureauImport, 'unitId'>('bureauImports', ['unitId']);
export const policyItemsTable = defineEncryptedTable<PolicyItem, 'kind'>('policyItems', ['kind']);

/**
 * A unit's records as stored at the bureau: which unit, which content file, and a run of up to
 * BUREAU_CHUNK_RECORDS of that file's records per row, so that a full bundle's 1.1 million records
 * are ~1,100 rows to encrypt and write, not a million. Runs are kept per bundle (the sequence is in
 * the id); a replaceable part (carriers, determinations, …: a later bundle carries a record's new
 * version) is read as the latest version of each record, an append-only part (events, audit
 * entries, determination records) as every run's records. Stores written before every part went in
 * runs also hold rows of one record each (`record`, id `<unitId>|<part>|<record id>`): read first,
 * as the oldest versions.
 */
export type BureauRecordDoc =
  | { id: string; unitId: string; part: string; record: Record<string, unknown> & { id: string } }
  | { id: string; unitId: string; part: string; records: (Record<string, unknown> & { id: string })[] };
export const recordsTable = defineEncryptedTable<BureauRecordDoc, 'unitId' | 'part'>('bureauRecords', ['unitId', 'part']);
/** Content files whose records are only ever added (see BureauRecordDoc). */
export const APPEND_ONLY_PARTS: ReadonlySet<string> = new Set(['events', 'audit', 'determination-records']);
export const BUREAU_CHUNK_RECORDS = 1000;
/** A run of a part: the bundle's sequence and the run's number keep ids apart. */
export const bureauChunkId = (unitId: string, part: string, sequence: number, chunk: number): string =>
  `${unitId}|${part}|#${String(sequence).padStart(10, '0')}|${String(chunk).padStart(6, '0')}`;

const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * A content file's records as the bureau stores them: runs of BUREAU_CHUNK_RECORDS lines, each
 * sealed as the JSON of its BureauRecordDoc (`{…,"records":[line,line,…]}`) made from the file's
 * own canonical lines — commas for the newlines, no parsing and serialising again. `file` is a
 * content file verifyBundle accepted (every line one JSON object, a newline after each; a newline
 * byte occurs nowhere else in canonical JSON).
 */
export async function runRows(cipher: Cipher, unitId: string, part: string, sequence: number, file: Uint8Array): Promise<BureauRecordRow[]> {
  const utf8 = new TextEncoder();
  const rows: BureauRecordRow[] = [];
  // Sealed a few runs at a time (WebCrypto works on them in parallel), so that the plaintexts of a
  // whole bundle are never all in memory at once.
  const PARALLEL = 16;
  let pending: { id: string; json: Uint8Array<ArrayBuffer> }[] = [];
  const flush = async () => {
    const cts = await Promise.all(pending.map((p) => cipher.sealJson(recordsTable.table, p.id, p.json)));
    cts.forEach((ct, k) => rows.push({ id: (pending[k] as { id: string }).id, unitId, part, ct }));
    pending = [];
  };
  for (let at = 0, chunk = 0; at < file.length; chunk++) {
    const newlines: number[] = [];
    let end = at;
    while (newlines.length < BUREAU_CHUNK_RECORDS && end < file.length) {
      const nl = file.indexOf(NEWLINE, end);
      newlines.push(nl);
      end = nl + 1;
    }
    const id = bureauChunkId(unitId, part, sequence, chunk);
    const head = utf8.encode(`{"id":${JSON.stringify(id)},"unitId":${JSON.stringify(unitId)},"part":${JSON.stringify(part)},"records":[`);
    // The lines without the last newline, then "]}"; the other newlines become commas.
    const json = new Uint8Array(head.length + (end - 1 - at) + 2);
    json.set(head, 0);
    json.set(file.subarray(at, end - 1), head.length);
    for (let i = 0; i < newlines.length - 1; i++) json[head.length + ((newlines[i] as number) - at)] = COMMA;
    json[json.length - 2] = 0x5d; // ]
    json[json.length - 1] = 0x7d; // }
    pending.push({ id, json });
    if (pending.length === PARALLEL) await flush();
    at = end;
  }
  await flush();
  return rows;
}

export async function readSetting<T>(v: Pick<Vault, 'db' | 'cipher'>, key: string): Promise<T | null> {
  const row = await v.db.settings.get(key);
  if (!row) return null;
  return v.cipher.open<T>('settings', key, row.ct);
}

export async function settingRow(cipher: Cipher, key: string, value: unknown): Promise<SettingRow> {
  return { key, ct: await cipher.seal('settings', key, value) };
}

/** The bytes of a settings row, to compare before writing (nobody changed it meanwhile). */
export async function settingBytes(v: Pick<Vault, 'db'>, key: string): Promise<Uint8Array | null> {
  return (await v.db.settings.get(key))?.ct ?? null;
}

export function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const readKeyring = (v: Pick<Vault, 'db' | 'cipher'>) => readSetting<Keyring>(v, SETTING.keyring);
export const readOutgoing = (v: Pick<Vault, 'db' | 'cipher'>) => readSetting<OutgoingPosition>(v, SETTING.outgoing);
export const readBureau = (v: Pick<Vault, 'db' | 'cipher'>) => readSetting<PinnedBureau>(v, SETTING.bureau);
