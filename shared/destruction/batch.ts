import { authorize, type Action } from '../auth/permissions';
import type { CarrierState } from '../ledger/carrier';
import { isClosed } from '../ledger/carrier';
import { isIsoDate } from '../ledger/classification';
import type { Actor } from '../ledger/context';
import type { CarrierEvent } from '../ledger/events';
import type { Person } from '../ledger/people';
import { assertNever, ok, refuse, type Result } from '../result';
import { erasureCleared, type DeviceState } from './device';

/**
 * A destruction batch (销毁批次), SPEC §5: requested with the carriers to destroy → counted and
 * registered by the secrecy clerk (清点、登记) → submitted and decided by an approver who neither
 * requested nor counted it → the destruction list (销毁清单) and approval form (销毁审批表) printed
 * → handed to a designated destruction body with two or more escorts → its certificate number and
 * date recorded, which closes every carrier of the batch as destroyed.
 */
export type BatchStatus = 'open' | 'counted' | 'pending' | 'approved' | 'refused' | 'withdrawn' | 'completed';
export const BATCH_STATUSES = ['open', 'counted', 'pending', 'approved', 'refused', 'withdrawn', 'completed'] as const satisfies readonly BatchStatus[];

export interface Handover {
  /** One of the designated destruction bodies (指定销毁机构). */
  body: string;
  on: string;
  /** 监销人: two or more people of the directory. */
  escortIds: string[];
  certificateNumber: string;
  /** The scanned certificate, kept encrypted elsewhere; its fingerprint is part of the record. */
  certificateScan: { sha256: string; bytes: number } | null;
}

export interface BatchState {
  id: string;
  status: BatchStatus;
  carrierIds: string[];
  reason: string;
  requestedBy: string;
  requestedAt: string;
  countedBy: string | null;
  countedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  opinion: string;
  handover: Handover | null;
  version: number;
}

export type BatchEvent =
  | { type: 'requested'; batchId: string; carrierIds: string[]; reason: string }
  | { type: 'carriersChanged'; add: string[]; remove: string[] }
  /** 清点: the clerk names every carrier found and checked; the list must be the batch exactly. */
  | { type: 'counted'; carrierIds: string[] }
  | { type: 'submitted' }
  | { type: 'approved'; opinion: string }
  | { type: 'refused'; opinion: string }
  | { type: 'withdrawn'; reason: string }
  | ({ type: 'handedOver' } & Handover);

export type BatchEventType = BatchEvent['type'];
export const BATCH_EVENT_TYPES = [
  'requested',
  'carriersChanged',
  'counted',
  'submitted',
  'approved',
  'refused',
  'withdrawn',
  'handedOver',
] as const satisfies readonly BatchEventType[];

export interface BatchContext {
  at: string;
  today: string;
  actor: Actor;
  carrier(id: string): CarrierState | undefined;
  person(id: string): Person | undefined;
  /** The carrier's decommissioning record (devices only). */
  device(carrierId: string): DeviceState | undefined;
  /** Approvals still pending for the carrier (copy, take-out, repair, loan). */
  pendingApprovals(carrierId: string): number;
  /** The open (not refused, withdrawn or completed) batch a carrier is in, if any. */
  batchOf(carrierId: string): string | null;
  /** Registered carriers with this serial number (a computer's disks are found by serial). */
  carriersWithSerial(serial: string): readonly CarrierState[];
  destructionBodies: readonly string[];
}

export const MIN_ESCORTS = 2;
export const MAX_BATCH = 2000;

export function actionForBatch(type: BatchEventType): Action {
  switch (type) {
    case 'requested':
    case 'carriersChanged':
    case 'withdrawn':
      return 'destruction.request';
    case 'counted':
    case 'submitted':
    case 'handedOver':
      return 'destruction.prepare';
    case 'approved':
    case 'refused':
      return 'destruction.decide';
    default:
      return assertNever(type);
  }
}

/**
 * Why a carrier may not join a destruction batch, or nothing: closed, not in custody (on loan, out
 * of the office, under repair), a hand-over waiting, an approval pending, in another batch, or a
 * device without a recorded erasure.
 */
