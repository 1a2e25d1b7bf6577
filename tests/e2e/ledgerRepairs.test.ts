import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { signOut } from './pages/admin';
import { launchTestApp, type TestApp } from './pages/app';
import { addPerson, carrierFacts, lend, openCarrier, openTab, registerPaper, timeline } from './pages/carriers';
import { APPROVER, DST_CLERK, registerDevice, setUpDestructionAccounts, signInAs } from './pages/destruction';
import { alertText, completeSetup, frameNav } from './pages/ledgerApp';
import { boardCounts, boardRows, correct, openDashboard, requestOutsideRepair, returnFromRepair, sendOutside } from './pages/repairs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = path.join(root, 'test-results', 'ledgerRepairs');
const REPAIRER = '某市涉密设备定点维修中心';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

describe('看板, 送外维修 and 更正 (real app in Chromium)', () => {
  it('a computer goes out for repair under another person’s approval and comes back checked; a title is corrected; the dashboards follow each step', async () => {
    await mkdir(shots, { recursive: true });
    app = await launchTestApp();
    const { page } = app;
    await completeSetup(page);
    await setUpDestructionAccounts(page);
    await signInAs(page, DST_CLERK);
    await addPerson(page, { name: '赵保密', department: '办公室', post: '保密员', clearance: '核心涉密人员', username: DST_CLERK.username });
    await addPerson(page, { name: '孙技术', department: '信息科', post: '工程师', clearance: '重要涉密人员' });
    await addPerson(page, { name: '张三', department: '办公室', post: '科员', clearance: '重要涉密人员' });
    // The paper first: the registration form keeps the last kind chosen.
    const paper = await registerPaper(page, {
      title: '关于开展年度保密检查的通知',
      docNumber: '某保发〔2026〕3号',
      pages: 8,
      scopePeople: ['张三（办公室）'],
      from: '市保密局',
      copyNumber: '000001',
      custodian: '赵保密（办公室）',
      place: '保密柜3号',
    });

    const pc = await registerDevice(page, {
      kind: '涉密计算机',
      title: '办公室涉密计箅机',
      number: 'ZC-2020-0007',
      diskSerials: 'WD-7Q2',
      scopePeople: ['孙技术（信息科）'],
      custodian: '赵保密（办公室）',
      place: '保密柜5号',
    });
    await openDashboard(page);
    expect(await boardCounts(page)).toEqual({ 借出中: 0, 逾期未还: 0, 携带外出: 0, 维修中: 0, 待审批: 0 });

    // The clerk asks for outside repair: the request waits on 待审批.
    await openCarrier(page, pc);
    await requestOutsideRepair(page, REPAIRER, '主板故障，本单位无法修复');
    await openDashboard(page);
    expect(await boardCounts(page)).toMatchObject({ 待审批: 1, 维修中: 0 });
    expect((await boardRows(page, '待审批')).join('\n')).toContain(pc);

    // Another person, the approver, approves it.
    await signOut(page);
    await signInAs(page, APPROVER);
    await frameNav(page).getByRole('button', { name: '载体台账' }).click();
    await openTab(page, '审批');
    await page.getByLabel('审批意见').fill('同意送定点单位维修，拆除硬盘');
    await page.getByRole('button', { name: '批准', exact: true }).click();
    await page.getByText(`送 ${REPAIRER} 维修 · 已批准`).first().waitFor();
    await signOut(page);

    // Sent: refused while the disk is still in it, then with the disk removed and an escort.
    await signInAs(page, DST_CLERK);
    await openCarrier(page, pc);
    await sendOutside(page, { slipNumber: 'WX-2026-11', escorts: ['孙技术（信息科）'], storageRemoved: false });
    expect(await alertText(page, '存储部件')).toBe('送外维修前必须拆除存储部件，请拆除后确认。');
    await page.getByRole('form', { name: '送修' }).getByLabel('已拆除存储部件（硬盘等），由本单位留存保管').check();
    await page.screenshot({ path: path.join(shots, '1-send.png'), fullPage: true });
    await page.getByRole('form', { name: '送修' }).getByRole('button', { name: '确认办理' }).click();
    await timeline(page).getByText(`送修（送外维修）：赵保密 → ${REPAIRER}（签收单 WX-2026-11）`).waitFor();
    const sent = (await timeline(page).locator('.timeline-what').allTextContents()).find((s) => s.startsWith('送修'));
    expect(sent).toMatch(/，送修日期 \d{4}-\d{2}-\d{2}，陪同人员 孙技术，存储部件已拆除留存$/);
    expect(await carrierFacts(page)).toMatchObject({ 状态: '维修中', 保管人: REPAIRER });

    // A loan of the paper, so that 借出中 counts it.
    await openCarrier(page, paper);
    await page.getByRole('group', { name: '办理' }).getByRole('button', { name: '借出' }).waitFor();
    await lend(page, '张三（办公室）', 'JY-2026-001');
    await timeline(page).getByText('借出：赵保密 → 张三').waitFor();

    await openDashboard(page);
    expect(await boardCounts(page)).toEqual({ 借出中: 1, 逾期未还: 0, 携带外出: 0, 维修中: 1, 待审批: 0 });
    const atRepair = (await boardRows(page, '维修中')).join('\n');
    expect(atRepair).toContain(pc);
    expect(atRepair).toContain(REPAIRER);
    await page.screenshot({ path: path.join(shots, '2-dashboard.png'), fullPage: true });
    // The list opens the carrier.
    await page.getByRole('button', { name: `打开 ${pc}` }).click();
    await page.getByRole('heading', { name: `载体 ${pc}` }).waitFor();

    // Back, with the checks on return; a failed check needs what was found.
    await returnFromRepair(page, { identityVerified: true, noStorageRetained: false, storageRefitted: false });
    expect(await alertText(page, '查验')).toBe('查验有不符之处，请在“查验情况说明”中写明发现了什么、如何处理（至少 2 个字），并报保密办。');
    await page.screenshot({ path: path.join(shots, '3-return-refused.png'), fullPage: true });
    await returnFromRepair(page, { identityVerified: true, noStorageRetained: true, storageRefitted: true });
    await page.screenshot({ path: path.join(shots, '3-returned.png'), fullPage: true });
    await timeline(page).getByText(`修复返回：${REPAIRER} → 赵保密，存放于 保密柜5号（接收人本人确认）`).waitFor();
    expect(await carrierFacts(page)).toMatchObject({ 状态: '在库', 保管人: '赵保密' });

    // The title was registered with a typo (计箅机): corrected, with old → new and why on the timeline.
    await correct(page, '标题', '办公室涉密计算机', '');
    expect(await alertText(page, '事由')).toBe('请填写事由（至少 2 个字）。');
    await page.screenshot({ path: path.join(shots, '4-correction-refused.png'), fullPage: true });
    await page.getByRole('form', { name: '更正登记内容' }).getByLabel('更正事由').fill('登记时标题错字');
    await page.getByRole('form', { name: '更正登记内容' }).getByRole('button', { name: '确认更正' }).click();
    await timeline(page).getByText('更正：标题 由“办公室涉密计箅机”改为“办公室涉密计算机”；原因：登记时标题错字').waitFor();
    expect(await carrierFacts(page)).toMatchObject({ 标题: '办公室涉密计算机' });
    await page.screenshot({ path: path.join(shots, '5-corrected.png'), fullPage: true });

    await openDashboard(page);
    expect(await boardCounts(page)).toEqual({ 借出中: 1, 逾期未还: 0, 携带外出: 0, 维修中: 0, 待审批: 0 });
  });
});
