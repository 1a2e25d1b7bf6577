import { describe, expect, it } from 'vitest';
import type { CarrierState } from '../../../shared/ledger/carrier';
import type { Actor } from '../../../shared/ledger/context';
import { CARRIER_EVENT_TYPES, type CarrierEvent, type CarrierEventType } from '../../../shared/ledger/events';
import { foldCarrier, transition } from '../../../shared/ledger/transition';
import { ACTORS, ctx, PEOPLE, registered, slip, states, TODAY, who } from './fixtures';

/**
 * Every (state, event) pair of the carrier lifecycle, the illegal ones included. Each event is a
 * well-formed sample made relative to the state (the giver is always the present custodian), so a
 * refusal here is about the state, not about a malformed event.
 */
type StateName = keyof ReturnType<typeof states>;

function sample(type: CarrierEventType, s: CarrierState | null): { event: CarrierEvent; actor: Actor } {
  const from = s?.custodian ?? who(PEOPLE.clerk);
  const clerk = ACTORS.clerk;
  switch (type) {
    case 'registered':
      return { event: registered(undefined, 'c-1'), actor: clerk };
    case 'transferred':
      return { event: { type, handover: { from, to: who(PEOPLE.zhang), confirmation: slip() }, place: '办公室柜', reason: '工作交接' }, actor: clerk };
    case 'lent':
      return { event: { type, handover: { from, to: who(PEOPLE.zhang), confirmation: slip() }, dueOn: '2026-03-16' }, actor: clerk };
    case 'loanReturned':
      return { event: { type, handover: { from, to: who(PEOPLE.clerk), confirmation: { kind: 'receiver' } }, place: '保密柜3号' }, actor: clerk };
    case 'copyMade':
      return { event: { type, approvalId: 'a-copy', mode: 'copy', copyIds: ['c-copy-1'] }, actor: clerk };
    case 'stored':
      return { event: { type, place: '保密柜9号', reason: '调整存放' }, actor: clerk };
    case 'repairSent':
      return { event: { type, mode: 'internal', handover: { from, to: who(PEOPLE.tech), confirmation: slip() }, storageRemoved: false }, actor: clerk };
    case 'repairReturned':
      return { event: { type, handover: { from, to: who(PEOPLE.clerk), confirmation: { kind: 'receiver' } }, place: '保密柜3号' }, actor: clerk };
    case 'takenOut':
      return {
        event: { type, handover: { from, to: who(PEOPLE.zhang), confirmation: slip() }, destination: '省保密局', expectedBackOn: '2026-03-05', abroad: false, approvalId: 'a-out' },
        actor: clerk,
      };
    case 'broughtBack':
      return { event: { type, handover: { from, to: who(PEOPLE.clerk), confirmation: { kind: 'receiver' } }, place: '保密柜3号' }, actor: clerk };
    case 'dispatched':
      return { event: { type, handover: { from, to: { kind: 'external', name: '市保密局' }, confirmation: slip('HZ-2') } }, actor: clerk };
    case 'returnedToIssuer':
      return { event: { type, handover: { from, to: { kind: 'external', name: '上级机关' }, confirmation: slip('QT-2') } }, actor: clerk };
    case 'destroyed':
      return { event: { type, certificateNumber: 'XH-2026-02', destructionBody: '市保密局销毁中心', destroyedOn: TODAY }, actor: clerk };
    case 'corrected':
      return { event: { type, changes: [{ field: 'note', from: s?.note ?? '', to: '补记：标签已更换' }], reason: '登记时漏记' }, actor: clerk };
    case 'handoverConfirmed':
      // The receiver of the waiting hand-over (张三) confirms in their own session.
      return { event: { type }, actor: ACTORS.zhang };
    case 'handoverCancelled':
      return { event: { type, reason: '交接对象有误' }, actor: clerk };
    case 'determinationApplied':
      // A 变更 raising the level to 绝密 (the clerk records it when the period rules act; a determiner when deciding).
      return {
        event: { type, determinationId: 'd-1', recordId: 'r-2', effect: 'changed', auto: false, marking: `绝密★${s?.period.kind === 'years' ? s.period.years : 10}年`, changes: [{ field: 'level', from: s?.level ?? 'secret', to: 'top_secret' }] },
        actor: clerk,
      };
    default:
      throw new Error(type satisfies never);
  }
}

const OK = 'ok';
const open: Record<CarrierEventType, string> = {
  registered: 'CARRIER_ALREADY_REGISTERED',
  transferred: OK,
  lent: OK,
  loanReturned: 'NOT_ON_LOAN',
  copyMade: OK,
  stored: OK,
  repairSent: OK,
  repairReturned: 'NOT_UNDER_REPAIR',
  takenOut: OK,
  broughtBack: 'NOT_TAKEN_OUT',
  dispatched: OK,
  returnedToIssuer: OK,
  destroyed: OK,
  corrected: OK,
  handoverConfirmed: 'NO_PENDING_HANDOVER',
  handoverCancelled: 'NO_PENDING_HANDOVER',
  determinationApplied: OK,
};

