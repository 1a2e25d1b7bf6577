import { describe, expect, it } from 'vitest';
import { applicationEvent, carrierTermsAfter } from '../../../shared/determination/carrierLevel';
import type { DeterminationApplied } from '../../../shared/ledger/events';
import type { DeterminationState } from '../../../shared/determination/records';
import { foldCarrier, transition } from '../../../shared/ledger/transition';
import { ACTORS, ctx, registered, run, states } from './fixtures';

/** 定密决定适用: the ledger's own rules for the event a decided determination writes on a carrier. */
const raise = (extra: Partial<DeterminationApplied> = {}): DeterminationApplied => ({
  type: 'determinationApplied',
  determinationId: 'd-1',
  recordId: 'r-2',
  effect: 'changed',
  auto: false,
  marking: '绝密★10年',
  changes: [{ field: 'level', from: 'secret', to: 'top_secret' }],
  ...extra,
});

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('determinationApplied', () => {
  const s = states();

  it('sets level, period and scope and nothing else, wherever the carrier is', () => {
    const lent = s.on_loan;
    const r = transition(lent, raise(), ctx());
    expect(r.ok && r.value).toMatchObject({ level: 'top_secret', status: 'on_loan', custodian: lent.custodian, place: lent.place, loan: lent.loan, version: lent.version + 1 });
  });

  it('records a decision that changes nothing (the carrier already had those terms)', () => {
    const r = transition(s.in_custody, raise({ effect: 'classified', marking: '机密★10年', changes: [] }), ctx());
    expect(r.ok && r.value).toMatchObject({ level: 'secret', version: s.in_custody.version + 1 });
  });

  it('refuses a level below the live determination covering the carrier', () => {
    const lower = raise({ marking: '秘密★10年', changes: [{ field: 'level', from: 'secret', to: 'confidential' }] });
    const c = { ...ctx(), determinationFloor: () => ({ determinationId: 'd-9', level: 'secret' as const }) };
    expect(transition(s.in_custody, lower, c)).toEqual({ ok: false, error: { code: 'LEVEL_BELOW_DETERMINATION', params: { level: 'secret', levelName: '机密', determinationId: 'd-9' } } });
    expect(code(transition(s.in_custody, lower, ctx()))).toBe('ok');
  });

  it('refuses a change from a value the carrier no longer has, a non-change, a field it does not set, and a wrong marking', () => {
    expect(transition(s.in_custody, raise({ changes: [{ field: 'level', from: 'confidential', to: 'top_secret' }] }), ctx())).toEqual({ ok: false, error: { code: 'CORRECTION_STALE', params: { field: 'level' } } });
    expect(code(transition(s.in_custody, raise({ marking: '机密★10年', changes: [{ field: 'level', from: 'secret', to: 'secret' }] }), ctx()))).toBe('CORRECTION_NO_CHANGE');
    const title = { field: 'title', from: s.in_custody.title, to: '新标题' } as unknown as DeterminationApplied['changes'][number];
    expect(code(transition(s.in_custody, raise({ changes: [title] }), ctx()))).toBe('CORRECTION_INVALID');
    expect(code(transition(s.in_custody, raise({ marking: '机密★10年' }), ctx()))).toBe('MARKING_MISMATCH');
    expect(code(transition(s.in_custody, raise({ determinationId: '' }), ctx()))).toBe('DETERMINATION_REF_REQUIRED');
  });

  it('does not change a destroyed carrier, nor one dispatched or returned', () => {
    expect(code(transition(s.destroyed, raise(), ctx()))).toBe('CARRIER_DESTROYED');
    expect(code(transition(s.dispatched, raise(), ctx()))).toBe('CARRIER_CLOSED');
    expect(code(transition(s.returned, raise(), ctx()))).toBe('CARRIER_CLOSED');
  });

  it('is recorded by handlers, determiners and clerks only', () => {
    expect(code(transition(s.in_custody, raise(), ctx({ ...ACTORS.zhang, roles: ['determiner'] })))).toBe('ok');
    expect(code(transition(s.in_custody, raise(), ctx(ACTORS.approver)))).toBe('NOT_PERMITTED');
    expect(code(transition(s.in_custody, raise(), ctx(ACTORS.sysadmin)))).toBe('NOT_PERMITTED');
  });

  it('replays into the same state', () => {
    const start = run([registered()]);
    const r = transition(start, raise(), ctx());
    if (!r.ok) throw new Error(r.error.code);
    expect(foldCarrier([{ event: registered(), at: ctx().at }, { event: raise(), at: ctx().at }])).toEqual(r.value);
  });
});

describe('what a decision makes of a carrier (shared/determination)', () => {
  const live = (id: string, level: 'secret' | 'confidential', carrierIds: string[]): DeterminationState =>
    ({
      id,
      status: 'live',
      subject: { title: '', processDraft: false, carrierIds },
      inForce: { terms: { level, period: { kind: 'years', years: level === 'secret' ? 20 : 10 }, scope: { personIds: [], posts: ['主任'], departments: [], units: [] }, basis: { kind: 'reason', text: '理由' } }, marking: '', startDate: '2026-01-01', decidedDate: '2026-01-01', decidedBy: 'x', recordId: 'r' },
    }) as unknown as DeterminationState;

  it('takes the highest live determination over the carrier and its originals; none left is 非密', () => {
    expect(carrierTermsAfter(['copy', 'orig'], [live('a', 'confidential', ['copy']), live('b', 'secret', ['orig'])])).toMatchObject({ level: 'secret', period: { years: 20 } });
    expect(carrierTermsAfter(['c'], [live('a', 'secret', ['other'])])).toEqual({ level: 'unclassified', period: { kind: 'none' }, scope: { personIds: [], posts: [], departments: [], units: [] } });
  });

  it('lists only the fields that differ, with the marking afterwards', () => {
    const current = { level: 'secret' as const, period: { kind: 'years' as const, years: 20 }, scope: { personIds: [], posts: ['主任'], departments: [], units: [] } };
    const effect = { kind: 'changed' as const, determinationId: 'd', recordId: 'r', carrierIds: ['c'], level: 'secret' as const, marking: '' };
    expect(applicationEvent(current, effect, { ...current, period: { kind: 'years', years: 5 } }, false)).toEqual({
      type: 'determinationApplied',
      determinationId: 'd',
      recordId: 'r',
      effect: 'changed',
      auto: false,
      marking: '机密★5年',
      changes: [{ field: 'period', from: { kind: 'years', years: 20 }, to: { kind: 'years', years: 5 } }],
    });
  });
});