export function carrierEligibility(carrierId: string, batchId: string, ctx: BatchContext): Result<void> {
  const c = ctx.carrier(carrierId);
  const where = { carrierId };
  if (!c) return refuse('CARRIER_NOT_FOUND', where);
  switch (c.status) {
    case 'on_loan':
      return refuse('CARRIER_ON_LOAN', where);
    case 'taken_out':
      return refuse('CARRIER_TAKEN_OUT', where);
    case 'under_repair':
      return refuse('CARRIER_UNDER_REPAIR', where);
    case 'in_custody':
      break;
    case 'destroyed':
      return refuse('CARRIER_DESTROYED', where);
    case 'dispatched':
    case 'returned_to_issuer':
      return refuse('CARRIER_CLOSED', { ...where, status: c.status });
    default:
      return assertNever(c.status);
  }
  if (c.pending) return refuse('HANDOVER_PENDING', where);
  if (ctx.pendingApprovals(carrierId) > 0) return refuse('APPROVAL_PENDING', where);
  const other = ctx.batchOf(carrierId);
  if (other !== null && other !== batchId) return refuse('CARRIER_IN_OTHER_BATCH', { ...where, batchId: other });
  const erased = erasureCleared(c, ctx.device(carrierId));
  if (!erased.ok) return refuse(erased.error.code, { ...where, ...erased.error.params });
  return ok(undefined);
}

/** A computer's disks that are carriers of their own must be in the same batch (or removed from it first). */
function disksFollow(ids: readonly string[], ctx: BatchContext): Result<void> {
  const inBatch = new Set(ids);
  for (const id of ids) {
    const c = ctx.carrier(id);
    if (c?.details.kind !== 'computer') continue;
    for (const serial of c.details.diskSerials) {
      const disk = ctx.carriersWithSerial(serial).find((d) => d.id !== c.id && !isClosed(d.status));
      if (disk && !inBatch.has(disk.id)) return refuse('DISK_MUST_FOLLOW', { carrierId: id, diskId: disk.id });
    }
  }
  return ok(undefined);
}

function checkCarriers(ids: readonly string[], batchId: string, ctx: BatchContext): Result<void> {
  if (ids.length === 0) return refuse('BATCH_EMPTY');
  if (ids.length > MAX_BATCH) return refuse('BATCH_TOO_LARGE', { max: MAX_BATCH });
  if (new Set(ids).size !== ids.length) return refuse('BATCH_DUPLICATE_CARRIER');
  for (const id of ids) {
    const e = carrierEligibility(id, batchId, ctx);
    if (!e.ok) return e;
  }
  return disksFollow(ids, ctx);
}

function checkHandover(state: BatchState, h: Handover, ctx: BatchContext): Result<void> {
  if (!ctx.destructionBodies.includes(h.body.trim())) return refuse('DESTRUCTION_BODY_NOT_DESIGNATED');
  if (!isIsoDate(h.on) || h.on > ctx.today) return refuse('HANDOVER_DATE_INVALID');
  if (state.decidedAt !== null && h.on < state.decidedAt.slice(0, 10)) return refuse('HANDOVER_BEFORE_APPROVAL');
  const escorts = [...new Set(h.escortIds)];
  if (escorts.length < MIN_ESCORTS) return refuse('ESCORTS_TOO_FEW', { min: MIN_ESCORTS });
  for (const id of escorts) {
    const p = ctx.person(id);
    if (!p || p.status !== 'active') return refuse('ESCORT_UNKNOWN', { personId: id });
  }
  if (h.certificateNumber.trim().length === 0 || h.certificateNumber.length > 80) return refuse('CERTIFICATE_REQUIRED');
  if (h.certificateScan && (!/^[0-9a-f]{64}$/.test(h.certificateScan.sha256) || !(h.certificateScan.bytes > 0))) return refuse('CERTIFICATE_SCAN_INVALID');
  // Nothing may have changed since the approval: every carrier still in custody, here, eligible.
  return checkCarriers(state.carrierIds, state.id, ctx);
}

/**
 * The batch's rules. Expected refusals are values; the state is unchanged on any refusal. The
 * approver is never the requester nor the clerk who counted (self-approval).
 */
