import { authorize } from '../auth/permissions';
import { assertNever, ok, refuse, type Result } from '../result';
import type { DeterminationRecord, DeterminationState, Proposal, RecordBody, Subject } from './records';
import { diffTerms, termsMarking, validateTerms, type CatalogueLookup, type Terms } from './terms';

/** What a person asks to do with a determination. */
export type Command =
  /** 拟定: the handler drafts a new determination (level, period, scope, basis). */
  | { type: 'draft'; determinationId: string; subject: Subject; terms: Terms }
  /** 变更: the handler drafts new terms for a live determination, with the reason. */
  | { type: 'draftChange'; terms: Terms; reason: string }
  /** 解密 (解除 for a work secret): the handler drafts the declassification, with the reason. */
  | { type: 'draftDeclassify'; reason: string }
  /** After a return: the handler sends the draft again (terms for 确定/变更, reason for 变更/解密). */
  | { type: 'resubmit'; subject?: Subject; terms?: Terms; reason?: string }
  | { type: 'withdraw'; reason: string }
  /** The determiner signs the draft as it is. */
  | { type: 'approve'; opinion: string }
  /** The determiner changes fields of the draft and signs. */
  | { type: 'correct'; terms: Terms; opinion: string }
  | { type: 'return'; reason: string }
  /** 不予定密, with the determiner's written opinion. */
  | { type: 'notClassified'; opinion: string }
  /** 定期审核: the determiner confirms the terms in force still hold. */
  | { type: 'review'; note: string }
  | { type: 'linkCarriers'; carrierIds: string[] };

export type CommandType = Command['type'];
export const COMMAND_TYPES: readonly CommandType[] = [
  'draft',
  'draftChange',
  'draftDeclassify',
  'resubmit',
  'withdraw',
  'approve',
  'correct',
  'return',
  'notClassified',
  'review',
  'linkCarriers',
];

export interface Actor {
  accountId: string;
  displayName: string;
  roles: readonly string[];
}

export interface TransitionContext {
  actor: Actor;
  /** ISO instant of the action. */
  at: string;
  /** The unit's local date of `at`. */
  date: string;
  /** Id for the record this action writes. */
  recordId: string;
  catalogue: CatalogueLookup;
  /** Other determinations, for 派生定密 bases. */
  determination?: (id: string) => DeterminationState | undefined;
}

/**
 * The rules. Returns the record to append, or why not:
 * NOT_PERMITTED {action}; DETERMINATION_NOT_FOUND; DETERMINATION_EXISTS; NOT_LIVE; PROPOSAL_PENDING;
 * NO_PENDING_PROPOSAL; NOT_RETURNED; NO_PROPOSAL; NOT_DRAFTER; OWN_DRAFT (nobody decides their own
 * draft); NOT_CLASSIFIED_ONLY_FOR_NEW; CORRECT_NOT_FOR_DECLASSIFY; USE_NOT_CLASSIFIED; USE_DECLASSIFY;
 * CHANGE_NO_DIFFERENCE; CORRECT_NO_DIFFERENCE; REASON_REQUIRED; OPINION_REQUIRED; SUBJECT_TITLE_REQUIRED;
 * CARRIERS_REQUIRED; CARRIER_ENDED; and the refusals of validateTerms.
 */
export function transition(state: DeterminationState | null, cmd: Command, ctx: TransitionContext): Result<DeterminationRecord> {
  const body = decideBody(state, cmd, ctx);
  if (!body.ok) return body;
  const base = {
    id: ctx.recordId,
    determinationId: state?.id ?? (cmd.type === 'draft' ? cmd.determinationId : ''),
    seq: (state?.seq ?? 0) + 1,
    at: ctx.at,
    date: ctx.date,
    actor: ctx.actor.accountId,
    actorName: ctx.actor.displayName,
  };
  return ok({ ...base, ...body.value });
}

