import { describe, expect, it } from 'vitest';
import type { CarrierState } from '../../../shared/ledger/carrier';
import type { CarrierEvent, Handover } from '../../../shared/ledger/events';
import { copyRecord } from '../../../shared/ledger/registration';
import { isOverdue, transition } from '../../../shared/ledger/transition';
import { ACTORS, ctx, PAPER, PEOPLE, RECORD, registered, run, slip, states, TODAY, who } from './fixtures';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);
const lend = (to = PEOPLE.zhang, extra: Partial<Extract<CarrierEvent, { type: 'lent' }>> = {}): CarrierEvent => ({
  type: 'lent',
  handover: { from: who(PEOPLE.clerk), to: who(to), confirmation: slip() },
  dueOn: '2026-03-16',
  ...extra,
});

describe('loans (借阅)', () => {
  const base = () => states().in_custody;

  it('lends to a cleared person within the scope, and the carrier shows as on loan with its due date', () => {
    const s = run([lend()], base());
    expect(s.status).toBe('on_loan');
    expect(s.custodian).toEqual(who(PEOPLE.zhang));
    expect(s.loan).toEqual({ borrowerId: 'p-zhang', lenderId: 'p-clerk', since: ctx().at, dueOn: '2026-03-16' });
    expect(s.place).toBe('保密柜3号');
  });

  it('refuses to lend a carrier that is already out', () => {
    const s = run([lend()], base());
    expect(transition(s, lend(PEOPLE.tech, { handover: { from: who(PEOPLE.zhang), to: who(PEOPLE.tech), confirmation: slip() } }), ctx())).toEqual({
      ok: false,
      error: { code: 'CARRIER_ON_LOAN', params: { registryNumber: '2026-机-0001' } },
    });
  });

  it('refuses a loan to a person below the carrier’s level', () => {
    const r = transition(base(), lend(PEOPLE.li), ctx());
    expect(r).toEqual({ ok: false, error: { code: 'CLEARANCE_TOO_LOW', params: { person: '李四', clearance: 'general', level: 'secret' } } });
  });

  it('refuses a loan to a person who has left their post', () => {
    expect(code(transition(base(), lend(PEOPLE.left), ctx()))).toBe('PERSON_NOT_ACTIVE');
  });

  it('refuses a loan outside the 知悉范围 without an approval, and allows it with one for that person', () => {
    expect(transition(base(), lend(PEOPLE.wang), ctx())).toEqual({ ok: false, error: { code: 'OUTSIDE_SCOPE', params: { person: '王五' } } });
    expect(code(transition(base(), lend(PEOPLE.wang, { approvalId: 'a-scope' }), ctx()))).toBe('ok');
  });

  it('admits a person by post: the scope names the 保密员 post', () => {
    const other = { ...PEOPLE.tech, id: 'p-x', post: '保密员' };
    const c = { ...ctx(), person: (id: string) => (id === 'p-x' ? other : ctx().person(id)) };
    expect(code(transition(base(), lend(other), c))).toBe('ok');
  });

  it('refuses an outside-scope approval given for someone else', () => {
    const tech = transition(base(), lend(PEOPLE.tech, { approvalId: 'a-scope' }), ctx());
    expect(code(tech)).toBe('APPROVAL_MISMATCH');
  });

  it('refuses a due date in the past', () => {
    expect(code(transition(base(), lend(PEOPLE.zhang, { dueOn: '2026-03-01' }), ctx()))).toBe('LOAN_DUE_INVALID');
  });

  it('counts a loan as overdue from the day after its due date', () => {
    const s = run([lend()], base());
    expect(isOverdue(s, '2026-03-16')).toBe(false);
    expect(isOverdue(s, '2026-03-17')).toBe(true);
  });

  it('is refused to a handler: only the clerk lends', () => {
    expect(code(transition(base(), lend(), ctx(ACTORS.zhang)))).toBe('NOT_PERMITTED');
  });

  it('takes a return from the borrower, confirmed by the clerk receiving it in their own session', () => {
    const s = run([lend()], base());
    const back = run(
      [{ type: 'loanReturned', handover: { from: who(PEOPLE.zhang), to: who(PEOPLE.clerk), confirmation: { kind: 'receiver' } }, place: '保密柜3号' }],
      s,
    );
    expect(back.status).toBe('in_custody');
    expect(back.custodian).toEqual(who(PEOPLE.clerk));
    expect(back.loan).toBeNull();
  });

  it('refuses a return named as given by someone other than the borrower', () => {
    const s = run([lend()], base());
    const r = transition(s, { type: 'loanReturned', handover: { from: who(PEOPLE.wang), to: who(PEOPLE.clerk), confirmation: { kind: 'receiver' } }, place: '保密柜3号' }, ctx());
    expect(code(r)).toBe('HANDOVER_WRONG_GIVER');
  });
});

