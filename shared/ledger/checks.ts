import { canonicalJson } from '../canonicalJson';
import { assertNever, ok, refuse, type Result } from '../result';
import { checkApprovalFor } from './approvals';
import { hasRemovableStorage, isCopy, recordOf, sameParty, type CarrierRecord, type CarrierState } from './carrier';
import { inScope, isIsoDate } from './classification';
import type { LedgerContext } from './context';
import type { CarrierEvent, Correction, Handover } from './events';
import { checkMayReceive } from './people';
import { validatePlace, validateRecord } from './registration';

/*
 * The checks transition.ts runs per event, one function per rule, each returning the refusal the
 * user sees.
 */

/** Runs checks in order and stops at the first refusal (its order is the order the user fixes them). */
export function all(...checks: (() => Result<unknown>)[]): Result<void> {
  for (const c of checks) {
    const r = c();
    if (!r.ok) return r;
  }
  return ok(undefined);
}

/** The carrier must be at hand: not lent, taken out or away for repair. */
export function inCustody(state: CarrierState): Result<void> {
  switch (state.status) {
    case 'in_custody':
      return ok(undefined);
    case 'on_loan':
      return refuse('CARRIER_ON_LOAN', { registryNumber: state.registryNumber });
    case 'taken_out':
      return refuse('CARRIER_TAKEN_OUT', { registryNumber: state.registryNumber });
    case 'under_repair':
      return refuse('CARRIER_UNDER_REPAIR', { registryNumber: state.registryNumber });
    case 'dispatched':
    case 'returned_to_issuer':
      return refuse('CARRIER_CLOSED', { status: state.status });
    case 'destroyed':
      return refuse('CARRIER_DESTROYED');
    default:
      return assertNever(state.status);
  }
}

/** The clerk keeps the ledger for everyone; anyone else acts only on what they hold themselves. */
export function actsForCustodian(state: CarrierState, ctx: LedgerContext): Result<void> {
  if (ctx.actor.roles.includes('clerk')) return ok(undefined);
  const c = state.custodian;
  return c.kind === 'person' && c.personId === ctx.actor.personId ? ok(undefined) : refuse('NOT_CUSTODIAN');
}

export function toPerson(h: Handover): Result<void> {
  return h.to.kind === 'person' ? ok(undefined) : refuse('HANDOVER_NEEDS_PERSON');
}

export function dateFromToday(date: string, ctx: LedgerContext, code: string): Result<void> {
  return isIsoDate(date) && date >= ctx.today ? ok(undefined) : refuse(code);
}

/**
 * 交接签收: the giver is the current custodian; a person receiving must be active and cleared for
 * the level; an outside unit confirms only by a signed slip; `receiver` means the receiver is the
 * one acting; `awaiting` leaves it to the receiver's own session (they need an account).
 */
export function checkHandover(state: CarrierState, h: Handover, ctx: LedgerContext, allowSame: boolean): Result<void> {
  if (!sameParty(h.from, state.custodian)) return refuse('HANDOVER_WRONG_GIVER');
  const same = sameParty(h.from, h.to);
  if (same && !allowSame) return refuse('HANDOVER_SAME_PARTY');
  if (h.to.kind === 'external') {
    if (!h.to.name.trim()) return refuse('HANDOVER_NEEDS_EXTERNAL');
    if (h.confirmation.kind !== 'slip') return refuse('EXTERNAL_NEEDS_SLIP');
  } else {
    const receiver = checkMayReceive(ctx.person(h.to.personId), state.level);
    if (!receiver.ok) return receiver;
    if (!same && h.confirmation.kind === 'awaiting' && !receiver.value.username) {
      return refuse('RECEIVER_HAS_NO_ACCOUNT', { person: receiver.value.name });
    }
  }
  if (same) return ok(undefined);
  return checkConfirmation(h, ctx);
}

export function checkConfirmation(h: Handover, ctx: LedgerContext): Result<void> {
  const c = h.confirmation;
  switch (c.kind) {
    case 'slip': {
      const n = c.slipNumber.trim();
      return n.length >= 1 && n.length <= 40 ? ok(undefined) : refuse('SLIP_NUMBER_INVALID');
    }
    case 'receiver':
      return h.to.kind === 'person' && h.to.personId === ctx.actor.personId ? ok(undefined) : refuse('NOT_RECEIVER');
    case 'awaiting':
      return ok(undefined);
    default:
      return assertNever(c);
  }
}

/** 知悉范围: lending to someone outside it needs an approver's explicit approval for that person. */
export function checkLoanScope(state: CarrierState, event: Extract<CarrierEvent, { type: 'lent' }>, ctx: LedgerContext): Result<void> {
  if (event.handover.to.kind !== 'person') return refuse('HANDOVER_NEEDS_PERSON');
  const borrowerId = event.handover.to.personId;
  const borrower = ctx.person(borrowerId);
  if (!borrower) return refuse('PERSON_NOT_FOUND');
  if (event.approvalId === undefined) {
    return inScope(state.level, state.scope, borrower) ? ok(undefined) : refuse('OUTSIDE_SCOPE', { person: borrower.name });
  }
  const approval = checkApprovalFor(ctx.approval(event.approvalId), state.id, 'loanOutsideScope');
  if (!approval.ok) return approval;
  const d = approval.value.details;
  return d.kind === 'loanOutsideScope' && d.personId === borrowerId ? ok(undefined) : refuse('APPROVAL_MISMATCH');
}

