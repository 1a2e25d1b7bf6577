import { describe, expect, it } from 'vitest';
import { carrierEffect, carrierFloor, checkCarrierLevel } from '../../../shared/determination/carrierLevel';
import { deriveTerms } from '../../../shared/determination/derive';
import { apply, type DeterminationState } from '../../../shared/determination/records';
import { autoDeclassifications, reviewQueue } from '../../../shared/determination/review';
import type { Terms } from '../../../shared/determination/terms';
import { transition } from '../../../shared/determination/transition';
import { ctx, DETERMINER, HANDLER, live, run, T0, withPeriod } from './fixtures';

const reason = (text: string): Terms['basis'] => ({ kind: 'reason', text });
const SECRET: Terms = { ...T0, level: 'secret', period: { kind: 'years', years: 20 }, basis: reason('专项') };
const COND: Terms = { ...T0, level: 'secret', period: { kind: 'condition', condition: '项目验收后' }, basis: reason('专项') };
const WORK: Terms = { ...T0, level: 'internal', period: { kind: 'none' }, basis: reason('内部') };

describe('review queue (定期审核)', () => {
  // 秘密★1年 decided 2025-12-01 ends 2026-12-01: 10 days after 2026-11-21
  const expiring = live('A', withPeriod(1), { date: '2025-12-01' }).state;
  const expired = live('B', withPeriod(1), { date: '2025-11-01' }).state;
  const lastYear = live('C', T0, { date: '2025-06-01' }).state;
  const thisYear = live('D', T0, { date: '2026-03-01' }).state;
  const condOld = live('E', COND, { date: '2026-03-01' }).state;
  const condFresh = live('F', COND, { date: '2026-10-01' }).state;
  const proposed = run([[HANDLER, { type: 'draft', determinationId: 'G', subject: { title: 't', processDraft: false, carrierIds: [] }, terms: T0 }]]).state;

  it('lists what ends soon, what ended, conditions to re-check and the yearly review; each once, most urgent first', () => {
    const q = reviewQueue([thisYear, lastYear, condFresh, condOld, expiring, expired, proposed], '2026-11-21');
    expect(q).toEqual([
      { kind: 'expired', determinationId: 'B', periodEnd: '2026-11-01' },
      { kind: 'expiring', determinationId: 'A', periodEnd: '2026-12-01', daysLeft: 10 },
      { kind: 'condition', determinationId: 'E', condition: '项目验收后', lastReviewDate: '2026-03-01' },
      { kind: 'yearly', determinationId: 'C', lastReviewDate: '2025-06-01' },
    ]);
  });

  it('uses the configured window', () => {
    const far = live('H', withPeriod(1), { date: '2026-03-01' }).state; // ends 2027-03-01, 100 days away
    expect(reviewQueue([far], '2026-11-21')).toEqual([]);
    expect(reviewQueue([far], '2026-11-21', { windowDays: 120 })).toMatchObject([{ kind: 'expiring', daysLeft: 100 }]);
  });

  it('takes an item off the yearly list once it is reviewed this year', () => {
    const reviewed = run([[DETERMINER, { type: 'review', note: '继续保密' }]], lastYear).state;
    expect(reviewQueue([reviewed], '2026-11-21')).toEqual([]);
    expect(reviewQueue([reviewed], '2027-01-02')).toMatchObject([{ kind: 'yearly', lastReviewDate: '2026-11-21' }]);
  });

  it('puts work secrets without a period on the yearly review too', () => {
    expect(reviewQueue([live('W', WORK, { date: '2025-02-01' }).state], '2026-11-21')).toMatchObject([{ kind: 'yearly' }]);
  });
});