function decideBody(state: DeterminationState | null, cmd: Command, ctx: TransitionContext): Result<RecordBody> {
  if (cmd.type === 'draft') {
    const allowed = authorize(ctx.actor.roles, 'determination.draft');
    if (!allowed.ok) return allowed;
    if (state !== null) return refuse('DETERMINATION_EXISTS');
    return draftDetermine(cmd.subject, cmd.terms, ctx, false);
  }
  if (state === null) return refuse('DETERMINATION_NOT_FOUND');
  switch (cmd.type) {
    case 'draftChange':
    case 'draftDeclassify': {
      const allowed = authorize(ctx.actor.roles, 'determination.draft');
      if (!allowed.ok) return allowed;
      if (state.status !== 'live' || !state.inForce) return refuse('NOT_LIVE');
      if (state.proposal) return refuse('PROPOSAL_PENDING');
      return cmd.type === 'draftChange' ? draftChange(state, cmd.terms, cmd.reason, ctx, false) : draftDeclassify(cmd.reason, false);
    }
    case 'resubmit': {
      const allowed = authorize(ctx.actor.roles, 'determination.draft');
      if (!allowed.ok) return allowed;
      const p = state.proposal;
      if (!p || p.state !== 'returned') return refuse('NOT_RETURNED');
      switch (p.procedure) {
        case 'determine':
          return draftDetermine(cmd.subject ?? state.subject, cmd.terms ?? p.terms, ctx, true);
        case 'change':
          return draftChange(state, cmd.terms ?? p.terms, cmd.reason ?? p.reason, ctx, true);
        case 'declassify':
          return draftDeclassify(cmd.reason ?? p.reason, true);
        default:
          return assertNever(p);
      }
    }
    case 'withdraw': {
      const allowed = authorize(ctx.actor.roles, 'determination.draft');
      if (!allowed.ok) return allowed;
      const p = state.proposal;
      if (!p) return refuse('NO_PROPOSAL');
      if (!p.draftedBy.includes(ctx.actor.accountId)) return refuse('NOT_DRAFTER');
      const reason = cmd.reason.trim();
      if (!reason) return refuse('REASON_REQUIRED');
      return ok({ type: 'withdrawn', procedure: p.procedure, reason });
    }
    case 'approve':
    case 'correct':
    case 'return':
    case 'notClassified': {
      const p = pendingForDecision(state, ctx);
      if (!p.ok) return p;
      return decide(state, p.value, cmd, ctx);
    }
    case 'review': {
      const allowed = authorize(ctx.actor.roles, 'determination.decide');
      if (!allowed.ok) return allowed;
      if (state.status !== 'live') return refuse('NOT_LIVE');
      const note = cmd.note.trim();
      if (!note) return refuse('OPINION_REQUIRED');
      return ok({ type: 'reviewed', note });
    }
    case 'linkCarriers': {
      const allowed = authorize(ctx.actor.roles, 'determination.draft');
      if (!allowed.ok) return allowed;
      if (state.status !== 'proposed' && state.status !== 'returned' && state.status !== 'live') return refuse('CARRIER_ENDED');
      const ids = [...new Set(cmd.carrierIds)].filter((id) => id && !state.subject.carrierIds.includes(id));
      if (ids.length === 0) return refuse('CARRIERS_REQUIRED');
      return ok({ type: 'carriersLinked', carrierIds: ids });
    }
    default:
      return assertNever(cmd);
  }
}

/** Only determiners decide, only a pending draft, and never their own. */
function pendingForDecision(state: DeterminationState, ctx: TransitionContext): Result<Proposal> {
  const allowed = authorize(ctx.actor.roles, 'determination.decide');
  if (!allowed.ok) return allowed;
  const p = state.proposal;
  if (!p || p.state !== 'pending') return refuse('NO_PENDING_PROPOSAL');
  if (p.draftedBy.includes(ctx.actor.accountId)) return refuse('OWN_DRAFT');
  return ok(p);
}

