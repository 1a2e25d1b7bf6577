import { authorize } from '../../shared/auth/permissions';
import { isOpenBatch, type BatchContext, type BatchEvent, type BatchState } from '../../shared/destruction/batch';
import { currentDecommission, type DeviceEvent, type DeviceState } from '../../shared/destruction/device';
import { activeNames, type ListEntry } from '../../shared/destruction/lists';
import type { ScanType } from '../../shared/destruction/scan';
import { isClosed, type CarrierState } from '../../shared/ledger/carrier';
import type { Person } from '../../shared/ledger/people';
import { ok, refuse, type Result } from '../../shared/result';
import { defineEncryptedTable } from './encryptedTable';
import { actorOf, approvalsTable, asRow, carriersTable, localDate, StaleError } from './ledgerAccess';
import type { Vault } from './ledgerStore';

/**
 * What the destruction repositories share: the encrypted row shapes and the loading of everything a
 * batch's rules look at (its carriers, their devices' decommissioning, pending approvals, other
 * open batches, the computers' disks, the designated bodies). Every change is decided by the pure
 * rules of shared/destruction, encrypted, and written with its audit entries through `vault.commit`.
 */

/** A batch as stored: the fold of its events, and the names of the accounts that acted on it. */
export interface BatchDoc {
  id: string;
  status: string;
  updatedAt: string;
  version: number;
  carrierIds: string[];
  state: BatchState;
  /** accountId → display name at the time they acted (requester, counting clerk, approver). */
  names: Record<string, string>;
  /** The certificate scan kept with the hand-over, if one was attached. */
  scanId: string | null;
}

/** A 停用/报废 application of a device, with the decision and the erasure. */
export interface DecommissionDoc {
  id: string;
  carrierId: string;
  status: string;
  updatedAt: string;
  version: number;
  state: DeviceState;
  registryNumber: string;
  names: Record<string, string>;
}

/** One event of a batch or an application: who, when, and the event as the rules know it. */
export type DestructionEventDoc = {
  id: string;
  subjectId: string;
  seq: number;
  at: string;
  actorId: string;
  actorName: string;
} & ({ subject: 'batch'; event: BatchEvent } | { subject: 'device'; event: DeviceEvent });

export interface ListDoc extends ListEntry {
  names: Record<string, string>;
}

/** A kept certificate scan: what it is and its fingerprint; the bytes are in certificateScanChunks. */
export interface ScanRecord {
  id: string;
  batchId: string;
  at: string;
  name: string;
  type: ScanType;
  bytes: number;
  sha256: string;
  chunks: number;
  actorId: string;
  actorName: string;
}

export const batchesTable = defineEncryptedTable<BatchDoc, 'status' | 'updatedAt' | 'version' | 'carrierIds'>('destructionBatches', ['status', 'updatedAt', 'version', 'carrierIds']);
export const decommissionsTable = defineEncryptedTable<DecommissionDoc, 'carrierId' | 'status' | 'updatedAt' | 'version'>('decommissions', ['carrierId', 'status', 'updatedAt', 'version']);
export const destructionEventsTable = defineEncryptedTable<DestructionEventDoc, 'subjectId' | 'seq' | 'at'>('destructionEvents', ['subjectId', 'seq', 'at']);
export const listsTable = defineEncryptedTable<ListDoc, 'kind' | 'version'>('destructionLists', ['kind', 'version']);
export const scansTable = defineEncryptedTable<ScanRecord, 'batchId' | 'at'>('certificateScans', ['batchId', 'at']);

/** Whoever works on destruction may read its batches, devices and lists: requesters, clerks, approvers. */
export function mayReadDestruction(v: Vault): Result<void> {
  for (const a of ['destruction.request', 'destruction.prepare', 'destruction.decide'] as const) if (authorize(v.session.roles, a).ok) return ok(undefined);
  return refuse('NOT_PERMITTED', { action: 'destruction.request' });
}

/** Dexie's typed row from an encrypted-table row (the plain index fields are the same). */
export const rowOf = <R>(row: unknown): R => row as R;

/** The row of a batch after an event at `at`. */
export function batchDoc(state: BatchState, names: Record<string, string>, scanId: string | null, at: string): BatchDoc {
  return { id: state.id, status: state.status, updatedAt: at, version: state.version, carrierIds: [...state.carrierIds], state, names, scanId };
}

export function eventDocOf(v: Vault, subjectId: string, seq: number, at: string, e: { subject: 'batch'; event: BatchEvent } | { subject: 'device'; event: DeviceEvent }): DestructionEventDoc {
  return { id: crypto.randomUUID(), subjectId, seq, at, actorId: v.session.accountId, actorName: v.session.displayName, ...e };
}

export async function readCarriers(v: Vault, ids: readonly string[]): Promise<Map<string, CarrierState>> {
  const rows = await v.db.carriers.bulkGet([...ids]);
  const out = new Map<string, CarrierState>();
  for (const r of rows) if (r) out.set(r.id, (await carriersTable.fromRow(v.cipher, asRow(r))).state);
  return out;
}

