import { describe, expect, it } from 'vitest';
import { ApprovalsRepo } from '../../renderer/db/approvals.repo';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { carrierTokens } from '../../renderer/db/ledgerAccess';
import { PeopleRepo } from '../../renderer/db/people.repo';
import type { CarrierRecord, CarrierState } from '../../shared/ledger/carrier';
import type { Person, PersonInput } from '../../shared/ledger/people';
import type { Result } from '../../shared/result';
import { SESSIONS, testLedger, type TestLedger } from './ledgerVault';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}
const code = <T,>(r: Result<T>) => (r.ok ? 'ok' : r.error.code);

const PAPER: CarrierRecord = {
  title: '关于开展年度保密检查的通知',
  docNumber: '某保发〔2026〕3号',
  level: 'secret',
  period: { kind: 'years', years: 10 },
  scope: { personIds: [], posts: ['保密员'], departments: ['办公室'], units: [] },
  copyNumber: '000001',
  details: { kind: 'paper', pages: 8 },
  origin: { kind: 'received', from: '市保密局' },
  note: '',
};

const person = (name: string, extra: Partial<PersonInput> = {}): PersonInput => ({
  name,
  department: '办公室',
  post: '科员',
  clearance: 'important',
  status: 'active',
  ...extra,
});

async function unit(): Promise<{ l: TestLedger; people: Record<'clerk' | 'zhang' | 'li' | 'wang', Person>; clerk: CarriersRepo }> {
  const l = await testLedger();
  const repo = new PeopleRepo(l.as(SESSIONS.clerk));
  const people = {
    clerk: must(await repo.create(person('赵保密', { post: '保密员', clearance: 'core', username: 'clerk1' }))),
    zhang: must(await repo.create(person('张三', { username: 'zhang' }))),
    li: must(await repo.create(person('李四', { clearance: 'general' }))),
    wang: must(await repo.create(person('王五', { department: '财务科' }))),
  };
  return { l, people, clerk: new CarriersRepo(l.as(SESSIONS.clerk)) };
}

async function registerOne(clerk: CarriersRepo, custodianId: string, record: CarrierRecord = PAPER): Promise<CarrierState> {
  const [c] = must(await clerk.register({ record, custodianId, place: '保密柜3号' }));
  if (!c) throw new Error('nothing registered');
  return c;
}

const slip = (slipNumber = 'JY-0001') => ({ kind: 'slip' as const, slipNumber });

describe('people directory (人员名录)', () => {
  it('is kept by the clerk and read by the ledger’s users, never by an administrator', async () => {
    const { l } = await unit();
    expect(must(await new PeopleRepo(l.as(SESSIONS.handler)).list()).map((p) => p.name)).toEqual(['李四', '张三', '赵保密', '王五']);
    expect(code(await new PeopleRepo(l.as(SESSIONS.handler)).create(person('钱七')))).toBe('NOT_PERMITTED');
    expect(code(await new PeopleRepo(l.as(SESSIONS.sysadmin)).list())).toBe('NOT_PERMITTED');
  });

  it('keeps names out of the clear and refuses a login name linked twice', async () => {
    const { l } = await unit();
    const rows = await l.db.people.toArray();
    expect(JSON.stringify(rows)).not.toContain('张三');
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['clearance', 'ct', 'id', 'status']);
    expect(code(await new PeopleRepo(l.as(SESSIONS.clerk)).create(person('张三丰', { username: 'Zhang' })))).toBe('PERSON_USERNAME_TAKEN');
  });

  it('refuses to mark someone 离岗 while they hold carriers, or to lower them below what they hold', async () => {
    const { l, people, clerk } = await unit();
    await registerOne(clerk, people.zhang.id);
    const repo = new PeopleRepo(l.as(SESSIONS.clerk));
    expect(await repo.update(people.zhang.id, person('张三', { username: 'zhang', status: 'left', separationEndsOn: '2027-03-01' }))).toEqual({
      ok: false,
      error: { code: 'PERSON_HOLDS_CARRIERS', params: { person: '张三', count: 1 } },
    });
    expect(code(await repo.update(people.zhang.id, person('张三', { username: 'zhang', clearance: 'general' })))).toBe('PERSON_HOLDS_ABOVE_CLEARANCE');
    const moved = must(await repo.update(people.wang.id, person('王五', { department: '财务科', post: '科长' })));
    expect(moved.post).toBe('科长');
  });
});