function decide(state: DeterminationState, p: Proposal, cmd: Extract<Command, { type: 'approve' | 'correct' | 'return' | 'notClassified' }>, ctx: TransitionContext): Result<RecordBody> {
  switch (cmd.type) {
    case 'return': {
      const reason = cmd.reason.trim();
      return reason ? ok({ type: 'returned', procedure: p.procedure, reason }) : refuse('REASON_REQUIRED');
    }
    case 'notClassified': {
      if (p.procedure !== 'determine') return refuse('NOT_CLASSIFIED_ONLY_FOR_NEW');
      const opinion = cmd.opinion.trim();
      return opinion ? ok({ type: 'notClassified', opinion }) : refuse('OPINION_REQUIRED');
    }
    case 'approve': {
      const opinion = cmd.opinion.trim();
      if (p.procedure === 'declassify') return ok({ type: 'approved', procedure: 'declassify', opinion });
      if (p.terms.level === 'unclassified') return refuse('USE_NOT_CLASSIFIED');
      // The draft was checked when written; check again on the decision's date (a period's maximum counts from it).
      const terms = validateTerms(p.terms, termsContext(ctx, false, startFor(state, p.procedure, ctx)));
      if (!terms.ok) return terms;
      return ok({ type: 'approved', procedure: p.procedure, terms: terms.value, marking: termsMarking(terms.value), opinion });
    }
    case 'correct': {
      if (p.procedure === 'declassify') return refuse('CORRECT_NOT_FOR_DECLASSIFY');
      const opinion = cmd.opinion.trim();
      if (!opinion) return refuse('OPINION_REQUIRED');
      if (cmd.terms.level === 'unclassified') return refuse('USE_NOT_CLASSIFIED');
      const start = startFor(state, p.procedure, ctx);
      const keepsCitation = sameCitation(cmd.terms, p.terms);
      const terms = validateTerms(cmd.terms, termsContext(ctx, !keepsCitation, start));
      if (!terms.ok) return terms;
      const changes = diffTerms(p.terms, terms.value, start);
      if (changes.length === 0) return refuse('CORRECT_NO_DIFFERENCE');
      if (p.procedure === 'change' && state.inForce && diffTerms(state.inForce.terms, terms.value, start).length === 0) return refuse('CHANGE_NO_DIFFERENCE');
      return ok({ type: 'corrected', procedure: p.procedure, terms: terms.value, marking: termsMarking(terms.value), changes, opinion });
    }
    default:
      return assertNever(cmd);
  }
}

function draftDetermine(subjectIn: Subject, termsIn: Terms, ctx: TransitionContext, resubmission: boolean): Result<RecordBody> {
  const subject = validateSubject(subjectIn);
  if (!subject.ok) return subject;
  const terms = validateTerms(termsIn, termsContext(ctx, true, ctx.date));
  if (!terms.ok) return terms;
  return ok({ type: 'drafted', procedure: 'determine', subject: subject.value, terms: terms.value, marking: termsMarking(terms.value), resubmission });
}

function draftChange(state: DeterminationState, termsIn: Terms, reasonIn: string, ctx: TransitionContext, resubmission: boolean): Result<RecordBody> {
  const current = state.inForce;
  if (!current) return refuse('NOT_LIVE');
  const reason = reasonIn.trim();
  if (!reason) return refuse('REASON_REQUIRED');
  if (termsIn.level === 'unclassified') return refuse('USE_DECLASSIFY');
  const terms = validateTerms(termsIn, termsContext(ctx, !sameCitation(termsIn, current.terms), current.startDate));
  if (!terms.ok) return terms;
  const changes = diffTerms(current.terms, terms.value, current.startDate);
  if (changes.length === 0) return refuse('CHANGE_NO_DIFFERENCE');
  return ok({ type: 'drafted', procedure: 'change', terms: terms.value, marking: termsMarking(terms.value), reason, changes, resubmission });
}

function draftDeclassify(reasonIn: string, resubmission: boolean): Result<RecordBody> {
  const reason = reasonIn.trim();
  return reason ? ok({ type: 'drafted', procedure: 'declassify', reason, resubmission }) : refuse('REASON_REQUIRED');
}

function validateSubject(s: Subject): Result<Subject> {
  const title = s.title.trim();
  if (title.length === 0 || title.length > 200) return refuse('SUBJECT_TITLE_REQUIRED');
  const docNumber = s.docNumber?.trim();
  return ok({
    title,
    ...(docNumber ? { docNumber } : {}),
    processDraft: s.processDraft,
    carrierIds: [...new Set(s.carrierIds.filter((id) => id.length > 0))],
  });
}

/** A change's period keeps counting from the original date; a new determination's from the decision. */
function startFor(state: DeterminationState, procedure: Proposal['procedure'], ctx: TransitionContext): string {
  return procedure === 'change' && state.inForce ? state.inForce.startDate : ctx.date;
}

function sameCitation(a: Terms, b: Terms): boolean {
  return a.basis.kind === 'catalogue' && b.basis.kind === 'catalogue' && a.basis.entryId === b.basis.entryId && a.basis.version === b.basis.version;
}

function termsContext(ctx: TransitionContext, requireCurrentBasis: boolean, date: string) {
  return {
    catalogue: ctx.catalogue,
    date,
    requireCurrentBasis,
    sourceLevel: (id: string) => {
      const src = ctx.determination?.(id);
      return src?.status === 'live' ? src.inForce?.terms.level : undefined;
    },
  };
}
