import Dexie from 'dexie';
import { encodeRow } from '../../../shared/backup/rowCodec';
import type { Cipher } from '../../../renderer/db/cipher';
import { aadId, PLAIN_TABLES } from '../../../renderer/db/dataSafety/integrity';
import { EncryptedLedgerStore } from '../../../renderer/db/ledgerStore';
import { LATEST_SCHEMA, openDatabase, type LedgerDb } from '../../../renderer/db/schema';
import { CHEAP, THREE_ADMINS } from '../storeFixtures';
import { SCHEMA_HISTORY, storesAt } from './history';

/**
 * Stores as an older version of the app left them: set up by the real store on a database declared
 * only up to that version (storesAt), then filled with rows in every table that version has. The
 * rows are generic — made from each table's declaration: its keys and index fields, and a sealed
 * `ct` carrying the same fields under the `table/primary key` associated data every repository uses
 * — so a version added later gets fixture data without anyone writing it.
 */

/** A database declared exactly as the app declared it at `version` (and, optionally, more on top). */
export function declaredAt(version: number, extra?: (db: Dexie) => void): (name: string) => LedgerDb {
  return (name) => {
    const db = new Dexie(name) as LedgerDb;
    for (const step of SCHEMA_HISTORY) {
      if (step.version > version) break;
      db.version(step.version).stores(step.stores);
    }
    extra?.(db);
    return db;
  };
}

interface Decl {
  primary: { auto: boolean; fields: string[] };
  indexes: { fields: string[]; multi: boolean }[];
}

function fieldsOf(spec: string): string[] {
  const s = spec.replace(/^(\+\+|&|\*)/, '');
  return s.startsWith('[') ? s.slice(1, -1).split('+') : [s];
}

export function parseDeclaration(decl: string): Decl {
  const [first = '', ...rest] = decl.split(',').map((s) => s.trim());
  return {
    primary: { auto: first.startsWith('++'), fields: fieldsOf(first) },
    indexes: rest.map((s) => ({ fields: fieldsOf(s), multi: s.startsWith('*') })),
  };
}

const NUMERIC = new Set(['seq', 'n', 'version', 'part']);

/** `count` rows for `table`: every key and index field filled (unique per row), sealed as the repositories seal. */
export async function fixtureRows(cipher: Cipher, table: string, decl: string, count: number): Promise<Record<string, unknown>[]> {
  const d = parseDeclaration(decl);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const plain: Record<string, unknown> = {};
    for (const f of d.primary.fields) plain[f] = NUMERIC.has(f) ? i + 1 : `${table}.${f}.${i}`;
    for (const idx of d.indexes) {
      for (const f of idx.fields) {
        if (f in plain) continue;
        plain[f] = idx.multi ? [`${table}.${f}.${i}.a`, `${table}.${f}.${i}.b`] : NUMERIC.has(f) ? i + 1 : `${table}.${f}.${i}`;
      }
    }
    const key = d.primary.fields.length > 1 ? d.primary.fields.map((f) => plain[f]) : plain[d.primary.fields[0] ?? 'id'];
    const record = { ...plain, fixture: `${table} #${i}`, text: '迁移测试内容（加密）' };
    rows.push({ ...plain, ct: await cipher.seal(table, aadId(key), record) });
  }
  return rows;
}

export interface OldStore {
  base: string;
  version: number;
  /** Every table as stored, row by row (JSON, bytes as base64). */
  dump: Record<string, string[]>;
}

/** Sets up a store at `version` and puts `perTable` rows into every table it has beyond set-up's own. */
export async function oldStore(base: string, version: number, perTable = 3): Promise<OldStore> {
  const s = new EncryptedLedgerStore({ dbName: base, kdfCost: CHEAP, openDatabase: declaredAt(version) });
  const set = await s.setup(THREE_ADMINS);
  if (!set.ok) throw new Error(`setup at v${version}: ${set.error.code}`);
  const v = s.vault();
  if (!v.ok) throw new Error(v.error.code);
  const vault = v.value;
  const fill: [string, Record<string, unknown>[]][] = [];
  for (const [table, decl] of Object.entries(storesAt(version))) {
    if ((PLAIN_TABLES as readonly string[]).includes(table) || ['accounts', 'audit', 'settings'].includes(table)) continue;
    fill.push([table, await fixtureRows(vault.cipher, table, decl, perTable)]);
  }
  // Rows in this version's shape that a later version's upgrade transforms.
  for (const step of SCHEMA_HISTORY) {
    if (step.version <= version || !step.fixture) continue;
    for (const [table, rows] of Object.entries(step.fixture())) fill.push([table, rows as Record<string, unknown>[]]);
  }
  await vault.commit(
    fill.map(([t]) => vault.db.table(t)),
    async () => {
      for (const [t, rows] of fill) await vault.db.table(t).bulkAdd(rows);
    },
    [{ action: 'fixture.filled', detail: { version, tables: fill.length } }],
  );
  s.close();
  return { base, version, dump: await dump(base) };
}

export async function dump(name: string): Promise<Record<string, string[]>> {
  const db = new Dexie(name);
  await db.open();
  try {
    const out: Record<string, string[]> = {};
    for (const t of db.tables) out[t.name] = (await t.toArray()).map((r) => JSON.stringify(encodeRow(r)));
    return out;
  } finally {
    db.close();
  }
}

/** The version a database is at, without upgrading it. */
export async function versionOf(name: string): Promise<number> {
  const db = new Dexie(name);
  await db.open();
  const v = db.verno;
  db.close();
  return v;
}

/** The live schema plus a next version whose upgrade changes rows and then throws halfway. */
export function failingUpgrade(name: string): LedgerDb {
  const db = openDatabase(name);
  db.version(LATEST_SCHEMA + 1)
    .stores({ people: '&id, status, clearance, department' })
    .upgrade(async (tx) => {
      await tx
        .table('people')
        .toCollection()
        .modify((p: Record<string, unknown>) => {
          p.status = 'changed-by-the-failed-upgrade';
        });
      throw new Error('the upgrade went wrong halfway');
    });
  return db;
}