describe('registration (登记)', () => {
  it('gives registry numbers from the pattern, per year and level, and never twice', async () => {
    const { people, clerk } = await unit();
    const a = await registerOne(clerk, people.clerk.id);
    const b = await registerOne(clerk, people.clerk.id, { ...PAPER, copyNumber: '000002' });
    const c = await registerOne(clerk, people.clerk.id, { ...PAPER, level: 'confidential', period: { kind: 'years', years: 5 } });
    expect([a.registryNumber, b.registryNumber, c.registryNumber]).toEqual(['2026-机-0001', '2026-机-0002', '2026-秘-0001']);
  });

  it('registers a batch of 20 copies as 20 carriers, 000001–000020, in one transaction', async () => {
    const { l, people, clerk } = await unit();
    const before = await l.db.audit.count();
    const batch = must(await clerk.register({ record: PAPER, custodianId: people.clerk.id, place: '保密柜1号' }, { count: 20, firstCopyNumber: 1 }));
    expect(batch.map((c) => c.copyNumber)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(6, '0')));
    expect(batch.map((c) => c.registryNumber).at(-1)).toBe('2026-机-0020');
    expect(await l.db.carriers.count()).toBe(20);
    expect(await l.db.carrierEvents.count()).toBe(20);
    expect((await l.db.audit.count()) - before).toBe(20);
  });

  it('stores titles, document numbers and names only encrypted, with the index fields in the clear', async () => {
    const { l, people, clerk } = await unit();
    await registerOne(clerk, people.clerk.id);
    const [row] = await l.db.carriers.toArray();
    const dump = JSON.stringify([row, await l.db.carrierEvents.toArray(), await l.db.counters.toArray()]);
    for (const secret of ['年度保密检查', '某保发', '保密柜', '市保密局', '2026-机-0001']) expect(dump).not.toContain(secret);
    expect(row).toMatchObject({ status: 'in_custody', level: 'secret', kind: 'paper', custodianId: people.clerk.id, version: 1, dueOn: null });
  });

  it('refuses a registration the rules refuse, writing nothing and using no number', async () => {
    const { l, people, clerk } = await unit();
    const audit = await l.db.audit.count();
    expect(await clerk.register({ record: PAPER, custodianId: people.li.id, place: '保密柜3号' })).toEqual({
      ok: false,
      error: { code: 'CLEARANCE_TOO_LOW', params: { person: '李四', clearance: 'general', level: 'secret' } },
    });
    expect(code(await clerk.register({ record: { ...PAPER, scope: { personIds: [], posts: [], departments: [], units: [] } }, custodianId: people.clerk.id, place: 'x' }))).toBe('SCOPE_REQUIRED');
    expect([await l.db.carriers.count(), await l.db.counters.count(), await l.db.audit.count()]).toEqual([0, 0, audit]);
    expect((await registerOne(clerk, people.clerk.id)).registryNumber).toBe('2026-机-0001');
  });

  it('refuses a registry number already on the books (e.g. after a pattern change), writing nothing', async () => {
    const { l, people, clerk } = await unit();
    const first = await registerOne(clerk, people.clerk.id);
    // Give the counter's number to a stray row: the unique blinded index must refuse the second.
    const stray = { ...first, id: 'stray', registryNumber: '2026-机-0002' };
    const row = { ...(await l.db.carriers.get(first.id)), id: 'stray', ...(await carrierTokens(l.cipher, stray)) } as never;
    await l.db.carriers.add(row);
    const events = await l.db.carrierEvents.count();
    expect(code(await clerk.register({ record: PAPER, custodianId: people.clerk.id, place: '保密柜3号' }))).toBe('REGISTRY_NUMBER_TAKEN');
    expect(await l.db.carrierEvents.count()).toBe(events);
  });

  it('finds a carrier by registry number or 文号, however the brackets are typed', async () => {
    const { l, people, clerk } = await unit();
    const c = await registerOne(clerk, people.clerk.id);
    const handler = new CarriersRepo(l.as(SESSIONS.handler));
    expect(must(await handler.findByNumber(' 2026-机-0001 ')).map((x) => x.id)).toEqual([c.id]);
    expect(must(await handler.findByNumber('某保发[2026]3号')).map((x) => x.id)).toEqual([c.id]);
    expect(must(await handler.findByNumber('2026-机-0009'))).toEqual([]);
  });
});