describe('automatic declassification when a period ends with no decision', () => {
  let n = 0;
  const nextId = () => `auto-${++n}`;
  const now = { at: '2026-11-21T01:00:00.000Z', date: '2026-11-21' };

  it('records a declassification for each ended period, and nothing for the rest', () => {
    const ended = live('B', withPeriod(1), { date: '2025-11-21' }).state; // ends today
    const running = live('C', withPeriod(1), { date: '2025-11-22' }).state;
    const recs = autoDeclassifications([ended, running, live('E', COND).state], now, nextId);
    expect(recs).toEqual([
      { id: 'auto-1', determinationId: 'B', seq: 3, at: now.at, date: now.date, actor: 'system', actorName: '', type: 'autoDeclassified', periodEnd: '2026-11-21', closedProposal: null },
    ]);
    const after = apply(ended, recs[0]!);
    expect(after).toMatchObject({ status: 'declassified', ended: { how: 'period_end', date: '2026-11-21' } });
    expect(autoDeclassifications([after], now, nextId)).toEqual([]);
  });

  it('closes an extension that was not decided in time', () => {
    const base = live('B', withPeriod(1), { date: '2025-11-21' }).state;
    const pending = run([[HANDLER, { type: 'draftChange', terms: withPeriod(3), reason: '需延长' }]], base).state;
    const [rec] = autoDeclassifications([pending], now, nextId);
    expect(rec).toMatchObject({ type: 'autoDeclassified', closedProposal: 'change' });
    expect(apply(pending, rec!).proposal).toBeNull();
  });

  it('declassifies a work secret with a date (解除) the same way', () => {
    const ws = live('W', { ...WORK, period: { kind: 'until', date: '2026-11-20' } }, { date: '2026-01-01' }).state;
    expect(autoDeclassifications([ws], now, nextId)).toHaveLength(1);
  });
});

describe('派生定密 (derived determination)', () => {
  const lookupOf = (states: DeterminationState[]) => (id: string) => states.find((s) => s.id === id);

  it('starts from the highest level, the latest end and the narrowest scope of its sources', () => {
    const a = live('A', { ...withPeriod(10), scope: { personIds: ['p1', 'p2'], posts: [], departments: [], units: [] } }, { date: '2024-01-01' }).state;
    const b = live('B', { ...SECRET, scope: { personIds: ['p2', 'p3'], posts: [], departments: [], units: [] } }, { date: '2020-03-01' }).state;
    const r = deriveTerms(['A', 'B'], lookupOf([a, b]));
    expect(r).toEqual({
      ok: true,
      value: {
        terms: {
          level: 'secret',
          period: { kind: 'years', years: 20 },
          periodFrom: '2020-03-01',
          scope: { personIds: ['p2'], posts: [], departments: [], units: [] },
          basis: { kind: 'derived', sourceIds: ['A', 'B'] },
        },
        notes: [],
      },
    });
  });

  it('writes the period as the last end date when sources end at different dates in different ways', () => {
    const a = live('A', withPeriod(10), { date: '2026-01-01' }).state; // ends 2036-01-01
    const b = live('B', { ...T0, period: { kind: 'until', date: '2036-01-01' } }, { date: '2026-01-01' }).state;
    const c = live('C', withPeriod(5), { date: '2026-03-01' }).state; // ends 2031-03-01
    const r = deriveTerms(['A', 'B', 'C'], lookupOf([a, b, c]));
    expect(r.ok && r.value.terms).toMatchObject({ period: { kind: 'until', date: '2036-01-01' } });
    expect(r.ok && r.value.terms.periodFrom).toBeUndefined();
  });

  it('lets a declassification condition outlast any date', () => {
    const r = deriveTerms(['A', 'E'], lookupOf([live('A').state, live('E', COND).state]));
    expect(r.ok && r.value.terms.period).toEqual({ kind: 'condition', condition: '项目验收后' });
  });

  it('says when the sources’ scopes have nobody in common, and leaves the scope for the handler to name', () => {
    const a = live('A', { ...T0, scope: { personIds: ['p1'], posts: [], departments: [], units: [] } }).state;
    const b = live('B', { ...T0, scope: { personIds: [], posts: ['处长'], departments: [], units: [] } }).state;
    const r = deriveTerms(['A', 'B'], lookupOf([a, b]));
    expect(r.ok && r.value.notes).toEqual(['SCOPE_INTERSECTION_EMPTY']);
  });

  it('ignores declassified sources, and refuses when none is live', () => {
    const gone = run([[HANDLER, { type: 'draftDeclassify', reason: '已公开' }], [DETERMINER, { type: 'approve', opinion: '同意' }]], live('X').state).state;
    expect(deriveTerms(['X', 'A'], lookupOf([gone, live('A').state]))).toMatchObject({ ok: true, value: { notes: ['SOURCES_DECLASSIFIED_IGNORED'], terms: { basis: { sourceIds: ['A'] } } } });
    expect(deriveTerms(['X'], lookupOf([gone]))).toEqual({ ok: false, error: { code: 'DERIVED_NO_LIVE_SOURCE' } });
    expect(deriveTerms(['nope'], lookupOf([]))).toEqual({ ok: false, error: { code: 'DERIVED_SOURCE_NOT_FOUND', params: { id: 'nope' } } });
  });

  it('a derived draft may not go below its sources’ level', () => {
    const b = live('B', SECRET).state;
    const terms: Terms = { ...T0, basis: { kind: 'derived', sourceIds: ['B'] } };
    const r = transition(null, { type: 'draft', determinationId: 'N', subject: { title: '摘录', processDraft: false, carrierIds: [] }, terms }, ctx(HANDLER, { determination: lookupOf([b]) }));
    expect(r).toEqual({ ok: false, error: { code: 'DERIVED_BELOW_SOURCE', params: { level: 'secret' } } });
    const derived = deriveTerms(['B'], lookupOf([b]));
    if (!derived.ok) throw new Error('derive');
    const ok = transition(null, { type: 'draft', determinationId: 'N', subject: { title: '摘录', processDraft: false, carrierIds: [] }, terms: derived.value.terms }, ctx(HANDLER, { determination: lookupOf([b]) }));
    expect(ok.ok && ok.value.type === 'drafted' && ok.value.procedure === 'determine' && ok.value.marking).toBe('机密★20年');
  });
});

