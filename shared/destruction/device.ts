import { authorize } from '../auth/permissions';
import type { CarrierKind, CarrierState } from '../ledger/carrier';
import { isClosed } from '../ledger/carrier';
import { isIsoDate } from '../ledger/classification';
import type { Actor } from '../ledger/context';
import type { Person } from '../ledger/people';
import { assertNever, ok, refuse, type Result } from '../result';

/**
 * 停用 / 报废 and 信息消除: a classified computer or storage device is first taken out of use or
 * scrapped by an approved application, then its information is erased (who, with which approved
 * tool, when); only then may it join a destruction batch (SPEC §5). The disks inside a computer are
 * carriers of their own: they follow it into the batch, or are removed from it first.
 */

/** Kinds that hold information electronically and must be erased before destruction. */
export const DEVICE_KINDS = ['computer', 'usb', 'hdd'] as const satisfies readonly CarrierKind[];

export function isDevice(kind: CarrierKind): boolean {
  return (DEVICE_KINDS as readonly CarrierKind[]).includes(kind);
}

/** 停用 (taken out of use) or 报废 (scrapped). */
export type Decommission = 'stop' | 'scrap';

/**
 * `reenablePending`: a stopped (停用) device whose 重新起用 (putting back into use) awaits the
 * approver; `reenabled`: back in use — the application is no longer in force, and a new one may follow.
 */
export type DeviceStatus = 'applied' | 'approved' | 'refused' | 'erased' | 'reenablePending' | 'reenabled';
export const DEVICE_STATUSES = ['applied', 'approved', 'refused', 'erased', 'reenablePending', 'reenabled'] as const satisfies readonly DeviceStatus[];

export interface Erasure {
  /** The person who erased it (人员名录). */
  personId: string;
  /** One of the unit's approved erasure tools (经审批的信息消除工具). */
  tool: string;
  on: string;
  note: string;
}

/** 重新起用: who asked to put the stopped device back into use and why, and the approver's decision. */
export interface Reenable {
  requestedBy: string;
  requestedAt: string;
  reason: string;
  decidedBy: string | null;
  decidedAt: string | null;
  opinion: string;
}

export interface DeviceState {
  id: string;
  carrierId: string;
  mode: Decommission;
  reason: string;
  status: DeviceStatus;
  appliedBy: string;
  appliedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  opinion: string;
  erasure: Erasure | null;
  /** The latest 重新起用 request, if any (a refused one stays here until the next request). */
  reenable?: Reenable | null;
  version: number;
}

export type DeviceEvent =
  | { type: 'applied'; deviceId: string; carrierId: string; mode: Decommission; reason: string }
  | { type: 'approved'; opinion: string }
  | { type: 'refused'; opinion: string }
  | { type: 'erased'; personId: string; tool: string; on: string; note: string }
  /** 重新起用申请: only for a stopped device whose information has not been erased. */
  | { type: 'reenableRequested'; reason: string }
  | { type: 'reenableApproved'; opinion: string }
  | { type: 'reenableRefused'; opinion: string };

export type DeviceEventType = DeviceEvent['type'];
export const DEVICE_EVENT_TYPES = ['applied', 'approved', 'refused', 'erased', 'reenableRequested', 'reenableApproved', 'reenableRefused'] as const satisfies readonly DeviceEventType[];

export interface DeviceContext {
  at: string;
  today: string;
  actor: Actor;
  carrier(id: string): CarrierState | undefined;
  person(id: string): Person | undefined;
  /** The unit's approved erasure tools, by name. */
  approvedTools: readonly string[];
}

