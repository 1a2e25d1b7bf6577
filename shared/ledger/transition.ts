import { authorize } from '../auth/permissions';
import { canonicalJson } from '../canonicalJson';
import { assertNever, ok, refuse, type Result } from '../result';
import { checkApprovalFor } from './approvals';
import {
  hasRemovableStorage,
  isClosed,
  isCopy,
  isRepairable,
  sameParty,
  type CarrierRecord,
  type CarrierState,
  type Party,
} from './carrier';
import { inScope, isIsoDate } from './classification';
import type { LedgerContext } from './context';
import { actionFor, type CarrierEvent, type Correction, type Handover, type HandoverEvent } from './events';
import { checkMayReceive } from './people';
import { validatePlace, validateRecord } from './registration';

/**
 * A carrier is the fold of its events. `transition` checks an event against the current state and
 * the context (who acts, the people and approvals it names) and returns the next state or a
 * refusal; `applyEvent` only folds, for replaying events that were checked when they happened.
 */
export function transition(state: CarrierState | null, event: CarrierEvent, ctx: LedgerContext): Result<CarrierState> {
  const checked = check(state, event, ctx);
  if (!checked.ok) return checked;
  return ok(applyEvent(state, event, ctx.at));
}

function check(state: CarrierState | null, event: CarrierEvent, ctx: LedgerContext): Result<void> {
  const auth = authorize(ctx.actor.roles, actionFor(event.type));
  if (event.type === 'registered') {
    if (state) return refuse('CARRIER_ALREADY_REGISTERED');
    if (!auth.ok) return auth;
    return checkRegistration(event, ctx);
  }
  if (!state) return refuse('CARRIER_NOT_FOUND');
  if (!auth.ok) return auth;
  if (isClosed(state.status) && event.type !== 'corrected') {
    return state.status === 'destroyed' ? refuse('CARRIER_DESTROYED') : refuse('CARRIER_CLOSED', { status: state.status });
  }
  if (state.pending && event.type !== 'handoverConfirmed' && event.type !== 'handoverCancelled' && event.type !== 'corrected') {
    return refuse('HANDOVER_PENDING');
  }
  switch (event.type) {
    case 'transferred':
      return all(
        () => inCustody(state),
        () => actsForCustodian(state, ctx),
        () => toPerson(event.handover),
        () => checkHandover(state, event.handover, ctx, false),
        () => validatePlace(event.place),
      );
    case 'lent':
      return all(
        () => inCustody(state),
        () => toPerson(event.handover),
        () => checkHandover(state, event.handover, ctx, false),
        () => dateFromToday(event.dueOn, ctx, 'LOAN_DUE_INVALID'),
        () => checkLoanScope(state, event, ctx),
      );
    case 'loanReturned':
      return all(
        () => (state.status === 'on_loan' ? ok(undefined) : refuse('NOT_ON_LOAN')),
        () => toPerson(event.handover),
        () => checkHandover(state, event.handover, ctx, false),
        () => validatePlace(event.place),
      );
    case 'copyMade':
      return all(
        () => inCustody(state),
        () => actsForCustodian(state, ctx),
        () => checkCopyMade(state, event, ctx),
      );
    case 'stored':
      return all(
        () => inCustody(state),
        () => actsForCustodian(state, ctx),
        () => validatePlace(event.place),
        () => (event.place.trim() === state.place ? refuse('PLACE_UNCHANGED') : ok(undefined)),
      );
    case 'repairSent':
      return all(
        () => inCustody(state),
        () => actsForCustodian(state, ctx),
        () => (isRepairable(state.kind) ? ok(undefined) : refuse('REPAIR_NOT_APPLICABLE')),
        () => checkRepairSent(state, event, ctx),
      );
    case 'repairReturned':
      return all(
        () => (state.status === 'under_repair' ? ok(undefined) : refuse('NOT_UNDER_REPAIR')),
        () => toPerson(event.handover),
        () => checkHandover(state, event.handover, ctx, false),
        () => validatePlace(event.place),
      );
    case 'takenOut':
      return all(
        () => inCustody(state),
        () => actsForCustodian(state, ctx),
        () => toPerson(event.handover),
        () => checkHandover(state, event.handover, ctx, true),
        () => (event.destination.trim() ? ok(undefined) : refuse('DESTINATION_REQUIRED')),
        () => dateFromToday(event.expectedBackOn, ctx, 'RETURN_DATE_INVALID'),
        () => checkTakeOutApproval(state, event, ctx),
      );
    case 'broughtBack':
      return all(
        () => (state.status === 'taken_out' ? ok(undefined) : refuse('NOT_TAKEN_OUT')),
        () => toPerson(event.handover),
        () => checkHandover(state, event.handover, ctx, true),
        () => validatePlace(event.place),
      );
    case 'dispatched':
    case 'returnedToIssuer':
      return all(
        () => inCustody(state),
        () => actsForCustodian(state, ctx),
        () => (event.handover.to.kind === 'external' ? ok(undefined) : refuse('HANDOVER_NEEDS_EXTERNAL')),
        () => checkHandover(state, event.handover, ctx, false),
      );
    case 'destroyed':
      return all(
        () => inCustody(state),
        () => (event.certificateNumber.trim() ? ok(undefined) : refuse('CERTIFICATE_REQUIRED')),
        () => (event.destructionBody.trim() ? ok(undefined) : refuse('DESTRUCTION_BODY_REQUIRED')),
        () => (isIsoDate(event.destroyedOn) && event.destroyedOn <= ctx.today ? ok(undefined) : refuse('DESTROYED_ON_INVALID')),
      );
    case 'corrected':
      return checkCorrection(state, event.changes, event.reason, ctx);
    case 'handoverConfirmed':
      return checkConfirm(state, ctx);
    case 'handoverCancelled': {
      if (!state.pending) return refuse('NO_PENDING_HANDOVER');
      if (event.reason.trim().length < 2) return refuse('REASON_REQUIRED');
      return actsForCustodian(state, ctx);
    }
    default:
      return assertNever(event);
  }
}

