/**
 * The benchmark page (npm run bench; docs/performance.md). Bundled by scripts/build.mjs
 * (--only=bench) into dist/bench/ and served by the Chromium stand-in's own route under the app's
 * CSP, like the app. It runs the app's code — the ledger repositories, the ledger page's loading,
 * search and filter functions — over two databases with the same data: the encrypted store and
 * plain Dexie (the same code with plainCipher). The Node side (run.ts) calls window.__bench.
 */
import { Cipher } from '../../renderer/db/cipher';
import { AuditRepo } from '../../renderer/db/audit.repo';
import { openDatabase, type LedgerDb } from '../../renderer/db/schema';
import type { VaultSource } from '../../renderer/db/ledgerAccess';
import type { Vault } from '../../renderer/db/ledgerStore';
import { plainCipher } from '../../renderer/db/bench/plainCipher';
import { BENCH_CLERK, BENCH_UNIT, seedLedger } from '../../renderer/db/bench/seedLedger';
import { createLedgerServices } from '../../renderer/features/ledger/ledgerServices';
import { openLedgerView, type LedgerView } from './ledgerOps';

type Side = 'enc' | 'plain';

/** A fixed master secret: the bench measures the store after unlock, not Argon2id (see docs). */
const MASTER = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
const TODAY = '2026-11-20';

const dbs: Partial<Record<Side, { name: string; db: LedgerDb }>> = {};
const views: Partial<Record<Side, LedgerView>> = {};

async function cipherFor(side: Side): Promise<Cipher> {
  return side === 'enc' ? Cipher.fromMaster(new Uint8Array(MASTER) as Uint8Array<ArrayBuffer>) : plainCipher();
}

function sourceOf(db: LedgerDb, cipher: Cipher): VaultSource {
  const audits = new AuditRepo(db);
  const now = () => new Date(`${TODAY}T09:00:00+08:00`);
  const session = { ...BENCH_CLERK, unit: { ...BENCH_UNIT, mode: 'unit' } } as unknown as Vault['session'];
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

async function seed(side: Side, carriers: number, events: number, run: string) {
  const name = `bench-${side}-${run}`;
  const db = openDatabase(name);
  await db.open();
  const t0 = performance.now();
  const out = await seedLedger(db, await cipherFor(side), { carriers, events });
  dbs[side] = { name, db };
  return { ...out, ms: performance.now() - t0 };
}

/**
 * From "the keys exist" to the ledger's first page: a fresh connection, the session's keys derived
 * from the master secret (what unlock does after Argon2id), then what the ledger page does when it
 * opens until its first screenful of rows is there.
 */
async function unlockToFirstPage(side: Side): Promise<{ ms: number; rows: number; total: number }> {
  const entry = dbs[side];
  if (!entry) throw new Error('not seeded');
  // The previous run's background reading must have stopped, or it competes with this one.
  views[side]?.close();
  await views[side]?.ready();
  entry.db.close();
  const t0 = performance.now();
  const db = openDatabase(entry.name);
  await db.open();
  entry.db = db;
  const services = createLedgerServices(sourceOf(db, await cipherFor(side)));
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

async function drop() {
  for (const side of ['enc', 'plain'] as const) {
    views[side]?.close();
    const entry = dbs[side];
    if (!entry) continue;
    entry.db.close();
    await indexedDB.deleteDatabase(entry.name);
  }
}

(window as unknown as { __bench: unknown }).__bench = { seed, unlockToFirstPage, settle, titleSearch, filterChange, drop };