describe('hand-overs (交接签收)', () => {
  const base = () => states().in_custody;
  const transfer = (h: Partial<Handover>): CarrierEvent => ({
    type: 'transferred',
    handover: { from: who(PEOPLE.clerk), to: who(PEOPLE.zhang), confirmation: slip(), ...h },
    place: '办公室柜',
    reason: '工作交接',
  });

  it('waits for the receiver’s own confirmation: custody does not move until then', () => {
    const s = run([transfer({ confirmation: { kind: 'awaiting' } })], base());
    expect(s.custodian).toEqual(who(PEOPLE.clerk));
    expect(s.pending?.event.type).toBe('transferred');
    expect(code(transition(s, { type: 'handoverConfirmed' }, ctx(ACTORS.clerk)))).toBe('NOT_RECEIVER');
    const done = run([[{ type: 'handoverConfirmed' }, ACTORS.zhang]], s);
    expect(done.custodian).toEqual(who(PEOPLE.zhang));
    expect(done.place).toBe('办公室柜');
    expect(done.pending).toBeNull();
  });

  it('lets the giver withdraw a hand-over that was not confirmed, with a reason', () => {
    const s = run([transfer({ confirmation: { kind: 'awaiting' } })], base());
    expect(code(transition(s, { type: 'handoverCancelled', reason: '' }, ctx()))).toBe('REASON_REQUIRED');
    const back = run([{ type: 'handoverCancelled', reason: '交错人了' }], s);
    expect(back.pending).toBeNull();
    expect(back.custodian).toEqual(who(PEOPLE.clerk));
  });

  it('refuses to wait for a receiver who has no account to confirm with', () => {
    expect(transition(base(), transfer({ to: who(PEOPLE.wang), confirmation: { kind: 'awaiting' } }), ctx())).toEqual({
      ok: false,
      error: { code: 'RECEIVER_HAS_NO_ACCOUNT', params: { person: '王五' } },
    });
  });

  it('accepts “confirmed by the receiver” only from the receiver’s own session', () => {
    expect(code(transition(base(), transfer({ confirmation: { kind: 'receiver' } }), ctx()))).toBe('NOT_RECEIVER');
  });

  it('refuses a blank slip number', () => {
    expect(code(transition(base(), transfer({ confirmation: slip('  ') }), ctx()))).toBe('SLIP_NUMBER_INVALID');
  });

  it('refuses a hand-over to the person who already holds it', () => {
    expect(code(transition(base(), transfer({ to: who(PEOPLE.clerk) }), ctx()))).toBe('HANDOVER_SAME_PARTY');
  });

  it('refuses a hand-over to a person below the carrier’s level', () => {
    expect(code(transition(base(), transfer({ to: who(PEOPLE.li) }), ctx()))).toBe('CLEARANCE_TOO_LOW');
  });

  it('lets a handler pass on only what they hold; the clerk records for anyone', () => {
    const held = run([transfer({})], base());
    expect(code(transition(base(), transfer({}), ctx(ACTORS.zhang)))).toBe('NOT_CUSTODIAN');
    const onward = transition(
      held,
      { type: 'transferred', handover: { from: who(PEOPLE.zhang), to: who(PEOPLE.tech), confirmation: slip() }, place: '信息科柜', reason: '交接' },
      ctx(ACTORS.zhang),
    );
    expect(code(onward)).toBe('ok');
  });

  it('needs a signed slip for an outside unit, which cannot confirm in a session', () => {
    const r = transition(base(), { type: 'dispatched', handover: { from: who(PEOPLE.clerk), to: { kind: 'external', name: '市局' }, confirmation: { kind: 'awaiting' } } }, ctx());
    expect(code(r)).toBe('EXTERNAL_NEEDS_SLIP');
    const s = run([{ type: 'dispatched', handover: { from: who(PEOPLE.clerk), to: { kind: 'external', name: '市局' }, confirmation: slip('回执-7') } }], base());
    expect(s.status).toBe('dispatched');
    expect(s.custodian).toEqual({ kind: 'external', name: '市局' });
  });

  it('refuses to transfer a carrier sideways while it is on loan (横向传递)', () => {
    const s = run([lend()], base());
    const r = transition(s, { type: 'transferred', handover: { from: who(PEOPLE.zhang), to: who(PEOPLE.tech), confirmation: slip() }, place: 'x', reason: 'y' }, ctx());
    expect(code(r)).toBe('CARRIER_ON_LOAN');
  });
});