describe('loans and hand-overs', () => {
  it('lends, refuses a second loan with the reason, takes the return, and keeps the timeline', async () => {
    const { l, people, clerk } = await unit();
    const c = await registerOne(clerk, people.clerk.id);
    const lent = must(await clerk.act(c.id, { type: 'lent', handover: { from: { kind: 'person', personId: people.clerk.id }, to: { kind: 'person', personId: people.zhang.id }, confirmation: slip() }, dueOn: '2026-03-16' }));
    expect(lent.status).toBe('on_loan');

    const audit = await l.db.audit.count();
    const again = await clerk.act(c.id, { type: 'lent', handover: { from: { kind: 'person', personId: people.zhang.id }, to: { kind: 'person', personId: people.wang.id }, confirmation: slip('JY-0002') }, dueOn: '2026-03-16' });
    expect(again).toEqual({ ok: false, error: { code: 'CARRIER_ON_LOAN', params: { registryNumber: '2026-机-0001' } } });
    expect([await l.db.audit.count(), await l.db.carrierEvents.count()]).toEqual([audit, 2]);

    const back = must(await clerk.act(c.id, { type: 'loanReturned', handover: { from: { kind: 'person', personId: people.zhang.id }, to: { kind: 'person', personId: people.clerk.id }, confirmation: { kind: 'receiver' } }, place: '保密柜3号' }));
    expect([back.status, back.custodian]).toEqual(['in_custody', { kind: 'person', personId: people.clerk.id }]);

    const h = must(await new CarriersRepo(l.as(SESSIONS.handler)).history(c.id));
    expect(h.events.map((e) => [e.seq, e.event.type, e.actorName])).toEqual([
      [1, 'registered', '赵保密'],
      [2, 'lent', '赵保密'],
      [3, 'loanReturned', '赵保密'],
    ]);
    expect(h.state).toEqual(back);
    const trail = await l.audits.list(l.cipher, 3);
    expect(trail.map((e) => e.action)).toEqual(['carrier.loanReturned', 'carrier.lent', 'carrier.registered']);
    expect(await l.audits.verify(l.cipher)).toMatchObject({ ok: true });
    // The auditor reads these: ids, numbers, markings and custody, but no title or 文号.
    const everything = JSON.stringify(await l.audits.list(l.cipher, 100));
    expect(everything).toContain('2026-机-0001');
    expect(everything).toContain('机密★10年');
    expect(everything).not.toContain('年度保密检查');
    expect(everything).not.toContain('某保发');
  });

  it('waits for the receiver to confirm in their own session', async () => {
    const { l, people, clerk } = await unit();
    const c = await registerOne(clerk, people.clerk.id);
    const offered = must(await clerk.act(c.id, { type: 'transferred', handover: { from: { kind: 'person', personId: people.clerk.id }, to: { kind: 'person', personId: people.zhang.id }, confirmation: { kind: 'awaiting' } }, place: '办公室柜', reason: '交办' }));
    expect(offered.pending).not.toBeNull();
    expect(code(await clerk.act(c.id, { type: 'handoverConfirmed' }))).toBe('NOT_RECEIVER');
    const done = must(await new CarriersRepo(l.as(SESSIONS.handler)).act(c.id, { type: 'handoverConfirmed' }));
    expect([done.custodian, done.place, done.pending]).toEqual([{ kind: 'person', personId: people.zhang.id }, '办公室柜', null]);
  });

  it('refuses a change made on an outdated view of the carrier', async () => {
    const { people, clerk } = await unit();
    const c = await registerOne(clerk, people.clerk.id);
    must(await clerk.act(c.id, { type: 'stored', place: '保密柜5号', reason: '调整' }, 1));
    expect(code(await clerk.act(c.id, { type: 'stored', place: '保密柜6号', reason: '调整' }, 1))).toBe('STALE_STATE');
  });

  it('refuses everything while the store is locked', async () => {
    const { l, clerk } = await unit();
    l.lock();
    expect(code(await clerk.list())).toBe('NOT_SIGNED_IN');
  });

  it('reports a status changed on disk as tampering instead of believing it', async () => {
    const { l, people, clerk } = await unit();
    const c = await registerOne(clerk, people.clerk.id);
    await l.db.carriers.update(c.id, { status: 'destroyed' });
    expect(await clerk.list()).toEqual({ ok: false, error: { code: 'STORE_TAMPERED', params: { table: 'carriers', id: c.id } } });
  });
});

