/**
 * The benchmark page (npm run bench; docs/performance.md). Bundled by scripts/build.mjs
 * (--only=bench) into dist/bench/ and served by the Chromium stand-in's own route under the app's
 * CSP, like the app. It runs the app's code — the ledger repositories, the ledger page's loading,
 * search and filter functions, the exchange repositories, the import, the data-safety service —
 * over two databases with the same data: the encrypted store and plain Dexie (the same code with
 * plainCipher). The Node side (run.ts) calls window.__bench.
 */
import { z } from 'zod';
import { Cipher } from '../../renderer/db/cipher';
import { AuditRepo } from '../../renderer/db/audit.repo';
import { EncryptedLedgerStore } from '../../renderer/db/ledgerStore';
import { openDatabase, type LedgerDb } from '../../renderer/db/schema';
import type { VaultSource } from '../../renderer/db/ledgerAccess';
import type { Vault } from '../../renderer/db/ledgerStore';
import { LedgerPointer, pointerDbName } from '../../renderer/db/dataSafety/pointer';
import { plainCipher } from '../../renderer/db/bench/plainCipher';
import { BENCH_CLERK, BENCH_UNIT, seedLedger } from '../../renderer/db/bench/seedLedger';
import { createLedgerServices } from '../../renderer/features/ledger/ledgerServices';
import type { OfficeMode } from '../../shared/setup';
import { ExchangeBench } from './exchangeOps';
import { openLedgerView, type LedgerView } from './ledgerOps';
import { BackupBench, importCsv } from './storeOps';

// The app's zod runs jitless (its eval probe runs under the CSP and says no); here calls arrive
// through DevTools, where the probe would say yes and the compiled parsers then fail.
z.config({ jitless: true });

type Side = 'enc' | 'plain';

/** The bench's Argon2id cost: unlock is not what is measured (see docs/performance.md). */
const CHEAP_KDF = { m: 256, t: 1, p: 1 };
const ADMIN = { username: 'benchadmin', password: 'Jizhun2026x' };
/** A second office's master secret: the bureau's store on the encrypted side. */
const BUREAU_MASTER = new Uint8Array(32).map((_, i) => (i * 53 + 3) & 0xff);
const TODAY = '2026-11-20';

interface Entry {
  /** The store's base name (its pointer's), = the first database's name. */
  base: string;
  /** The database the bench reads (the store's own after a restore). */
  name: string;
  db: LedgerDb;
  cipher: Cipher;
  /** Encrypted side: the real store (set up with three administrators), for backup and restore. */
  store: EncryptedLedgerStore | null;
  clock: { t: number };
  exchange: ExchangeBench;
  backup: BackupBench | null;
}

const entries: Partial<Record<Side, Entry>> = {};
const views: Partial<Record<Side, LedgerView>> = {};

function sourceOf(db: LedgerDb, cipher: Cipher, now: () => Date, mode: OfficeMode = 'unit'): VaultSource {
  const audits = new AuditRepo(db);
  const session = { ...BENCH_CLERK, unit: { ...BENCH_UNIT, mode } } as unknown as Vault['session'];
  return {
    vault: () => ({
      ok: true,
      value: {
        db,
        cipher,
        session,
        now,
        commit: async (tables, write, events) => {
          const at = now().toISOString();
          await audits.commit(cipher, null, events.map((e) => ({ at, actor: session.accountId, action: e.action, detail: e.detail })), tables, write);
        },
      },
    }),
  };
}

const ledgerNow = () => new Date(`${TODAY}T09:00:00+08:00`);

function entryOf(side: Side): Entry {
  const e = entries[side];
  if (!e) throw new Error('not seeded');
  return e;
}

async function seed(side: Side, carriers: number, events: number, run: string) {
  const name = `bench-${side}-${run}`;
  const t0 = performance.now();
  let store: EncryptedLedgerStore | null = null;
  let cipher: Cipher;
  let seedDb: LedgerDb;
  if (side === 'enc') {
    // A real store: set up, its keys derived and wrapped as the app does; the ledger is written
    // with its own cipher, so backup and restore run through its DataSafetyService.
    store = new EncryptedLedgerStore({ dbName: name, kdfCost: CHEAP_KDF });
    const set = await store.setup({
      unitName: BENCH_UNIT.name,
      unitCode: BENCH_UNIT.code,
      adminUsername: ADMIN.username,
      adminDisplayName: '基准系统管理员',
      password: ADMIN.password,
      secadmin: { username: 'benchsec', displayName: '基准安全管理员', password: 'Anquan2026x' },
      auditor: { username: 'benchaudit', displayName: '基准审计员', password: 'Shenji2026x' },
    });
    if (!set.ok) throw new Error(`bench: set-up refused ${set.error.code}`);
    const v = store.vault();
    if (!v.ok) throw new Error(`bench: no vault ${v.error.code}`);
    cipher = v.value.cipher;
    seedDb = v.value.db;
  } else {
    cipher = plainCipher();
    seedDb = openDatabase(name);
    await seedDb.open();
  }
  const out = await seedLedger(seedDb, cipher, { carriers, events });
  const ms = performance.now() - t0;
  let db = seedDb;
  if (store) {
    // The bench reads through a connection of its own, as it reopens it for each first page.
    db = openDatabase(name);
    await db.open();
  }
  const clock = { t: 0 };
  const entry: Entry = {
    base: name,
    name,
    db,
    cipher,
    store,
    clock,
    exchange: null as unknown as ExchangeBench,
    backup: store ? new BackupBench(store, ADMIN) : null,
  };
  entry.exchange = new ExchangeBench(
    {
      unit: () => sourceOf(entry.db, entry.cipher, () => new Date(clock.t)),
      bureau: async (bureauName) => {
        const bdb = openDatabase(bureauName);
        await bdb.open();
        const bcipher = side === 'enc' ? await Cipher.fromMaster(new Uint8Array(BUREAU_MASTER) as Uint8Array<ArrayBuffer>) : plainCipher();
        return { db: bdb, source: sourceOf(bdb, bcipher, () => new Date(clock.t), 'bureau') };
      },
      db: () => entry.db,
      cipher: () => entry.cipher,
      clock,
    },
    `${side}-${run}`,
  );
  await entry.exchange.setUp();
  entries[side] = entry;
  return { ...out, ms };
}

