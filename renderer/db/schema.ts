import Dexie from 'dexie';

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
export const LATEST_SCHEMA = SCHEMA_V1;

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

export type LedgerDb = Dexie & {
  meta: Dexie.Table<MetaRow, string>;
  keyslots: Dexie.Table<KeyslotRow, string>;
  accounts: Dexie.Table<AccountRow, string>;
  audit: Dexie.Table<AuditRow, number>;
  auditSealed: Dexie.Table<SealedRow, number>;
  settings: Dexie.Table<SettingRow, string>;
};

/** Opens (creating or upgrading) the database. A function, never a module singleton. */
export function openDatabase(name: string = DB_NAME): LedgerDb {
  const db = new Dexie(name) as LedgerDb;
  db.version(SCHEMA_V1).stores(SCHEMA_V1_STORES);
  return db;
}
