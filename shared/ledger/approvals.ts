import { authorize } from '../auth/permissions';
import { assertNever, ok, refuse, type Result } from '../result';
import type { CopyMode } from './carrier';
import { isIsoDate } from './classification';
import type { Actor } from './context';

/**
 * 审批: what must be approved before it is done — copying / excerpting / compiling, taking a
 * carrier out (abroad: its own approval), outside repair, and lending to someone outside the
 * 知悉范围. The approver is never the requester, nor the person the approval benefits.
 */
export const APPROVAL_KINDS = ['copy', 'takeOut', 'repairOutside', 'loanOutsideScope'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export type ApprovalDetails =
  | { kind: 'copy'; mode: CopyMode; copies: number }
  | { kind: 'takeOut'; destination: string; until: string; abroad: boolean }
  | { kind: 'repairOutside'; repairer: string }
  | { kind: 'loanOutsideScope'; personId: string };

export type ApprovalStatus = 'pending' | 'approved' | 'refused' | 'withdrawn' | 'used';
export const APPROVAL_STATUSES = ['pending', 'approved', 'refused', 'withdrawn', 'used'] as const satisfies readonly ApprovalStatus[];

export interface ApprovalState {
  id: string;
  carrierId: string;
  details: ApprovalDetails;
  reason: string;
  status: ApprovalStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  opinion: string;
  /** The carrier event that used it (an approval allows one action). */
  usedBy: string | null;
  version: number;
}

export type ApprovalEvent =
  | { type: 'requested'; approvalId: string; carrierId: string; details: ApprovalDetails; reason: string }
  | { type: 'approved'; opinion: string }
  | { type: 'refused'; opinion: string }
  | { type: 'withdrawn' }
  | { type: 'used'; carrierEventId: string };

export type ApprovalEventType = ApprovalEvent['type'];
export const APPROVAL_EVENT_TYPES = ['requested', 'approved', 'refused', 'withdrawn', 'used'] as const satisfies readonly ApprovalEventType[];

export interface ApprovalContext {
  at: string;
  today: string;
  actor: Actor;
}

function validateDetails(d: ApprovalDetails, today: string): Result<ApprovalDetails> {
  switch (d.kind) {
    case 'copy':
      if (!['copy', 'excerpt', 'compile'].includes(d.mode)) return refuse('APPROVAL_INVALID_FIELD', { field: 'mode' });
      return Number.isInteger(d.copies) && d.copies >= 1 && d.copies <= 999 ? ok(d) : refuse('APPROVAL_INVALID_FIELD', { field: 'copies' });
    case 'takeOut':
      if (!d.destination.trim()) return refuse('APPROVAL_INVALID_FIELD', { field: 'destination' });
      if (!isIsoDate(d.until) || d.until < today) return refuse('APPROVAL_INVALID_FIELD', { field: 'until' });
      return ok({ ...d, destination: d.destination.trim() });
    case 'repairOutside':
      return d.repairer.trim() ? ok({ ...d, repairer: d.repairer.trim() }) : refuse('APPROVAL_INVALID_FIELD', { field: 'repairer' });
    case 'loanOutsideScope':
      return d.personId ? ok(d) : refuse('APPROVAL_INVALID_FIELD', { field: 'personId' });
    default:
      return assertNever(d);
  }
}

function notPending(s: ApprovalStatus): Result<never> {
  return refuse('APPROVAL_NOT_PENDING', { status: s });
}

/**
 * The approval's rules: request (handler or clerk), then approve or refuse (an approver who is not
 * the requester, nor the beneficiary), or withdraw (the requester); an approved one is used once.
 */
export function approvalTransition(state: ApprovalState | null, event: ApprovalEvent, ctx: ApprovalContext): Result<ApprovalState> {
  if (event.type === 'requested') {
    if (state) return refuse('APPROVAL_ALREADY_EXISTS');
    const auth = authorize(ctx.actor.roles, 'carrier.requestApproval');
    if (!auth.ok) return auth;
    const reason = event.reason.trim();
    if (reason.length < 2) return refuse('REASON_REQUIRED');
    const details = validateDetails(event.details, ctx.today);
    if (!details.ok) return details;
    return ok({
      id: event.approvalId,
      carrierId: event.carrierId,
      details: details.value,
      reason,
      status: 'pending',
      requestedBy: ctx.actor.accountId,
      requestedAt: ctx.at,
      decidedBy: null,
      decidedAt: null,
      opinion: '',
      usedBy: null,
      version: 1,
    });
  }
  if (!state) return refuse('APPROVAL_NOT_FOUND');
  const next = (patch: Partial<ApprovalState>): Result<ApprovalState> => ok({ ...state, ...patch, version: state.version + 1 });
  switch (event.type) {
    case 'approved':
    case 'refused': {
      const auth = authorize(ctx.actor.roles, 'carrier.decideApproval');
      if (!auth.ok) return auth;
      if (state.status !== 'pending') return notPending(state.status);
      if (state.requestedBy === ctx.actor.accountId) return refuse('SELF_APPROVAL');
      if (state.details.kind === 'loanOutsideScope' && ctx.actor.personId === state.details.personId) return refuse('SELF_APPROVAL');
      const opinion = event.opinion.trim();
      if (event.type === 'refused' && opinion.length < 2) return refuse('OPINION_REQUIRED');
      return next({ status: event.type, decidedBy: ctx.actor.accountId, decidedAt: ctx.at, opinion });
    }
    case 'withdrawn':
      if (state.status !== 'pending') return notPending(state.status);
      if (state.requestedBy !== ctx.actor.accountId) return refuse('NOT_REQUESTER');
      return next({ status: 'withdrawn' });
    case 'used': {
      // Authorized as part of the carrier event that uses it.
      const usable = checkApprovalUsable(state);
      return usable.ok ? next({ status: 'used', usedBy: event.carrierEventId }) : usable;
    }
    default:
      return assertNever(event);
  }
}

function checkApprovalUsable(a: ApprovalState): Result<ApprovalState> {
  switch (a.status) {
    case 'approved':
      return ok(a);
    case 'used':
      return refuse('APPROVAL_USED');
    case 'pending':
    case 'refused':
    case 'withdrawn':
      return refuse('APPROVAL_NOT_APPROVED', { status: a.status });
    default:
      return assertNever(a.status);
  }
}

/**
 * The approval a carrier event cites must exist, be approved and unused, concern this carrier and
 * be of the kind the event needs.
 */
export function checkApprovalFor(
  approval: ApprovalState | undefined,
  carrierId: string,
  kind: ApprovalKind,
): Result<ApprovalState> {
  if (!approval) return refuse('APPROVAL_REQUIRED', { kind });
  if (approval.carrierId !== carrierId) return refuse('APPROVAL_WRONG_CARRIER');
  if (approval.details.kind !== kind) return refuse('APPROVAL_REQUIRED', { kind });
  return checkApprovalUsable(approval);
}
