import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import type { CarrierRecord } from '../../shared/ledger/carrier';
import { cleanup, click, getByLabel, getByRole, queryAllByRole, textOf, type, waitFor } from './dom';
import { SESSIONS, testLedger, type TestLedger, type TestSession } from './ledgerVault';
import { choose, renderLedgerPage } from './ledgerScreen';

/*
 * The repair (送修 / 修复返回), correction (更正) and dashboard (看板) screens on a real encrypted
 * store, acting as the clerk, the approver, and a clerk who is also an approver.
 */

afterEach(cleanup);

const renderLedgerPage_ = (who: TestSession, l: TestLedger) => renderLedgerPage(l, who);

const DAY = 86_400_000;
const p2 = (n: number) => String(n).padStart(2, '0');
const localDay = (t: number) => {
  const d = new Date(t);
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
};

/** The clerk's own account holding the approver role too: it may decide others' requests, never its own. */
const CLERK_APPROVER: TestSession = { ...SESSIONS.clerk, roles: ['clerk', 'handler', 'approver'] };

async function typeInTextArea(scope: HTMLElement, label: string, value: string): Promise<void> {
  const l = [...scope.querySelectorAll('label')].find((x) => x.textContent?.trim() === label);
  const area = l ? document.getElementById(l.htmlFor) : null;
  if (!(area instanceof HTMLTextAreaElement)) throw new Error(`no text area labelled ${label}`);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, value);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const COMPUTER: CarrierRecord = {
  title: '某项目涉密计算机',
  docNumber: '',
  level: 'secret',
  period: { kind: 'years', years: 10 },
  scope: { personIds: [], posts: ['保密员'], departments: [], units: [] },
  copyNumber: '',
  details: { kind: 'computer', assetNumber: 'ZC-001', model: '某型', serial: 'SN-1', diskSerials: ['HD-1'] },
  origin: { kind: 'produced', department: '办公室' },
  note: '',
};
const PAPER: CarrierRecord = { ...COMPUTER, title: '项目方案', docNumber: '某发〔2026〕1号', copyNumber: '000001', details: { kind: 'paper', pages: 5 } };

/** The clerk 赵保密 (an account), 张三 and 钱技术; carriers registered with the clerk as custodian. */
async function seeded(records: CarrierRecord[], start = Date.now()) {
  const l = await testLedger(new Date(start).toISOString());
  const people = new PeopleRepo(l.as(SESSIONS.clerk));
  const base = { department: '办公室', post: '科员', status: 'active' as const };
  const clerk = await people.create({ ...base, name: '赵保密', post: '保密员', clearance: 'core', username: 'clerk1' });
  const zhang = await people.create({ ...base, name: '张三', clearance: 'important', username: 'zhang' });
  const tech = await people.create({ ...base, name: '钱技术', department: '信息科', clearance: 'important' });
  if (!clerk.ok || !zhang.ok || !tech.ok) throw new Error('people');
  const carriers = new CarriersRepo(l.as(SESSIONS.clerk));
  const states = [];
  for (const record of records) {
    const r = await carriers.register({ record, custodianId: clerk.value.id, place: '保密柜3号' });
    if (!r.ok || !r.value[0]) throw new Error(`carrier: ${JSON.stringify(r)}`);
    states.push(r.value[0]);
  }
  return { l, carriers, states, people: { clerk: clerk.value, zhang: zhang.value, tech: tech.value } };
}

async function openCarrier(c: HTMLElement, number: string) {
  await click(getByRole(c, 'button', { name: number }));
  await waitFor(() => getByRole(c, 'heading', { name: `载体 ${number}` }));
}

const alertText = (c: HTMLElement) => waitFor(() => getByRole(c, 'alert').textContent ?? '');