function checkApply(event: Extract<DeviceEvent, { type: 'applied' }>, ctx: DeviceContext): Result<void> {
  const auth = authorize(ctx.actor.roles, 'destruction.request');
  if (!auth.ok) return auth;
  const carrier = ctx.carrier(event.carrierId);
  if (!carrier) return refuse('CARRIER_NOT_FOUND');
  if (!isDevice(carrier.kind)) return refuse('NOT_A_DEVICE', { kind: carrier.kind });
  if (isClosed(carrier.status)) return refuse('CARRIER_CLOSED', { status: carrier.status });
  if (event.mode !== 'stop' && event.mode !== 'scrap') return refuse('DEVICE_INVALID_FIELD', { field: 'mode' });
  if (event.reason.trim().length < 2) return refuse('REASON_REQUIRED');
  return ok(undefined);
}

function checkErasure(state: DeviceState, event: Extract<DeviceEvent, { type: 'erased' }>, ctx: DeviceContext): Result<void> {
  const auth = authorize(ctx.actor.roles, 'destruction.prepare');
  if (!auth.ok) return auth;
  if (state.status === 'erased') return refuse('DEVICE_ALREADY_ERASED');
  if (state.status === 'reenablePending') return refuse('DEVICE_REENABLE_PENDING');
  if (state.status !== 'approved') return refuse('DEVICE_NOT_APPROVED', { status: state.status });
  const person = ctx.person(event.personId);
  if (!person || person.status !== 'active') return refuse('ERASER_UNKNOWN');
  if (!ctx.approvedTools.includes(event.tool.trim())) return refuse('ERASURE_TOOL_NOT_APPROVED');
  if (!isIsoDate(event.on) || event.on > ctx.today) return refuse('ERASURE_DATE_INVALID');
  if (state.decidedAt !== null && event.on < state.decidedAt.slice(0, 10)) return refuse('ERASURE_BEFORE_APPROVAL');
  return ok(undefined);
}

/**
 * 重新起用: a device taken out of use (停用, approved) may be put back into use as long as its
 * information has not been erased nor the carrier closed (a scrapped one never). Requested by a
 * handler or clerk with a reason; decided by an approver who did not request it.
 */
function checkReenableRequest(state: DeviceState, event: Extract<DeviceEvent, { type: 'reenableRequested' }>, ctx: DeviceContext): Result<void> {
  const auth = authorize(ctx.actor.roles, 'destruction.request');
  if (!auth.ok) return auth;
  if (state.status === 'erased') return refuse('DEVICE_ERASED_NO_REENABLE');
  if (state.status === 'reenablePending') return refuse('DEVICE_REENABLE_PENDING');
  if (state.status !== 'approved') return refuse('DEVICE_NOT_STOPPED', { status: state.status });
  if (state.mode !== 'stop') return refuse('DEVICE_SCRAPPED_NO_REENABLE');
  const carrier = ctx.carrier(state.carrierId);
  if (!carrier) return refuse('CARRIER_NOT_FOUND');
  if (isClosed(carrier.status)) return refuse('CARRIER_CLOSED', { status: carrier.status });
  if (event.reason.trim().length < 2) return refuse('REASON_REQUIRED');
  return ok(undefined);
}

/**
 * The device's rules: apply (handler or clerk), approve or refuse (an approver who did not apply;
 * refusing needs an opinion), then erase (the clerk records who erased it, with which approved
 * tool, on which day — not before the approval, not in the future). A refused application ends;
 * a new one may be made.
 */
