import { BureauRepo } from '../../renderer/db/exchange/bureau.repo';
import { ExchangeRepo } from '../../renderer/db/exchange/exchange.repo';
import type { PreparedBundle } from '../../renderer/db/exchange/outgoing';
import type { Cipher } from '../../renderer/db/cipher';
import { openDatabase, type LedgerDb } from '../../renderer/db/schema';
import { asRow, carriersTable, eventsTable, type VaultSource } from '../../renderer/db/ledgerAccess';
import { seedActivity } from '../../renderer/db/bench/benchData';
import { BENCH_UNIT } from '../../renderer/db/bench/seedLedger';

/**
 * The bench's exchange operations (issue 6's targets), on the app's own code: ExchangeRepo's
 * prepareExport (read, decrypt, shape, canonical JSON, hash, sign, tar) for a full bundle and for a
 * month's delta, and BureauRepo's importBundle (verifyBundle, content checks, encrypt, one
 * transaction) at a bureau with the unit registered by its PEM.
 */

export interface ExchangeSide {
  /** The unit's ledger (the side's seeded database). */
  unit: () => VaultSource;
  /** A fresh bureau store: database and a source in bureau mode. */
  bureau: (name: string) => Promise<{ db: LedgerDb; source: VaultSource }>;
  db: () => LedgerDb;
  cipher: () => Cipher;
  /** The exchange's clock (ms), which the unit source reads. */
  clock: { t: number };
}

/** After every seeded event (the seeder's last events fall up to ~30 days after 2026-11-20). */
export const FULL_CUTOFF = Date.parse('2027-01-10T09:00:00+08:00');
const DAY = 86_400_000;
/** Fixed key bytes: both sides sign with the same Ed25519 key. */
const KEY_BYTES = new Uint8Array(32).map((_, i) => (i * 29 + 7) & 0xff);

export class ExchangeBench {
  private full: PreparedBundle | null = null;
  private pem = '';
  private n = 0;
  private recorded = false;

  constructor(
    private readonly side: ExchangeSide,
    private readonly tag: string,
  ) {}

  private repo(): ExchangeRepo {
    return new ExchangeRepo(this.side.unit(), { random: (n) => KEY_BYTES.slice(0, n) });
  }

  async setUp(): Promise<void> {
    this.side.clock.t = FULL_CUTOFF;
    const key = await this.repo().createKey('ed25519');
    if (!key.ok) throw new Error(`bench: key refused ${key.error.code}`);
    this.pem = key.value.publicKeyPem;
  }

  /** A full bundle of the whole ledger, built and signed in memory (not recorded: every run is sequence 1). */
  async exportFull(): Promise<{ ms: number; bytes: number; manifestHash: string; counts: Record<string, number>; phases: Record<string, number> }> {
    this.side.clock.t = FULL_CUTOFF;
    const t0 = performance.now();
    // When each phase of the export began and last reported (ms from the start), from its progress.
    const phases: Record<string, number> = {};
    const r = await this.repo().prepareExport('full', (p) => {
      const at = Math.round(performance.now() - t0);
      phases[p.phase] ??= at;
      phases[`${p.phase}-last`] = at;
    });
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`bench: export refused ${r.error.code}`);
    // Once the first bundle is recorded, later full bundles continue the chain; the bureau's
    // import keeps importing the first one.
    if (!this.recorded) this.full = r.value;
    return { ms, bytes: r.value.bytes.length, manifestHash: r.value.manifestHash, counts: r.value.manifest.counts, phases };
  }

  /**
   * The floor under a full export: the carriers' and events' rows read as the export reads them
   * (one read transaction, the events in key order), then decrypted and checked as the export does
   * (eventsTable / carriersTable.fromRow, in slices of 500 at a time), nothing built.
   */
  async exportFloor(): Promise<{ readMs: number; decryptMs: number; rows: number }> {
    const db = this.side.db();
    const cipher = this.side.cipher();
    const t0 = performance.now();
    const raw = await db.transaction('r', [db.carriers, db.carrierEvents], async () => ({ carriers: await db.carriers.toArray(), events: await db.carrierEvents.toArray() }));
    const t1 = performance.now();
    const SLICE = 500;
    for (let i = 0; i < raw.carriers.length; i += SLICE) await Promise.all(raw.carriers.slice(i, i + SLICE).map((r) => carriersTable.fromRow(cipher, asRow(r))));
    for (let i = 0; i < raw.events.length; i += SLICE) await Promise.all(raw.events.slice(i, i + SLICE).map((r) => eventsTable.fromRow(cipher, asRow(r))));
    return { readMs: t1 - t0, decryptMs: performance.now() - t1, rows: raw.carriers.length + raw.events.length };
  }

  /** Verify + import of the full bundle at a fresh bureau that has registered the unit's key. */
  async verifyImport(): Promise<{ ms: number; records: number }> {
    const full = this.full;
    if (!full) throw new Error('bench: no bundle exported yet');
    const name = `bench-bureau-${this.tag}-${this.n++}`;
    const { db, source } = await this.side.bureau(name);
    try {
      const repo = new BureauRepo(source);
      const reg = await repo.registerUnit({ pem: this.pem, code: BENCH_UNIT.code, name: BENCH_UNIT.name });
      if (!reg.ok) throw new Error(`bench: register refused ${reg.error.code}`);
      const t0 = performance.now();
      const r = await repo.importBundle(full.bytes, { fileName: full.fileName, path: `/media/disc/${full.fileName}` });
      const ms = performance.now() - t0;
      if (!r.ok) throw new Error(`bench: import refused ${r.error.code} ${JSON.stringify(r.error.params ?? {})}`);
      return { ms, records: Object.values(r.value.counts).reduce((a, b) => a + b, 0) };
    } finally {
      db.close();
      await indexedDB.deleteDatabase(name);
    }
  }

  /**
   * The full bundle is recorded (sent), then a month passes with `carriers` carriers lent and
   * returned (two events each), written after the cutoff.
   */
  async prepareDelta(carriers: number): Promise<number> {
    const full = this.full;
    if (!full) throw new Error('bench: no bundle exported yet');
    this.side.clock.t = FULL_CUTOFF;
    const rec = await this.repo().recordBundle(full, { path: `/media/disc/${full.fileName}`, fileName: full.fileName });
    if (!rec.ok) throw new Error(`bench: record refused ${rec.error.code}`);
    this.recorded = true;
    const events = await seedActivity(this.side.db(), this.side.cipher(), { carriers, from: FULL_CUTOFF + 3_600_000, days: 28 });
    this.side.clock.t = FULL_CUTOFF + 30 * DAY;
    return events;
  }

  /** The month's delta bundle (everything since the recorded full bundle), built and signed in memory. */
  async exportDelta(): Promise<{ ms: number; bytes: number; events: number }> {
    const t0 = performance.now();
    const r = await this.repo().prepareExport('delta');
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`bench: delta refused ${r.error.code}`);
    return { ms, bytes: r.value.bytes.length, events: r.value.manifest.counts.events ?? 0 };
  }
}

export async function openBureauDb(name: string): Promise<LedgerDb> {
  const db = openDatabase(name);
  await db.open();
  return db;
}
