import Dexie from 'dexie';
import { ledgerTotalsMiddleware } from './ledgerTotals';

/** The name of the one database the app keeps (per profile / origin). */
export const DB_NAME = 'secrecy-ledger';
/** Written into meta at set-up; a database without it is not ours. */
export const STORE_MAGIC = 'secrecy-ledger/store';

/**
 * Schema versions, newest last. Each is a named constant with a dated note of what changed; each
 * later upgrade lives in its own file under ./migrations and is registered here.
 */
/** 2026-11-21: first version — meta, keyslots, accounts, audit chain, sealed pre-sign-in events, settings. */
export const SCHEMA_V1 = 1;
/**
 * 2026-11-21: the carrier ledger (issue 3) — people, carriers, carrierEvents, approvals, counters,
 * inventories, savedFilters. New tables only: nothing to transform, so no upgrade function.
 */
export const SCHEMA_V2 = 2;
/**
 * 2026-11-21: determinations (issue 4) — catalogue (事项一览表 versions), determinations (the folded
 * state of each, a cache of its records), determinationRecords (append-only). New tables only: no
 * upgrade function. Versions need not be contiguous (issues work in parallel).
 */
export const SCHEMA_V4 = 4;
/**
 * 2026-11-21: printouts (issue 5) — printouts (one row per print: time and kind in the clear, who,
 * what, copies, printer and the PDF's SHA-256 encrypted) and printoutChunks (the PDF itself,
 * encrypted in pieces of at most 1 MiB). New tables only: no upgrade function.
 */
export const SCHEMA_V5 = 5;
/**
 * 2026-11-22: destruction (issue 5) — destructionBatches (the fold of each batch, a cache of its
 * events; status and the carriers' random ids in the clear), decommissions (停用/报废 and 信息消除
 * of devices), destructionEvents (append-only, both kinds), destructionLists (designated bodies and
 * approved erasure tools), certificateScans and certificateScanChunks (the scanned certificate,
 * encrypted in pieces like printouts). New tables only: no upgrade function.
 */
export const SCHEMA_V6 = 6;
/**
 * 2026-11-21: data exchange (issue 6) — exchangeLog (the bundles this office wrote or imported: a
 * time in the clear, the manifest summary encrypted), bureauUnits (上级部门模式: the units registered
 * by their public keys, with their chain position), bureauImports (each accepted unit bundle),
 * bureauRecords (the units' records, one row each; the unit's random id and the content name in the
 * clear) and policyItems (designated destruction bodies and forms: at a unit as the bureau last sent
 * them, at the bureau as it will send them). Signing keys, chain positions and the pinned bureau key
 * live in `settings`. New tables only: no upgrade function.
 */
export const SCHEMA_V7 = 7;
export const LATEST_SCHEMA = SCHEMA_V7;

export const SCHEMA_V1_STORES = {
  /** Plain facts needed before sign-in (install id, seal public key, lock policy). */
  meta: '&key',
  /** One per account: Argon2id parameters and the master secret wrapped under the password. */
  keyslots: '&slotId, accountId',
  /** Accounts: only id and status in the clear; names and roles encrypted. */
  accounts: '&id, status',
  /** The audit chain: seq and time in the clear, the entry encrypted. */
  audit: '&seq, at',
  /** Events recorded while locked, sealed to the store's public key (see sealedBox.ts). */
  auditSealed: '++id',
  /** Encrypted settings and singletons (unit, chain head, seal private key). */
  settings: '&key',
} as const;

/**
 * The carrier ledger. In the clear only what must be indexed and says nothing of content: random
 * ids, status / level / kind codes, dates, the row version. Titles, names, document numbers and
 * everything else are inside `ct`; registry and document numbers are findable through blinded
 * tokens (keyed HMAC, cipher.blind), titles through an index built in memory after unlock
 * (see docs/decisions.md, "Carrier ledger").
 */
export const SCHEMA_V2_STORES = {
  /** 人员名录: status and clearance category in the clear; name, department, post encrypted. */
  people: '&id, status, clearance',
  /** Current state of each carrier (the fold of its events), with its index fields. */
  carriers: '&id, status, level, kind, custodianId, registeredAt, updatedAt, dueOn, &regToken, *docTokens',
  /** Every event of every carrier, append-only; seq is the carrier's version after the event. */
  carrierEvents: '&id, [carrierId+seq], at',
  /** Requests for copying, take-out, outside repair, loans outside the scope, and their decisions. */
  approvals: '&id, carrierId, status',
  /** Registry-number sequences, keyed by a blinded counter key; they only go up. */
  counters: '&id',
  /** 清查 (inventories): reserved for the inventory screens. */
  inventories: '&id, status, startedAt',
  /** Saved ledger filters, encrypted. */
  savedFilters: '&id',
} as const;