describe('copies (复制 / 摘录 / 汇编)', () => {
  const paper = () => run([registered(PAPER)]);
  const made = (approvalId: string, copyIds = ['c-copy-1'], mode: 'copy' | 'excerpt' = 'copy'): CarrierEvent => ({ type: 'copyMade', approvalId, mode, copyIds });

  it('refuses to copy without an approval, with one still pending, used, or for another carrier', () => {
    expect(code(transition(paper(), made('a-missing'), ctx()))).toBe('APPROVAL_REQUIRED');
    expect(code(transition(paper(), made('a-pending'), ctx()))).toBe('APPROVAL_NOT_APPROVED');
    expect(code(transition(paper(), made('a-used'), ctx()))).toBe('APPROVAL_USED');
    expect(code(transition(paper(), made('a-other'), ctx()))).toBe('APPROVAL_WRONG_CARRIER');
    expect(code(transition(paper(), made('a-out'), ctx()))).toBe('APPROVAL_REQUIRED');
  });

  it('refuses more copies than approved, or another mode', () => {
    expect(transition(paper(), made('a-copy', ['x', 'y', 'z']), ctx())).toEqual({ ok: false, error: { code: 'COPY_COUNT_EXCEEDS_APPROVAL', params: { approved: 2 } } });
    expect(code(transition(paper(), made('a-copy', ['x'], 'excerpt'), ctx()))).toBe('APPROVAL_MISMATCH');
  });

  it('registers a copy linked to its original, inheriting level, period and scope', () => {
    const original = run([made('a-copy', ['c-copy-1'])], paper());
    const record = copyRecord(original, { mode: 'copy', approvalId: 'a-copy', title: '', copyNumber: '000002', details: { kind: 'paper', pages: 12 }, note: '' });
    const ev: CarrierEvent = { type: 'registered', carrierId: 'c-copy-1', registryNumber: '2026-机-0002', kind: 'paper', record, custodianId: 'p-clerk', place: '保密柜3号' };
    const r = transition(null, ev, ctx(ACTORS.clerk, [original]));
    expect(code(r)).toBe('ok');
    if (!r.ok) return;
    expect(r.value.origin).toMatchObject({ kind: 'copy', originalId: 'c-1', originalRegistryNumber: '2026-机-0001' });
    expect([r.value.level, r.value.period, r.value.scope]).toEqual([PAPER.level, PAPER.period, PAPER.scope]);

    const lowered = { ...ev, record: { ...record, level: 'confidential' as const } };
    expect(transition(null, lowered, ctx(ACTORS.clerk, [original]))).toEqual({ ok: false, error: { code: 'COPY_MUST_INHERIT', params: { field: 'level' } } });
    expect(code(transition(null, { ...ev, carrierId: 'c-unnamed' }, ctx(ACTORS.clerk, [original])))).toBe('COPY_NOT_AUTHORIZED');

    // …and they stay fixed on the copy: a correction of level, period or scope is refused there.
    const copy = r.value;
    const fix = (field: 'level' | 'scope'): CarrierEvent =>
      field === 'level'
        ? { type: 'corrected', changes: [{ field, from: copy.level, to: 'top_secret' }], reason: '登记有误' }
        : { type: 'corrected', changes: [{ field, from: copy.scope, to: { ...copy.scope, posts: [] } }], reason: '登记有误' };
    expect(transition(copy, fix('level'), ctx())).toEqual({ ok: false, error: { code: 'COPY_FIELDS_LOCKED', params: { field: 'level' } } });
    expect(code(transition(copy, fix('scope'), ctx()))).toBe('COPY_FIELDS_LOCKED');
    expect(code(transition(copy, { type: 'corrected', changes: [{ field: 'title', from: copy.title, to: '复制件（更正）' }], reason: '笔误' }, ctx()))).toBe('ok');
  });
});

