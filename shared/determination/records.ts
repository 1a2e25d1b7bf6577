import { assertNever } from '../result';
import type { FieldChange, Terms } from './terms';

/**
 * A determination (定密) is the fold of its records. Records are written once and never changed:
 * a correction, a change (变更) or a declassification (解密 / 解除) is a new record.
 */

/** What is being determined: the item, and the carriers that hold it (none yet for a 过程稿). */
export interface Subject {
  /** 事项或文件名称. */
  title: string;
  /** 文号, when the document has one. */
  docNumber?: string;
  /** Started on a draft (过程稿) before the final document exists. */
  processDraft: boolean;
  /** Carriers of the ledger the determination covers (a document and all its copies). */
  carrierIds: string[];
}

/** 确定 (a new item), 变更 (change of level, period or scope), 解密 / 解除 (declassify). */
export type Procedure = 'determine' | 'change' | 'declassify';

interface RecordBase {
  id: string;
  determinationId: string;
  /** 1, 2, 3 … within the determination; unique, so two decisions on one draft cannot both land. */
  seq: number;
  /** ISO instant. */
  at: string;
  /** The unit's local date of `at`: the date a period counts from. */
  date: string;
  /** Account id, or 'system' for what the rules do on their own (a period ending). */
  actor: string;
  /** The actor's name at the time, as printed on the record. */
  actorName: string;
}

export type RecordBody =
  | { type: 'drafted'; procedure: 'determine'; subject: Subject; terms: Terms; marking: string; resubmission: boolean }
  | { type: 'drafted'; procedure: 'change'; terms: Terms; marking: string; reason: string; changes: FieldChange[]; resubmission: boolean }
  | { type: 'drafted'; procedure: 'declassify'; reason: string; resubmission: boolean }
  | { type: 'approved'; procedure: 'determine' | 'change'; terms: Terms; marking: string; opinion: string }
  | { type: 'approved'; procedure: 'declassify'; opinion: string }
  /** The determiner changed fields of the draft and signed: `changes` is the draft → decision difference. */
  | { type: 'corrected'; procedure: 'determine' | 'change'; terms: Terms; marking: string; changes: FieldChange[]; opinion: string }
  | { type: 'returned'; procedure: Procedure; reason: string }
  /** 不予定密: the determiner's decision not to classify, with its written opinion. */
  | { type: 'notClassified'; opinion: string }
  | { type: 'withdrawn'; procedure: Procedure; reason: string }
  /** 定期审核 with the outcome "keep as it is". */
  | { type: 'reviewed'; note: string }
  | { type: 'carriersLinked'; carrierIds: string[] }
  /** The period ended with no decision: declassified by the rules (recorded, and exported in the next bundle). */
  | { type: 'autoDeclassified'; periodEnd: string; closedProposal: Procedure | null };

export type DeterminationRecord = RecordBase & RecordBody;
export type RecordType = RecordBody['type'];

export type Status = 'proposed' | 'returned' | 'withdrawn' | 'not_classified' | 'live' | 'declassified';

/** The terms in force, and since when. */
export interface InForce {
  terms: Terms;
  marking: string;
  /** The date the period counts from (the first decision's date, or the terms' periodFrom). */
  startDate: string;
  /** Date of the decision that put these terms in force. */
  decidedDate: string;
  decidedBy: string;
  recordId: string;
}

interface ProposalBase {
  state: 'pending' | 'returned';
  /** Everyone who drafted or resubmitted it: none of them may decide it. */
  draftedBy: string[];
  /** Name and time of the latest (re)submission, for the determiner's queue. */
  drafterName: string;
  draftedAt: string;
  round: number;
  returnReason: string | null;
  recordId: string;
}

/** A draft waiting for a decision (pending) or sent back to the handler (returned). */
export type Proposal = ProposalBase &
  (
    | { procedure: 'determine'; terms: Terms; marking: string }
    | { procedure: 'change'; terms: Terms; marking: string; reason: string; changes: FieldChange[] }
    | { procedure: 'declassify'; reason: string }
  );

export interface DeterminationState {
  id: string;
  /** Seq of the last record; the next record takes seq + 1. */
  seq: number;
  status: Status;
  subject: Subject;
  /** The handler who drafted it first (承办人). */
  handler: string;
  createdAt: string;
  /** Time of the last record. */
  updatedAt: string;
  inForce: InForce | null;
  proposal: Proposal | null;
  /** Last date the terms were decided or reviewed (定期审核). */
  lastReviewDate: string | null;
  /** Why and when it stopped being secret, when it did. */
  ended: { how: 'declassified' | 'period_end' | 'not_classified' | 'withdrawn'; date: string; recordId: string } | null;
}

