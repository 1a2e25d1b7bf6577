
import { afterEach, describe, expect, it } from 'vitest';
import { filterCarriers } from '../../renderer/features/ledger/LedgerTable';
import type { CarrierState } from '../../shared/ledger/carrier';
import { cleanup, click, getByLabel, getByRole, queryAllByRole, textOf, type, waitFor } from './dom';
import { SESSIONS, testLedger, type TestSession } from './ledgerVault';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import { choose, renderLedgerPage } from './ledgerScreen';

afterEach(cleanup);

/** The ledger module as a signed-in account sees it, on a real encrypted database. */
async function renderLedger(who: TestSession, l?: Awaited<ReturnType<typeof testLedger>>) {
  const ledger = l ?? (await testLedger());
  return { c: await renderLedgerPage(ledger, who), ledger };
}

async function addPerson(c: HTMLElement, name: string, clearance: string, username = ''): Promise<void> {
  await type(getByLabel(c, '姓名'), name);
  await type(getByLabel(c, '部门'), '办公室');
  await type(getByLabel(c, '岗位'), '科员');
  await choose(c, '涉密人员类别', clearance);
  await type(getByLabel(c, '登录名（可选）'), username);
  await click(getByRole(c, 'button', { name: '新增' }));
  await waitFor(() => expect(textOf(c)).toContain(`已保存 ${name} 的信息`));
}

describe('ledger screens', () => {
  it('registers a carrier, lends it, refuses a second loan with the reason in Chinese, and takes it back', async () => {
    const { c } = await renderLedger(SESSIONS.clerk);
    expect(textOf(c)).toContain('台账中还没有载体');

    await click(getByRole(c, 'button', { name: '人员名录' }));
    await addPerson(c, '赵保密', '核心涉密人员', 'clerk1');
    await addPerson(c, '张三', '重要涉密人员');
    await addPerson(c, '李四', '一般涉密人员');

    await click(getByRole(c, 'button', { name: '登记载体' }));
    await type(getByLabel(c, '标题'), '关于开展年度保密检查的通知');
    await type(getByLabel(c, '文号'), '某保发〔2026〕3号');
    await type(getByLabel(c, '知悉岗位'), '科员、保密员');
    await type(getByLabel(c, '来文单位'), '市保密局');
    await choose(c, '保管人', '赵保密');
    await type(getByLabel(c, '存放位置'), '保密柜3号');
    await click(getByRole(c, 'button', { name: '登记' }));
    await waitFor(() => expect(textOf(c)).toMatch(/已登记，登记编号 \d{4}-机-0001/));
    // The form is empty again: nothing of this carrier would be registered on the next one.
    expect((getByLabel(c, '标题') as HTMLInputElement).value).toBe('');
    expect((getByLabel(c, '文号') as HTMLInputElement).value).toBe('');
    expect((getByLabel(c, '知悉岗位') as HTMLInputElement).value).toBe('');
    await click(getByRole(c, 'button', { name: '查看载体' }));
    await waitFor(() => getByRole(c, 'heading', { name: /^载体 \d{4}-机-0001$/ }));
    expect(textOf(c)).toContain('机密★20年');

    await click(getByRole(c, 'button', { name: '借出' }));
    // 李四 (一般) may not hold a 机密 carrier: not even offered.
    await expect(choose(c, '借阅人', '李四')).rejects.toThrow('no option');
    await choose(c, '借阅人', '张三');
    await type(getByLabel(c, '签收单号'), 'JY-0001');
    await click(getByRole(c, 'button', { name: '确认办理' }));
    await waitFor(() => expect(textOf(c)).toContain('借出：赵保密 → 张三'));
    expect(textOf(c)).toContain('签收单 JY-0001');

    await click(getByRole(c, 'button', { name: '借出' }));
    await choose(c, '借阅人', '赵保密');
    await type(getByLabel(c, '签收单号'), 'JY-0002');
    await click(getByRole(c, 'button', { name: '确认办理' }));
    const alert = await waitFor(() => getByRole(c, 'alert'));
    expect(alert.textContent).toMatch(/^载体 \d{4}-机-0001 已借出，尚未归还，不能再借出或办理其他事项。请先办理归还。$/);

    await click(getByRole(c, 'button', { name: '归还' }));
    await click(getByRole(c, 'button', { name: '确认办理' }));
    await waitFor(() => expect(textOf(c)).toContain('归还：张三 → 赵保密，存放于 保密柜3号（接收人本人确认）'));

    await click(getByRole(c, 'button', { name: '返回台账' }));
    await waitFor(() => expect(textOf(c)).toContain('显示 1 件，共 1 件'));
    expect(textOf(c)).toContain('在库');
  });

  it('registers a batch of 20 copies with copy numbers 000001–000020', async () => {
    const l = await testLedger();
    const { c } = await renderLedger(SESSIONS.clerk, l);
    await click(getByRole(c, 'button', { name: '人员名录' }));
    await addPerson(c, '赵保密', '核心涉密人员', 'clerk1');
    await click(getByRole(c, 'button', { name: '登记载体' }));
    await type(getByLabel(c, '标题'), '会议材料');
    await type(getByLabel(c, '知悉部门'), '办公室');
    await type(getByLabel(c, '来文单位'), '上级机关');
    await click(getByLabel(c, '批量登记（同一文件多份）'));
    await choose(c, '保管人', '赵保密');
    await type(getByLabel(c, '存放位置'), '保密柜1号');
    await click(getByRole(c, 'button', { name: '批量登记' }));
    await waitFor(() => expect(textOf(c)).toMatch(/已登记 20 件，登记编号 \d{4}-机-0001 至 \d{4}-机-0020/));
    await click(getByRole(c, 'button', { name: '载体台账' }));
    await waitFor(() => expect(textOf(c)).toContain('显示 20 件，共 20 件'));
    // Virtualized: only the rows in view (and a few beyond) are in the DOM.
    const rows = c.querySelectorAll('.vlist-row');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(20);
    await type(getByLabel(c, '搜索'), '0020');
    await waitFor(() => expect(textOf(c)).toContain('显示 1 件，共 20 件'));
    expect(textOf(c)).toContain('000020');
  });

  it('says what is wrong in Chinese when a registration is refused', async () => {
    const { c } = await renderLedger(SESSIONS.clerk);
    await click(getByRole(c, 'button', { name: '登记载体' }));
    await type(getByLabel(c, '标题'), '无知悉范围的文件');
    await type(getByLabel(c, '来文单位'), '上级机关');
    await click(getByRole(c, 'button', { name: '登记' }));
    // Said inside 知悉范围, on the field it concerns (aria-describedby), not under the form.
    await waitFor(() => expect(getByLabel(c, '知悉岗位').getAttribute('aria-invalid')).toBe('true'));
    const described = getByLabel(c, '知悉岗位').getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(described)?.textContent).toBe('国家秘密必须确定知悉范围：勾选人员，或填写岗位、部门、单位。');
  });

  it('shows an approver the approvals queue and no registration', async () => {
    const l = await testLedger();
    const { c } = await renderLedger(SESSIONS.approver, l);
    expect(queryAllByRole(c, 'button').map((b) => b.textContent)).not.toContain('登记载体');
    await click(getByRole(c, 'button', { name: '审批' }));
    expect(textOf(c)).toContain('没有审批记录');
  });
});