export function deviceTransition(state: DeviceState | null, event: DeviceEvent, ctx: DeviceContext): Result<DeviceState> {
  if (event.type === 'applied') {
    if (state) return refuse('DEVICE_ALREADY_APPLIED');
    const checked = checkApply(event, ctx);
    if (!checked.ok) return checked;
    return ok({
      id: event.deviceId,
      carrierId: event.carrierId,
      mode: event.mode,
      reason: event.reason.trim(),
      status: 'applied',
      appliedBy: ctx.actor.accountId,
      appliedAt: ctx.at,
      decidedBy: null,
      decidedAt: null,
      opinion: '',
      erasure: null,
      version: 1,
    });
  }
  if (!state) return refuse('DEVICE_NOT_FOUND');
  const next = (patch: Partial<DeviceState>): Result<DeviceState> => ok({ ...state, ...patch, version: state.version + 1 });
  switch (event.type) {
    case 'approved':
    case 'refused': {
      const auth = authorize(ctx.actor.roles, 'destruction.decide');
      if (!auth.ok) return auth;
      if (state.status !== 'applied') return refuse('DEVICE_NOT_PENDING', { status: state.status });
      if (state.appliedBy === ctx.actor.accountId) return refuse('SELF_APPROVAL');
      const opinion = event.opinion.trim();
      if (event.type === 'refused' && opinion.length < 2) return refuse('OPINION_REQUIRED');
      return next({ status: event.type, decidedBy: ctx.actor.accountId, decidedAt: ctx.at, opinion });
    }
    case 'erased': {
      const checked = checkErasure(state, event, ctx);
      if (!checked.ok) return checked;
      return next({ status: 'erased', erasure: { personId: event.personId, tool: event.tool.trim(), on: event.on, note: event.note.trim() } });
    }
    case 'reenableRequested': {
      const checked = checkReenableRequest(state, event, ctx);
      if (!checked.ok) return checked;
      return next({ status: 'reenablePending', reenable: { requestedBy: ctx.actor.accountId, requestedAt: ctx.at, reason: event.reason.trim(), decidedBy: null, decidedAt: null, opinion: '' } });
    }
    case 'reenableApproved':
    case 'reenableRefused': {
      const auth = authorize(ctx.actor.roles, 'destruction.decide');
      if (!auth.ok) return auth;
      if (state.status !== 'reenablePending' || !state.reenable) return refuse('DEVICE_REENABLE_NOT_PENDING', { status: state.status });
      if (state.reenable.requestedBy === ctx.actor.accountId) return refuse('SELF_APPROVAL');
      const opinion = event.opinion.trim();
      if (event.type === 'reenableRefused' && opinion.length < 2) return refuse('OPINION_REQUIRED');
      const reenable: Reenable = { ...state.reenable, decidedBy: ctx.actor.accountId, decidedAt: ctx.at, opinion };
      // Refused: the device stays stopped (approved, not erased), and may be asked for again.
      return next({ status: event.type === 'reenableApproved' ? 'reenabled' : 'approved', reenable });
    }
    default:
      return assertNever(event);
  }
}

/** May this carrier, as far as erasure goes, join a destruction batch? Non-devices always may. */
export function erasureCleared(carrier: CarrierState, device: DeviceState | undefined): Result<void> {
  if (!isDevice(carrier.kind)) return ok(undefined);
  // Back in use after 重新起用: it needs a new application like any device in use.
  if (!device || device.carrierId !== carrier.id || device.status === 'reenabled') return refuse('DEVICE_NOT_DECOMMISSIONED');
  if (device.status !== 'erased' || device.erasure === null) return refuse('DEVICE_NOT_ERASED', { status: device.status });
  return ok(undefined);
}

/**
 * Is this application still in force? Not when refused, nor once the stopped device is back in use
 * (重新起用). An erased device stays decommissioned.
 */
export function isOpenApplication(d: Pick<DeviceState, 'status'>): boolean {
  return d.status !== 'refused' && d.status !== 'reenabled';
}

/**
 * The decommissioning record that speaks for a device: the one in force, else the latest one
 * (refused, or put back into use, so the screen can say so). At most one is in force at a time.
 */
export function currentDecommission(records: readonly DeviceState[]): DeviceState | undefined {
  const open = records.find(isOpenApplication);
  if (open) return open;
  return [...records].sort((a, b) => b.appliedAt.localeCompare(a.appliedAt))[0];
}

/** A new 停用/报废 application is refused while another one for the same device is in force. */
export function checkNoOpenApplication(records: readonly DeviceState[]): Result<void> {
  const open = records.find(isOpenApplication);
  return open ? refuse('DEVICE_ALREADY_APPLIED', { status: open.status }) : ok(undefined);
}
