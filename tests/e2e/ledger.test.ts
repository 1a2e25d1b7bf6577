import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchTestApp, type TestApp } from './pages/app';
import { addPerson, carrierFacts, lend, openCarrier, openTab, registerPaper, signInAsNewClerk, takeBack, timeline } from './pages/carriers';
import { alertText, completeSetup } from './pages/ledgerApp';
import { allFiles, findInFiles, writePlainControl } from './pages/profileFiles';
import { rowTextMisalignment } from './pages/rowLayout';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

describe('carrier ledger (real app in Chromium)', () => {
  it('registers a carrier, lends it, refuses a second loan with the reason in Chinese, and takes it back', async () => {
    app = await launchTestApp();
    const { page } = app;
    await completeSetup(page);
    await signInAsNewClerk(page);

    await addPerson(page, { name: '赵保密', department: '办公室', post: '保密员', clearance: '核心涉密人员', username: 'baomi' });
    await addPerson(page, { name: '张三', department: '办公室', post: '科员', clearance: '重要涉密人员' });
    await addPerson(page, { name: '王五', department: '信息科', post: '工程师', clearance: '重要涉密人员' });

    const number = await registerPaper(page, {
      title: '关于开展年度保密检查的通知',
      docNumber: '某保发〔2026〕3号',
      pages: 8,
      scopePeople: ['张三（办公室）', '王五（信息科）'],
      from: '市保密局',
      copyNumber: '000001',
      custodian: '赵保密（办公室）',
      place: '保密柜3号',
    });
    expect(number).toMatch(/^\d{4}-机-0001$/);

    // The registry number (the row's link button) reads level with the row's other cells.
    await openTab(page, '载体台账');
    expect(await rowTextMisalignment(page.getByRole('button', { name: number, exact: true }))).toBeLessThanOrEqual(1);
    await openCarrier(page, number);
    expect(await carrierFacts(page)).toMatchObject({ 密级标志: '机密★20年', 状态: '在库', 保管人: '赵保密', 存放位置: '保密柜3号', 份号: '000001' });

    await lend(page, '张三（办公室）', 'JY-2026-001');
    await timeline(page).getByText('借出：赵保密 → 张三').waitFor();
    expect(await carrierFacts(page)).toMatchObject({ 状态: '借出', 保管人: '张三' });

    // A second loan while it is out: refused by the rules, with the reason and what to do.
    await lend(page, '王五（信息科）', 'JY-2026-002');
    expect(await alertText(page, '已借出')).toBe(`载体 ${number} 已借出，尚未归还，不能再借出或办理其他事项。请先办理归还。`);
    expect(await carrierFacts(page)).toMatchObject({ 状态: '借出', 保管人: '张三' });

    await takeBack(page);
    await timeline(page).getByText('归还：张三 → 赵保密，存放于 保密柜3号（接收人本人确认）').waitFor();
    expect(await carrierFacts(page)).toMatchObject({ 状态: '在库', 保管人: '赵保密' });
    const steps = await timeline(page).locator('.timeline-what').allTextContents();
    expect(steps.map((s) => s.slice(0, 3))).toEqual(['登记：', '借出：', '归还：']);
  });

  it('keeps titles, document numbers, names, places and registry numbers off the disk', async () => {
    app = await launchTestApp();
    const { page } = app;
    await completeSetup(page);
    await signInAsNewClerk(page);
    const secret = { person: '欧阳测试员', title: '某型号装备研制进度报告', docNumber: '科密发〔2026〕417号', from: '第九测试研究院', place: '东楼机要室甲柜' };
    await addPerson(page, { name: '赵保密', department: '办公室', post: '保密员', clearance: '核心涉密人员', username: 'baomi' });
    await addPerson(page, { name: secret.person, department: '科研处', post: '课题组长', clearance: '核心涉密人员' });
    const number = await registerPaper(page, {
      title: secret.title,
      docNumber: secret.docNumber,
      pages: 30,
      scopePeople: [`${secret.person}（科研处）`],
      from: secret.from,
      copyNumber: '000007',
      custodian: '赵保密（办公室）',
      place: secret.place,
    });
    await openCarrier(page, number);
    await lend(page, `${secret.person}（科研处）`, 'JY-0417');
    await timeline(page).getByText(`借出：赵保密 → ${secret.person}`).waitFor();
    const control = '对照明文标记-LEDGER-90417';
    await writePlainControl(page, control);
    await app.close(); // Chromium flushes its files on close

    const files = await allFiles(app.profileDir);
    const idb = files.filter((f) => f.includes(`${path.sep}IndexedDB${path.sep}`));
    expect((await findInFiles(idb, [control])).get(control)?.length ?? 0).toBeGreaterThan(0);
    const hits = await findInFiles(files, [...Object.values(secret), number, 'JY-0417']);
    expect(Object.fromEntries(hits)).toEqual({});
  });
});
