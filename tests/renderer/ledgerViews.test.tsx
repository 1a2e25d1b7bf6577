
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import { SavedFiltersRepo } from '../../renderer/db/savedFilters.repo';
import { filterCarriers } from '../../renderer/features/ledger/ledgerFilters';
import { createLedgerServices, type LedgerServices } from '../../renderer/features/ledger/ledgerServices';
import { CollationKeys, SortKeys, sortCarriers } from '../../renderer/features/ledger/ledgerSort';
import type { CarrierRecord, CarrierState } from '../../shared/ledger/carrier';
import { NO_FILTER, type LedgerSort } from '../../shared/ledger/ledgerView';
import type { Person } from '../../shared/ledger/people';
import type { Result } from '../../shared/result';
import { cleanup, click, getByLabel, getByRole, queryAllByRole, textOf, type, waitFor } from './dom';
import { SESSIONS, testLedger, type TestLedger, type TestSession } from './ledgerVault';
import { choose as chooseOption, mountLedgerPage } from './ledgerScreen';

afterEach(cleanup);

const choose = (scope: HTMLElement, label: string, optionText: string) => chooseOption(scope, label, optionText, { exact: true });

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A carrier state with only what the table orders and filters by. */
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

function person(id: string, name: string, department: string): Person {
  return { id, name, department, post: '科员', clearance: 'important', status: 'active', createdAt: '', updatedAt: '' };
}

const PEOPLE = new Map([
  ['p1', person('p1', '张三', '办公室')],
  ['p2', person('p2', '李四', '信息科')],
  ['p3', person('p3', '王五', '信息科')],
]);

const sorted = (all: CarrierState[], sort: LedgerSort) => sortCarriers(all, sort, new SortKeys(all, PEOPLE)).map((c) => c.id);

