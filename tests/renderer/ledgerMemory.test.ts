import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApprovalsRepo } from '../../renderer/db/approvals.repo';
import { newestFirst } from '../../renderer/db/carrierListing';
import { CarrierImportRepo } from '../../renderer/db/carrierImport.repo';
import { DeterminationsRepo } from '../../renderer/db/determinations.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import { LedgerMemory, mergeCarriers, type LedgerSnapshot } from '../../renderer/features/ledger/ledgerMemory';
import { searchEntry } from '../../renderer/features/ledger/ledgerSearch';
import { createLedgerServices, type LedgerServices } from '../../renderer/features/ledger/ledgerServices';
import { CollationKeys, SortedView, sortCarriers, SortKeys } from '../../renderer/features/ledger/ledgerSort';
import type { Terms } from '../../shared/determination/terms';
import type { CarrierState } from '../../shared/ledger/carrier';
import type { ImportRow } from '../../shared/ledger/import';
import type { LedgerSort, SortColumn } from '../../shared/ledger/ledgerView';
import type { Person } from '../../shared/ledger/people';
import { approvedBatch, BODY, must, PAPER, SCAN_PDF, unit, type Unit } from './destructionFixtures';
import { SESSIONS, type TestSession } from './ledgerVault';

/**
 * The ledger page's memory after a change (issue 3, speed at 100,000 carriers): only the carriers
 * a write named are read and merged, and what is in memory is exactly what a whole read gives —
 * after the ledger's own actions and after other modules' (destruction, determinations, import).
 * Real encrypted store (fake-indexeddb), the real repositories, the ledger's own services.
 */
const DETERMINER: TestSession = { accountId: 'acc-det', username: 'det', displayName: '张定密', roles: ['determiner'] };
const slip = (slipNumber: string) => ({ kind: 'slip' as const, slipNumber });

const memories: LedgerMemory[] = [];
afterEach(() => {
  for (const m of memories.splice(0)) m.stop();
});

async function started(services: LedgerServices, options = { pageSize: 4 }): Promise<LedgerMemory> {
  const m = new LedgerMemory(services, options);
  memories.push(m);
  await m.start();
  return m;
}

/** What a fresh whole read gives, against what the memory holds: the same carriers in the same order, indexed, the same people and approvals. */
async function expectSameAsFullRead(services: LedgerServices, memory: LedgerMemory): Promise<void> {
  await memory.refresh();
  const fresh = new LedgerMemory(services, { pageSize: 7 });
  await fresh.start();
  fresh.stop();
  const a: LedgerSnapshot = memory.snapshot();
  const b: LedgerSnapshot = fresh.snapshot();
  expect(a.complete).toBe(true);
  expect(a.refusal).toBeNull();
  expect(a.carriers.map((c) => c.id)).toEqual(b.carriers.map((c) => c.id));
  expect(a.carriers).toEqual(b.carriers);
  expect([a.total, a.loaded]).toEqual([b.carriers.length, b.carriers.length]);
  for (const c of a.carriers) expect(a.searchIndex.get(c)).toEqual(searchEntry(c));
  expect(a.people).toEqual(b.people);
  expect(a.approvals).toEqual(b.approvals);
}

const reason: Terms = {
  level: 'top_secret',
  period: { kind: 'years', years: 30 },
  scope: { personIds: [], posts: ['办公室主任'], departments: [], units: [] },
  basis: { kind: 'reason', text: '涉及重点工程选址' },
};

function importRows(u: Unit, n: number, tag: string): ImportRow[] {
  return Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    registryNumber: '',
    input: { record: { ...PAPER, title: `${tag}第${i + 1}份`, copyNumber: String(i + 1).padStart(6, '0') }, custodianId: u.people.clerk.id, place: '档案室' },
    key: `${tag}-${i}`,
  }));
}