describe('repair, take-out, return to issuer, destruction', () => {
  const base = () => states().in_custody;
  const outside = (extra: Partial<Extract<CarrierEvent, { type: 'repairSent' }>> = {}): CarrierEvent => ({
    type: 'repairSent',
    mode: 'outside',
    handover: { from: who(PEOPLE.clerk), to: { kind: 'external', name: '定点维修单位' }, confirmation: slip('WX-1') },
    storageRemoved: true,
    approvalId: 'a-repair',
    sentOn: TODAY,
    escortIds: [PEOPLE.tech.id],
    ...extra,
  });

  it('sends a computer to an outside repairer only with an approval and its disks removed', () => {
    expect(code(transition(base(), outside({ approvalId: undefined }), ctx()))).toBe('APPROVAL_REQUIRED');
    expect(code(transition(base(), outside({ storageRemoved: false }), ctx()))).toBe('STORAGE_NOT_REMOVED');
    const s = run([outside()], base());
    expect(s.status).toBe('under_repair');
    expect(s.repair).toMatchObject({ mode: 'outside', repairer: { kind: 'external', name: '定点维修单位' } });
  });

  it('never sends a storage medium out for repair, and does not repair paper', () => {
    const usb = run([registered({ ...RECORD, details: { kind: 'usb', serial: 'U-1', model: '', capacity: '64G' } })]);
    expect(code(transition(usb, outside(), ctx()))).toBe('REPAIR_OUTSIDE_NOT_ALLOWED');
    const paper = run([registered(PAPER)]);
    expect(code(transition(paper, outside(), ctx()))).toBe('REPAIR_NOT_APPLICABLE');
  });

  it('needs an approval to take a carrier out, and one that says abroad to take it abroad', () => {
    const out = (approvalId: string, abroad: boolean): CarrierEvent => ({
      type: 'takenOut',
      handover: { from: who(PEOPLE.clerk), to: who(PEOPLE.clerk), confirmation: { kind: 'receiver' } },
      destination: '香港',
      expectedBackOn: '2026-03-05',
      abroad,
      approvalId,
    });
    expect(code(transition(base(), out('', false), ctx()))).toBe('APPROVAL_REQUIRED');
    expect(code(transition(base(), out('a-out', true), ctx()))).toBe('ABROAD_NEEDS_APPROVAL');
    const s = run([out('a-abroad', true)], base());
    expect(s.status).toBe('taken_out');
    expect(s.outing).toMatchObject({ personId: 'p-clerk', abroad: true, expectedBackOn: '2026-03-05' });
  });

  it('refuses to destroy a carrier on loan, and anything on a destroyed one', () => {
    const onLoan = run([lend()], base());
    expect(code(transition(onLoan, { type: 'destroyed', certificateNumber: 'X', destructionBody: 'Y', destroyedOn: TODAY }, ctx()))).toBe('CARRIER_ON_LOAN');
    const gone = states().destroyed;
    expect(gone.custodian).toEqual({ kind: 'external', name: '市保密局销毁中心' });
    expect(code(transition(gone, lend(), ctx()))).toBe('CARRIER_DESTROYED');
  });

  it('refuses a destruction without certificate number or with a future date', () => {
    expect(code(transition(base(), { type: 'destroyed', certificateNumber: ' ', destructionBody: 'Y', destroyedOn: TODAY }, ctx()))).toBe('CERTIFICATE_REQUIRED');
    expect(code(transition(base(), { type: 'destroyed', certificateNumber: 'X', destructionBody: 'Y', destroyedOn: '2026-03-03' }, ctx()))).toBe('DESTROYED_ON_INVALID');
  });
});

