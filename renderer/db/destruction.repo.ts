import type { Table } from 'dexie';
import { authorize } from '../../shared/auth/permissions';
import { batchTransition, carrierEligibility, destroyedEvents, isOpenBatch, type BatchEvent, type BatchState, type Handover } from '../../shared/destruction/batch';
import { isDevice } from '../../shared/destruction/device';
import { listTransition, type ListEvent, type ListKind } from '../../shared/destruction/lists';
import { checkScan } from '../../shared/destruction/scan';
import { CARRIER_STATUSES, isClosed, type CarrierState, type CarrierStatus } from '../../shared/ledger/carrier';
import { ok, refuse, type Refusal, type Result } from '../../shared/result';
import { TamperError } from './cipher';
import { prepareCarrierEvent, type PreparedCarrierEvent } from './carriers.repo';
import { readScan, sealScan, type SealedScan } from './certificateScans';
import {
  batchContext,
  batchDoc,
  batchesTable,
  checkNoOtherBatch,
  destructionEventsTable,
  eventDocOf,
  isOpenCarrier,
  listsTable,
  mayReadDestruction as mayRead,
  readBatch,
  readCarriers,
  readDecommissions,
  readLists,
  rowOf,
  scansTable,
  type BatchDoc,
  type DecommissionDoc,
  type DestructionEventDoc,
  type ListDoc,
  type ScanRecord,
} from './destructionAccess';
import { asRow, ledgerContext, loadPeople, StaleError, withVault, type VaultSource } from './ledgerAccess';
import type { Vault } from './ledgerStore';
import type { DestructionBatchRow, DestructionEventRow, DestructionListRow } from './schema';

/** A batch with its whole record: events, carriers (in the batch's order) and the certificate scan's record. */
export interface BatchHistory {
  batch: BatchDoc;
  events: DestructionEventDoc[];
  carriers: CarrierState[];
  scan: ScanRecord | null;
}

/** A carrier as the batch form shows it: may it join a new batch, and if not, why. */
export interface Candidate {
  carrier: CarrierState;
  refusal: Refusal | null;
  /** Its device's current 停用/报废 record, if it is a device. */
  device: DecommissionDoc | null;
  /** In the "to be destroyed" queue: a scrapped device whose erasure is recorded, in no batch yet. */
  queued: boolean;
  /** A computer's disks registered as carriers of their own (by the serial numbers on its record), still held. */
  disks: CarrierState[];
}

/** How many carriers a page of the 申请销毁 list holds. */
export const CANDIDATE_PAGE = 200;
/** Rows decrypted at a time while a search looks through the list. */
const SEARCH_CHUNK = 500;
/** Everything not closed: what the unit still holds, eligible or not (the closed ones never are). */
const OPEN_STATUSES: CarrierStatus[] = CARRIER_STATUSES.filter((s) => !isClosed(s));

export interface CandidateQuery {
  /** Position in the list of open carriers to go on from (a page's `next`). */
  from?: number;
  limit?: number;
  /** Part of a registry number or title. */
  query?: string;
  onProgress?(scanned: number, total: number): void;
  signal?: AbortSignal;
}

export interface CandidatePage {
  candidates: Candidate[];
  /** Where the next page starts, or null at the end of the list. */
  next: number | null;
  /** Carriers the unit still holds (counted on the plain status index, nothing decrypted). */
  total: number;
  /** How far through them this page got. */
  scanned: number;
}

/** What the hand-over form gives; the scan, if any, is read from the file the clerk chose. */
export type HandoverInput = Omit<Handover, 'certificateScan'>;
export interface ScanInput {
  name: string;
  bytes: Uint8Array;
}

type StepEvent = Exclude<BatchEvent, { type: 'requested' } | { type: 'handedOver' }>;

/**
 * 销毁: batches from the request to the hand-over, and the two lists (designated bodies, approved
 * erasure tools). Each change reads what the rules need, lets shared/destruction decide, encrypts,
 * and writes the batch, its event and the audit entries in one transaction that first checks the
 * batch (and its carriers) are unchanged since they were read; on any refusal nothing is written.
 * The hand-over closes every carrier of the batch with the ledger's own `destroyed` event, checked
 * by the ledger's rules and written in the same transaction.
 *
 * Audit entries name batches, carriers (ids, registry numbers), statuses, the body, escorts and the
 * certificate number — not the reason or the opinions, which stay in the encrypted record.
 */
export class DestructionRepo {
  constructor(private readonly source: VaultSource) {}