describe('the ledger in memory after a change (ledgerMemory)', () => {
  it('equals a whole read after every kind of change, in this module and in others, reading only the changed carriers', async () => {
    const u = await unit();
    const services = createLedgerServices(u.l.as(SESSIONS.clerk));
    const made: CarrierState[] = [];
    for (let i = 1; i <= 6; i++) {
      u.l.clock.t += 60_000;
      made.push(await u.register({ ...PAPER, title: `第${i}号通知`, copyNumber: String(i).padStart(6, '0') }));
    }
    const memory = await started(services);
    expect(memory.stats).toEqual({ fullReads: 1, merges: 0, merged: 0 });
    await expectSameAsFullRead(services, memory);
    const [c1, c2, c3, c4, c5, c6] = made as [CarrierState, CarrierState, CarrierState, CarrierState, CarrierState, CarrierState];
    const clerk = { kind: 'person' as const, personId: u.people.clerk.id };
    const zhang = { kind: 'person' as const, personId: u.people.zhang.id };

    // Registration: one, then a batch of copies sharing one time (ordered by registry number within it).
    u.l.clock.t += 60_000;
    must(await u.carriers.register({ record: { ...PAPER, title: '新登记', copyNumber: '' }, custodianId: u.people.clerk.id, place: '保密柜1号' }));
    await expectSameAsFullRead(services, memory);
    u.l.clock.t += 60_000;
    must(await u.carriers.register({ record: { ...PAPER, title: '一批', copyNumber: '000001' }, custodianId: u.people.clerk.id, place: '保密柜2号' }, { count: 3, firstCopyNumber: 1 }));
    await expectSameAsFullRead(services, memory);

    // Lend, return, move: the carriers keep their place in the ledger, their state changes.
    must(await u.carriers.act(c2.id, { type: 'lent', handover: { from: clerk, to: zhang, confirmation: slip('JY-1') }, dueOn: '2026-03-16' }));
    await expectSameAsFullRead(services, memory);
    must(await u.carriers.act(c2.id, { type: 'loanReturned', handover: { from: zhang, to: clerk, confirmation: { kind: 'receiver' } }, place: '保密柜9号' }));
    must(await u.carriers.act(c3.id, { type: 'stored', place: '库房', reason: '整理' }));
    await expectSameAsFullRead(services, memory);

    // An approval asked for and decided (the approvals table), then copies made under it.
    const approval = must(await new ApprovalsRepo(u.l.as(SESSIONS.handler)).request(c1.id, { kind: 'copy', mode: 'copy', copies: 2 }, '分送两个科室'));
    await expectSameAsFullRead(services, memory);
    must(await new ApprovalsRepo(u.l.as(SESSIONS.approver)).decide(approval.id, 'approved', '同意'));
    await expectSameAsFullRead(services, memory);
    u.l.clock.t += 60_000;
    must(
      await u.carriers.copy(c1.id, {
        approvalId: approval.id,
        mode: 'copy',
        custodianId: u.people.clerk.id,
        place: '保密柜3号',
        copies: ['000007', '000008'].map((copyNumber) => ({ title: '', copyNumber, details: { kind: 'paper' as const, pages: 8 }, note: '' })),
      }),
    );
    await expectSameAsFullRead(services, memory);

    // Another module: a destruction batch closes its carriers (through the ledger's own event).
    const batch = await approvedBatch(u, [c4.id, c5.id]);
    must(await u.as(SESSIONS.clerk).handOver(batch.id, { body: BODY, on: u.today(), escortIds: [u.people.zhang.id, u.people.wang.id], certificateNumber: 'XH-2026-0031' }, { name: '销毁证明.pdf', bytes: SCAN_PDF }));
    await expectSameAsFullRead(services, memory);
    expect(memory.snapshot().carriers.filter((c) => c.status === 'destroyed').map((c) => c.id).sort()).toEqual([c4.id, c5.id].sort());

    // Another module: a determination decided applies its level to the linked carriers.
    const d = must(await new DeterminationsRepo(u.l.as(SESSIONS.handler)).draft({ title: '某工程选址方案', processDraft: false, carrierIds: [c6.id] }, reason));
    must(await new DeterminationsRepo(u.l.as(DETERMINER)).act(d.state.id, { type: 'approve', opinion: '同意' }));
    await expectSameAsFullRead(services, memory);
    expect(memory.snapshot().carriers.find((c) => c.id === c6.id)?.level).toBe('top_secret');

    // The people (names, departments the table shows and filters by).
    must(await new PeopleRepo(u.l.as(SESSIONS.clerk)).create({ name: '钱六', department: '财务科', post: '科员', clearance: 'important', status: 'active' }));
    await expectSameAsFullRead(services, memory);

    // A small import names its carriers like any write.
    must(await new CarrierImportRepo(u.l.as(SESSIONS.clerk)).import(importRows(u, 3, '旧台账甲')));
    await expectSameAsFullRead(services, memory);

    // All of that without reading the ledger again: only the carriers each write named.
    expect(memory.stats.fullReads).toBe(1);
    expect(memory.stats.merged).toBeLessThan(30);
    expect(memory.stats.merges).toBeGreaterThanOrEqual(8);

    // A big import (one bulk write of 60 rows) cannot name them: the whole ledger is read again.
    must(await new CarrierImportRepo(u.l.as(SESSIONS.clerk)).import(importRows(u, 60, '旧台账乙')));
    await expectSameAsFullRead(services, memory);
    expect(memory.stats.fullReads).toBe(2);
    expect(memory.snapshot().carriers).toHaveLength(6 + 1 + 3 + 2 + 3 + 60);
  });

  it('reads and decrypts only the changed carrier after a change, never the whole ledger', async () => {
    const u = await unit();
    for (let i = 1; i <= 20; i++) {
      u.l.clock.t += 60_000;
      await u.register({ ...PAPER, title: `第${i}号通知`, copyNumber: String(i).padStart(6, '0') });
    }
    const services = createLedgerServices(u.l.as(SESSIONS.clerk));
    const memory = await started(services);
    const target = memory.snapshot().carriers[11] as CarrierState;
    const all = vi.spyOn(services.listing, 'all');
    const firstPage = vi.spyOn(services.listing, 'firstPage');
    const byIds = vi.spyOn(services.listing, 'byIds');
    const toArray = vi.spyOn(u.l.db.carriers, 'toArray');
    const open = vi.spyOn(u.l.cipher, 'open');
    const decryptedCarriers = () => open.mock.calls.filter(([table]) => table === 'carriers').length;

    must(await u.carriers.act(target.id, { type: 'stored', place: '库房', reason: '整理' }));
    // The write itself decrypts the carrier it changes (its state before): one.
    const byWrite = decryptedCarriers();
    expect(byWrite).toBe(1);
    await memory.refresh();

    expect(all).not.toHaveBeenCalled();
    expect(firstPage).not.toHaveBeenCalled();
    expect(toArray).not.toHaveBeenCalled();
    expect(byIds.mock.calls).toEqual([[[target.id]]]);
    expect(decryptedCarriers() - byWrite).toBe(1);
    expect(memory.snapshot().carriers.find((c) => c.id === target.id)?.place).toBe('库房');
    // Same object everywhere else: nothing else was read or made again.
    expect(memory.snapshot().carriers.filter((c) => c.id !== target.id).every((c, i) => c === memory.snapshot().carriers.filter((x) => x.id !== target.id)[i])).toBe(true);
    expect(memory.stats).toEqual({ fullReads: 1, merges: 1, merged: 1 });
  });

  it('merges an approval asked for, decided and used by its id, without listing every approval again', async () => {
    const u = await unit();
    const a = await u.register();
    const services = createLedgerServices(u.l.as(SESSIONS.clerk));
    const memory = await started(services);
    const list = vi.spyOn(services.approvals, 'list');
    const byIds = vi.spyOn(services.approvals, 'byIds');
    const asked = must(await new ApprovalsRepo(u.l.as(SESSIONS.handler)).request(a.id, { kind: 'copy', mode: 'copy', copies: 1 }, '分送'));
    await memory.refresh();
    expect(memory.snapshot().approvals.map((x) => [x.id, x.status])).toEqual([[asked.id, 'pending']]);
    must(await new ApprovalsRepo(u.l.as(SESSIONS.approver)).decide(asked.id, 'approved', '同意'));
    u.l.clock.t += 60_000;
    const other = must(await new ApprovalsRepo(u.l.as(SESSIONS.handler)).request(a.id, { kind: 'takeOut', destination: '市保密局', until: '2026-03-10', abroad: false }, '汇报'));
    await memory.refresh();
    expect(memory.snapshot().approvals.map((x) => [x.id, x.status])).toEqual([
      [other.id, 'pending'],
      [asked.id, 'approved'],
    ]);
    expect(list).not.toHaveBeenCalled();
    expect(byIds.mock.calls.flatMap(([ids]) => ids)).toEqual([asked.id, asked.id, other.id]);
    await expectSameAsFullRead(services, memory);
  });

  it('takes a change in by itself — no screen has to ask — and keeps the other carriers’ objects', async () => {
    const u = await unit();
    const a = await u.register();
    const b = await u.register();
    const services = createLedgerServices(u.l.as(SESSIONS.clerk));
    const memory = await started(services);
    const before = memory.snapshot().carriers;
    const seen: LedgerSnapshot[] = [];
    memory.subscribe(() => seen.push(memory.snapshot()));
    must(await u.carriers.act(a.id, { type: 'stored', place: '库房', reason: '整理' }));
    await vi.waitFor(() => expect(memory.snapshot().carriers.find((c) => c.id === a.id)?.place).toBe('库房'));
    expect(memory.snapshot().carriers.find((c) => c.id === b.id)).toBe(before.find((c) => c.id === b.id));
    // The screen never saw a partial ledger meanwhile.
    expect(seen.every((s) => s.complete && s.carriers.length === 2)).toBe(true);
  });

  it('does not lose a change committed while the whole ledger is still being read', async () => {
    const u = await unit();
    const made: CarrierState[] = [];
    for (let i = 1; i <= 9; i++) {
      u.l.clock.t += 60_000;
      made.push(await u.register({ ...PAPER, title: `第${i}号通知`, copyNumber: String(i).padStart(6, '0') }));
    }
    const services = createLedgerServices(u.l.as(SESSIONS.clerk));
    let pages = 0;
    const early = made[0] as CarrierState;
    const memory = new LedgerMemory(services, {
      pageSize: 3,
      // After the first page of the background read: a change to a carrier that page may already hold, and a new one.
      pause: async () => {
        if (++pages !== 1) return;
        must(await u.carriers.act(early.id, { type: 'stored', place: '库房', reason: '整理' }));
        must(await u.carriers.register({ record: { ...PAPER, title: '读取中登记' }, custodianId: u.people.clerk.id, place: '保密柜1号' }));
      },
    });
    memories.push(memory);
    await memory.start();
    await expectSameAsFullRead(services, memory);
    expect(memory.snapshot().carriers.find((c) => c.id === early.id)?.place).toBe('库房');
    expect(memory.snapshot().carriers.some((c) => c.title === '读取中登记')).toBe(true);
  });

  it('keeps the old ledger on screen, complete, while a big import is read again', async () => {
    const u = await unit();
    for (let i = 1; i <= 5; i++) await u.register({ ...PAPER, copyNumber: String(i).padStart(6, '0') });
    const services = createLedgerServices(u.l.as(SESSIONS.clerk));
    const memory = await started(services, { pageSize: 10 });
    const seen: LedgerSnapshot[] = [];
    memory.subscribe(() => seen.push(memory.snapshot()));
    must(await new CarrierImportRepo(u.l.as(SESSIONS.clerk)).import(importRows(u, 55, '旧台账')));
    await memory.refresh();
    expect(memory.stats.fullReads).toBe(2);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.complete && !s.loading && (s.carriers.length === 5 || s.carriers.length === 60))).toBe(true);
    expect(memory.snapshot().carriers).toHaveLength(60);
  });

  it('stops taking changes once stopped (unmounted, locked): nothing more is read into it', async () => {
    const u = await unit();
    const a = await u.register();
    const services = createLedgerServices(u.l.as(SESSIONS.clerk));
    const memory = await started(services);
    const byIds = vi.spyOn(services.listing, 'byIds');
    memory.stop();
    must(await u.carriers.act(a.id, { type: 'stored', place: '库房', reason: '整理' }));
    await memory.refresh();
    expect(byIds).not.toHaveBeenCalled();
    expect(memory.snapshot().carriers[0]?.place).toBe('保密柜3号');
  });
});