/**
 * From "the keys exist" to the ledger's first page: a fresh connection, the session's keys derived
 * from a master secret (what unlock does after Argon2id: on the encrypted side an HKDF derivation
 * of the same cost is made and the store's own keys used, since the store's master secret never
 * leaves it), then what the ledger page does when it opens until its first screenful of rows is there.
 */
async function unlockToFirstPage(side: Side): Promise<{ ms: number; rows: number; total: number }> {
  const entry = entryOf(side);
  // The previous run's background reading must have stopped, or it competes with this one.
  views[side]?.close();
  await views[side]?.ready();
  entry.db.close();
  const t0 = performance.now();
  const db = openDatabase(entry.name);
  await db.open();
  entry.db = db;
  const cipher = side === 'enc' ? (await Cipher.fromMaster(new Uint8Array(BUREAU_MASTER) as Uint8Array<ArrayBuffer>), entry.cipher) : plainCipher();
  const services = createLedgerServices(sourceOf(db, cipher, ledgerNow));
  const view = await openLedgerView(services, TODAY);
  const rows = view.firstPage();
  const ms = performance.now() - t0;
  views[side] = view;
  return { ms, rows: rows.length, total: view.total() };
}

function viewOf(side: Side): LedgerView {
  const v = views[side];
  if (!v) throw new Error('ledger not open');
  return v;
}

/** Waits until the view's background work (a title index, if any) is done. */
async function settle(side: Side): Promise<number> {
  const t0 = performance.now();
  await viewOf(side).ready();
  return performance.now() - t0;
}

function titleSearch(side: Side, query: string): { ms: number; hits: number } {
  const t0 = performance.now();
  const hits = viewOf(side).search(query);
  return { ms: performance.now() - t0, hits };
}

function filterChange(side: Side, step: number): { ms: number; hits: number } {
  const filters = [{ level: 'secret' as const }, { kind: 'disc' as const }, { status: 'on_loan' as const }, { status: 'overdue' as const }, {}];
  const t0 = performance.now();
  const hits = viewOf(side).filter(filters[step % filters.length] ?? {});
  return { ms: performance.now() - t0, hits };
}

/** Stops the ledger view's background reading (before the heavier operations). */
async function closeView(side: Side): Promise<void> {
  views[side]?.close();
  await views[side]?.ready();
  delete views[side];
}

const bundleExport = (side: Side) => entryOf(side).exchange.exportFull();
const bundleVerifyImport = (side: Side) => entryOf(side).exchange.verifyImport();
const deltaSetUp = (side: Side, carriers: number) => entryOf(side).exchange.prepareDelta(carriers);
const deltaBundle = (side: Side) => entryOf(side).exchange.exportDelta();

function importCsvOp(side: Side, rows: number) {
  const entry = entryOf(side);
  return importCsv(side, rows, entry.db, (db) => sourceOf(db, entry.cipher, ledgerNow));
}

/** Backup and restore need a store (keys, accounts, an audit chain): the encrypted side only. */
async function backup(side: Side) {
  const b = entryOf(side).backup;
  return b ? b.backup() : null;
}

async function restore(side: Side) {
  const entry = entryOf(side);
  if (!entry.backup || !entry.store) return null;
  // The restore deletes the database it replaces: the bench's own connection must not hold it.
  entry.db.close();
  const r = await entry.backup.restore();
  entry.name = (await new LedgerPointer(entry.base).read()).active;
  entry.db = openDatabase(entry.name);
  await entry.db.open();
  return r;
}

async function drop() {
  for (const side of ['enc', 'plain'] as const) {
    views[side]?.close();
    const entry = entries[side];
    if (!entry) continue;
    entry.db.close();
    if (entry.store) await entry.store.signOut().catch(() => undefined);
    await indexedDB.deleteDatabase(entry.name);
    if (entry.store) await indexedDB.deleteDatabase(pointerDbName(entry.base));
  }
}

(window as unknown as { __bench: unknown }).__bench = {
  seed,
  unlockToFirstPage,
  settle,
  titleSearch,
  filterChange,
  closeView,
  bundleExport,
  bundleVerifyImport,
  deltaSetUp,
  deltaBundle,
  importCsv: importCsvOp,
  backup,
  restore,
  drop,
  exportFloor: (side: Side) => entryOf(side).exchange.exportFloor(),
};