  /** Every batch, newest first. */
  list(): Promise<Result<BatchDoc[]>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const rows = await v.db.destructionBatches.orderBy('updatedAt').reverse().toArray();
      return ok(await Promise.all(rows.map((r) => batchesTable.fromRow(v.cipher, asRow(r)))));
    });
  }

  history(batchId: string): Promise<Result<BatchHistory>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const batch = await readBatch(v, batchId);
      if (!batch) return refuse('BATCH_NOT_FOUND');
      const rows = await v.db.destructionEvents.where('[subjectId+seq]').between([batchId, 0], [batchId, Infinity]).toArray();
      const events = await Promise.all(rows.map((r) => destructionEventsTable.fromRow(v.cipher, asRow(r))));
      // A deleted or replayed event shows as a gap in the sequence.
      if (events.length !== batch.version || events.some((e, i) => e.seq !== i + 1 || e.subjectId !== batchId)) return refuse('STORE_TAMPERED', { table: 'destructionEvents', id: batchId });
      const carriers = await readCarriers(v, batch.state.carrierIds);
      const scanRow = batch.scanId ? await v.db.certificateScans.get(batch.scanId) : undefined;
      if (batch.scanId && !scanRow) return refuse('STORE_TAMPERED', { table: 'certificateScans', id: batch.scanId });
      const scan = scanRow ? await scansTable.fromRow(v.cipher, asRow(scanRow)) : null;
      // The hand-over names the scan by its fingerprint: a scan row swapped for another is tampering.
      if (scan && (scan.batchId !== batchId || scan.sha256 !== batch.state.handover?.certificateScan?.sha256)) return refuse('STORE_TAMPERED', { table: 'certificateScans', id: scan.id });
      return ok({ batch, events, carriers: batch.state.carrierIds.flatMap((id) => carriers.get(id) ?? []), scan });
    });
  }

  /**
   * A page of the carriers still held by the unit, newest registration first, each with whether it
   * may join a new batch and why not (on loan, out, under repair, a hand-over or approval pending,
   * in another batch, a device not erased). Only the page's rows are decrypted: the closed carriers
   * are left out on the plain `status` index and the order comes from the plain `registeredAt`
   * index, so at 100,000 carriers a page costs its own rows, not the ledger's. A search (`query`,
   * part of a registry number or title, which are only inside `ct`) decrypts chunk by chunk from
   * `from` until `limit` carriers match or the list ends, telling `onProgress` how far it got.
   */
  candidates(options: CandidateQuery = {}): Promise<Result<CandidatePage>> {
    const limit = Math.max(1, options.limit ?? CANDIDATE_PAGE);
    const q = options.query?.trim().toLowerCase() ?? '';
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const open = new Set(await v.db.carriers.where('status').anyOf(OPEN_STATUSES).primaryKeys());
      const ids = (await v.db.carriers.orderBy('registeredAt').reverse().primaryKeys()).filter((id) => open.has(id));
      const matches = (c: CarrierState) => !q || c.registryNumber.toLowerCase().includes(q) || c.title.toLowerCase().includes(q);
      const found: CarrierState[] = [];
      let at = Math.max(0, options.from ?? 0);
      while (at < ids.length && found.length < limit) {
        const current = this.source.vault();
        if (!current.ok || current.value.cipher !== v.cipher) return refuse('NOT_SIGNED_IN');
        if (options.signal?.aborted) return refuse('CANCELLED');
        // Without a search a chunk is exactly what is missing; with one, a fixed chunk is decrypted.
        const chunk = ids.slice(at, at + (q ? SEARCH_CHUNK : limit - found.length));
        const carriers = await readCarriers(v, chunk);
        for (const id of chunk) {
          at += 1;
          const c = carriers.get(id);
          if (c && matches(c)) found.push(c);
          if (found.length === limit) break;
        }
        options.onProgress?.(at, ids.length);
      }
      const devices = new Map((await readDecommissions(v, found.map((c) => c.id))).map((d) => [d.id, d]));
      return ok({ candidates: await this.judge(v, found, devices), next: at < ids.length ? at : null, total: ids.length, scanned: at });
    });
  }

  /** The "to be destroyed" queue: scrapped devices whose erasure is recorded, in no open batch. */
  queue(): Promise<Result<Candidate[]>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const erased = (await readDecommissions(v, undefined, 'erased')).filter((d) => d.state.mode === 'scrap');
      const carriers = await readCarriers(v, erased.map((d) => d.carrierId));
      const open = [...carriers.values()].filter(isOpenCarrier);
      const judged = await this.judge(v, open, new Map(erased.map((d) => [d.id, d])));
      return ok(judged.filter((c) => c.queued));
    });
  }

  /** Eligibility of these carriers, with their devices' records and a computer's registered disks. */
  private async judge(v: Vault, carriers: readonly CarrierState[], devices: ReadonlyMap<string, DecommissionDoc>): Promise<Candidate[]> {
    const { ctx } = await batchContext(v, await loadPeople(v), carriers.map((c) => c.id), await readLists(v), carriers);
    return carriers.map((carrier) => {
      const e = carrierEligibility(carrier.id, '', ctx);
      const current = ctx.device(carrier.id);
      const device = current ? (devices.get(current.id) ?? null) : null;
      const queued = e.ok && isDevice(carrier.kind) && current?.status === 'erased' && current.mode === 'scrap';
      const disks = carrier.details.kind === 'computer' ? carrier.details.diskSerials.flatMap((serial) => ctx.carriersWithSerial(serial)).filter((d) => d.id !== carrier.id && isOpenCarrier(d)) : [];
      return { carrier, refusal: e.ok ? null : e.error, device, queued, disks };
    });
  }

  /** 申请销毁: a new batch of these carriers (handler or clerk). */
  request(carrierIds: string[], reason: string): Promise<Result<BatchDoc>> {
    return withVault(this.source, async (v) => {
      const event: BatchEvent = { type: 'requested', batchId: crypto.randomUUID(), carrierIds, reason };
      return this.write(v, null, event, carrierIds);
    });
  }

  /** Adds or removes carriers (the batch must then be counted again). */
  changeCarriers(batchId: string, add: string[], remove: string[], expectedVersion?: number): Promise<Result<BatchDoc>> {
    return this.step(batchId, { type: 'carriersChanged', add, remove }, expectedVersion, add);
  }

  /** 清点、登记: the clerk names every carrier found; the list must be the batch exactly. */
  count(batchId: string, carrierIds: string[], expectedVersion?: number): Promise<Result<BatchDoc>> {
    return this.step(batchId, { type: 'counted', carrierIds }, expectedVersion);
  }

  submit(batchId: string, expectedVersion?: number): Promise<Result<BatchDoc>> {
    return this.step(batchId, { type: 'submitted' }, expectedVersion);
  }

  /** The approver's decision; never the requester's nor the counting clerk's own. */
  decide(batchId: string, decision: 'approved' | 'refused', opinion: string, expectedVersion?: number): Promise<Result<BatchDoc>> {
    return this.step(batchId, { type: decision, opinion }, expectedVersion);
  }

  withdraw(batchId: string, reason: string, expectedVersion?: number): Promise<Result<BatchDoc>> {
    return this.step(batchId, { type: 'withdrawn', reason }, expectedVersion);
  }

  private step(batchId: string, event: StepEvent, expectedVersion: number | undefined, extraIds: string[] = []): Promise<Result<BatchDoc>> {
    return withVault(this.source, async (v) => {
      const before = await readBatch(v, batchId);
      if (!before) return refuse('BATCH_NOT_FOUND');
      if (expectedVersion !== undefined && before.version !== expectedVersion) return refuse('STALE_STATE');
      return this.write(v, before, event, [...before.state.carrierIds, ...extraIds]);
    });
  }

  private async write(v: Vault, before: BatchDoc | null, event: Exclude<BatchEvent, { type: 'handedOver' }>, carrierIds: readonly string[]): Promise<Result<BatchDoc>> {
    const people = await loadPeople(v);
    const { ctx, carriers } = await batchContext(v, people, carrierIds, await readLists(v));
    const next = batchTransition(before?.state ?? null, event, ctx);
    if (!next.ok) return next;
    const doc = batchDoc(next.value, { ...(before?.names ?? {}), [v.session.accountId]: v.session.displayName }, before?.scanId ?? null, ctx.at);
    const row = rowOf<DestructionBatchRow>(await batchesTable.toRow(v.cipher, doc));
    const eventRow = rowOf<DestructionEventRow>(await destructionEventsTable.toRow(v.cipher, eventDocOf(v, doc.id, doc.version, ctx.at, { subject: 'batch', event })));
    const added = next.value.carrierIds.filter((id) => !before?.state.carrierIds.includes(id));
    await v.commit([v.db.destructionBatches, v.db.destructionEvents], async () => {
      await checkBatchVersion(v, doc.id, before);
      await checkNoOtherBatch(v, doc.id, added);
      await v.db.destructionBatches.put(row);
      await v.db.destructionEvents.add(eventRow);
    }, [{ action: `destruction.batch.${event.type}`, detail: batchDetail(before?.state ?? null, next.value, event, carriers) }]);
    return ok(doc);
  }

  /**
   * 移交销毁: the approved batch handed to a designated body with two or more escorts and the
   * certificate number (and its scan, kept encrypted). Closes every carrier with the ledger's
   * `destroyed` event, all in one transaction; any refusal leaves everything as it was.
   */
  handOver(batchId: string, input: HandoverInput, scan: ScanInput | null, expectedVersion?: number): Promise<Result<BatchDoc>> {
    return withVault(this.source, async (v) => {
      const before = await readBatch(v, batchId);
      if (!before) return refuse('BATCH_NOT_FOUND');
      if (expectedVersion !== undefined && before.version !== expectedVersion) return refuse('STALE_STATE');
      let sealed: SealedScan | null = null;
      if (scan) {
        const checked = checkScan(scan.name, scan.bytes);
        if (!checked.ok) return checked;
        sealed = await sealScan(v, batchId, checked.value, scan.bytes);
      }
      const event: BatchEvent = { type: 'handedOver', ...input, certificateScan: sealed ? { sha256: sealed.record.sha256, bytes: sealed.record.bytes } : null };
      const people = await loadPeople(v);
      const { ctx, carriers } = await batchContext(v, people, before.state.carrierIds, await readLists(v));
      const next = batchTransition(before.state, event, ctx);
      if (!next.ok) return next;
      const closing = destroyedEvents(next.value);
      if (!closing.ok) return closing;
      const ledgerCtx = ledgerContext(v, people);
      const prepared: PreparedCarrierEvent[] = [];
      for (const { carrierId, event: destroyed } of closing.value) {
        const carrier = carriers.get(carrierId);
        if (!carrier) return refuse('CARRIER_NOT_FOUND', { carrierId });
        if (destroyed.type !== 'destroyed') return refuse('BATCH_WRONG_STATE');
        const p = await prepareCarrierEvent(v, carrier, destroyed, ledgerCtx);
        if (!p.ok) return refuse(p.error.code, { ...p.error.params, carrierId });
        prepared.push(p.value);
      }
      const doc = batchDoc(next.value, { ...before.names, [v.session.accountId]: v.session.displayName }, sealed?.record.id ?? null, ctx.at);
      const row = rowOf<DestructionBatchRow>(await batchesTable.toRow(v.cipher, doc));
      const eventRow = rowOf<DestructionEventRow>(await destructionEventsTable.toRow(v.cipher, eventDocOf(v, doc.id, doc.version, ctx.at, { subject: 'batch', event })));
      const tables: Table[] = [v.db.destructionBatches, v.db.destructionEvents, v.db.carriers, v.db.carrierEvents, v.db.certificateScans, v.db.certificateScanChunks];
      await v.commit(tables, async () => {
        await checkBatchVersion(v, doc.id, before);
        for (const p of prepared) await p.write();
        if (sealed) await sealed.write();
        await v.db.destructionBatches.put(row);
        await v.db.destructionEvents.add(eventRow);
      }, [
        { action: 'destruction.batch.handedOver', detail: batchDetail(before.state, next.value, event, carriers) },
        ...(sealed ? [sealed.audit] : []),
        ...prepared.map((p) => p.audit),
      ]);
      return ok(doc);
    });
  }

  /** The certificate scan's bytes, checked piece by piece and against its SHA-256. */
  scan(scanId: string): Promise<Result<{ record: ScanRecord; bytes: Uint8Array<ArrayBuffer> }>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      return readScan(v, scanId);
    });
  }

  /**
   * 查看销毁证明扫描件: the batch's kept scan, decrypted and checked — every piece, its own record's
   * SHA-256, and the SHA-256 the hand-over event names — before anyone sees it. A mismatch anywhere
   * is refused (CERTIFICATE_SCAN_MISMATCH) and audited as such; a successful view is audited too
   * (who looked at which batch's certificate, with its fingerprint).
   */
  viewScan(batchId: string): Promise<Result<{ record: ScanRecord; bytes: Uint8Array<ArrayBuffer> }>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const batch = await readBatch(v, batchId);
      if (!batch) return refuse('BATCH_NOT_FOUND');
      const named = batch.state.handover?.certificateScan ?? null;
      if (!batch.scanId || !named) return refuse('CERTIFICATE_SCAN_NOT_FOUND');
      let read: Result<{ record: ScanRecord; bytes: Uint8Array<ArrayBuffer> }>;
      try {
        read = await readScan(v, batch.scanId);
      } catch (e) {
        if (!(e instanceof TamperError)) throw e;
        read = refuse('CERTIFICATE_SCAN_MISMATCH');
      }
      if (read.ok && (read.value.record.batchId !== batchId || read.value.record.sha256 !== named.sha256 || read.value.bytes.length !== named.bytes)) read = refuse('CERTIFICATE_SCAN_MISMATCH');
      const detail = { batchId, scanId: batch.scanId, sha256: named.sha256 };
      await v.commit([], async () => undefined, [{ action: read.ok ? 'destruction.certificateScan.viewed' : 'destruction.certificateScan.mismatch', detail: read.ok ? detail : { ...detail, code: read.error.code } }]);
      return read;
    });
  }

  /** 指定销毁机构 and 信息消除工具, withdrawn entries included (the screens show those apart). */
  lists(): Promise<Result<ListDoc[]>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const docs = await readLists(v);
      return ok(docs.sort((a, b) => a.addedAt.localeCompare(b.addedAt)));
    });
  }

  addListEntry(kind: ListKind, name: string): Promise<Result<ListDoc>> {
    return this.listStep(null, { type: 'added', entryId: crypto.randomUUID(), kind, name });
  }

  withdrawListEntry(id: string): Promise<Result<ListDoc>> {
    return this.listStep(id, { type: 'withdrawn' });
  }

  /** The clerk keeps the lists until the bureau's policy bundles bring them. */
  private listStep(id: string | null, event: ListEvent): Promise<Result<ListDoc>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'destruction.prepare');
      if (!allowed.ok) return allowed;
      const entries = await readLists(v);
      const before = id === null ? null : (entries.find((e) => e.id === id) ?? null);
      if (id !== null && !before) return refuse('LIST_ENTRY_NOT_FOUND');
      const at = v.now().toISOString();
      const next = listTransition(before, event, { at, accountId: v.session.accountId, entries });
      if (!next.ok) return next;
      const doc: ListDoc = { ...next.value, names: { ...(before?.names ?? {}), [v.session.accountId]: v.session.displayName } };
      const row = rowOf<DestructionListRow>(await listsTable.toRow(v.cipher, doc));
      await v.commit([v.db.destructionLists], async () => {
        const current = await v.db.destructionLists.get(doc.id);
        if (before ? current?.version !== before.version : current !== undefined) throw new StaleError('destructionLists');
        await v.db.destructionLists.put(row);
      }, [{ action: `destruction.list.${event.type}`, detail: { entryId: doc.id, kind: doc.kind, name: doc.name } }]);
      return ok(doc);
    });
  }
}