describe('sorting the ledger (ledgerSort)', () => {
  // Code-point order of the first characters is 中 < 会 < 保 < 安; pinyin (zhong, hui, bao, an) the reverse.
  const titles = [carrier('a', { title: '中心工作方案' }), carrier('b', { title: '会议纪要' }), carrier('c', { title: '保密工作要点' }), carrier('d', { title: '安全检查通知' })];

  it('orders titles by Chinese collation (pinyin), not by code point, both directions', () => {
    expect(sorted(titles, { column: 'title', direction: 'ascending' })).toEqual(['d', 'c', 'b', 'a']);
    expect(sorted(titles, { column: 'title', direction: 'descending' })).toEqual(['a', 'b', 'c', 'd']);
    expect([...titles].sort((x, y) => (x.title < y.title ? -1 : 1)).map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps the ledger order for ties in both directions (stable), and no sort is the ledger order', () => {
    const all = [carrier('1', { title: '会议纪要' }), carrier('2', { title: '安全' }), carrier('3', { title: '会议纪要' }), carrier('4', { title: '会议纪要' })];
    expect(sorted(all, { column: 'title', direction: 'ascending' })).toEqual(['2', '1', '3', '4']);
    expect(sorted(all, { column: 'title', direction: 'descending' })).toEqual(['1', '3', '4', '2']);
    expect(sorted(all, null)).toEqual(['1', '2', '3', '4']);
  });

  it('orders registry numbers by the value of their numbers (9 before 10 before 100)', () => {
    const all = [carrier('x', { registryNumber: '2026-机-100' }), carrier('y', { registryNumber: '2026-机-9' }), carrier('z', { registryNumber: '2026-机-10' }), carrier('w', { registryNumber: '2025-机-500' })];
    expect(sorted(all, { column: 'registryNumber', direction: 'ascending' })).toEqual(['w', 'y', 'z', 'x']);
  });

  it('orders levels from 秘密 up to 绝密, custodians by name in pinyin, and puts empty places and due dates last either way', () => {
    const all = [
      carrier('ts', { level: 'top_secret', custodian: { kind: 'person', personId: 'p1' }, place: '' }),
      carrier('co', { level: 'confidential', custodian: { kind: 'person', personId: 'p2' }, place: '保密柜2号', loan: { borrowerId: 'p2', dueOn: '2026-04-01' } as CarrierState['loan'] }),
      carrier('se', { level: 'secret', custodian: { kind: 'person', personId: 'p3' }, place: '保密柜10号', loan: { borrowerId: 'p3', dueOn: '2026-03-10' } as CarrierState['loan'] }),
    ];
    expect(sorted(all, { column: 'level', direction: 'ascending' })).toEqual(['co', 'se', 'ts']);
    expect(sorted(all, { column: 'level', direction: 'descending' })).toEqual(['ts', 'se', 'co']);
    // 李四 (li) < 王五 (wang) < 张三 (zhang)
    expect(sorted(all, { column: 'custodian', direction: 'ascending' })).toEqual(['co', 'se', 'ts']);
    expect(sorted(all, { column: 'place', direction: 'ascending' })).toEqual(['co', 'se', 'ts']);
    expect(sorted(all, { column: 'place', direction: 'descending' })).toEqual(['se', 'co', 'ts']);
    expect(sorted(all, { column: 'dueOn', direction: 'ascending' })).toEqual(['se', 'co', 'ts']);
    expect(sorted(all, { column: 'dueOn', direction: 'descending' })).toEqual(['co', 'se', 'ts']);
  });

  it('gives the same order as Intl.Collator("zh-CN", { numeric: true }) on mixed Chinese, Latin and numbered titles', () => {
    const texts = [
      '关于2026年度保密检查的通知', '关于2025年度保密检查的通知', '关于10号文件的说明', '关于9号文件的说明', '会议纪要', '会议纪要（第2次）', '会议纪要（第10次）',
      'USB 存储介质清单', 'usb 存储介质清单', 'A项目方案', 'b项目方案', '中心工作方案', '重要工作部署', '保密工作要点', '报告', '安全检查通知', '阿里', '张三', '章程', '',
    ];
    const collator = new Intl.Collator('zh-CN', { numeric: true });
    const keys = new CollationKeys(texts);
    const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
    for (const a of texts) {
      for (const b of texts) {
        if (a === '' || b === '') continue;
        const ka = keys.key(a);
        const kb = keys.key(b);
        expect(sign(ka < kb ? -1 : ka > kb ? 1 : 0), `${a} vs ${b}`).toBe(sign(collator.compare(a, b)));
      }
    }
  });
});

describe('filtering by department, place and dates (ledgerFilters)', () => {
  const all = [
    carrier('a', { custodian: { kind: 'person', personId: 'p1' }, place: '保密柜1号', registeredAt: '2026-03-01T02:00:00.000Z' }),
    carrier('b', { custodian: { kind: 'person', personId: 'p2' }, place: '保密柜2号', registeredAt: '2026-03-05T02:00:00.000Z', loan: { borrowerId: 'p2', dueOn: '2026-03-20' } as CarrierState['loan'] }),
    carrier('c', { custodian: { kind: 'person', personId: 'p3' }, place: '保密柜1号', registeredAt: '2026-03-09T02:00:00.000Z', level: 'top_secret', outing: { expectedBackOn: '2026-03-12' } as CarrierState['outing'] }),
    carrier('d', { custodian: { kind: 'external', name: '市保密局' }, place: '保密柜2号', registeredAt: '2026-03-09T03:00:00.000Z' }),
  ];
  const ids = (f: Partial<typeof NO_FILTER>) => filterCarriers(all, { ...NO_FILTER, ...f }, '2026-03-10', undefined, PEOPLE).map((c) => c.id);

  it('by the custodian’s department in the people directory (outside units belong to none)', () => {
    expect(ids({ department: '信息科' })).toEqual(['b', 'c']);
    expect(ids({ department: '办公室' })).toEqual(['a']);
    expect(filterCarriers(all, { ...NO_FILTER, department: '信息科' }, '2026-03-10')).toEqual([]);
  });

  it('by place, exactly', () => {
    expect(ids({ place: '保密柜2号' })).toEqual(['b', 'd']);
  });

  it('by registration date, both ends inclusive, either end open, in local days', () => {
    const local = (iso: string) => {
      const d = new Date(iso);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const day = (id: string) => local(all.find((c) => c.id === id)?.registeredAt ?? '');
    expect(ids({ registeredFrom: day('b'), registeredTo: day('b') })).toEqual(['b']);
    expect(ids({ registeredFrom: day('c') })).toEqual(['c', 'd']);
    expect(ids({ registeredTo: day('b') })).toEqual(['a', 'b']);
  });

  it('by due date (a loan’s due date or a take-out’s expected return), and combined with the other filters', () => {
    expect(ids({ dueBy: '2026-03-12' })).toEqual(['c']);
    expect(ids({ dueBy: '2026-03-31' })).toEqual(['b', 'c']);
    expect(ids({ dueBy: '2026-03-31', department: '信息科', level: 'secret' })).toEqual(['b']);
    expect(ids({ place: '保密柜1号', department: '信息科' })).toEqual(['c']);
  });
});

/** Four people in two departments; four papers registered a day apart, custodians and places varied. */
async function seeded(l: TestLedger) {
  const people = new PeopleRepo(l.as(SESSIONS.clerk));
  const base = { post: '科员', clearance: 'important' as const, status: 'active' as const };
  const zhao = must(await people.create({ ...base, name: '赵保密', department: '办公室', post: '保密员', clearance: 'core', username: 'clerk1' }));
  const li = must(await people.create({ ...base, name: '李四', department: '信息科' }));
  const wang = must(await people.create({ ...base, name: '王五', department: '信息科' }));
  const clerk = new CarriersRepo(l.as(SESSIONS.clerk));
  const paper: CarrierRecord = {
    title: '',
    docNumber: '',
    level: 'secret',
    period: { kind: 'years', years: 10 },
    scope: { personIds: [], posts: ['科员'], departments: [], units: [] },
    copyNumber: '000001',
    details: { kind: 'paper', pages: 3 },
    origin: { kind: 'received', from: '市保密局' },
    note: '',
  };
  const entries = [
    { title: '中心工作方案', custodianId: zhao.id, place: '保密柜1号' },
    { title: '会议纪要', custodianId: li.id, place: '保密柜2号' },
    { title: '保密工作要点', custodianId: wang.id, place: '保密柜1号' },
    { title: '安全检查通知', custodianId: zhao.id, place: '保密柜3号' },
  ];
  for (const e of entries) {
    must(await clerk.register({ record: { ...paper, title: e.title }, custodianId: e.custodianId, place: e.place }));
    l.clock.t += 86_400_000;
  }
}

const renderLedger = (l: TestLedger, who: TestSession = SESSIONS.clerk, services: LedgerServices = createLedgerServices(l.as(who))) => mountLedgerPage(services, who);

async function renderComplete(l: TestLedger, who: TestSession = SESSIONS.clerk) {
  const c = await renderLedger(l, who);
  await waitFor(() => expect(textOf(c)).toMatch(/显示 \d+ 件，共 \d+ 件/));
  await waitFor(() => expect(c.querySelector('.sort-button:disabled')).toBeNull());
  return c;
}

const titlesShown = (c: HTMLElement) => [...c.querySelectorAll('.vlist-row .col-title')].map((x) => x.textContent);

const header = (c: HTMLElement, name: string) => {
  const h = [...c.querySelectorAll<HTMLElement>('[role="columnheader"]')].find((x) => x.querySelector('button')?.firstChild?.textContent === name);
  if (!h) throw new Error(`no column ${name}`);
  return h;
};

describe('the ledger table on screen: sorting, more filters, saved filters', () => {
  it('sorts by a column header click, ascending then descending, with aria-sort, and back to the ledger order', async () => {
    const l = await testLedger();
    await seeded(l);
    const c = await renderComplete(l);
    expect(titlesShown(c)).toEqual(['安全检查通知', '保密工作要点', '会议纪要', '中心工作方案']);
    expect(header(c, '标题').getAttribute('aria-sort')).toBe('none');

    await click(header(c, '标题').querySelector('button') as HTMLElement);
    expect(header(c, '标题').getAttribute('aria-sort')).toBe('ascending');
    expect(titlesShown(c)).toEqual(['安全检查通知', '保密工作要点', '会议纪要', '中心工作方案']);
    expect(textOf(c)).toContain('按“标题”升序排列');

    await click(header(c, '标题').querySelector('button') as HTMLElement);
    expect(header(c, '标题').getAttribute('aria-sort')).toBe('descending');
    expect(titlesShown(c)).toEqual(['中心工作方案', '会议纪要', '保密工作要点', '安全检查通知']);

    // Another column starts ascending; the first one is no longer sorted.
    await click(header(c, '保管人').querySelector('button') as HTMLElement);
    expect(header(c, '保管人').getAttribute('aria-sort')).toBe('ascending');
    expect(header(c, '标题').getAttribute('aria-sort')).toBe('none');
    // 李四 (li) < 王五 (wang) < 赵保密 (zhao); 赵保密's two keep the ledger order (newest first).
    expect(titlesShown(c)).toEqual(['会议纪要', '保密工作要点', '安全检查通知', '中心工作方案']);

    await click(getByRole(c, 'button', { name: '恢复默认顺序' }));
    expect(header(c, '保管人').getAttribute('aria-sort')).toBe('none');
    expect(textOf(c)).toContain('按登记时间从新到旧排列');
  });

  it('filters by the custodian’s department, by place and by registration dates, and says when the dates are reversed', async () => {
    const l = await testLedger();
    await seeded(l);
    const c = await renderComplete(l);
    await choose(c, '保管人部门', '信息科');
    await waitFor(() => expect(textOf(c)).toContain('显示 2 件，共 4 件'));
    expect(titlesShown(c)).toEqual(['保密工作要点', '会议纪要']);
    await choose(c, '存放位置', '保密柜1号');
    await waitFor(() => expect(textOf(c)).toContain('显示 1 件，共 4 件'));
    expect(titlesShown(c)).toEqual(['保密工作要点']);
    await click(getByRole(c, 'button', { name: '清除筛选' }));
    await waitFor(() => expect(textOf(c)).toContain('显示 4 件，共 4 件'));

    // Registered 2026-03-02 … 2026-03-05, one a day (the test clock, local time +08:00 at 08:00).
    const local = (ms: number) => {
      const d = new Date(ms);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const first = Date.parse('2026-03-02T08:00:00+08:00');
    await type(getByLabel(c, '登记日期自'), local(first + 86_400_000));
    await type(getByLabel(c, '登记日期至'), local(first + 2 * 86_400_000));
    await waitFor(() => expect(textOf(c)).toContain('显示 2 件，共 4 件'));
    expect(titlesShown(c)).toEqual(['保密工作要点', '会议纪要']);

    await type(getByLabel(c, '登记日期自'), local(first + 3 * 86_400_000));
    await waitFor(() => expect(textOf(c)).toContain('“登记日期自”晚于“登记日期至”，请改正其中一个日期'));
    // Not applied while reversed: the whole ledger, not an empty table.
    expect(textOf(c)).toContain('显示 4 件，共 4 件');
    expect(getByLabel(c, '登记日期至').getAttribute('aria-invalid')).toBe('true');
  });

  it('saves the filter, search and sort under a name, refuses an empty or taken name in Chinese, applies it after a relock, and deletes it', async () => {
    const l = await testLedger();
    await seeded(l);
    let c = await renderComplete(l);
    await choose(c, '保管人部门', '信息科');
    await click(header(c, '标题').querySelector('button') as HTMLElement);
    await click(header(c, '标题').querySelector('button') as HTMLElement);

    await click(getByRole(c, 'button', { name: '保存当前筛选' }));
    expect((await waitFor(() => getByRole(c, 'alert'))).textContent).toBe('请填写筛选名称，例如“办公室在借”，再保存。');
    await type(getByLabel(c, '筛选名称'), '  信息科 标题倒序 ');
    await click(getByRole(c, 'button', { name: '保存当前筛选' }));
    await waitFor(() => expect(textOf(c)).toContain('已保存筛选“信息科 标题倒序”。'));
    expect(textOf(c)).toContain('信息科；按“标题”降序排列');
    await type(getByLabel(c, '筛选名称'), '信息科　标题倒序');
    await click(getByRole(c, 'button', { name: '保存当前筛选' }));
    expect((await waitFor(() => getByRole(c, 'alert'))).textContent).toBe('已有名为“信息科 标题倒序”的筛选。请换一个名称，或先删除原有的筛选。');
    expect(must(await new SavedFiltersRepo(l.as(SESSIONS.clerk)).list())).toHaveLength(1);

    // Locked and signed in again: a new screen on the same store, in the default view.
    await cleanup();
    c = await renderComplete(l);
    expect(textOf(c)).toContain('显示 4 件，共 4 件');
    await click(await waitFor(() => getByRole(c, 'button', { name: '应用筛选“信息科 标题倒序”' })));
    await waitFor(() => expect(textOf(c)).toContain('显示 2 件，共 4 件'));
    expect(titlesShown(c)).toEqual(['会议纪要', '保密工作要点']);
    expect(header(c, '标题').getAttribute('aria-sort')).toBe('descending');

    // Another account does not see it.
    const other = must(await new SavedFiltersRepo(l.as(SESSIONS.approver)).list());
    expect(other).toEqual([]);

    await click(getByRole(c, 'button', { name: '删除筛选“信息科 标题倒序”' }));
    await waitFor(() => expect(textOf(c)).toContain('已删除筛选“信息科 标题倒序”。'));
    expect(textOf(c)).toContain('还没有保存的筛选。');
    expect(must(await new SavedFiltersRepo(l.as(SESSIONS.clerk)).list())).toEqual([]);
  });

  it('shows the first page while the count has not answered: the first page does not wait for counting', async () => {
    const l = await testLedger();
    await seeded(l);
    const services = createLedgerServices(l.as(SESSIONS.clerk));
    const log: string[] = [];
    let releaseCount: () => void = () => undefined;
    const countGate = new Promise<void>((r) => (releaseCount = r));
    const count = vi.spyOn(l.db.carriers, 'count');
    const firstPage = services.listing.firstPage.bind(services.listing);
    services.listing.firstPage = async (n) => {
      const r = await firstPage(n);
      log.push('firstPage');
      return r;
    };
    const realCount = services.listing.count.bind(services.listing);
    services.listing.count = async () => {
      log.push('count');
      await countGate;
      return realCount();
    };
    // The background reading held back too, so the screen stays at its first page.
    services.listing.all = () => new Promise(() => undefined);

    const c = await renderLedger(l, SESSIONS.clerk, services);
    await waitFor(() => expect(titlesShown(c)).toHaveLength(4));
    expect(textOf(c)).toContain('显示 4 件，正在统计台账总数…');
    expect(log).toEqual(['firstPage', 'count']);
    expect(count).not.toHaveBeenCalled();

    releaseCount();
    await waitFor(() => expect(textOf(c)).toContain('显示 4 件，共 4 件'));
    expect(textOf(c)).toContain('正在读取其余载体（4 / 4）');
    expect(count).toHaveBeenCalledTimes(1);
  });

  it('keeps saved filters encrypted: neither the name nor the account is readable in the stored row', async () => {
    const l = await testLedger();
    const repo = new SavedFiltersRepo(l.as(SESSIONS.clerk));
    must(await repo.save('绝密文件在借', { ...NO_FILTER, level: 'top_secret', status: 'on_loan' }, { column: 'dueOn', direction: 'ascending' }));
    const rows = await l.db.savedFilters.toArray();
    expect(rows).toHaveLength(1);
    const bytes = new TextDecoder('utf-8', { fatal: false }).decode((rows[0] as { ct: Uint8Array }).ct);
    expect(bytes).not.toContain('绝密文件在借');
    expect(bytes).not.toContain('acc-clerk');
    expect(Object.keys(rows[0] as object).sort()).toEqual(['ct', 'id']);
    const [back] = must(await repo.list());
    expect(back).toMatchObject({ name: '绝密文件在借', filters: { level: 'top_secret', status: 'on_loan', department: 'all' }, sort: { column: 'dueOn', direction: 'ascending' } });
    expect(await repo.remove('no-such-id')).toEqual({ ok: false, error: { code: 'SAVED_FILTER_NOT_FOUND' } });
    // Another account cannot delete it either.
    expect(await new SavedFiltersRepo(l.as(SESSIONS.handler)).remove(back?.id ?? '')).toEqual({ ok: false, error: { code: 'SAVED_FILTER_NOT_FOUND' } });
    must(await repo.remove(back?.id ?? ''));
    // The trail says who saved and deleted which filter, in the same transactions.
    const trail = await l.audits.list(l.cipher, 5);
    expect(trail.map((e) => [e.action, e.detail.name])).toEqual([
      ['ledger.filterDeleted', '绝密文件在借'],
      ['ledger.filterSaved', '绝密文件在借'],
    ]);
  });

  it('refuses a name too long, and an account without a ledger role, in the store layer', async () => {
    const l = await testLedger();
    const repo = new SavedFiltersRepo(l.as(SESSIONS.clerk));
    expect(await repo.save('名'.repeat(31), NO_FILTER, null)).toEqual({ ok: false, error: { code: 'SAVED_FILTER_NAME_TOO_LONG', params: { max: 30 } } });
    expect(await new SavedFiltersRepo(l.as(SESSIONS.sysadmin)).save('系统', NO_FILTER, null)).toEqual({ ok: false, error: { code: 'NOT_PERMITTED', params: { action: 'carrier.read' } } });
    expect(await l.db.savedFilters.count()).toBe(0);
    expect(queryAllByRole(document.body, 'alert')).toHaveLength(0);
  });
});
