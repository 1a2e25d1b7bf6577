import { describe, expect, it } from 'vitest';
import { apply, fold } from '../../../shared/determination/records';
import { periodEnd, type Terms } from '../../../shared/determination/terms';
import { transition, type Command } from '../../../shared/determination/transition';
import { BOTH, CLERK, ctx, DETERMINER, draftCmd, E2, HANDLER, HANDLER2, live, run, SUBJECT, SYSADMIN, T0, withPeriod } from './fixtures';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);
const reason = (text: string): Terms['basis'] => ({ kind: 'reason', text });

describe('who may do what', () => {
  const proposed = () => run([[HANDLER, draftCmd()]]).state;

  it.each([
    ['a determiner without the handler role', DETERMINER],
    ['a clerk', CLERK],
    ['an administrator', SYSADMIN],
  ])('refuses a draft by %s', (_, actor) => {
    expect(transition(null, draftCmd(), ctx(actor))).toEqual({ ok: false, error: { code: 'NOT_PERMITTED', params: { action: 'determination.draft' } } });
  });

  it.each<[string, Command]>([
    ['approve', { type: 'approve', opinion: '' }],
    ['correct', { type: 'correct', terms: withPeriod(5), opinion: 'x' }],
    ['return', { type: 'return', reason: 'x' }],
    ['notClassified', { type: 'notClassified', opinion: 'x' }],
    ['review', { type: 'review', note: 'x' }],
  ])('only determiners %s', (_, cmd) => {
    for (const actor of [HANDLER2, CLERK, SYSADMIN]) {
      expect(transition(proposed(), cmd, ctx(actor))).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED', params: { action: 'determination.decide' } } });
    }
  });

  it('refuses a determiner deciding their own draft, even holding both roles', () => {
    const state = run([[BOTH, draftCmd()]]).state;
    for (const cmd of [
      { type: 'approve', opinion: '同意' },
      { type: 'correct', terms: withPeriod(5), opinion: '改' },
      { type: 'return', reason: '退回' },
      { type: 'notClassified', opinion: '不定密' },
    ] satisfies Command[]) {
      expect(code(transition(state, cmd, ctx(BOTH)))).toBe('OWN_DRAFT');
    }
    expect(code(transition(state, { type: 'approve', opinion: '同意' }, ctx(DETERMINER)))).toBe('ok');
  });

  it('refuses a determiner deciding a draft they resubmitted after it was returned', () => {
    const state = run([
      [HANDLER, draftCmd()],
      [DETERMINER, { type: 'return', reason: '请缩小知悉范围' }],
      [BOTH, { type: 'resubmit' }],
    ]).state;
    expect(code(transition(state, { type: 'approve', opinion: '' }, ctx(BOTH)))).toBe('OWN_DRAFT');
  });

  it('refuses deciding one’s own change or declassification draft', () => {
    const base = live().state;
    const change = run([[BOTH, { type: 'draftChange', terms: withPeriod(5), reason: '缩短' }]], base).state;
    expect(code(transition(change, { type: 'approve', opinion: '' }, ctx(BOTH)))).toBe('OWN_DRAFT');
    const decl = run([[BOTH, { type: 'draftDeclassify', reason: '已公开' }]], base).state;
    expect(code(transition(decl, { type: 'approve', opinion: '' }, ctx(BOTH)))).toBe('OWN_DRAFT');
  });

  it('lets only one of the drafters withdraw a draft', () => {
    expect(code(transition(proposed(), { type: 'withdraw', reason: '不用了' }, ctx(HANDLER2)))).toBe('NOT_DRAFTER');
  });
});

