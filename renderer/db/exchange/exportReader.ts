import type { AuditEntry } from '../../../shared/audit/chain';
import type { BundleRecord } from '../../../shared/bundle/content';
import type { DeterminationRecord, DeterminationState } from '../../../shared/determination/records';
import { countCarrier, emptyCounts, overdueFromCounts, totalsFromCounts, type CarrierTotals, type LedgerCounts } from '../../../shared/exchange/statistics';
import type { ExportAuditEntry, ExportBatch, ExportDecommission, ExportEvent, ExportMode } from '../../../shared/exchange/unitExport';
import type { CarrierState } from '../../../shared/ledger/carrier';
import { readAllAccounts } from '../accounts.repo';
import { batchesTable, decommissionsTable } from '../destructionAccess';
import { defineEncryptedTable } from '../encryptedTable';
import { asRow, carrierDoc, carriersTable, eventsTable, loadPeople } from '../ledgerAccess';
import { ensureLedgerCounts, readLedgerCounts } from '../ledgerTotals';
import type { Vault } from '../ledgerStore';

/**
 * Reads what a unit export carries, decrypted: the carriers, their events, determinations with
 * their records, inventories and recalls, and the audit trail since the last bundle. The raw rows
 * are read in one read transaction (one consistent state), then decrypted outside it.
 *
 * The determinations and inventories tables are read with the same row format their repositories
 * write (defineEncryptedTable, same table names); only the decrypted documents' `state` is used.
 */

const determinationDocs = defineEncryptedTable<{ id: string; state: DeterminationState }, never>('determinations', []);
const determinationRecords = defineEncryptedTable<DeterminationRecord, 'determinationId' | 'seq' | 'at'>('determinationRecords', ['determinationId', 'seq', 'at']);
const inventoryDocs = defineEncryptedTable<BundleRecord & { id: string; status: string; startedAt: string }, 'status' | 'startedAt'>('inventories', ['status', 'startedAt']);

export interface ExportProgress {
  phase: 'read' | 'decrypt' | 'build' | 'write';
  done: number;
  total: number;
}

export interface ExportRead {
  carriers: CarrierState[];
  totals: CarrierTotals;
  overdue: number;
  events: ExportEvent[];
  determinations: DeterminationState[];
  determinationRecords: DeterminationRecord[];
  inventories: BundleRecord[];
  audit: ExportAuditEntry[];
  batches: ExportBatch[];
  decommissions: ExportDecommission[];
  /** The carriers of the batches read, by id (read by primary key whether or not they changed). */
  batchCarrier: (id: string) => CarrierState | undefined;
  personName: (id: string) => string | undefined;
  /** The earliest time among what was read (the start of a full bundle's period), or null. */
  earliest: string | null;
}

/** Decrypts in slices, so that a long read reports progress and leaves the page responsive. */
async function decryptAll<R, T>(rows: readonly R[], open: (row: R) => Promise<T>, progress: (n: number) => void): Promise<T[]> {
  const out: T[] = [];
  const SLICE = 2000;
  for (let i = 0; i < rows.length; i += SLICE) {
    out.push(...(await Promise.all(rows.slice(i, i + SLICE).map(open))));
    progress(Math.min(rows.length, i + SLICE));
  }
  return out;
}

/**
 * The whole ledger's counts by level, kind and status, and the loans and take-outs past their date.
 * A full bundle counts the carriers it read; a delta takes the running counts kept with every
 * write (ledgerTotals.ts) — it need not read, nor count on the indexes, the whole ledger.
 */
function countRead(carriers: readonly CarrierState[], today: string): { totals: CarrierTotals; overdue: number } {
  const counts = emptyCounts();
  for (const c of carriers) countCarrier(counts, { level: c.level, kind: c.kind, status: c.status, dueOn: carrierDoc(c).dueOn }, 1);
  return { totals: totalsFromCounts(counts), overdue: overdueFromCounts(counts, today) };
}

/**
 * `since`: the previous bundle's cutoff for a delta (null for a full bundle); `cutoff`: now; `today`:
 * the office's local date at the cutoff. Events, records and audit entries after the cutoff (written
 * while this ran) wait for the next bundle.
 */