async function checkBatchVersion(v: Vault, id: string, before: BatchDoc | null): Promise<void> {
  const current = await v.db.destructionBatches.get(id);
  if (before ? current?.version !== before.version : current !== undefined) throw new StaleError('destructionBatches');
}

/** The audit entry of a batch event: ids, registry numbers, statuses, the hand-over's facts; no free text. */
function batchDetail(before: BatchState | null, after: BatchState, event: BatchEvent, carriers: ReadonlyMap<string, CarrierState>): Record<string, unknown> {
  const numbers = (ids: readonly string[]) => ids.map((id) => carriers.get(id)?.registryNumber ?? id);
  const facts: Record<string, unknown> = { type: event.type };
  if (event.type === 'requested') facts.carriers = numbers(event.carrierIds);
  if (event.type === 'carriersChanged') Object.assign(facts, { added: numbers(event.add), removed: numbers(event.remove) });
  if (event.type === 'counted') facts.count = event.carrierIds.length;
  if (event.type === 'handedOver') {
    Object.assign(facts, { body: event.body.trim(), on: event.on, escortIds: after.handover?.escortIds ?? [], certificateNumber: event.certificateNumber.trim(), certificateScan: event.certificateScan });
  }
  return {
    batchId: after.id,
    event: facts,
    before: before ? { status: before.status, carriers: before.carrierIds.length } : null,
    after: { status: after.status, carriers: after.carrierIds.length, open: isOpenBatch(after.status) },
    requestedBy: after.requestedBy,
    countedBy: after.countedBy,
    decidedBy: after.decidedBy,
  };
}