describe('送外维修 on screen: request, another person approves, send, return with the checks', () => {
  it('refuses to send without an approval and refuses self-approval; the approver approves; sent with escort and storage removed; back with the checks', async () => {
    const { l, states } = await seeded([COMPUTER]);
    const number = states[0]!.registryNumber;
    let c = await renderLedgerPage_(CLERK_APPROVER, l);
    await openCarrier(c, number);

    // Without an approval the form says what to do, and the rules refuse.
    await click(getByRole(c, 'button', { name: '送修' }));
    expect(textOf(c)).toContain('还没有已批准、未办理的送外维修审批');
    await type(getByLabel(c, '维修单位'), '某定点维修公司');
    await type(getByLabel(c, '维修单位签收单号'), 'WX-01');
    await click(getByLabel(c, '已拆除存储部件（硬盘等），由本单位留存保管'));
    await click(getByRole(c, 'button', { name: '确认办理' }));
    expect(await alertText(c)).toBe('办理此事项须先经审批（送外维修）。请先申请，经审批人批准后再办理。');

    // The request, then the same account tries to approve it.
    await click(getByRole(c, 'button', { name: '申请审批' }));
    await choose(c, '审批事项', '送外维修');
    await type(getByLabel(c, '维修单位'), '某定点维修公司');
    await type(getByLabel(c, '事由'), '主板故障，本单位无法修复');
    await click(getByRole(c, 'button', { name: '提交申请' }));
    await waitFor(() => expect(textOf(c)).toContain('送外维修 · 送 某定点维修公司 维修 · 待审批'));
    await type(getByLabel(c, '审批意见'), '同意');
    await click(getByRole(c, 'button', { name: '批准' }));
    expect(await alertText(c)).toBe('不能审批本人提出的申请或与本人有关的申请，请由其他审批人审批。');
    await cleanup();

    c = await renderLedgerPage_(SESSIONS.approver, l);
    await click(getByRole(c, 'button', { name: '审批' }));
    await waitFor(() => expect(textOf(c)).toContain('主板故障'));
    await type(getByLabel(c, '审批意见'), '同意送定点单位维修');
    await click(getByRole(c, 'button', { name: '批准' }));
    await waitFor(() => expect(textOf(c)).toContain('已批准'));
    await cleanup();

    c = await renderLedgerPage_(SESSIONS.clerk, l);
    await openCarrier(c, number);
    await click(getByRole(c, 'button', { name: '送修' }));
    // The approval is chosen and its repairer filled in; the clerk (me) escorts by default.
    expect(getByLabel(c, '维修单位').value).toBe('某定点维修公司');
    await type(getByLabel(c, '维修单位签收单号'), 'WX-01');
    await click(getByRole(c, 'button', { name: '确认办理' }));
    expect(await alertText(c)).toBe('送外维修前必须拆除存储部件，请拆除后确认。');
    await click(getByLabel(c, '已拆除存储部件（硬盘等），由本单位留存保管'));
    await click(getByLabel(c, '赵保密（办公室）'));
    await click(getByRole(c, 'button', { name: '确认办理' }));
    expect(await alertText(c)).toBe('送外维修须有至少一名陪同人员，请选择陪同人员。');
    await click(getByLabel(c, '钱技术（信息科）'));
    await click(getByRole(c, 'button', { name: '确认办理' }));
    const today = localDay(Date.now());
    await waitFor(() => expect(textOf(c)).toContain(`送修（送外维修）：赵保密 → 某定点维修公司（签收单 WX-01），送修日期 ${today}，陪同人员 钱技术，存储部件已拆除留存`));
    expect(textOf(c)).toContain('状态维修中');

    // Back: checks left unticked count as failed and need a note.
    await click(getByRole(c, 'button', { name: '修复返回' }));
    await click(getByRole(c, 'button', { name: '确认办理' }));
    expect(await alertText(c)).toBe('查验有不符之处，请在“查验情况说明”中写明发现了什么、如何处理（至少 2 个字），并报保密办。');
    await click(getByLabel(c, '型号、序列号（资产编号）与送修时一致'));
    await click(getByLabel(c, '维修单位未留存、未加装任何存储部件'));
    await typeInTextArea(c, '查验情况说明（查验有不符时必填：发现了什么、如何处理）', '硬盘仍单独存放于保密柜');
    await click(getByRole(c, 'button', { name: '确认办理' }));
    await waitFor(() => expect(textOf(c)).toContain('修复返回：某定点维修公司 → 赵保密，存放于 保密柜3号（接收人本人确认）'));
    expect(textOf(c)).toContain(
      `返回日期 ${today}；查验：型号、序列号（资产编号）与送修时一致：是、维修单位未留存、未加装任何存储部件：是、送修前拆下的存储部件已装回（未装回的仍由本单位单独保管）：否、说明：硬盘仍单独存放于保密柜`,
    );
    expect(textOf(c)).toContain('状态在库');
  });

  it('repairs in house with our own technician, and offers no repair for paper', async () => {
    const { l, states } = await seeded([COMPUTER, PAPER]);
    const c = await renderLedgerPage_(SESSIONS.clerk, l);
    await openCarrier(c, states[0]!.registryNumber);
    await click(getByRole(c, 'button', { name: '送修' }));
    await choose(c, '维修方式', '本单位维修');
    await choose(c, '维修人员（本单位）', '钱技术');
    await type(getByLabel(c, '维修单位签收单号'), 'NX-1');
    await click(getByLabel(c, '赵保密（办公室）'));
    await click(getByRole(c, 'button', { name: '确认办理' }));
    await waitFor(() => expect(textOf(c)).toContain('送修（本单位维修）：赵保密 → 钱技术'));
    await click(getByRole(c, 'button', { name: '返回台账' }));
    await openCarrier(c, states[1]!.registryNumber);
    expect(queryAllByRole(c, 'button', { name: '送修' })).toHaveLength(0);
  });
});

