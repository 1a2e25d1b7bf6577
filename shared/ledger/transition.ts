import { authorize } from '../auth/permissions';
import { assertNever, ok, refuse, type Result } from '../result';
import { isClosed, isRepairable, sameParty, type CarrierState, type Party } from './carrier';
import {
  actsForCustodian,
  all,
  checkConfirm,
  checkCopyMade,
  checkCorrection,
  checkHandover,
  checkLoanScope,
  checkRegistration,
  checkRepairReturned,
  checkRepairSent,
  checkTakeOutApproval,
  dateFromToday,
  inCustody,
  toPerson,
} from './checks';
import { isIsoDate } from './classification';
import type { LedgerContext } from './context';
import { checkDeterminationApplied, withChanges } from './determinationApplied';
import { actionFor, type CarrierEvent, type HandoverEvent } from './events';
import { validatePlace } from './registration';

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
  // A determination decided applies wherever the carrier is, also while a hand-over waits.
  if (state.pending && event.type !== 'handoverConfirmed' && event.type !== 'handoverCancelled' && event.type !== 'corrected' && event.type !== 'determinationApplied') {
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
        () => checkRepairReturned(state, event, ctx),
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
    case 'determinationApplied':
      return checkDeterminationApplied(state, event, ctx);
    case 'handoverCancelled': {
      if (!state.pending) return refuse('NO_PENDING_HANDOVER');
      if (event.reason.trim().length < 2) return refuse('REASON_REQUIRED');
      return actsForCustodian(state, ctx);
    }
    default:
      return assertNever(event);
  }
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
    case 'determinationApplied':
      return withChanges(s, event.changes);
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
      return {
        ...s,
        status: 'under_repair',
        custodian: to,
        repair: { since: at, mode: event.mode, repairer: to, ...(event.sentOn ? { sentOn: event.sentOn } : {}), ...(event.escortIds?.length ? { escortIds: event.escortIds } : {}) },
      };
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