/** The carriers of these kinds, found on the plain `kind` index (only those rows are decrypted). */
export async function readCarriersOfKinds(v: Vault, kinds: readonly string[]): Promise<CarrierState[]> {
  const rows = await v.db.carriers.where('kind').anyOf([...kinds]).toArray();
  return Promise.all(rows.map(async (r) => (await carriersTable.fromRow(v.cipher, asRow(r))).state));
}

export async function readLists(v: Vault): Promise<ListDoc[]> {
  const rows = await v.db.destructionLists.toArray();
  return Promise.all(rows.map((r) => listsTable.fromRow(v.cipher, asRow(r))));
}

/** The 停用/报废 records of these carriers (all of them without ids), or only those in one status (plain index). */
export async function readDecommissions(v: Vault, carrierIds?: readonly string[], status?: string): Promise<DecommissionDoc[]> {
  const rows = carrierIds
    ? await v.db.decommissions.where('carrierId').anyOf([...carrierIds]).toArray()
    : status
      ? await v.db.decommissions.where('status').equals(status).toArray()
      : await v.db.decommissions.toArray();
  return Promise.all(rows.map((r) => decommissionsTable.fromRow(v.cipher, asRow(r))));
}

export async function readBatch(v: Vault, id: string): Promise<BatchDoc | null> {
  const row = await v.db.destructionBatches.get(id);
  return row ? batchesTable.fromRow(v.cipher, asRow(row)) : null;
}

/** Kinds whose serial number a computer's record may name as one of its disks. */
const DISK_KINDS = ['hdd', 'usb', 'disc'];

/**
 * Everything the batch rules read for these carriers, loaded once before a change: the carriers,
 * the open batches holding any of them, their devices' current decommissioning, their pending
 * approvals, and — when a computer is among them — the registered storage media by serial number.
 */
export async function batchContext(
  v: Vault,
  people: readonly Person[],
  carrierIds: readonly string[],
  lists: readonly ListEntry[],
  /** These carriers as just read, so they are not decrypted twice (a list page). */
  known?: readonly CarrierState[],
): Promise<{ ctx: BatchContext; carriers: Map<string, CarrierState> }> {
  const ids = [...new Set(carrierIds)];
  const carriers = known ? new Map(known.map((c) => [c.id, c])) : await readCarriers(v, ids);
  const now = v.now();
  const byPerson = new Map(people.map((p) => [p.id, p]));

  const devices = new Map<string, DeviceState>();
  const grouped = new Map<string, DeviceState[]>();
  for (const d of await readDecommissions(v, ids)) grouped.set(d.carrierId, [...(grouped.get(d.carrierId) ?? []), d.state]);
  for (const [id, list] of grouped) {
    const current = currentDecommission(list);
    if (current) devices.set(id, current);
  }

  const pending = new Map<string, number>();
  const approvalRows = ids.length > 0 ? await v.db.approvals.where('carrierId').anyOf(ids).toArray() : [];
  for (const r of approvalRows) {
    const a = await approvalsTable.fromRow(v.cipher, asRow(r));
    if (a.status === 'pending') pending.set(a.carrierId, (pending.get(a.carrierId) ?? 0) + 1);
  }

  const batchOf = new Map<string, string>();
  const batchRows = ids.length > 0 ? await v.db.destructionBatches.where('carrierIds').anyOf(ids).toArray() : [];
  for (const r of batchRows) {
    const b = await batchesTable.fromRow(v.cipher, asRow(r));
    if (!isOpenBatch(b.state.status)) continue;
    for (const id of b.state.carrierIds) batchOf.set(id, b.id);
  }

  let media: CarrierState[] = [];
  if ([...carriers.values()].some((c) => c.details.kind === 'computer' && c.details.diskSerials.length > 0)) {
    const rows = await v.db.carriers.where('kind').anyOf(DISK_KINDS).toArray();
    media = await Promise.all(rows.map(async (r) => (await carriersTable.fromRow(v.cipher, asRow(r))).state));
    for (const m of media) if (!carriers.has(m.id)) carriers.set(m.id, m);
  }

  const ctx: BatchContext = {
    at: now.toISOString(),
    today: localDate(now),
    actor: actorOf(v.session, people),
    carrier: (id) => carriers.get(id),
    person: (id) => byPerson.get(id),
    device: (id) => devices.get(id),
    pendingApprovals: (id) => pending.get(id) ?? 0,
    batchOf: (id) => batchOf.get(id) ?? null,
    carriersWithSerial: (serial) => media.filter((m) => 'serial' in m.details && m.details.serial === serial),
    destructionBodies: activeNames(lists, 'body'),
  };
  return { ctx, carriers };
}

/** Still not closed (the rules refuse closed carriers anyway; this keeps the screens' lists short). */
export function isOpenCarrier(c: CarrierState): boolean {
  return !isClosed(c.status);
}

/**
 * Inside the transaction: no other open batch has taken one of these carriers since they were read
 * (the plain status and carrier ids suffice here; both are checked against `ct` on every read).
 */
export async function checkNoOtherBatch(v: Vault, batchId: string, carrierIds: readonly string[]): Promise<void> {
  if (carrierIds.length === 0) return;
  const rows = await v.db.destructionBatches.where('carrierIds').anyOf([...carrierIds]).toArray();
  if (rows.some((r) => r.id !== batchId && isOpenBatch(r.status as BatchState['status']))) throw new StaleError('destructionBatches');
}
