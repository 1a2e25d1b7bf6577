import { assertNever } from '../result';
import type { DeterminationRecord, DeterminationState } from './records';
import { addDays, daysBetween, yearOf } from './dates';
import { periodEnd } from './terms';

/**
 * The review queue (定期审核): what the secrecy office must look at before it is too late, computed
 * from the determinations and today's local date.
 */
export interface ReviewOptions {
  /** Periods ending within this many days show up (default 90). */
  windowDays: number;
  /** A declassification condition is re-checked when its last review is this many days old (default 90). */
  conditionCheckDays: number;
}

export const DEFAULT_REVIEW_OPTIONS: ReviewOptions = { windowDays: 90, conditionCheckDays: 90 };

export type ReviewItem =
  /** The period ended and no decision was recorded: it will be declassified automatically. */
  | { kind: 'expired'; determinationId: string; periodEnd: string }
  /** The period ends within the window: decide now whether to extend (变更) or let it end (解密). */
  | { kind: 'expiring'; determinationId: string; periodEnd: string; daysLeft: number }
  /** 解密条件: has the condition been met? */
  | { kind: 'condition'; determinationId: string; condition: string; lastReviewDate: string | null }
  /** Every live determination is reviewed once each calendar year (年度定密审核). */
  | { kind: 'yearly'; determinationId: string; lastReviewDate: string | null };

export type ReviewKind = ReviewItem['kind'];
const ORDER: Record<ReviewKind, number> = { expired: 0, expiring: 1, condition: 2, yearly: 3 };

/** Each live determination appears at most once, under its most urgent reason. */
export function reviewQueue(states: readonly DeterminationState[], today: string, options: Partial<ReviewOptions> = {}): ReviewItem[] {
  const o = { ...DEFAULT_REVIEW_OPTIONS, ...options };
  const items: ReviewItem[] = [];
  for (const s of states) {
    const item = reviewItemFor(s, today, o);
    if (item) items.push(item);
  }
  return items.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || sortDate(a).localeCompare(sortDate(b)) || a.determinationId.localeCompare(b.determinationId));
}

function sortDate(i: ReviewItem): string {
  switch (i.kind) {
    case 'expired':
    case 'expiring':
      return i.periodEnd;
    case 'condition':
    case 'yearly':
      return i.lastReviewDate ?? '';
    default:
      return assertNever(i);
  }
}

export function reviewItemFor(s: DeterminationState, today: string, o: ReviewOptions = DEFAULT_REVIEW_OPTIONS): ReviewItem | null {
  if (s.status !== 'live' || !s.inForce) return null;
  const { terms, startDate } = s.inForce;
  const end = periodEnd(terms.period, startDate);
  if (end !== null && end <= today) return { kind: 'expired', determinationId: s.id, periodEnd: end };
  if (end !== null && end <= addDays(today, o.windowDays)) return { kind: 'expiring', determinationId: s.id, periodEnd: end, daysLeft: daysBetween(today, end) };
  const last = s.lastReviewDate;
  if (terms.period.kind === 'condition' && (last === null || daysBetween(last, today) >= o.conditionCheckDays)) {
    return { kind: 'condition', determinationId: s.id, condition: terms.period.condition, lastReviewDate: last };
  }
  if (last === null || yearOf(last) < yearOf(today)) return { kind: 'yearly', determinationId: s.id, lastReviewDate: last };
  return null;
}

/**
 * 保密期限届满自动解密: for every live determination whose period has ended by `today` with no
 * decision, the record to append (actor 'system'). A draft still waiting (an extension not decided
 * in time) is closed by the same record. Returns nothing for anything else, so running it twice
 * appends nothing the second time.
 */
export function autoDeclassifications(
  states: readonly DeterminationState[],
  now: { at: string; date: string },
  nextId: () => string,
): DeterminationRecord[] {
  const out: DeterminationRecord[] = [];
  for (const s of states) {
    if (s.status !== 'live' || !s.inForce) continue;
    const end = periodEnd(s.inForce.terms.period, s.inForce.startDate);
    if (end === null || end > now.date) continue;
    out.push({
      id: nextId(),
      determinationId: s.id,
      seq: s.seq + 1,
      at: now.at,
      date: now.date,
      actor: 'system',
      actorName: '',
      type: 'autoDeclassified',
      periodEnd: end,
      closedProposal: s.proposal?.procedure ?? null,
    });
  }
  return out;
}