describe('corrections', () => {
  const base = (): CarrierState => states().in_custody;

  it('records the old and new value and says why; a stale old value is refused', () => {
    const s = base();
    const ev: CarrierEvent = { type: 'corrected', changes: [{ field: 'title', from: s.title, to: '某项目涉密笔记本' }], reason: '登记时名称有误' };
    expect(run([ev], s).title).toBe('某项目涉密笔记本');
    expect(code(transition(s, { ...ev, reason: ' ' }, ctx()))).toBe('REASON_REQUIRED');
    expect(code(transition(s, { ...ev, changes: [{ field: 'title', from: '别的', to: 'x' }] }, ctx()))).toBe('CORRECTION_STALE');
    expect(code(transition(s, { ...ev, changes: [{ field: 'title', from: s.title, to: s.title }] }, ctx()))).toBe('CORRECTION_NO_CHANGE');
    expect(code(transition(s, { ...ev, changes: [] }, ctx()))).toBe('CORRECTION_EMPTY');
  });

  it('refuses a corrected level that the present holder may not hold', () => {
    const s = run([lend()], base());
    expect(code(transition(s, { type: 'corrected', changes: [{ field: 'level', from: 'secret', to: 'top_secret' }], reason: '定密有误' }, ctx()))).toBe('CLEARANCE_TOO_LOW');
  });

  it('refuses a corrected value that breaks the record’s own rules', () => {
    const s = base();
    const r = transition(s, { type: 'corrected', changes: [{ field: 'period', from: s.period, to: { kind: 'years', years: 40 } }], reason: '期限有误' }, ctx());
    expect(r).toEqual({ ok: false, error: { code: 'PERIOD_EXCEEDS_MAX', params: { max: 20 } } });
    expect(code(transition(s, { type: 'corrected', changes: [{ field: 'details', from: s.details, to: { kind: 'paper', pages: 3 } }], reason: '种类有误' }, ctx()))).toBe('CORRECTION_INVALID');
  });

  it('is only the clerk’s', () => {
    const s = base();
    expect(code(transition(s, { type: 'corrected', changes: [{ field: 'note', from: '', to: 'x' }], reason: '补记' }, ctx(ACTORS.zhang)))).toBe('NOT_PERMITTED');
  });
});

describe('registration', () => {
  it('refuses a custodian below the level and an unnormalized record', () => {
    const ev = registered();
    expect(code(transition(null, { ...ev, custodianId: 'p-li' } as CarrierEvent, ctx()))).toBe('CLEARANCE_TOO_LOW');
    expect(code(transition(null, { ...ev, custodianId: 'p-nobody' } as CarrierEvent, ctx()))).toBe('PERSON_NOT_FOUND');
    if (ev.type !== 'registered') return;
    expect(code(transition(null, { ...ev, record: { ...ev.record, title: '  带空格  ' } }, ctx()))).toBe('CARRIER_INVALID_FIELD');
    expect(code(transition(null, { ...ev, kind: 'paper' }, ctx()))).toBe('CARRIER_INVALID_FIELD');
    expect(code(transition(null, { ...ev, place: '' }, ctx()))).toBe('CARRIER_INVALID_FIELD');
  });

  it('is open to handlers and clerks only', () => {
    expect(code(transition(null, registered(), ctx(ACTORS.zhang)))).toBe('ok');
    expect(code(transition(null, registered(), ctx(ACTORS.approver)))).toBe('NOT_PERMITTED');
  });
});