/** Rows as stored. `ct` is always iv || AES-GCM ciphertext (see cipher.ts). */
export interface MetaRow {
  key: string;
  value: unknown;
}
export interface KeyslotRow {
  slotId: string;
  accountId: string;
  kdf: { alg: 'argon2id'; m: number; t: number; p: number; salt: string };
  wrapped: Uint8Array;
  failures: number;
  lockedUntil: string | null;
}
export interface AccountRow {
  id: string;
  status: 'active' | 'disabled';
  ct: Uint8Array;
}
export interface AuditRow {
  seq: number;
  at: string;
  ct: Uint8Array;
}
export interface SealedRow {
  id?: number;
  ephemeral: Uint8Array;
  ct: Uint8Array;
}
export interface SettingRow {
  key: string;
  ct: Uint8Array;
}

/** A carrier row: the index fields in the clear (checked against `ct` on read), blinded tokens, `ct`. */
export interface CarrierRow {
  id: string;
  status: string;
  level: string;
  kind: string;
  custodianId: string | null;
  registeredAt: string;
  updatedAt: string;
  dueOn: string | null;
  version: number;
  regToken: string;
  docTokens: string[];
  ct: Uint8Array;
}
export interface CarrierEventRow {
  id: string;
  carrierId: string;
  seq: number;
  at: string;
  ct: Uint8Array;
}
export interface PersonRow {
  id: string;
  status: string;
  clearance: string;
  ct: Uint8Array;
}
export interface ApprovalRow {
  id: string;
  carrierId: string;
  status: string;
  version: number;
  ct: Uint8Array;
}
/** id = blinded counter key; the count itself is encrypted. */
export interface CounterRow {
  id: string;
  ct: Uint8Array;
}
export interface InventoryRow {
  id: string;
  status: string;
  startedAt: string;
  ct: Uint8Array;
}
export interface SavedFilterRow {
  id: string;
  ct: Uint8Array;
}

/**
 * Determinations. In the clear: random ids, version and sequence numbers, status codes, times, and
 * the ids of the carriers a determination covers (so the ledger can find them). Titles, terms,
 * opinions and names are inside `ct`.
 */
export const SCHEMA_V4_STORES = {
  /** One row per version of an entry; a version is added, never replaced. */
  catalogue: '&id, entryId, &[entryId+version]',
  /** The fold of each determination's records, with seq for optimistic concurrency. */
  determinations: '&id, status, proposal, updatedAt, *carrierIds',
  /** Every record, append-only; [determinationId+seq] is unique, so one draft gets one decision. */
  determinationRecords: '&id, &[determinationId+seq], at',
} as const;

export interface CatalogueRow {
  id: string;
  entryId: string;
  version: number;
  ct: Uint8Array;
}
export interface DeterminationRow {
  id: string;
  status: string;
  proposal: string;
  seq: number;
  updatedAt: string;
  carrierIds: string[];
  ct: Uint8Array;
}
export interface DeterminationRecordRow {
  id: string;
  determinationId: string;
  seq: number;
  at: string;
  ct: Uint8Array;
}

/** Printouts: every print is kept as a PDF (SPEC §6). Only the time and the kind (a code) are in the clear. */
export const SCHEMA_V5_STORES = {
  printouts: '&id, at, kind',
  /** The PDF in encrypted pieces, in order; `n` counts from 0. */
  printoutChunks: '&[printoutId+n], printoutId',
} as const;

export interface PrintoutRow {
  id: string;
  at: string;
  kind: string;
  ct: Uint8Array;
}
export interface PrintoutChunkRow {
  printoutId: string;
  n: number;
  ct: Uint8Array;
}

/**
 * Destruction (销毁). In the clear: random ids, status codes, times, row versions, the ids of the
 * carriers a batch or an application concerns (so eligibility can be checked without decrypting
 * every batch) and a list entry's kind. Reasons, opinions, names, bodies and certificate numbers are
 * inside `ct`.
 */
export const SCHEMA_V6_STORES = {
  /** One row per batch: the fold of its events, with `version` for optimistic concurrency. */
  destructionBatches: '&id, status, updatedAt, *carrierIds',
  /** One row per 停用/报废 application of a device, with its decision and erasure. */
  decommissions: '&id, carrierId, status, updatedAt',
  /** Every event of a batch or an application, append-only; [subjectId+seq] is unique. */
  destructionEvents: '&id, &[subjectId+seq], at',
  /** 指定销毁机构 and 信息消除工具: entries are added and withdrawn, never deleted. */
  destructionLists: '&id, kind',
  /** The scanned certificate of a batch: the record (size, SHA-256) encrypted. */
  certificateScans: '&id, batchId, at',
  /** The scan itself in encrypted pieces, in order; `n` counts from 0. */
  certificateScanChunks: '&[scanId+n], scanId',
} as const;