describe('更正 on screen', () => {
  it('refuses a correction without a reason, then records old → new and why on the timeline', async () => {
    const { l, states } = await seeded([PAPER]);
    const number = states[0]!.registryNumber;
    const c = await renderLedgerPage_(SESSIONS.clerk, l);
    await openCarrier(c, number);
    await click(getByRole(c, 'button', { name: '更正登记内容' }));
    expect(getByLabel(c, '更正为').value).toBe('项目方案');
    await type(getByLabel(c, '更正为'), '项目实施方案');
    await click(getByRole(c, 'button', { name: '确认更正' }));
    expect(await alertText(c)).toBe('请填写事由（至少 2 个字）。');
    await type(getByLabel(c, '更正事由'), '登记时标题漏字');
    await click(getByRole(c, 'button', { name: '确认更正' }));
    await waitFor(() => expect(textOf(c)).toContain('更正：标题 由“项目方案”改为“项目实施方案”；原因：登记时标题漏字'));
    expect(textOf(c)).toContain('登记时标题漏字');
    expect(textOf(c)).toContain('标题项目实施方案');

    // Pages (the paper's own detail) and the place recorded wrongly.
    await click(getByRole(c, 'button', { name: '更正登记内容' }));
    await choose(c, '更正项目', '页数');
    await type(getByLabel(c, '更正为'), '7');
    await type(getByLabel(c, '更正事由'), '页数点错');
    await click(getByRole(c, 'button', { name: '确认更正' }));
    await waitFor(() => expect(textOf(c)).toContain('载体信息 由“5 页”改为“7 页”；原因：页数点错'));
    await click(getByRole(c, 'button', { name: '更正登记内容' }));
    await choose(c, '更正项目', '存放位置');
    await type(getByLabel(c, '更正为'), '保密柜5号');
    await type(getByLabel(c, '更正事由'), '登记时位置写错');
    await click(getByRole(c, 'button', { name: '确认更正' }));
    await waitFor(() => expect(textOf(c)).toContain('存放位置 由“保密柜3号”改为“保密柜5号”'));

    // Period and scope of an original (no determination covers it): their own editors.
    await click(getByRole(c, 'button', { name: '更正登记内容' }));
    await choose(c, '更正项目', '保密期限');
    expect(textOf(c)).toContain('原内容：10年');
    await type(getByLabel(c, '保密期限（年）'), '5');
    await type(getByLabel(c, '更正事由'), '期限登记有误');
    await click(getByRole(c, 'button', { name: '确认更正' }));
    await waitFor(() => expect(textOf(c)).toContain('保密期限 由“10年”改为“5年”'));
    expect(textOf(c)).toContain('机密★5年');
    await click(getByRole(c, 'button', { name: '更正登记内容' }));
    await choose(c, '更正项目', '知悉范围');
    await click(getByLabel(c, '张三（办公室）'));
    await type(getByLabel(c, '更正事由'), '漏登知悉人员');
    await click(getByRole(c, 'button', { name: '确认更正' }));
    await waitFor(() => expect(textOf(c)).toContain('知悉范围 由“保密员”改为“张三、保密员”'));
  });

  it('a destroyed carrier: the rules’ reason shown, no action offered, its record still correctable', async () => {
    const { l, carriers, states } = await seeded([COMPUTER]);
    const s = states[0]!;
    const destroyed = await carriers.act(s.id, { type: 'destroyed', certificateNumber: 'XH-1', destructionBody: '市销毁中心', destroyedOn: localDay(Date.now()) });
    expect(destroyed.ok).toBe(true);
    const c = await renderLedgerPage_(SESSIONS.clerk, l);
    await openCarrier(c, s.registryNumber);
    expect(textOf(c)).toContain('该载体已销毁，不能再办理任何事项。');
    expect(queryAllByRole(c, 'button', { name: '送修' })).toHaveLength(0);
    expect(queryAllByRole(c, 'button', { name: '借出' })).toHaveLength(0);
    await click(getByRole(c, 'button', { name: '更正登记内容' }));
    await choose(c, '更正项目', '资产编号');
    await type(getByLabel(c, '更正为'), 'ZC-002');
    await type(getByLabel(c, '更正事由'), '资产编号登记错误');
    await click(getByRole(c, 'button', { name: '确认更正' }));
    await waitFor(() => expect(textOf(c)).toContain('载体信息 由“ZC-001 / 某型 / SN-1”改为“ZC-002 / 某型 / SN-1”'));
  });

  it('refuses to correct the level a live determination fixes, naming the way to change it', async () => {
    const { l, states } = await seeded([PAPER]);
    const s = states[0]!;
    const { DeterminationsRepo } = await import('../../renderer/db/determinations.repo');
    const handler = new DeterminationsRepo(l.as({ ...SESSIONS.handler, roles: ['handler'] }));
    const determiner = new DeterminationsRepo(l.as({ accountId: 'acc-ding', username: 'ding', displayName: '钱定密', roles: ['determiner'] }));
    const terms = { level: 'secret' as const, period: { kind: 'years' as const, years: 10 }, scope: s.scope, basis: { kind: 'reason' as const, text: '涉及本单位重要项目' } };
    const drafted = await handler.draft({ title: s.title, processDraft: false, carrierIds: [s.id] }, terms);
    if (!drafted.ok) throw new Error(JSON.stringify(drafted));
    expect((await determiner.act(drafted.value.state.id, { type: 'approve', opinion: '同意' })).ok).toBe(true);

    const c = await renderLedgerPage_(SESSIONS.clerk, l);
    await openCarrier(c, s.registryNumber);
    await click(getByRole(c, 'button', { name: '更正登记内容' }));
    await choose(c, '更正项目', '密级');
    await choose(c, '更正为', '绝密');
    await type(getByLabel(c, '更正事由'), '登记时密级有误');
    await click(getByRole(c, 'button', { name: '确认更正' }));
    expect(await alertText(c)).toBe('该载体的“密级”由有效的定密决定确定，不能直接更正。如确有错误，请通过定密“变更”办理。');
    // The title is not the determination's: it still corrects.
    await choose(c, '更正项目', '标题');
    await type(getByLabel(c, '更正为'), '项目方案（定稿）');
    await click(getByRole(c, 'button', { name: '确认更正' }));
    await waitFor(() => expect(textOf(c)).toContain('更正：标题 由“项目方案”改为“项目方案（定稿）”'));
  });

  it('a handler (who may not correct) is offered no correction', async () => {
    const { l, states } = await seeded([PAPER]);
    const c = await renderLedgerPage_(SESSIONS.handler, l);
    await openCarrier(c, states[0]!.registryNumber);
    expect(queryAllByRole(c, 'button', { name: '更正登记内容' })).toHaveLength(0);
  });
});