describe('what a draft must hold', () => {
  it.each<[string, Terms, string]>([
    ['秘密 over 10 years without 其他规定', withPeriod(11), 'PERIOD_EXCEEDS_MAX'],
    ['机密 over 20 years without 其他规定', { ...T0, level: 'secret', period: { kind: 'years', years: 21 }, basis: reason('涉及重大专项') }, 'PERIOD_EXCEEDS_MAX'],
    ['绝密 over 30 years without 其他规定', { ...T0, level: 'top_secret', period: { kind: 'months', months: 361 }, basis: reason('核心技术') }, 'PERIOD_EXCEEDS_MAX'],
    ['a date past the maximum without 其他规定', { ...T0, period: { kind: 'until', date: '2036-11-22' } }, 'PERIOD_EXCEEDS_MAX'],
    ['a date before today', { ...T0, period: { kind: 'until', date: '2026-11-20' } }, 'PERIOD_ENDS_BEFORE_START'],
    ['no period for a state secret', { ...T0, period: { kind: 'none' } }, 'PERIOD_REQUIRED'],
    ['years for a work secret', { ...T0, level: 'internal', basis: reason('内部工作方案') }, 'PERIOD_NOT_FOR_LEVEL'],
    ['an empty scope', { ...T0, scope: { personIds: [], posts: [], departments: [], units: [] } }, 'SCOPE_REQUIRED'],
    ['a scope that is only a note', { ...T0, scope: { personIds: [], posts: [], departments: [], units: [], note: '相关人员' } }, 'SCOPE_REQUIRED'],
    ['an empty scope for a work secret', { ...T0, level: 'internal', period: { kind: 'none' }, basis: reason('内部工作方案'), scope: { personIds: [], posts: [' '], departments: [], units: [] } }, 'SCOPE_REQUIRED'],
    ['no written reason', { ...T0, basis: reason('  ') }, 'BASIS_REQUIRED'],
    ['an unknown catalogue entry', { ...T0, basis: { kind: 'catalogue', entryId: 'nope', version: 1, code: '', title: '' } }, 'BASIS_UNKNOWN_ENTRY'],
    ['an old version of an entry', { ...T0, level: 'secret', basis: { kind: 'catalogue', entryId: 'E2', version: 1, code: '1.3', title: '' } }, 'BASIS_NOT_CURRENT'],
    ['a withdrawn entry', { ...T0, basis: { kind: 'catalogue', entryId: 'E3', version: 2, code: '9.9', title: '' } }, 'BASIS_ENTRY_WITHDRAWN'],
    ['a level other than the cited entry’s', { ...T0, level: 'secret' }, 'BASIS_LEVEL_MISMATCH'],
  ])('refuses %s', (_, terms, expected) => {
    expect(code(transition(null, draftCmd('D1', terms), ctx(HANDLER)))).toBe(expected);
  });

  it('accepts a period over the maximum with an explicit 其他规定 basis, and keeps it on the record', () => {
    const r = transition(null, draftCmd('D1', { ...withPeriod(15), longerPeriodBasis: '《某某行业保密事项范围》第五条' }), ctx(HANDLER));
    expect(r.ok && r.value.type === 'drafted' && r.value.procedure === 'determine' && r.value.terms.longerPeriodBasis).toBe('《某某行业保密事项范围》第五条');
  });

  it('drops a 其他规定 basis the period does not need', () => {
    const r = transition(null, draftCmd('D1', { ...withPeriod(5), longerPeriodBasis: '多余' }), ctx(HANDLER));
    expect(r.ok && r.value.type === 'drafted' && r.value.procedure === 'determine' && r.value.terms.longerPeriodBasis).toBeUndefined();
  });

  it.each<[string, Terms, string]>([
    ['秘密★10年', T0, '秘密★10年'],
    ['秘密 until a date', { ...T0, period: { kind: 'until', date: '2027-12-31' } }, '秘密★2027年12月31日'],
    ['机密 with a condition', { ...T0, level: 'secret', period: { kind: 'condition', condition: '项目验收后' }, basis: reason('重大项目') }, '机密★项目验收后'],
    ['a work secret', { ...T0, level: 'internal', period: { kind: 'none' }, basis: reason('内部工作方案') }, '内部'],
  ])('shows the marking a draft produces: %s', (_, terms, marking) => {
    const r = transition(null, draftCmd('D1', terms), ctx(HANDLER));
    expect(r.ok && r.value.type === 'drafted' && r.value.procedure === 'determine' && r.value.marking).toBe(marking);
  });

  it('copies the cited entry’s code and title into the record, with its exact version', () => {
    const r = transition(null, draftCmd('D1', { ...T0, level: 'secret', basis: { kind: 'catalogue', entryId: 'E2', version: 2, code: '', title: '' } }), ctx(HANDLER));
    expect(r.ok && r.value.type === 'drafted' && r.value.procedure === 'determine' && r.value.terms.basis).toEqual({
      kind: 'catalogue',
      entryId: 'E2',
      version: 2,
      code: '1.3',
      title: '重大专项行动方案',
    });
  });

  it('refuses a draft without a title', () => {
    expect(code(transition(null, { type: 'draft', determinationId: 'D1', subject: { ...SUBJECT, title: ' ' }, terms: T0 }, ctx(HANDLER)))).toBe('SUBJECT_TITLE_REQUIRED');
  });

  it('may start on a 过程稿 with no carrier yet, and link carriers later', () => {
    const { state } = run([
      [HANDLER, { type: 'draft', determinationId: 'D1', subject: { title: '方案（初稿）', processDraft: true, carrierIds: [] }, terms: T0 }],
      [DETERMINER, { type: 'approve', opinion: '同意' }],
      [HANDLER, { type: 'linkCarriers', carrierIds: ['car-7', 'car-8', 'car-7'] }],
    ]);
    expect(state.subject.carrierIds).toEqual(['car-7', 'car-8']);
    expect(code(transition(state, { type: 'linkCarriers', carrierIds: ['car-8'] }, ctx(HANDLER)))).toBe('CARRIERS_REQUIRED');
  });
});