export function checkCopyMade(state: CarrierState, event: Extract<CarrierEvent, { type: 'copyMade' }>, ctx: LedgerContext): Result<void> {
  const approval = checkApprovalFor(ctx.approval(event.approvalId), state.id, 'copy');
  if (!approval.ok) return approval;
  const d = approval.value.details;
  if (d.kind !== 'copy' || d.mode !== event.mode) return refuse('APPROVAL_MISMATCH');
  const ids = new Set(event.copyIds);
  if (ids.size !== event.copyIds.length || event.copyIds.length === 0 || event.copyIds.some((id) => !id)) return refuse('COPY_IDS_INVALID');
  if (event.copyIds.length > d.copies) return refuse('COPY_COUNT_EXCEEDS_APPROVAL', { approved: d.copies });
  return ok(undefined);
}

/**
 * 维修: our own technician (a person, cleared for the level) or, with an approval, an outside
 * repairer — and then the device goes without its storage parts (送外维修应拆除存储部件), to the
 * repairer the approval names, on a recorded day, with at least one escort (陪同人员) cleared for
 * the level; a storage medium itself never goes out for repair.
 */
export function checkRepairSent(state: CarrierState, event: Extract<CarrierEvent, { type: 'repairSent' }>, ctx: LedgerContext): Result<void> {
  const when = () => (event.sentOn === undefined || (isIsoDate(event.sentOn) && event.sentOn <= ctx.today) ? ok(undefined) : refuse('REPAIR_DATE_INVALID'));
  const escorts = () => checkEscorts(state, event.escortIds ?? [], ctx);
  if (event.mode === 'internal') {
    return all(
      () => toPerson(event.handover),
      () => checkHandover(state, event.handover, ctx, false),
      when,
      escorts,
    );
  }
  return all(
    () => (hasRemovableStorage(state.kind) ? ok(undefined) : refuse('REPAIR_OUTSIDE_NOT_ALLOWED')),
    () => (event.storageRemoved ? ok(undefined) : refuse('STORAGE_NOT_REMOVED')),
    () => (event.handover.to.kind === 'external' ? ok(undefined) : refuse('HANDOVER_NEEDS_EXTERNAL')),
    () => checkHandover(state, event.handover, ctx, false),
    () => checkRepairApproval(state, event, ctx),
    () => (event.sentOn === undefined ? refuse('REPAIR_DATE_INVALID') : when()),
    () => ((event.escortIds ?? []).length === 0 ? refuse('ESCORT_REQUIRED') : escorts()),
  );
}

function checkRepairApproval(state: CarrierState, event: Extract<CarrierEvent, { type: 'repairSent' }>, ctx: LedgerContext): Result<void> {
  if (!event.approvalId) return refuse('APPROVAL_REQUIRED', { kind: 'repairOutside' });
  const approval = checkApprovalFor(ctx.approval(event.approvalId), state.id, 'repairOutside');
  if (!approval.ok) return approval;
  const d = approval.value.details;
  // The device goes to the repairer that was approved, not to another.
  const to = event.handover.to.kind === 'external' ? event.handover.to.name.trim() : '';
  return d.kind === 'repairOutside' && d.repairer === to ? ok(undefined) : refuse('APPROVAL_MISMATCH');
}

/** 陪同人员: people in the directory, on post, cleared for the carrier's level, each named once. */
function checkEscorts(state: CarrierState, ids: readonly string[], ctx: LedgerContext): Result<void> {
  if (new Set(ids).size !== ids.length || ids.length > 5 || ids.some((id) => !id)) return refuse('ESCORT_INVALID');
  for (const id of ids) {
    const p = checkMayReceive(ctx.person(id), state.level);
    if (!p.ok) return p;
  }
  return ok(undefined);
}

/**
 * 修复返回: back from an outside repairer, the day and the checks on return are recorded (see
 * RepairReturnCheck); a failed check needs a note saying what was found.
 */
export function checkRepairReturned(state: CarrierState, event: Extract<CarrierEvent, { type: 'repairReturned' }>, ctx: LedgerContext): Result<void> {
  const outside = state.repair?.mode === 'outside';
  const d = event.returnedOn;
  if (d === undefined ? outside : !isIsoDate(d) || d > ctx.today || (state.repair?.sentOn !== undefined && d < state.repair.sentOn)) return refuse('REPAIR_DATE_INVALID');
  if (!outside) return ok(undefined);
  const c = event.check;
  if (!c) return refuse('REPAIR_CHECK_REQUIRED');
  if ((!c.identityVerified || !c.noStorageRetained) && c.note.trim().length < 2) return refuse('REPAIR_CHECK_NOTE_REQUIRED');
  return ok(undefined);
}