/**
 * Applies one record. Records are trusted here (they were checked by `transition` before being
 * written); an impossible sequence throws, because it means the stored history is damaged.
 */
export function apply(state: DeterminationState | null, r: DeterminationRecord): DeterminationState {
  if (state === null) {
    if (r.type !== 'drafted' || r.procedure !== 'determine') throw new Error(`determination ${r.determinationId}: first record is ${r.type}`);
    return {
      id: r.determinationId,
      seq: r.seq,
      status: 'proposed',
      subject: r.subject,
      handler: r.actor,
      createdAt: r.at,
      updatedAt: r.at,
      inForce: null,
      proposal: { procedure: 'determine', terms: r.terms, marking: r.marking, state: 'pending', draftedBy: [r.actor], drafterName: r.actorName, draftedAt: r.at, round: 1, returnReason: null, recordId: r.id },
      lastReviewDate: null,
      ended: null,
    };
  }
  if (r.seq !== state.seq + 1 || r.determinationId !== state.id) throw new Error(`determination ${state.id}: record ${r.seq} out of order`);
  const s: DeterminationState = { ...state, seq: r.seq, updatedAt: r.at };
  const prev = state.proposal;
  switch (r.type) {
    case 'drafted': {
      const draftedBy = prev && r.resubmission ? [...new Set([...prev.draftedBy, r.actor])] : [r.actor];
      const common = { state: 'pending' as const, draftedBy, drafterName: r.actorName, draftedAt: r.at, round: prev && r.resubmission ? prev.round + 1 : 1, returnReason: null, recordId: r.id };
      switch (r.procedure) {
        case 'determine':
          return { ...s, status: 'proposed', subject: r.subject, proposal: { procedure: 'determine', terms: r.terms, marking: r.marking, ...common } };
        case 'change':
          return { ...s, proposal: { procedure: 'change', terms: r.terms, marking: r.marking, reason: r.reason, changes: r.changes, ...common } };
        case 'declassify':
          return { ...s, proposal: { procedure: 'declassify', reason: r.reason, ...common } };
        default:
          return assertNever(r);
      }
    }
    case 'approved':
    case 'corrected': {
      if (r.procedure === 'declassify') {
        return { ...s, status: 'declassified', proposal: null, ended: { how: 'declassified', date: r.date, recordId: r.id } };
      }
      const startDate = r.procedure === 'determine' || !state.inForce ? (r.terms.periodFrom ?? r.date) : (r.terms.periodFrom ?? state.inForce.startDate);
      return {
        ...s,
        status: 'live',
        proposal: null,
        inForce: { terms: r.terms, marking: r.marking, startDate, decidedDate: r.date, decidedBy: r.actor, recordId: r.id },
        lastReviewDate: r.date,
      };
    }
    case 'returned':
      if (!prev) throw new Error(`determination ${state.id}: returned without a draft`);
      return { ...s, status: r.procedure === 'determine' ? 'returned' : s.status, proposal: { ...prev, state: 'returned', returnReason: r.reason } };
    case 'notClassified':
      return { ...s, status: 'not_classified', proposal: null, ended: { how: 'not_classified', date: r.date, recordId: r.id } };
    case 'withdrawn':
      if (r.procedure === 'determine') return { ...s, status: 'withdrawn', proposal: null, ended: { how: 'withdrawn', date: r.date, recordId: r.id } };
      return { ...s, proposal: null };
    case 'reviewed':
      return { ...s, lastReviewDate: r.date };
    case 'carriersLinked':
      return { ...s, subject: { ...s.subject, carrierIds: [...new Set([...s.subject.carrierIds, ...r.carrierIds])] } };
    case 'autoDeclassified':
      return { ...s, status: 'declassified', proposal: null, ended: { how: 'period_end', date: r.date, recordId: r.id } };
    default:
      return assertNever(r);
  }
}

/** The state after all records (in seq order); null for no records. */
export function fold(records: readonly DeterminationRecord[]): DeterminationState | null {
  return [...records].sort((a, b) => a.seq - b.seq).reduce<DeterminationState | null>(apply, null);
}