describe('the end of a period', () => {
  it.each<[string, Terms['period'], string | null]>([
    ['years from the start', { kind: 'years', years: 10 }, '2036-11-21'],
    ['months, clamped to the month’s end', { kind: 'months', months: 3 }, '2027-02-21'],
    ['a date', { kind: 'until', date: '2027-12-31' }, '2027-12-31'],
    ['a condition (none)', { kind: 'condition', condition: '项目验收后' }, null],
    ['a period still being typed (none, no error)', { kind: 'years', years: Number.NaN }, null],
    ['a half-typed date (none)', { kind: 'until', date: '2027-1' }, null],
  ])('%s', (_, period, end) => {
    expect(periodEnd(period, '2026-11-21')).toBe(end);
  });
});

describe('decisions', () => {
  const proposed = () => run([[HANDLER, draftCmd()]]).state;

  it('a correction is a new record that shows what changed; the draft record stays as it was', () => {
    const { records, state } = run([
      [HANDLER, draftCmd()],
      [DETERMINER, { type: 'correct', terms: { ...withPeriod(5), scope: { ...T0.scope, posts: ['办公室主任', '分管领导'] } }, opinion: '期限缩短，增加分管领导' }],
    ]);
    const [draft, correction] = records;
    expect(draft).toMatchObject({ type: 'drafted', marking: '秘密★10年' });
    expect(correction).toMatchObject({
      type: 'corrected',
      marking: '秘密★5年',
      changes: [
        { field: 'period', direction: 'shorten', from: { kind: 'years', years: 10 }, to: { kind: 'years', years: 5 } },
        { field: 'scope', direction: 'widen' },
      ],
    });
    expect(state.inForce?.marking).toBe('秘密★5年');
    expect(fold(records)).toEqual(state);
  });

  it('refuses a correction that changes nothing, and one without an opinion', () => {
    expect(code(transition(proposed(), { type: 'correct', terms: T0, opinion: '无' }, ctx(DETERMINER)))).toBe('CORRECT_NO_DIFFERENCE');
    expect(code(transition(proposed(), { type: 'correct', terms: withPeriod(5), opinion: ' ' }, ctx(DETERMINER)))).toBe('OPINION_REQUIRED');
  });

  it('a correction is checked like a draft (the legal maximum, the scope)', () => {
    expect(code(transition(proposed(), { type: 'correct', terms: withPeriod(12), opinion: '延长' }, ctx(DETERMINER)))).toBe('PERIOD_EXCEEDS_MAX');
  });

  it('a return needs a reason, and 不予定密 needs a written opinion', () => {
    expect(code(transition(proposed(), { type: 'return', reason: '' }, ctx(DETERMINER)))).toBe('REASON_REQUIRED');
    expect(code(transition(proposed(), { type: 'notClassified', opinion: '' }, ctx(DETERMINER)))).toBe('OPINION_REQUIRED');
    const r = transition(proposed(), { type: 'notClassified', opinion: '内容均已公开，不属于国家秘密' }, ctx(DETERMINER));
    expect(r).toMatchObject({ ok: true, value: { type: 'notClassified', opinion: '内容均已公开，不属于国家秘密' } });
  });

  it('a handler’s 非密 proposal is decided as 不予定密, with an opinion, not approved', () => {
    const state = run([[HANDLER, draftCmd('D1', { ...T0, level: 'unclassified', period: { kind: 'none' }, scope: { personIds: [], posts: [], departments: [], units: [] }, basis: reason('不涉及国家秘密') })]]).state;
    expect(state.proposal?.procedure === 'determine' && state.proposal.marking).toBe('');
    expect(code(transition(state, { type: 'approve', opinion: '' }, ctx(DETERMINER)))).toBe('USE_NOT_CLASSIFIED');
    expect(code(transition(state, { type: 'notClassified', opinion: '同意不定密' }, ctx(DETERMINER)))).toBe('ok');
  });

  it('a second decision on the same draft is refused', () => {
    const decided = run([[DETERMINER, { type: 'approve', opinion: '同意' }]], proposed()).state;
    expect(code(transition(decided, { type: 'correct', terms: withPeriod(5), opinion: '再改' }, ctx(DETERMINER)))).toBe('NO_PENDING_PROPOSAL');
  });

  it('refuses a record that does not follow the last one (history cannot be rewritten)', () => {
    const { records } = run([
      [HANDLER, draftCmd()],
      [DETERMINER, { type: 'approve', opinion: '同意' }],
    ]);
    const [draft, approval] = records;
    if (!draft || !approval) throw new Error('records');
    expect(() => apply(apply(apply(null, draft), approval), approval)).toThrow(/out of order/);
  });
});