export interface DestructionBatchRow {
  id: string;
  status: string;
  updatedAt: string;
  version: number;
  carrierIds: string[];
  ct: Uint8Array;
}
export interface DecommissionRow {
  id: string;
  carrierId: string;
  status: string;
  updatedAt: string;
  version: number;
  ct: Uint8Array;
}
export interface DestructionEventRow {
  id: string;
  subjectId: string;
  seq: number;
  at: string;
  ct: Uint8Array;
}
export interface DestructionListRow {
  id: string;
  kind: string;
  version: number;
  ct: Uint8Array;
}
export interface CertificateScanRow {
  id: string;
  batchId: string;
  at: string;
  ct: Uint8Array;
}
export interface CertificateScanChunkRow {
  scanId: string;
  n: number;
  ct: Uint8Array;
}

/** Data exchange (数据交换): see SCHEMA_V7. Unit codes, names, keys and records are inside `ct`. */
export const SCHEMA_V7_STORES = {
  /** Bundles written (unit exports, policy bundles) and policy bundles imported, by time. */
  exchangeLog: '&id, at',
  /** One row per registered unit (bureau mode), with `version` for optimistic concurrency. */
  bureauUnits: '&id',
  /** Each unit bundle the bureau accepted. */
  bureauImports: '&id, unitId',
  /** The units' records: id = `<unitId>|<content>|<record id>`. */
  bureauRecords: '&id, unitId, [unitId+part]',
  /** Destruction bodies and forms of the bureau's policy: `kind` in the clear. */
  policyItems: '&id, kind',
} as const;

export interface ExchangeLogRow {
  id: string;
  at: string;
  ct: Uint8Array;
}
export interface BureauUnitRow {
  id: string;
  version: number;
  ct: Uint8Array;
}
export interface BureauImportRow {
  id: string;
  unitId: string;
  ct: Uint8Array;
}
export interface BureauRecordRow {
  id: string;
  unitId: string;
  part: string;
  ct: Uint8Array;
}
export interface PolicyItemRow {
  id: string;
  kind: string;
  ct: Uint8Array;
}

export type LedgerDb = Dexie & {
  meta: Dexie.Table<MetaRow, string>;
  keyslots: Dexie.Table<KeyslotRow, string>;
  accounts: Dexie.Table<AccountRow, string>;
  audit: Dexie.Table<AuditRow, number>;
  auditSealed: Dexie.Table<SealedRow, number>;
  settings: Dexie.Table<SettingRow, string>;
  catalogue: Dexie.Table<CatalogueRow, string>;
  determinations: Dexie.Table<DeterminationRow, string>;
  determinationRecords: Dexie.Table<DeterminationRecordRow, string>;
  people: Dexie.Table<PersonRow, string>;
  carriers: Dexie.Table<CarrierRow, string>;
  carrierEvents: Dexie.Table<CarrierEventRow, string>;
  approvals: Dexie.Table<ApprovalRow, string>;
  counters: Dexie.Table<CounterRow, string>;
  inventories: Dexie.Table<InventoryRow, string>;
  savedFilters: Dexie.Table<SavedFilterRow, string>;
  printouts: Dexie.Table<PrintoutRow, string>;
  printoutChunks: Dexie.Table<PrintoutChunkRow, [string, number]>;
  exchangeLog: Dexie.Table<ExchangeLogRow, string>;
  bureauUnits: Dexie.Table<BureauUnitRow, string>;
  bureauImports: Dexie.Table<BureauImportRow, string>;
  bureauRecords: Dexie.Table<BureauRecordRow, string>;
  policyItems: Dexie.Table<PolicyItemRow, string>;
  destructionBatches: Dexie.Table<DestructionBatchRow, string>;
  decommissions: Dexie.Table<DecommissionRow, string>;
  destructionEvents: Dexie.Table<DestructionEventRow, string>;
  destructionLists: Dexie.Table<DestructionListRow, string>;
  certificateScans: Dexie.Table<CertificateScanRow, string>;
  certificateScanChunks: Dexie.Table<CertificateScanChunkRow, [string, number]>;
};

/** Opens (creating or upgrading) the database. A function, never a module singleton. */
export function openDatabase(name: string = DB_NAME): LedgerDb {
  const db = new Dexie(name) as LedgerDb;
  db.version(SCHEMA_V1).stores(SCHEMA_V1_STORES);
  db.version(SCHEMA_V2).stores(SCHEMA_V2_STORES);
  db.version(SCHEMA_V4).stores(SCHEMA_V4_STORES);
  db.version(SCHEMA_V5).stores(SCHEMA_V5_STORES);
  db.version(SCHEMA_V6).stores(SCHEMA_V6_STORES);
  db.version(SCHEMA_V7).stores(SCHEMA_V7_STORES);
  // The ledger's running counts, kept with every write to `carriers` (ledgerTotals.ts).
  db.use(ledgerTotalsMiddleware);
  return db;
}
