import { describe, expect, it } from 'vitest';
import type { CarrierState } from '../../../shared/ledger/carrier';
import { dashboardOf, daysBetween, DASHBOARD_KINDS, type DashboardApproval, type DashboardKind } from '../../../shared/ledger/dashboard';
import { PEOPLE, run, slip, states, who } from './fixtures';

const at = (c: CarrierState, id: string, registryNumber: string): CarrierState => ({ ...c, id, registryNumber });

/** One carrier in each state, with its own id; loans and take-outs due on given days. */
function ledger() {
  const s = states();
  const lentDue = (due: string, id: string) =>
    at(run([{ type: 'lent', handover: { from: who(PEOPLE.clerk), to: who(PEOPLE.zhang), confirmation: slip() }, dueOn: due }], s.in_custody), id, `R-${id}`);
  return {
    kept: at(s.in_custody, 'kept', 'R-kept'),
    lentLater: lentDue('2026-03-16', 'lent-later'),
    lentToday: lentDue('2026-03-02', 'lent-today'),
    // Due on 3-02, seen on 3-05: three days overdue.
    lentPast: lentDue('2026-03-02', 'lent-past'),
    out: at(s.taken_out, 'out', 'R-out'),
    repair: at(s.under_repair, 'repair', 'R-repair'),
    pending: at(s.pending, 'pending', 'R-pending'),
    destroyed: at(s.destroyed, 'destroyed', 'R-destroyed'),
    dispatched: at(s.dispatched, 'dispatched', 'R-dispatched'),
  };
}

const approval = (carrierId: string, status: DashboardApproval['status'], requestedAt: string, kind: DashboardApproval['details']['kind'] = 'copy'): DashboardApproval => ({
  carrierId,
  status,
  requestedAt,
  details: { kind },
});

const ids = (kind: DashboardKind, today: string, approvals: DashboardApproval[] = []) => {
  const l = ledger();
  return dashboardOf(Object.values(l), approvals, today)[kind].map((e) => e.carrier.id);
};

describe('看板: which carrier is on which board', () => {
  // Seen on 2026-03-02: nothing is overdue yet; the take-out is due back 3-05.
  const table: [DashboardKind, string, string[]][] = [
    ['onLoan', '2026-03-02', ['lent-later', 'lent-past', 'lent-today']],
    ['overdue', '2026-03-02', []],
    ['overdue', '2026-03-03', ['lent-past', 'lent-today']],
    ['overdue', '2026-03-06', ['lent-past', 'lent-today', 'out']],
    ['takenOut', '2026-03-02', ['out']],
    ['underRepair', '2026-03-02', ['repair']],
    ['awaitingApproval', '2026-03-02', []],
  ];
  for (const [kind, today, expected] of table) {
    it(`${kind} on ${today}: ${expected.join(', ') || 'none'}`, () => {
      expect(ids(kind, today).sort()).toEqual([...expected].sort());
    });
  }

  it('puts a carrier with pending approvals on the approvals board once, with the kinds asked, oldest first; decided ones and closed carriers are left off', () => {
    const approvals = [
      approval('kept', 'pending', '2026-03-01T09:00:00.000Z', 'takeOut'),
      approval('kept', 'pending', '2026-02-27T09:00:00.000Z', 'copy'),
      approval('lent-later', 'approved', '2026-02-27T09:00:00.000Z'),
      approval('repair', 'pending', '2026-02-28T09:00:00.000Z', 'repairOutside'),
      approval('destroyed', 'pending', '2026-02-20T09:00:00.000Z'),
    ];
    const board = dashboardOf(Object.values(ledger()), approvals, '2026-03-02').awaitingApproval;
    expect(board.map((e) => [e.carrier.id, e.since, e.approvalKinds])).toEqual([
      ['kept', '2026-02-27T09:00:00.000Z', ['copy', 'takeOut']],
      ['repair', '2026-02-28T09:00:00.000Z', ['repairOutside']],
    ]);
  });

  it('shows who holds it, since when, until when and how many days overdue', () => {
    const d = dashboardOf(Object.values(ledger()), [], '2026-03-05');
    const lent = d.overdue.find((e) => e.carrier.id === 'lent-past');
    expect(lent).toMatchObject({ holder: who(PEOPLE.zhang), dueOn: '2026-03-02', daysOverdue: 3 });
    expect(d.takenOut[0]).toMatchObject({ holder: who(PEOPLE.zhang), dueOn: '2026-03-05', daysOverdue: 0 });
    expect(d.underRepair[0]).toMatchObject({ holder: who(PEOPLE.tech), dueOn: null, since: '2026-03-02T08:00:00.000Z' });
  });

  it('lists the longest overdue first', () => {
    const l = ledger();
    const early = { ...l.lentLater, id: 'early', registryNumber: 'R-early', loan: { ...l.lentLater.loan!, dueOn: '2026-02-20' } };
    const d = dashboardOf([l.lentPast, early, l.out], [], '2026-03-10');
    expect(d.overdue.map((e) => e.carrier.id)).toEqual(['early', 'lent-past', 'out']);
  });

  it('keeps closed carriers and carriers at their place off every board', () => {
    const l = ledger();
    const d = dashboardOf([l.kept, l.destroyed, l.dispatched, l.pending], [], '2026-03-30');
    for (const k of DASHBOARD_KINDS) expect(d[k]).toEqual([]);
  });

  it('counts calendar days across a month end', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-03-02')).toBe(0);
  });
});