export function batchTransition(state: BatchState | null, event: BatchEvent, ctx: BatchContext): Result<BatchState> {
  const auth = authorize(ctx.actor.roles, actionForBatch(event.type));
  if (event.type === 'requested') {
    if (state) return refuse('BATCH_ALREADY_EXISTS');
    if (!auth.ok) return auth;
    if (event.reason.trim().length < 2) return refuse('REASON_REQUIRED');
    const checked = checkCarriers(event.carrierIds, event.batchId, ctx);
    if (!checked.ok) return checked;
    return ok({
      id: event.batchId,
      status: 'open',
      carrierIds: [...event.carrierIds],
      reason: event.reason.trim(),
      requestedBy: ctx.actor.accountId,
      requestedAt: ctx.at,
      countedBy: null,
      countedAt: null,
      decidedBy: null,
      decidedAt: null,
      opinion: '',
      handover: null,
      version: 1,
    });
  }
  if (!state) return refuse('BATCH_NOT_FOUND');
  if (!auth.ok) return auth;
  const next = (patch: Partial<BatchState>): Result<BatchState> => ok({ ...state, ...patch, version: state.version + 1 });
  const wrongState = () => refuse('BATCH_WRONG_STATE', { status: state.status });
  switch (event.type) {
    case 'carriersChanged': {
      if (state.status !== 'open' && state.status !== 'counted') return wrongState();
      const removing = new Set(event.remove);
      if (event.remove.some((id) => !state.carrierIds.includes(id))) return refuse('CARRIER_NOT_IN_BATCH');
      const ids = [...state.carrierIds.filter((id) => !removing.has(id)), ...event.add];
      const checked = checkCarriers(ids, state.id, ctx);
      if (!checked.ok) return checked;
      // A changed list must be counted again.
      return next({ carrierIds: ids, status: 'open', countedBy: null, countedAt: null });
    }
    case 'counted': {
      if (state.status !== 'open') return wrongState();
      const found = new Set(event.carrierIds);
      const missing = state.carrierIds.filter((id) => !found.has(id));
      if (missing.length > 0) return refuse('COUNT_MISSING', { carrierId: missing[0] as string, count: missing.length });
      const extra = event.carrierIds.filter((id) => !state.carrierIds.includes(id));
      if (extra.length > 0 || found.size !== event.carrierIds.length) return refuse('COUNT_EXTRA', { carrierId: extra[0] ?? '' });
      const checked = checkCarriers(state.carrierIds, state.id, ctx);
      if (!checked.ok) return checked;
      return next({ status: 'counted', countedBy: ctx.actor.accountId, countedAt: ctx.at });
    }
    case 'submitted':
      return state.status === 'counted' ? next({ status: 'pending' }) : wrongState();
    case 'approved':
    case 'refused': {
      if (state.status !== 'pending') return wrongState();
      if (ctx.actor.accountId === state.requestedBy || ctx.actor.accountId === state.countedBy) return refuse('SELF_APPROVAL');
      const opinion = event.opinion.trim();
      if (event.type === 'refused' && opinion.length < 2) return refuse('OPINION_REQUIRED');
      if (event.type === 'approved') {
        const checked = checkCarriers(state.carrierIds, state.id, ctx);
        if (!checked.ok) return checked;
      }
      return next({ status: event.type, decidedBy: ctx.actor.accountId, decidedAt: ctx.at, opinion });
    }
    case 'withdrawn':
      if (state.status !== 'open' && state.status !== 'counted' && state.status !== 'pending') return wrongState();
      if (state.requestedBy !== ctx.actor.accountId) return refuse('NOT_REQUESTER');
      if (event.reason.trim().length < 2) return refuse('REASON_REQUIRED');
      return next({ status: 'withdrawn', opinion: event.reason.trim() });
    case 'handedOver': {
      if (state.status !== 'approved') return wrongState();
      const { type: _type, ...handover } = event;
      const checked = checkHandover(state, handover, ctx);
      if (!checked.ok) return checked;
      return next({
        status: 'completed',
        handover: { ...handover, body: handover.body.trim(), certificateNumber: handover.certificateNumber.trim(), escortIds: [...new Set(handover.escortIds)] },
      });
    }
    default:
      return assertNever(event);
  }
}

/** The carrier events a completed batch closes its carriers with (one `destroyed` per carrier). */
export function destroyedEvents(batch: BatchState): Result<{ carrierId: string; event: CarrierEvent }[]> {
  if (batch.status !== 'completed' || batch.handover === null) return refuse('BATCH_WRONG_STATE', { status: batch.status });
  const h = batch.handover;
  return ok(
    batch.carrierIds.map((carrierId) => ({
      carrierId,
      event: { type: 'destroyed', certificateNumber: h.certificateNumber, destructionBody: h.body, destroyedOn: h.on, batchId: batch.id },
    })),
  );
}

/** Is the batch still holding its carriers (so they cannot join another)? */
export function isOpenBatch(status: BatchStatus): boolean {
  return status === 'open' || status === 'counted' || status === 'pending' || status === 'approved';
}