describe('变更 and 解密', () => {
  const WIDE: Terms = { ...withPeriod(5), scope: { ...T0.scope, posts: ['办公室主任', '分管领导'] } };
  const base = () => live('D1', WIDE).state;

  it.each<[string, Terms, string, string]>([
    ['raise the level', { ...WIDE, level: 'secret', basis: reason('内容升级') }, 'level', 'raise'],
    ['lower it to a work secret', { ...WIDE, level: 'internal', period: { kind: 'none' }, basis: reason('仅内部掌握') }, 'level', 'lower'],
    ['extend the period', withPeriod(8, WIDE), 'period', 'extend'],
    ['shorten the period', withPeriod(3, WIDE), 'period', 'shorten'],
    ['narrow the scope', { ...WIDE, scope: { ...WIDE.scope, posts: ['办公室主任'] } }, 'scope', 'narrow'],
    ['widen the scope', { ...WIDE, scope: { ...WIDE.scope, posts: ['办公室主任', '分管领导', '副主任'] } }, 'scope', 'widen'],
  ])('a change may %s, and its record says which way', (_, terms, field, direction) => {
    const r = transition(base(), { type: 'draftChange', terms, reason: '形势变化' }, ctx(HANDLER));
    expect(r.ok && r.value.type === 'drafted' && r.value.procedure === 'change' && r.value.changes.find((c) => c.field === field)).toMatchObject({ direction });
  });

  it('refuses a change that changes nothing, one without a reason, and one to 非密 (that is 解密)', () => {
    expect(code(transition(base(), { type: 'draftChange', terms: WIDE, reason: '无' }, ctx(HANDLER)))).toBe('CHANGE_NO_DIFFERENCE');
    expect(code(transition(base(), { type: 'draftChange', terms: withPeriod(3, WIDE), reason: ' ' }, ctx(HANDLER)))).toBe('REASON_REQUIRED');
    const toNone: Terms = { ...WIDE, level: 'unclassified', period: { kind: 'none' }, basis: reason('已公开') };
    expect(code(transition(base(), { type: 'draftChange', terms: toNone, reason: '已公开' }, ctx(HANDLER)))).toBe('USE_DECLASSIFY');
  });

  it('a changed period counts from the first decision, and the legal maximum with it', () => {
    const state = live('D1', WIDE, { date: '2020-01-01' }).state;
    const change = (terms: Terms) => code(transition(state, { type: 'draftChange', terms, reason: '延长' }, ctx(HANDLER)));
    expect(change(withPeriod(10, WIDE))).toBe('ok');
    expect(change(withPeriod(11, WIDE))).toBe('PERIOD_EXCEEDS_MAX');
    expect(change({ ...WIDE, period: { kind: 'until', date: '2029-06-01' } })).toBe('ok');
    // 2030-01-02 is within 10 years of today but not of 2020-01-01, when the period began.
    expect(change({ ...WIDE, period: { kind: 'until', date: '2030-01-02' } })).toBe('PERIOD_EXCEEDS_MAX');
    expect(change({ ...WIDE, period: { kind: 'until', date: '2030-01-02' }, longerPeriodBasis: '上级机关批准延长' })).toBe('ok');
  });

  it('a change may keep citing the catalogue version it was decided on, even after the entry was revised', () => {
    const onOld: Terms = { ...T0, level: 'secret', period: { kind: 'years', years: 20 }, basis: { kind: 'catalogue', entryId: 'E2', version: 1, code: '1.3', title: '' } };
    // decided before E2 had a second version: cite v1 as current by giving a catalogue where it was
    const oldCatalogue = (id: string) => (id === 'E2' ? { id: 'E2', versions: [{ ...lookupVersion(), entryId: 'E2' }] } : undefined);
    const state = live('D1', onOld, { catalogue: oldCatalogue }).state;
    expect(code(transition(state, { type: 'draftChange', terms: { ...onOld, period: { kind: 'years', years: 15 } }, reason: '缩短' }, ctx(HANDLER)))).toBe('ok');
  });

  it('解除 of a work secret goes the same way as 解密', () => {
    const ws: Terms = { ...T0, level: 'internal', period: { kind: 'none' }, basis: reason('内部工作方案') };
    const { state } = run(
      [
        [HANDLER, { type: 'draftDeclassify', reason: '方案已执行完毕，解除不会影响工作' }],
        [DETERMINER, { type: 'approve', opinion: '同意解除' }],
      ],
      live('D1', ws).state,
    );
    expect(state.status).toBe('declassified');
  });

  it('refuses a declassification without a reason', () => {
    expect(code(transition(base(), { type: 'draftDeclassify', reason: '' }, ctx(HANDLER)))).toBe('REASON_REQUIRED');
  });
});

function lookupVersion() {
  return { ...E2.versions[0]!, version: 1 };
}