/** A carrier with only what ordering needs. */
function carrier(id: string, over: Partial<CarrierState> = {}): CarrierState {
  return {
    id,
    registryNumber: `2026-机-${id}`,
    title: id,
    docNumber: '',
    level: 'secret',
    kind: 'paper',
    status: 'in_custody',
    custodian: { kind: 'person', personId: 'p1' },
    place: '保密柜1号',
    copyNumber: '',
    loan: null,
    outing: null,
    registeredAt: '2026-03-02T00:00:00.000Z',
    ...over,
  } as CarrierState;
}

const PEOPLE = new Map<string, Person>([
  ['p1', { id: 'p1', name: '张三', department: '办公室', post: '科员', clearance: 'important', status: 'active', createdAt: '', updatedAt: '' } as Person],
  ['p2', { id: 'p2', name: '李四', department: '信息科', post: '科员', clearance: 'important', status: 'active', createdAt: '', updatedAt: '' } as Person],
]);

describe('merging into the ordered ledger and the sorted table (mergeCarriers, SortedView)', () => {
  // A seeded generator: the same cases every run.
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const TITLES = ['会议纪要', '保密工作要点', '安全检查通知', '中心工作方案', '年度计划', '应急预案', '', 'Report 10', 'report 9'];
  const PLACES = ['保密柜1号', '保密柜2号', '保密柜10号', '库房', ''];
  const TIMES = ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'];
  const random = (id: string): CarrierState =>
    carrier(id, {
      title: TITLES[rnd(TITLES.length)] ?? '',
      place: PLACES[rnd(PLACES.length)] ?? '',
      registeredAt: TIMES[rnd(TIMES.length)] ?? '',
      registryNumber: `2026-机-${String(rnd(1000)).padStart(4, '0')}`,
      level: (['secret', 'confidential', 'top_secret'] as const)[rnd(3)],
      custodian: { kind: 'person', personId: rnd(2) === 0 ? 'p1' : 'p2' },
    });
  /** The ledger's order as a whole read gives it (CarrierListing.all): rows read by id, then sorted stably, newest first. */
  const ledgerOf = (cs: CarrierState[]) => [...cs].sort((a, b) => (a.id < b.id ? -1 : 1)).sort(newestFirst());

  it('puts changed, new and deleted carriers where a whole read puts them, ties included', () => {
    let list = ledgerOf(Array.from({ length: 60 }, (_, i) => random(`c${String(i).padStart(3, '0')}`)));
    const ids = () => list.map((c) => c.id);
    for (let round = 0; round < 40; round++) {
      const changed = Array.from({ length: 1 + rnd(4) }, () => (rnd(3) === 0 ? random(`n${round}-${rnd(1000)}`) : { ...random(list[rnd(list.length)]?.id ?? 'x') }));
      const gone = rnd(4) === 0 ? [list[rnd(list.length)]?.id ?? ''] : [];
      const unique = [...new Map(changed.map((c) => [c.id, c])).values()].filter((c) => !gone.includes(c.id));
      const expected = new Map(list.map((c) => [c.id, c]));
      for (const g of gone) expected.delete(g);
      for (const c of unique) expected.set(c.id, c);
      list = mergeCarriers(list, unique, gone).carriers;
      expect(ids(), `round ${round}`).toEqual(ledgerOf([...expected.values()]).map((c) => c.id));
    }
  });

  it('keeps the table’s sort across merges exactly as sorting afresh would, new characters and new people included', () => {
    const columns: SortColumn[] = ['title', 'place', 'registryNumber', 'custodian', 'level', 'registeredAt', 'status'];
    for (const column of columns) {
      for (const direction of ['ascending', 'descending'] as const) {
        const sort: LedgerSort = { column, direction };
        const view = new SortedView();
        let list = ledgerOf(Array.from({ length: 40 }, (_, i) => random(`c${String(i).padStart(3, '0')}`)));
        let people: ReadonlyMap<string, Person> = PEOPLE;
        let keys = view.keysFor(list, people);
        view.order(list, sort, keys, null);
        for (let round = 0; round < 15; round++) {
          const c = { ...random(list[rnd(list.length)]?.id ?? 'x') };
          // Now and then a title or place with characters the keys never saw (the column is keyed again).
          if (round % 5 === 4) Object.assign(c, { title: `新${round}题`, place: `楼${round}层` });
          if (round === 7) people = new Map([...PEOPLE, ['p2', { ...(PEOPLE.get('p2') as Person), name: '阿四' }]]);
          const { carriers, delta } = mergeCarriers(list, [c]);
          list = carriers;
          keys = view.keysFor(list, people);
          const patched = view.order(list, sort, keys, delta).map((x) => x.id);
          expect(patched, `${column} ${direction} round ${round}`).toEqual(sortCarriers(list, sort, new SortKeys(list, people)).map((x) => x.id));
        }
      }
    }
  });

  it('gives a character first seen after a change a rank between its neighbours, ordering as keying everything afresh would', () => {
    const first = ['会议纪要', '保密工作要点', '安全检查通知', 'Report 10', '第3号', ''];
    const later = ['中心工作方案', '年度计划', 'report 9', 'Ärger', '鑫淼焱', '第12号', 'ａｂｃ', '𠀀字'];
    const learnt = new CollationKeys(first);
    for (const t of later) expect(learnt.learn(t), t).toBe(true);
    const fresh = new CollationKeys([...first, ...later]);
    const all = [...first, ...later];
    const byLearnt = [...all].sort((a, b) => (learnt.key(a) < learnt.key(b) ? -1 : learnt.key(a) > learnt.key(b) ? 1 : 0));
    const byFresh = [...all].sort((a, b) => (fresh.key(a) < fresh.key(b) ? -1 : fresh.key(a) > fresh.key(b) ? 1 : 0));
    expect(byLearnt).toEqual(byFresh);
    // Equal keys exactly where the fresh keys are equal (case and width differences included).
    for (const a of all) for (const b of all) expect(learnt.key(a) === learnt.key(b), `${a} ${b}`).toBe(fresh.key(a) === fresh.key(b));
  });
});