/** A unit with a clerk (clerk1), a reader with a login (zhang) and one 机密 paper, made through the repositories. */
async function seeded() {
  const l = await testLedger();
  const people = new PeopleRepo(l.as(SESSIONS.clerk));
  const base = { department: '办公室', post: '科员', status: 'active' as const };
  const clerk = await people.create({ ...base, name: '赵保密', post: '保密员', clearance: 'core', username: 'clerk1' });
  const zhang = await people.create({ ...base, name: '张三', clearance: 'important', username: 'zhang' });
  if (!clerk.ok || !zhang.ok) throw new Error('people');
  const r = await new CarriersRepo(l.as(SESSIONS.clerk)).register({
    record: {
      title: '项目方案',
      docNumber: '',
      level: 'secret',
      period: { kind: 'years', years: 10 },
      scope: { personIds: [zhang.value.id], posts: [], departments: [], units: [] },
      copyNumber: '000001',
      details: { kind: 'paper', pages: 5 },
      origin: { kind: 'produced', department: '办公室' },
      note: '',
    },
    custodianId: clerk.value.id,
    place: '保密柜3号',
  });
  if (!r.ok || !r.value[0]) throw new Error('carrier');
  return { l, number: r.value[0].registryNumber };
}

async function openCarrier(c: HTMLElement, number: string) {
  await click(getByRole(c, 'button', { name: number }));
  await waitFor(() => getByRole(c, 'heading', { name: `载体 ${number}` }));
}