export async function readForExport(
  v: Vault,
  opts: {
    mode: ExportMode;
    since: string | null;
    /**
     * Destruction batches and decommissions changed after this (delta), or all of them (null: a
     * full bundle, or the first delta after a bundle that did not carry them). Default: `since`.
     */
    batchesSince?: string | null;
    cutoff: string;
    today: string;
    auditAfter: number;
    onProgress?: (p: ExportProgress) => void;
  },
): Promise<ExportRead> {
  const { db, cipher } = v;
  const since = opts.mode === 'delta' ? opts.since : null;
  const batchesSince = opts.mode === 'delta' ? (opts.batchesSince === undefined ? since : opts.batchesSince) : null;
  const after = since ?? '';
  const report = opts.onProgress ?? (() => undefined);
  report({ phase: 'read', done: 0, total: 1 });
  // A store that does not keep the running counts yet counts itself once (a delta needs them).
  if (since !== null) await ensureLedgerCounts(db);
  const raw = await db.transaction('r', [db.meta, db.carriers, db.carrierEvents, db.determinations, db.determinationRecords, db.inventories, db.audit, db.destructionBatches, db.decommissions], async () => {
    // Batches and decommissions as carriers are (a plain updatedAt index); a batch's carriers by id.
    const batches = batchesSince === null ? await db.destructionBatches.toArray() : await db.destructionBatches.where('updatedAt').above(batchesSince).toArray();
    const batchCarrierIds = [...new Set(batches.flatMap((b) => b.carrierIds))];
    return {
    // A delta reads only what changed (the plain updatedAt index); the counts cover the whole ledger.
    carriers: since === null ? await db.carriers.toArray() : await db.carriers.where('updatedAt').above(since).toArray(),
    counts: since === null ? null : await readLedgerCounts(db),
    // A full bundle reads every event in key order (no index hop: a fifth faster at a million rows),
    // those after the cutoff left for the next bundle; a delta reads the period on the `at` index.
    events:
      since === null
        ? (await db.carrierEvents.toArray()).filter((e) => e.at <= opts.cutoff)
        : await db.carrierEvents.where('at').between(after, opts.cutoff, false, true).toArray(),
    determinations: since === null ? await db.determinations.toArray() : await db.determinations.where('updatedAt').above(since).toArray(),
    records: await db.determinationRecords.where('at').between(after, opts.cutoff, false, true).toArray(),
    inventories: await db.inventories.toArray(),
    audit: await db.audit.where('seq').above(opts.auditAfter).toArray(),
    batches,
    // A full bundle has read every carrier already; a delta reads the batches' carriers by id.
    batchCarriers: since === null ? [] : (await db.carriers.bulkGet(batchCarrierIds)).filter((r) => r !== undefined),
    decommissions: batchesSince === null ? await db.decommissions.toArray() : await db.decommissions.where('updatedAt').above(batchesSince).toArray(),
    };
  });
  report({ phase: 'read', done: 1, total: 1 });

  const total =
    raw.carriers.length + raw.events.length + raw.determinations.length + raw.records.length + raw.inventories.length + raw.audit.length + raw.batches.length + raw.batchCarriers.length + raw.decommissions.length;
  let base = 0;
  const step = (n: number) => report({ phase: 'decrypt', done: base + n, total });
  const next = (n: number) => {
    base += n;
  };

  const carriers = (await decryptAll(raw.carriers, (r) => carriersTable.fromRow(cipher, asRow(r)), step)).map((d) => d.state);
  next(raw.carriers.length);
  const eventDocs = await decryptAll(raw.events, (r) => eventsTable.fromRow(cipher, asRow(r)), step);
  next(raw.events.length);
  const determinations = (await decryptAll(raw.determinations, (r) => determinationDocs.fromRow(cipher, asRow(r)), step)).map((d) => d.state);
  next(raw.determinations.length);
  const records = await decryptAll(raw.records, (r) => determinationRecords.fromRow(cipher, asRow(r)), step);
  next(raw.records.length);
  const allInventories = await decryptAll(raw.inventories, (r) => inventoryDocs.fromRow(cipher, asRow(r)), step);
  next(raw.inventories.length);
  const auditEntries = await decryptAll(raw.audit, (r) => cipher.open<AuditEntry>('audit', String(r.seq), r.ct), step);
  next(raw.audit.length);
  const batchDocs = await decryptAll(raw.batches, (r) => batchesTable.fromRow(cipher, asRow(r)), step);
  next(raw.batches.length);
  const batchCarriers = new Map((await decryptAll(raw.batchCarriers, (r) => carriersTable.fromRow(cipher, asRow(r)), step)).map((d) => [d.id, d.state] as const));
  next(raw.batchCarriers.length);
  const decommissionDocs = await decryptAll(raw.decommissions, (r) => decommissionsTable.fromRow(cipher, asRow(r)), step);

  const people = await loadPeople(v);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const accounts = new Map((await readAllAccounts(db, cipher)).map((a) => [a.id, a.displayName]));

  const fromCounts = (c: LedgerCounts) => ({ totals: totalsFromCounts(c), overdue: overdueFromCounts(c, opts.today) });
  const counted = since === null ? countRead(carriers, opts.today) : fromCounts(raw.counts ?? (await ensureLedgerCounts(db)));
  const changed = (at: string) => since === null || at > since;
  const inventories = allInventories.filter((i) => {
    const state = (i as { state?: { closedAt?: string | null; scans?: { at: string }[] } }).state;
    const latest = [i.startedAt, state?.closedAt ?? '', ...(state?.scans ?? []).map((s) => s.at)].reduce((a, b) => (a > b ? a : b), '');
    return changed(latest);
  });
  const audit = auditEntries.sort((a, b) => a.seq - b.seq).map((e) => ({ ...e, actorName: e.actor === null ? null : (accounts.get(e.actor) ?? null) }));
  const events: ExportEvent[] = eventDocs.map((e) => ({ id: e.id, carrierId: e.carrierId, seq: e.seq, at: e.at, actorName: e.actorName, event: e.event }));

  const times = [...carriers.map((c) => c.registeredAt), ...events.map((e) => e.at), ...determinations.map((d) => d.createdAt), ...audit.map((a) => a.at)];
  const earliest = times.length > 0 ? times.reduce((a, b) => (a < b ? a : b)) : null;
  const carriersById = since === null ? new Map(carriers.map((c) => [c.id, c] as const)) : new Map<string, CarrierState>();
  const batches: ExportBatch[] = batchDocs.map((b) => ({ state: b.state, names: b.names, updatedAt: b.updatedAt }));
  const decommissions: ExportDecommission[] = decommissionDocs.map((d) => ({ state: d.state, names: d.names, registryNumber: d.registryNumber, updatedAt: d.updatedAt }));
  return {
    carriers,
    ...counted,
    events,
    determinations,
    determinationRecords: records,
    inventories,
    audit,
    batches,
    decommissions,
    batchCarrier: (id) => batchCarriers.get(id) ?? carriersById.get(id),
    personName: (id) => names.get(id),
    earliest,
  };
}
