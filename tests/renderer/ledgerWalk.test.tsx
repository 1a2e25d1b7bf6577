
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, click, getByLabel, getByRole, queryAllByRole, textOf, type, waitFor } from './dom';
import { SESSIONS, testLedger, type TestSession } from './ledgerVault';
import { ApprovalsRepo } from '../../renderer/db/approvals.repo';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import { choose, renderLedgerPage, selectLabelled } from './ledgerScreen';

afterEach(cleanup);

async function renderLedger(who: TestSession, l?: Awaited<ReturnType<typeof testLedger>>) {
  return renderLedgerPage(l ?? (await testLedger()), who);
}

/**
 * What the UI walk found in the ledger's screens (docs/decisions.md, "The ledger module walked"):
 * each test fails if the fix is undone. The real encrypted store, as in ledgerPage.test.tsx.
 */
/** The field's own error: aria-invalid, and the text its aria-describedby points to. */
function fieldError(field: HTMLElement): string {
  expect(field.getAttribute('aria-invalid')).toBe('true');
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('the ledger walk: field errors say the rule, next to the field', () => {
  it('人员名录: an empty name says 不能为空 on 姓名 and takes the focus; a too long department says its limit', async () => {
    const c = await renderLedger(SESSIONS.clerk);
    await click(getByRole(c, 'button', { name: '人员名录' }));
    await click(getByRole(c, 'button', { name: '新增' }));
    const name = getByLabel(c, '姓名');
    await waitFor(() => expect(fieldError(name)).toContain('请填写“姓名”，不能为空。'));
    expect(document.activeElement).toBe(name);
    // Said on the field, not again as a generic sentence under the form.
    expect(textOf(c)).not.toContain('填写不符合要求');
    expect(queryAllByRole(c, 'alert')).toHaveLength(0);

    await type(name, '张三');
    await type(getByLabel(c, '部门'), '办'.repeat(61));
    await click(getByRole(c, 'button', { name: '新增' }));
    const department = getByLabel(c, '部门');
    await waitFor(() => expect(fieldError(department)).toContain('“部门”不能超过 60 个字'));
    expect(document.activeElement).toBe(department);
    expect(name.getAttribute('aria-invalid')).toBeNull();

    await type(department, '办公室');
    await type(getByLabel(c, '登录名（可选）'), '张');
    await click(getByRole(c, 'button', { name: '新增' }));
    await waitFor(() => expect(fieldError(getByLabel(c, '登录名（可选）'))).toContain('3–32 位英文字母'));
  });

  it('登记载体: an empty form says 标题 不能为空 on 标题 with the focus there; then 来文单位, 保管人 and 存放位置 each on their own field', async () => {
    const c = await renderLedger(SESSIONS.clerk);
    await click(getByRole(c, 'button', { name: '人员名录' }));
    await type(getByLabel(c, '姓名'), '赵保密');
    await type(getByLabel(c, '部门'), '办公室');
    await choose(c, '涉密人员类别', '核心涉密人员');
    await click(getByRole(c, 'button', { name: '新增' }));
    await waitFor(() => expect(textOf(c)).toContain('已保存 赵保密 的信息'));

    await click(getByRole(c, 'button', { name: '登记载体' }));
    await click(getByRole(c, 'button', { name: '登记' }));
    const title = getByLabel(c, '标题');
    await waitFor(() => expect(fieldError(title)).toContain('请填写“标题”，不能为空。'));
    expect(document.activeElement).toBe(title);
    expect(textOf(c)).not.toContain('填写不符合要求');

    await type(title, '关于开展年度保密检查的通知');
    await type(getByLabel(c, '知悉岗位'), '科员');
    await click(getByRole(c, 'button', { name: '登记' }));
    await waitFor(() => expect(fieldError(getByLabel(c, '来文单位'))).toContain('请填写“来文单位”'));
    expect(document.activeElement).toBe(getByLabel(c, '来文单位'));

    await type(getByLabel(c, '来文单位'), '市保密局');
    await click(getByRole(c, 'button', { name: '登记' }));
    await waitFor(() => expect(fieldError(getByLabel(c, '存放位置'))).toContain('请填写“存放位置”'));
    expect(document.activeElement).toBe(getByLabel(c, '存放位置'));

    await type(getByLabel(c, '存放位置'), '保密柜3号');
    await click(getByRole(c, 'button', { name: '登记' }));
    const custodian = selectLabelled(c, '保管人');
    await waitFor(() => expect(fieldError(custodian)).toContain('请选择人员名录中的人员'));
    expect(document.activeElement).toBe(custodian);

    await choose(c, '保管人', '赵保密');
    await type(getByLabel(c, '份号'), '12');
    await click(getByRole(c, 'button', { name: '登记' }));
    await waitFor(() => expect(fieldError(getByLabel(c, '份号'))).toContain('份号应为 6 位数字'));
  });

  it('登记载体: a state secret with no 知悉范围 says so inside 知悉范围', async () => {
    const c = await renderLedger(SESSIONS.clerk);
    await click(getByRole(c, 'button', { name: '登记载体' }));
    await type(getByLabel(c, '标题'), '通知');
    await click(getByRole(c, 'button', { name: '登记' }));
    await waitFor(() => expect(fieldError(getByLabel(c, '知悉岗位'))).toContain('必须确定知悉范围'));
    expect(document.activeElement).toBe(getByLabel(c, '知悉岗位'));
  });
});

describe('the ledger walk: an empty ledger says what fits the role', () => {
  it('the 审批人 (who has no 登记载体 tab) is not sent there', async () => {
    const c = await renderLedger(SESSIONS.approver);
    expect(queryAllByRole(c, 'button').some((b) => b.textContent === '登记载体')).toBe(false);
    expect(textOf(c)).toContain('载体由保密员或承办人在“登记载体”中登记');
    expect(textOf(c)).not.toContain('请在“登记载体”中登记');
  });

  it('the clerk, who registers, is', async () => {
    const c = await renderLedger(SESSIONS.clerk);
    expect(textOf(c)).toContain('请在“登记载体”中登记');
  });
});

/** A clerk (clerk1), 张三 and one 机密 paper in 保密柜3号, made through the repositories. */
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
  return { l, carrier: r.value[0] };
}