/** 携带外出 needs an approval; 出境 (abroad) needs one that says so. */
export function checkTakeOutApproval(state: CarrierState, event: Extract<CarrierEvent, { type: 'takenOut' }>, ctx: LedgerContext): Result<void> {
  const approval = checkApprovalFor(ctx.approval(event.approvalId), state.id, 'takeOut');
  if (!approval.ok) return approval;
  const d = approval.value.details;
  if (d.kind !== 'takeOut') return refuse('APPROVAL_MISMATCH');
  if (event.abroad && !d.abroad) return refuse('ABROAD_NEEDS_APPROVAL');
  return ok(undefined);
}

export function checkConfirm(state: CarrierState, ctx: LedgerContext): Result<void> {
  const p = state.pending;
  if (!p) return refuse('NO_PENDING_HANDOVER');
  const to = p.event.handover.to;
  if (to.kind !== 'person' || to.personId !== ctx.actor.personId) return refuse('NOT_RECEIVER');
  // The person may have left or been re-categorized since the hand-over was offered.
  const receiver = checkMayReceive(ctx.person(to.personId), state.level);
  return receiver.ok ? ok(undefined) : receiver;
}

export const LOCKED_ON_COPY: readonly string[] = ['level', 'period', 'scope'];

export function checkCorrection(state: CarrierState, changes: Correction[], reason: string, ctx: LedgerContext): Result<void> {
  if (reason.trim().length < 2) return refuse('REASON_REQUIRED');
  if (changes.length === 0) return refuse('CORRECTION_EMPTY');
  const fields = new Set<string>();
  let next: CarrierRecord = recordOf(state);
  for (const c of changes) {
    if (fields.has(c.field)) return refuse('CORRECTION_INVALID', { field: c.field });
    fields.add(c.field);
    if (isCopy(state) && LOCKED_ON_COPY.includes(c.field)) return refuse('COPY_FIELDS_LOCKED', { field: c.field });
    // A live determination fixes level, period and scope: they change only by its 变更, never by a correction.
    const determination = LOCKED_ON_COPY.includes(c.field) ? ctx.determinationFloor?.(state.id) : undefined;
    if (determination) return refuse('FIXED_BY_DETERMINATION', { field: c.field, determinationId: determination.determinationId });
    if (canonicalJson(c.from) !== canonicalJson(state[c.field])) return refuse('CORRECTION_STALE', { field: c.field });
    if (canonicalJson(c.to) === canonicalJson(c.from)) return refuse('CORRECTION_NO_CHANGE', { field: c.field });
    if (c.field === 'details' && c.to.kind !== state.kind) return refuse('CORRECTION_INVALID', { field: 'details' });
    if (c.field === 'place') {
      // Not part of the record: checked on its own, stored as given (trimmed).
      const place = validatePlace(c.to);
      if (!place.ok) return place;
      if (place.value !== c.to) return refuse('CORRECTION_INVALID', { field: 'place' });
      continue;
    }
    next = { ...next, [c.field]: c.to };
  }
  const valid = validateRecord(next);
  if (!valid.ok) return valid;
  if (canonicalJson(valid.value) !== canonicalJson(next)) return refuse('CORRECTION_INVALID', { field: changes[0]?.field ?? '' });
  // A corrected level must still be one the present holder may hold.
  if (fields.has('level') && state.custodian.kind === 'person') {
    const holder = checkMayReceive(ctx.person(state.custodian.personId), next.level);
    if (!holder.ok && holder.error.code === 'CLEARANCE_TOO_LOW') return holder;
  }
  return ok(undefined);
}

export function checkRegistration(event: Extract<CarrierEvent, { type: 'registered' }>, ctx: LedgerContext): Result<void> {
  if (!event.carrierId || !event.registryNumber.trim()) return refuse('CARRIER_INVALID_FIELD', { field: 'registryNumber' });
  if (event.record.details.kind !== event.kind) return refuse('CARRIER_INVALID_FIELD', { field: 'kind' });
  const valid = validateRecord(event.record);
  if (!valid.ok) return valid;
  if (canonicalJson(valid.value) !== canonicalJson(event.record)) return refuse('CARRIER_INVALID_FIELD', { field: 'record' });
  const place = validatePlace(event.place);
  if (!place.ok) return place;
  const holder = checkMayReceive(ctx.person(event.custodianId), event.record.level);
  if (!holder.ok) return holder;
  const origin = event.record.origin;
  if (origin.kind === 'copy') {
    const original = ctx.carrier(origin.originalId);
    if (!original) return refuse('CARRIER_NOT_FOUND');
    // A copy exists only as one the original's copyMade event named, which checked the approval.
    if (!original.copyIds.includes(event.carrierId)) return refuse('COPY_NOT_AUTHORIZED');
    for (const f of LOCKED_ON_COPY as (keyof CarrierRecord)[]) {
      if (canonicalJson(original[f]) !== canonicalJson(event.record[f])) return refuse('COPY_MUST_INHERIT', { field: f });
    }
  }
  return ok(undefined);
}