describe('看板 on screen', () => {
  it('counts what is on loan, overdue, out, at repair and awaiting approval, lists each with holder and dates, and opens the carrier', async () => {
    // The ledger's clock 30 days ago: a loan due 7 days after that is now overdue.
    const start = Date.now() - 30 * DAY;
    const { l, carriers, states, people } = await seeded([PAPER, { ...PAPER, copyNumber: '000002' }, COMPUTER, { ...PAPER, copyNumber: '000003' }], start);
    const [late, fine, pc, asked] = states as [(typeof states)[0], (typeof states)[0], (typeof states)[0], (typeof states)[0]];
    const slip = (n: string) => ({ kind: 'slip' as const, slipNumber: n });
    const handover = (to: string, n: string) => ({ from: { kind: 'person' as const, personId: people.clerk.id }, to: { kind: 'person' as const, personId: to }, confirmation: slip(n) });
    const lend = async (id: string, due: number) => {
      const r = await carriers.act(id, { type: 'lent', handover: handover(people.zhang.id, `JY-${id.slice(0, 4)}`), dueOn: localDay(start + due * DAY)});
      if (!r.ok) throw new Error(JSON.stringify(r));
    };
    // 张三 is outside these carriers' scope (posts: 保密员): add him by name first.
    for (const s of [late, fine]) {
      const r = await carriers.act(s.id, { type: 'corrected', changes: [{ field: 'scope', from: s.scope, to: { ...s.scope, personIds: [people.zhang.id] } }], reason: '补登知悉人员' });
      if (!r.ok) throw new Error(JSON.stringify(r));
    }
    await lend(late.id, 7);
    await lend(fine.id, 60);
    const repair = await carriers.act(pc.id, { type: 'repairSent', mode: 'internal', handover: handover(people.tech.id, 'NX-1'), storageRemoved: false });
    expect(repair.ok).toBe(true);
    const { ApprovalsRepo } = await import('../../renderer/db/approvals.repo');
    const request = await new ApprovalsRepo(l.as(SESSIONS.clerk)).request(asked.id, { kind: 'copy', mode: 'copy', copies: 1 }, '分送科室');
    expect(request.ok).toBe(true);

    const c = await renderLedgerPage_(SESSIONS.clerk, l);
    await click(getByRole(c, 'button', { name: '看板' }));
    await waitFor(() => getByRole(c, 'heading', { name: '看板' }));
    const card = (kind: string, n: number) => getByRole(c, 'button', { name: `${kind}：${n} 件` });
    card('借出中', 2);
    card('逾期未还', 1);
    card('携带外出', 0);
    card('维修中', 1);
    card('待审批', 1);

    await click(card('逾期未还', 1));
    expect(getByRole(c, 'heading', { name: '逾期未还（1 件）' })).toBeTruthy();
    const overdueText = textOf(c);
    expect(overdueText).toContain(late.registryNumber);
    expect(overdueText).not.toContain(fine.registryNumber);
    expect(overdueText).toContain(`${localDay(start + 7 * DAY)} · 已逾期 23 天`);
    expect(overdueText).toContain('张三');

    await click(card('维修中', 1));
    expect(textOf(c)).toContain(pc.registryNumber);
    expect(textOf(c)).toContain('钱技术');
    await click(card('待审批', 1));
    expect(textOf(c)).toContain('复制');
    await click(card('携带外出', 0));
    expect(textOf(c)).toContain('目前没有携带外出的载体。');

    await click(card('借出中', 2));
    await click(getByRole(c, 'button', { name: `打开 ${late.registryNumber}` }));
    await waitFor(() => getByRole(c, 'heading', { name: `载体 ${late.registryNumber}` }));
  });
});