async function openCarrier(c: HTMLElement, number: string) {
  await click(getByRole(c, 'button', { name: number }));
  await waitFor(() => getByRole(c, 'heading', { name: `载体 ${number}` }));
}

describe('the ledger walk: the carrier page', () => {
  it('携带外出 starts from the approval: destination, abroad and the date to be back by are filled in from it', async () => {
    const { l, carrier } = await seeded();
    const asked = await new ApprovalsRepo(l.as(SESSIONS.clerk)).request(carrier.id, { kind: 'takeOut', destination: '省保密局', until: '2099-12-31', abroad: false }, '参加会议');
    if (!asked.ok) throw new Error(asked.error.code);
    const decided = await new ApprovalsRepo(l.as(SESSIONS.approver)).decide(asked.value.id, 'approved', '同意');
    expect(decided.ok).toBe(true);
    const c = await renderLedger(SESSIONS.clerk, l);
    await openCarrier(c, carrier.registryNumber);
    await click(getByRole(c, 'button', { name: '携带外出' }));
    expect(getByLabel(c, '目的地').value).toBe('省保密局');
    expect(getByLabel(c, '预计带回日期').value).toBe('2099-12-31');
    await choose(c, '携带人', '张三');
    await type(getByLabel(c, '签收单号'), 'WC-01');
    await click(getByRole(c, 'button', { name: '确认办理' }));
    await waitFor(() => expect(textOf(c)).toContain('携带外出：张三 携带前往 省保密局，预计 2099-12-31 带回'));
  });

  it('the approver sees which carrier a request is about: registry number, title and marking', async () => {
    const { l, carrier } = await seeded();
    const asked = await new ApprovalsRepo(l.as(SESSIONS.clerk)).request(carrier.id, { kind: 'copy', mode: 'copy', copies: 2 }, '分送两个科室');
    expect(asked.ok).toBe(true);
    const c = await renderLedger(SESSIONS.approver, l);
    await click(getByRole(c, 'button', { name: '审批' }));
    await waitFor(() => expect(textOf(c)).toContain(`待审批 · ${carrier.registryNumber} 项目方案（机密★10年）`));
  });

  it('携带外出 without an approved request says so before anything is typed', async () => {
    const { l, carrier } = await seeded();
    const c = await renderLedger(SESSIONS.clerk, l);
    await openCarrier(c, carrier.registryNumber);
    await click(getByRole(c, 'button', { name: '携带外出' }));
    const form = c.querySelector<HTMLElement>('form[aria-label="携带外出"]');
    expect(form && textOf(form)).toContain('携带外出须先经审批，本载体没有可用的批准');
  });

  it('清查: once started, the note is not left in the field for the next inventory', async () => {
    const { l } = await seeded();
    const c = await renderLedger(SESSIONS.clerk, l);
    await click(getByRole(c, 'button', { name: '召回与清查' }));
    // The tab waits until the whole ledger is read.
    await type(await waitFor(() => getByLabel(c, '清查说明')), '第四季度清查');
    await click(getByRole(c, 'button', { name: '开始清查' }));
    await waitFor(() => expect(textOf(c)).toContain('清查进行中（第四季度清查'));
    await click(getByRole(c, 'button', { name: '结束清查' }));
    await waitFor(() => expect(textOf(c)).toContain('清查结果'));
    expect(getByLabel(c, '清查说明').value).toBe('');
  });

  it('a refused hand-over is said on its field, which takes the focus; a hand-over without a reason has no dangling 事由', async () => {
    const { l, carrier } = await seeded();
    const c = await renderLedger(SESSIONS.clerk, l);
    await openCarrier(c, carrier.registryNumber);
    await click(getByRole(c, 'button', { name: '借出' }));
    await click(getByRole(c, 'button', { name: '确认办理' }));
    // Said on the field it concerns, which takes the focus: first the borrower, then the slip number.
    const borrower = selectLabelled(c, '借阅人');
    await waitFor(() => expect(fieldError(borrower)).toContain('请选择人员名录中的人员'));
    expect(document.activeElement).toBe(borrower);
    expect(queryAllByRole(c, 'alert')).toHaveLength(0);
    await choose(c, '借阅人', '张三');
    await click(getByRole(c, 'button', { name: '确认办理' }));
    const slip = getByLabel(c, '签收单号');
    await waitFor(() => expect(slip.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(slip);
    expect(borrower.getAttribute('aria-invalid')).toBeNull();

    await click(getByRole(c, 'button', { name: '移交' }));
    await choose(c, '接收人', '张三');
    await type(getByLabel(c, '签收单号'), 'YJ-01');
    await click(getByRole(c, 'button', { name: '确认办理' }));
    await waitFor(() => expect(textOf(c)).toContain('移交：赵保密 → 张三，存放于 保密柜3号（签收单 YJ-01）'));
    expect(textOf(c)).not.toContain('事由：');
    // The form is gone after the action: the focus is on the carrier's heading, not lost to the page.
    expect(document.activeElement).toBe(getByRole(c, 'heading', { name: `载体 ${carrier.registryNumber}` }));
  });
});
