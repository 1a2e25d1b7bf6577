import type { ApprovalKind, ApprovalStatus } from './approvals';
import { isClosed, type CarrierState, type Party } from './carrier';

/**
 * 看板: the carriers the office keeps an eye on — on loan (借出), overdue (逾期未还), out of the
 * office (携带外出), under repair (维修中) and awaiting an approval (待审批) — computed from the
 * ledger as loaded, with today's local date passed in.
 */
export const DASHBOARD_KINDS = ['onLoan', 'overdue', 'takenOut', 'underRepair', 'awaitingApproval'] as const;
export type DashboardKind = (typeof DASHBOARD_KINDS)[number];

/** One carrier on a board: who has it, since when, until when. */
export interface DashboardEntry {
  carrier: CarrierState;
  /** Who holds it now (borrower, the person who took it out, the repairer, or its custodian). */
  holder: Party;
  /** ISO time or YYYY-MM-DD: when it went out, or when the oldest pending approval was asked. */
  since: string;
  /** The date it is due back (loan, take-out), or null where there is none. */
  dueOn: string | null;
  /** Days past `dueOn` (0 when not overdue). */
  daysOverdue: number;
  /** For `awaitingApproval`: the kinds asked, oldest first. */
  approvalKinds: ApprovalKind[];
}

export type Dashboard = Record<DashboardKind, DashboardEntry[]>;

/** What the board needs of an approval. */
export interface DashboardApproval {
  carrierId: string;
  status: ApprovalStatus;
  requestedAt: string;
  details: { kind: ApprovalKind };
}

/**
 * Sorts every open carrier onto its boards. A loan or take-out past its date is on `overdue` as
 * well as on its own board; closed carriers (destroyed, dispatched, returned) are on none, nor are
 * their leftover approvals. Each board lists the longest-waiting first: overdue by due date, the
 * others by since.
 */
export function dashboardOf(carriers: readonly CarrierState[], approvals: readonly DashboardApproval[], today: string): Dashboard {
  const board: Dashboard = { onLoan: [], overdue: [], takenOut: [], underRepair: [], awaitingApproval: [] };
  const pending = new Map<string, DashboardApproval[]>();
  for (const a of approvals) {
    if (a.status !== 'pending') continue;
    const list = pending.get(a.carrierId);
    if (list) list.push(a);
    else pending.set(a.carrierId, [a]);
  }
  for (const c of carriers) {
    if (isClosed(c.status)) continue;
    const entry = (since: string, dueOn: string | null): DashboardEntry => ({
      carrier: c,
      holder: c.custodian,
      since,
      dueOn,
      daysOverdue: dueOn !== null && dueOn < today ? daysBetween(dueOn, today) : 0,
      approvalKinds: [],
    });
    if (c.status === 'on_loan' && c.loan) {
      const e = entry(c.loan.since, c.loan.dueOn);
      board.onLoan.push(e);
      if (e.daysOverdue > 0) board.overdue.push(e);
    } else if (c.status === 'taken_out' && c.outing) {
      const e = entry(c.outing.since, c.outing.expectedBackOn);
      board.takenOut.push(e);
      if (e.daysOverdue > 0) board.overdue.push(e);
    } else if (c.status === 'under_repair' && c.repair) {
      board.underRepair.push(entry(c.repair.sentOn ?? c.repair.since, null));
    }
    const asked = pending.get(c.id);
    if (asked) {
      const sorted = [...asked].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
      board.awaitingApproval.push({ ...entry(sorted[0]?.requestedAt ?? '', null), approvalKinds: sorted.map((a) => a.details.kind) });
    }
  }
  const bySince = (a: DashboardEntry, b: DashboardEntry) => a.since.localeCompare(b.since) || a.carrier.registryNumber.localeCompare(b.carrier.registryNumber);
  board.onLoan.sort(bySince);
  board.takenOut.sort(bySince);
  board.underRepair.sort(bySince);
  board.awaitingApproval.sort(bySince);
  board.overdue.sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || bySince(a, b));
  return board;
}

/** Whole days from one YYYY-MM-DD to a later one (calendar days, no time zone involved). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayNumber(to) - dayNumber(from)) / 86_400_000);
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}