describe('approvals and copies', () => {
  it('copies only under an approval decided by someone else, and the copy inherits level, period and scope', async () => {
    const { l, people, clerk } = await unit();
    const c = await registerOne(clerk, people.clerk.id);
    const copyReq = { approvalId: '', mode: 'copy' as const, custodianId: people.clerk.id, place: '保密柜3号', copies: [1, 2].map((i) => ({ title: '', copyNumber: `00000${i + 1}`, details: { kind: 'paper' as const, pages: 8 }, note: '' })) };
    expect(code(await clerk.copy(c.id, { ...copyReq, approvalId: 'none' }))).toBe('APPROVAL_REQUIRED');

    const handlerApprovals = new ApprovalsRepo(l.as(SESSIONS.handler));
    const a = must(await handlerApprovals.request(c.id, { kind: 'copy', mode: 'copy', copies: 2 }, '分送两个科室'));
    expect(code(await clerk.copy(c.id, { ...copyReq, approvalId: a.id }))).toBe('APPROVAL_NOT_APPROVED');
    expect(code(await handlerApprovals.decide(a.id, 'approved', ''))).toBe('NOT_PERMITTED');
    const both = { ...SESSIONS.approver, accountId: 'acc-zhang' };
    expect(code(await new ApprovalsRepo(l.as(both)).decide(a.id, 'approved', '同意'))).toBe('SELF_APPROVAL');
    const decided = must(await new ApprovalsRepo(l.as(SESSIONS.approver)).decide(a.id, 'approved', '同意复制 2 份'));
    expect(decided).toMatchObject({ status: 'approved', requestedByName: '张三', decidedByName: '周领导' });

    const copies = must(await clerk.copy(c.id, { ...copyReq, approvalId: a.id }));
    expect(copies.map((x) => [x.registryNumber, x.copyNumber, x.level, x.origin.kind])).toEqual([
      ['2026-机-0002', '000002', 'secret', 'copy'],
      ['2026-机-0003', '000003', 'secret', 'copy'],
    ]);
    expect(copies[0]?.scope).toEqual(c.scope);
    const original = must(await clerk.history(c.id));
    expect(original.state.copyIds).toEqual(copies.map((x) => x.id));
    expect(original.approvals[0]).toMatchObject({ status: 'used' });
    expect(code(await clerk.copy(c.id, { ...copyReq, approvalId: a.id }))).toBe('APPROVAL_USED');
  });

  it('lends outside the 知悉范围 only under an approval for that person', async () => {
    const { l, people, clerk } = await unit();
    const c = await registerOne(clerk, people.clerk.id);
    const lend = (approvalId?: string) =>
      clerk.act(c.id, { type: 'lent', handover: { from: { kind: 'person', personId: people.clerk.id }, to: { kind: 'person', personId: people.wang.id }, confirmation: slip() }, dueOn: '2026-03-09', ...(approvalId ? { approvalId } : {}) });
    expect(await lend()).toEqual({ ok: false, error: { code: 'OUTSIDE_SCOPE', params: { person: '王五' } } });
    const a = must(await new ApprovalsRepo(l.as(SESSIONS.clerk)).request(c.id, { kind: 'loanOutsideScope', personId: people.wang.id }, '财务审计需要查阅'));
    must(await new ApprovalsRepo(l.as(SESSIONS.approver)).decide(a.id, 'approved', '同意，限阅一周'));
    expect((must(await lend(a.id))).status).toBe('on_loan');
    expect(must(await new ApprovalsRepo(l.as(SESSIONS.approver)).list({ status: 'used' })).map((x) => x.id)).toEqual([a.id]);
  });
});