describe('approvals, copies and hand-overs on screen', () => {
  it('a copy is asked for, approved by an approver in the queue, then made and linked, with the original’s marking', async () => {
    const { l, number } = await seeded();
    let { c } = await renderLedger(SESSIONS.clerk, l);
    await openCarrier(c, number);
    await click(getByRole(c, 'button', { name: '申请审批' }));
    await type(getByLabel(c, '份数'), '2');
    await type(getByLabel(c, '事由'), '分送两个科室');
    await click(getByRole(c, 'button', { name: '提交申请' }));
    await waitFor(() => expect(textOf(c)).toContain('复制 2 份 · 待审批'));
    // No 复制 action before an approval exists.
    expect(queryAllByRole(c, 'button', { name: '复制' })).toHaveLength(0);
    await cleanup();

    ({ c } = await renderLedger(SESSIONS.approver, l));
    await click(getByRole(c, 'button', { name: '审批' }));
    await waitFor(() => expect(textOf(c)).toContain('赵保密 于'));
    await type(getByLabel(c, '审批意见'), '同意');
    await click(getByRole(c, 'button', { name: '批准' }));
    await waitFor(() => expect(textOf(c)).toContain('已批准'));
    await cleanup();

    ({ c } = await renderLedger(SESSIONS.clerk, l));
    await openCarrier(c, number);
    await click(getByRole(c, 'button', { name: '复制' }));
    await click(getByRole(c, 'button', { name: '确认办理' }));
    await waitFor(() => expect(textOf(c)).toContain('复制 2 份（经审批）'));
    const copyNumber = number.replace(/0001$/, '0003');
    await click(getByRole(c, 'button', { name: copyNumber }));
    await waitFor(() => getByRole(c, 'heading', { name: `载体 ${copyNumber}` }));
    expect(textOf(c)).toContain(`本载体是复制件，原件：${number}`);
    expect(textOf(c)).toContain('机密★10年');
    expect(textOf(c)).toContain('000003');
  });

  it('a hand-over waits for the receiver, who confirms it in their own session', async () => {
    const { l, number } = await seeded();
    let { c } = await renderLedger(SESSIONS.clerk, l);
    await openCarrier(c, number);
    await click(getByRole(c, 'button', { name: '移交' }));
    await choose(c, '接收人', '张三');
    await choose(c, '接收确认方式', '等待接收人登录后本人确认');
    await type(getByLabel(c, '事由'), '交办');
    await click(getByRole(c, 'button', { name: '确认办理' }));
    await waitFor(() => expect(textOf(c)).toContain('一项交接正在等待 张三 确认接收'));
    // The giver cannot confirm for the receiver: there is no button for it.
    expect(queryAllByRole(c, 'button', { name: '确认接收' })).toHaveLength(0);
    await cleanup();

    ({ c } = await renderLedger(SESSIONS.handler, l));
    await openCarrier(c, number);
    await click(getByRole(c, 'button', { name: '确认接收' }));
    await waitFor(() => expect(textOf(c)).toContain('接收人本人确认接收'));
    expect(textOf(c)).toContain('保管人张三');
  });
});

describe('recall and inventory on screen', () => {
  it('recalls what is out, then an inventory ticks a scanned number and lists the rest as missing', async () => {
    const { l, number } = await seeded();
    const { c } = await renderLedger(SESSIONS.clerk, l);
    await click(getByRole(c, 'button', { name: '召回与清查' }));
    await waitFor(() => expect(textOf(c)).toContain('目前不在存放位置的载体：0 件。'));
    await type(getByLabel(c, '事由'), '国庆节前召回');
    await click(getByRole(c, 'button', { name: '发起召回' }));
    await waitFor(() => expect(textOf(c)).toMatch(/已记录召回：0 件载体须于 \d{4}-\d{2}-\d{2} 前归还。/));

    await type(getByLabel(c, '清查说明'), '年终清查');
    await click(getByRole(c, 'button', { name: '开始清查' }));
    await waitFor(() => expect(textOf(c)).toContain('已清点 0 / 1 件'));
    await type(getByLabel(c, '登记编号（可扫码）'), number.replace('-', '－'));
    await click(getByRole(c, 'button', { name: '清点' }));
    await waitFor(() => expect(textOf(c)).toContain(`已清点 ${number}。`));
    expect(textOf(c)).toContain('已清点 1 / 1 件');
    await type(getByLabel(c, '登记编号（可扫码）'), '2026-秘-4242');
    await click(getByRole(c, 'button', { name: '清点' }));
    await waitFor(() => expect(textOf(c)).toContain('2026-秘-4242 不是台账中的载体'));
    await click(getByRole(c, 'button', { name: '结束清查' }));
    await waitFor(() => expect(textOf(c)).toContain('清查结果：已清点 1 件，缺失 0 件，台账外编号 1 个。'));
  });
});

describe('ledger filters', () => {
  const base: Parameters<typeof filterCarriers>[1] = { level: 'all', kind: 'all', status: 'all', custodian: 'all', query: '' };
  const carrier = (over: Partial<CarrierState>): CarrierState =>
    ({ id: 'x', registryNumber: '2026-机-0001', title: '通知', docNumber: '某发〔2026〕1号', level: 'secret', kind: 'paper', status: 'in_custody', custodian: { kind: 'person', personId: 'p1' }, loan: null, pending: null, ...over }) as CarrierState;

  it('matches title, registry number and 文号 (brackets typed either way), and finds overdue loans', () => {
    const all = [
      carrier({ id: 'a' }),
      carrier({ id: 'b', title: '年度工作总结', registryNumber: '2026-秘-0002', level: 'confidential', docNumber: '' }),
      carrier({ id: 'c', status: 'on_loan', loan: { borrowerId: 'p2', lenderId: 'p1', since: '', dueOn: '2026-03-01' } }),
    ];
    const ids = (f: Partial<typeof base>) => filterCarriers(all, { ...base, ...f }, '2026-03-02').map((x) => x.id);
    expect(ids({ query: '工作总结' })).toEqual(['b']);
    expect(ids({ query: '秘-0002' })).toEqual(['b']);
    expect(ids({ query: '某发[2026]1号' })).toEqual(['a', 'c']);
    expect(ids({ status: 'overdue' })).toEqual(['c']);
    expect(ids({ level: 'confidential' })).toEqual(['b']);
    expect(ids({ custodian: 'p2' })).toEqual([]);
  });
});