describe('a carrier’s level never drops below a live determination', () => {
  const det = live('D1', SECRET).state; // covers car-1

  it('refuses a lower level for a covered carrier, and allows the same or higher', () => {
    expect(checkCarrierLevel('car-1', 'confidential', [det])).toEqual({
      ok: false,
      error: { code: 'LEVEL_BELOW_DETERMINATION', params: { level: 'secret', levelName: '机密', determinationId: 'D1' } },
    });
    expect(checkCarrierLevel('car-1', 'secret', [det]).ok).toBe(true);
    expect(checkCarrierLevel('car-1', 'top_secret', [det]).ok).toBe(true);
    expect(checkCarrierLevel('car-2', 'unclassified', [det]).ok).toBe(true);
  });

  it('uses the highest of several live determinations and ignores ended ones', () => {
    const low = live('D2').state;
    const gone = run([[HANDLER, { type: 'draftDeclassify', reason: '已公开' }], [DETERMINER, { type: 'approve', opinion: '同意' }]], live('D3', { ...SECRET, level: 'top_secret', period: { kind: 'years', years: 30 } }).state).state;
    expect(carrierFloor('car-1', [low, det, gone])).toMatchObject({ level: 'secret', determinationId: 'D1', marking: '机密★20年' });
  });

  it('tells the ledger what a decision does to the carriers it covers', () => {
    const change = run([[HANDLER, { type: 'draftChange', terms: { ...SECRET, period: { kind: 'years', years: 5 } }, reason: '缩短' }]], det).state;
    const approve = transition(change, { type: 'approve', opinion: '同意' }, ctx(DETERMINER));
    if (!approve.ok) throw new Error('approve');
    expect(carrierEffect(change, approve.value)).toMatchObject({ kind: 'changed', carrierIds: ['car-1'], level: 'secret', marking: '机密★5年' });
    const draft = transition(det, { type: 'draftDeclassify', reason: 'x' }, ctx(HANDLER));
    expect(draft.ok && carrierEffect(det, draft.value)).toBeNull();
  });
});