/** Runs checks in order and stops at the first refusal (its order is the order the user fixes them). */
function all(...checks: (() => Result<unknown>)[]): Result<void> {
  for (const c of checks) {
    const r = c();
    if (!r.ok) return r;
  }
  return ok(undefined);
}

/** The carrier must be at hand: not lent, taken out or away for repair. */
function inCustody(state: CarrierState): Result<void> {
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
function actsForCustodian(state: CarrierState, ctx: LedgerContext): Result<void> {
  if (ctx.actor.roles.includes('clerk')) return ok(undefined);
  const c = state.custodian;
  return c.kind === 'person' && c.personId === ctx.actor.personId ? ok(undefined) : refuse('NOT_CUSTODIAN');
}

function toPerson(h: Handover): Result<void> {
  return h.to.kind === 'person' ? ok(undefined) : refuse('HANDOVER_NEEDS_PERSON');
}

function dateFromToday(date: string, ctx: LedgerContext, code: string): Result<void> {
  return isIsoDate(date) && date >= ctx.today ? ok(undefined) : refuse(code);
}

/**
 * 交接签收: the giver is the current custodian; a person receiving must be active and cleared for
 * the level; an outside unit confirms only by a signed slip; `receiver` means the receiver is the
 * one acting; `awaiting` leaves it to the receiver's own session (they need an account).
 */
function checkHandover(state: CarrierState, h: Handover, ctx: LedgerContext, allowSame: boolean): Result<void> {
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

function checkConfirmation(h: Handover, ctx: LedgerContext): Result<void> {
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
function checkLoanScope(state: CarrierState, event: Extract<CarrierEvent, { type: 'lent' }>, ctx: LedgerContext): Result<void> {
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

function checkCopyMade(state: CarrierState, event: Extract<CarrierEvent, { type: 'copyMade' }>, ctx: LedgerContext): Result<void> {
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
 * repairer — and then the device goes without its storage parts (送外维修应拆除存储部件); a
 * storage medium itself never goes out for repair.
 */
function checkRepairSent(state: CarrierState, event: Extract<CarrierEvent, { type: 'repairSent' }>, ctx: LedgerContext): Result<void> {
  if (event.mode === 'internal') {
    return all(
      () => toPerson(event.handover),
      () => checkHandover(state, event.handover, ctx, false),
    );
  }
  return all(
    () => (hasRemovableStorage(state.kind) ? ok(undefined) : refuse('REPAIR_OUTSIDE_NOT_ALLOWED')),
    () => (event.storageRemoved ? ok(undefined) : refuse('STORAGE_NOT_REMOVED')),
    () => (event.handover.to.kind === 'external' ? ok(undefined) : refuse('HANDOVER_NEEDS_EXTERNAL')),
    () => checkHandover(state, event.handover, ctx, false),
    () => (event.approvalId ? checkApprovalFor(ctx.approval(event.approvalId), state.id, 'repairOutside') : refuse('APPROVAL_REQUIRED', { kind: 'repairOutside' })),
  );
}

/** 携带外出 needs an approval; 出境 (abroad) needs one that says so. */
function checkTakeOutApproval(state: CarrierState, event: Extract<CarrierEvent, { type: 'takenOut' }>, ctx: LedgerContext): Result<void> {
  const approval = checkApprovalFor(ctx.approval(event.approvalId), state.id, 'takeOut');
  if (!approval.ok) return approval;
  const d = approval.value.details;
  if (d.kind !== 'takeOut') return refuse('APPROVAL_MISMATCH');
  if (event.abroad && !d.abroad) return refuse('ABROAD_NEEDS_APPROVAL');
  return ok(undefined);
}

function checkConfirm(state: CarrierState, ctx: LedgerContext): Result<void> {
  const p = state.pending;
  if (!p) return refuse('NO_PENDING_HANDOVER');
  const to = p.event.handover.to;
  if (to.kind !== 'person' || to.personId !== ctx.actor.personId) return refuse('NOT_RECEIVER');
  // The person may have left or been re-categorized since the hand-over was offered.
  const receiver = checkMayReceive(ctx.person(to.personId), state.level);
  return receiver.ok ? ok(undefined) : receiver;
}

const LOCKED_ON_COPY: readonly string[] = ['level', 'period', 'scope'];

function checkCorrection(state: CarrierState, changes: Correction[], reason: string, ctx: LedgerContext): Result<void> {
  if (reason.trim().length < 2) return refuse('REASON_REQUIRED');
  if (changes.length === 0) return refuse('CORRECTION_EMPTY');
  const fields = new Set<string>();
  let next: CarrierRecord = recordOf(state);
  for (const c of changes) {
    if (fields.has(c.field)) return refuse('CORRECTION_INVALID', { field: c.field });
    fields.add(c.field);
    if (isCopy(state) && LOCKED_ON_COPY.includes(c.field)) return refuse('COPY_FIELDS_LOCKED', { field: c.field });
    if (canonicalJson(c.from) !== canonicalJson(state[c.field])) return refuse('CORRECTION_STALE', { field: c.field });
    if (canonicalJson(c.to) === canonicalJson(c.from)) return refuse('CORRECTION_NO_CHANGE', { field: c.field });
    if (c.field === 'details' && c.to.kind !== state.kind) return refuse('CORRECTION_INVALID', { field: 'details' });
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

function checkRegistration(event: Extract<CarrierEvent, { type: 'registered' }>, ctx: LedgerContext): Result<void> {
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

export function recordOf(s: CarrierState): CarrierRecord {
  return {
    title: s.title,
    docNumber: s.docNumber,
    level: s.level,
    period: s.period,
    scope: s.scope,
    copyNumber: s.copyNumber,
    details: s.details,
    origin: s.origin,
    note: s.note,
  };
}

/** Folds one event, without checking it. */
export function applyEvent(state: CarrierState | null, event: CarrierEvent, at: string): CarrierState {
  if (event.type === 'registered') {
    return {
      ...event.record,
      id: event.carrierId,
      registryNumber: event.registryNumber,
      kind: event.kind,
      status: 'in_custody',
      custodian: { kind: 'person', personId: event.custodianId },
      place: event.place.trim(),
      loan: null,
      outing: null,
      repair: null,
      pending: null,
      copyIds: [],
      registeredAt: at,
      updatedAt: at,
      version: 1,
    };
  }
  if (!state) throw new Error(`event ${event.type} before registration`);
  const s: CarrierState = { ...state, updatedAt: at, version: state.version + 1 };
  if ('handover' in event && event.handover.confirmation.kind === 'awaiting' && !sameParty(event.handover.from, event.handover.to)) {
    return { ...s, pending: { event, offeredAt: at } };
  }
  switch (event.type) {
    case 'handoverConfirmed':
      return s.pending ? { ...effect(s, s.pending.event, at), pending: null } : s;
    case 'handoverCancelled':
      return { ...s, pending: null };
    case 'copyMade':
      return { ...s, copyIds: [...s.copyIds, ...event.copyIds] };
    case 'stored':
      return { ...s, place: event.place.trim() };
    case 'destroyed':
      return { ...s, status: 'destroyed', custodian: { kind: 'external', name: event.destructionBody.trim() } };
    case 'corrected': {
      let next = s;
      for (const c of event.changes) next = { ...next, [c.field]: c.to };
      return next;
    }
    case 'transferred':
    case 'lent':
    case 'loanReturned':
    case 'repairSent':
    case 'repairReturned':
    case 'takenOut':
    case 'broughtBack':
    case 'dispatched':
    case 'returnedToIssuer':
      return effect(s, event, at);
    default:
      return assertNever(event);
  }
}

/** What a hand-over does once both sides have confirmed it. */
function effect(s: CarrierState, event: HandoverEvent, at: string): CarrierState {
  const to: Party = event.handover.to;
  const from = event.handover.from;
  const personId = (p: Party) => (p.kind === 'person' ? p.personId : '');
  switch (event.type) {
    case 'transferred':
      return { ...s, custodian: to, place: event.place.trim() };
    case 'lent':
      return { ...s, status: 'on_loan', custodian: to, loan: { borrowerId: personId(to), lenderId: personId(from), since: at, dueOn: event.dueOn } };
    case 'loanReturned':
      return { ...s, status: 'in_custody', custodian: to, place: event.place.trim(), loan: null };
    case 'repairSent':
      return { ...s, status: 'under_repair', custodian: to, repair: { since: at, mode: event.mode, repairer: to } };
    case 'repairReturned':
      return { ...s, status: 'in_custody', custodian: to, place: event.place.trim(), repair: null };
    case 'takenOut':
      return {
        ...s,
        status: 'taken_out',
        custodian: to,
        outing: { personId: personId(to), since: at, destination: event.destination.trim(), expectedBackOn: event.expectedBackOn, abroad: event.abroad },
      };
    case 'broughtBack':
      return { ...s, status: 'in_custody', custodian: to, place: event.place.trim(), outing: null };
    case 'dispatched':
      return { ...s, status: 'dispatched', custodian: to };
    case 'returnedToIssuer':
      return { ...s, status: 'returned_to_issuer', custodian: to };
    default:
      return assertNever(event);
  }
}

/** Replays stored events (oldest first) into the current state. */
export function foldCarrier(events: readonly { event: CarrierEvent; at: string }[]): CarrierState | null {
  let state: CarrierState | null = null;
  for (const e of events) state = applyEvent(state, e.event, e.at);
  return state;
}

/** Is a loan past its due date? */
export function isOverdue(state: Pick<CarrierState, 'status' | 'loan'>, today: string): boolean {
  return state.status === 'on_loan' && state.loan !== null && state.loan.dueOn < today;
}