/** Away from the office (on loan, out, at repair): only its own way back and corrections pass. */
function away(code: string, back: CarrierEventType): Record<CarrierEventType, string> {
  const row = { ...open };
  for (const t of ['transferred', 'lent', 'copyMade', 'stored', 'repairSent', 'takenOut', 'dispatched', 'returnedToIssuer', 'destroyed'] as const) row[t] = code;
  row[back] = OK;
  return row;
}

function closed(code: string): Record<CarrierEventType, string> {
  const row = {} as Record<CarrierEventType, string>;
  for (const t of CARRIER_EVENT_TYPES) row[t] = code;
  row.registered = 'CARRIER_ALREADY_REGISTERED';
  row.corrected = OK;
  return row;
}

const pendingRow = (() => {
  const row = {} as Record<CarrierEventType, string>;
  for (const t of CARRIER_EVENT_TYPES) row[t] = 'HANDOVER_PENDING';
  row.registered = 'CARRIER_ALREADY_REGISTERED';
  row.corrected = OK;
  row.handoverConfirmed = OK;
  row.handoverCancelled = OK;
  // A decided determination applies while a hand-over waits.
  row.determinationApplied = OK;
  return row;
})();

const noneRow = (() => {
  const row = {} as Record<CarrierEventType, string>;
  for (const t of CARRIER_EVENT_TYPES) row[t] = 'CARRIER_NOT_FOUND';
  row.registered = OK;
  return row;
})();

const EXPECTED: Record<StateName, Record<CarrierEventType, string>> = {
  none: noneRow,
  in_custody: open,
  on_loan: away('CARRIER_ON_LOAN', 'loanReturned'),
  taken_out: away('CARRIER_TAKEN_OUT', 'broughtBack'),
  under_repair: away('CARRIER_UNDER_REPAIR', 'repairReturned'),
  pending: pendingRow,
  dispatched: closed('CARRIER_CLOSED'),
  returned: closed('CARRIER_CLOSED'),
  destroyed: closed('CARRIER_DESTROYED'),
};

describe('carrier lifecycle: every (state, event) pair', () => {
  const all = states();
  for (const [name, s] of Object.entries(all) as [StateName, CarrierState | null][]) {
    for (const type of CARRIER_EVENT_TYPES) {
      const expected = EXPECTED[name][type];
      it(`${name} × ${type} → ${expected}`, () => {
        const { event, actor } = sample(type, s);
        const r = transition(s, event, ctx(actor));
        expect(r.ok ? OK : r.error.code).toBe(expected);
        if (r.ok && s) {
          expect(r.value.version).toBe(s.version + 1);
          expect(r.value.updatedAt).toBe(ctx().at);
        }
      });
    }
  }

  it('covers the ten regulated steps and the bookkeeping events, and nothing else', () => {
    expect(Object.keys(EXPECTED.in_custody).sort()).toEqual([...CARRIER_EVENT_TYPES].sort());
  });

  it('refuses every event to the three administrators and to an approver, before looking further', () => {
    const s = all.in_custody;
    for (const actor of [ACTORS.sysadmin, ACTORS.approver]) {
      for (const type of CARRIER_EVENT_TYPES) {
        if (type === 'handoverConfirmed' && actor === ACTORS.approver) continue; // a receiver may be an approver
        const { event } = sample(type, type === 'registered' ? null : s);
        const r = transition(type === 'registered' ? null : s, event, ctx(actor));
        expect(r.ok ? OK : r.error.code, `${actor.username} ${type}`).toBe('NOT_PERMITTED');
      }
    }
  });

  it('folds stored events into the same state the checked transitions produced', () => {
    const events: CarrierEvent[] = [
      registered(),
      { type: 'lent', handover: { from: who(PEOPLE.clerk), to: who(PEOPLE.zhang), confirmation: slip() }, dueOn: '2026-03-16' },
      { type: 'loanReturned', handover: { from: who(PEOPLE.zhang), to: who(PEOPLE.clerk), confirmation: { kind: 'receiver' } }, place: '保密柜4号' },
      { type: 'stored', place: '保密柜5号', reason: '调整' },
    ];
    let s: CarrierState | null = null;
    for (const e of events) {
      const r = transition(s, e, ctx());
      if (!r.ok) throw new Error(r.error.code);
      s = r.value;
    }
    expect(foldCarrier(events.map((event) => ({ event, at: ctx().at })))).toEqual(s);
  });
});
