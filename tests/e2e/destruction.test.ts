import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { signOut } from './pages/admin';
import { launchTestApp, type TestApp } from './pages/app';
import { addPerson, carrierFacts, lend, openCarrier, registerPaper, timeline } from './pages/carriers';
import {
  addToList,
  APPROVER,
  batchFacts,
  batchHeading,
  countAndSubmit,
  DST_CLERK,
  eligibilityOf,
  openBatch,
  openDestruction,
  openDevice,
  recordHandover,
  registerDevice,
  requestDestruction,
  setUpDestructionAccounts,
  signInAs,
} from './pages/destruction';
import { ADMIN, alertText, completeSetup, frameNav } from './pages/ledgerApp';
import { PdfFile } from './pages/printing';
import { allFiles, findInFiles, writePlainControl } from './pages/profileFiles';
import { rowTextMisalignment } from './pages/rowLayout';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = path.join(root, 'test-results', 'destruction');
const BODY = '某市涉密载体集中销毁中心';
const TOOL = '某型涉密计算机信息消除工具 V3.2';
/** pdftotext spaces CJK text as it pleases; the checks compare text with all white space removed. */
const squash = (s: string) => s.replace(/\s+/g, '');

let app: TestApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

/** A scanned certificate as a scanner writes it (a small but real PDF). */
async function scanFile(): Promise<string> {
  await mkdir(shots, { recursive: true });
  const file = path.join(shots, '销毁证明扫描件.pdf');
  await writeFile(file, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  return file;
}

describe('destruction (real app in Chromium)', () => {
  it('takes two carriers from the request through the approver’s decision and the printed list to the hand-over; a carrier on loan is refused with its reason', async () => {
    const pdfs: { title: string; pdf: Uint8Array }[] = [];
    const scan = await scanFile();
    app = await launchTestApp({ onPdf: (pdf, title) => pdfs.push({ title, pdf }), openFile: async (purpose) => (purpose === 'certificateScan' ? scan : null) });
    const { page } = app;
    await completeSetup(page);
    await setUpDestructionAccounts(page);

    // The clerk: people, the two lists, three carriers, one of them lent out.
    await signInAs(page, DST_CLERK);
    await addPerson(page, { name: '赵保密', department: '办公室', post: '保密员', clearance: '核心涉密人员', username: DST_CLERK.username });
    await addPerson(page, { name: '张三', department: '办公室', post: '科员', clearance: '重要涉密人员' });
    await addPerson(page, { name: '王五', department: '办公室', post: '科员', clearance: '重要涉密人员' });
    const paper = (title: string, copyNumber: string) => ({ title, docNumber: '某保发〔2026〕3号', pages: 8, scopePeople: ['张三（办公室）', '王五（办公室）'], from: '市保密局', copyNumber, custodian: '赵保密（办公室）', place: '保密柜3号' });
    const a = await registerPaper(page, paper('关于开展年度保密检查的通知', '000001'));
    const b = await registerPaper(page, paper('关于开展年度保密检查的通知', '000002'));
    const lent = await registerPaper(page, paper('保密工作会议纪要', '000003'));
    await openCarrier(page, lent);
    await lend(page, '张三（办公室）', 'JY-2026-007');
    await timeline(page).getByText('借出：赵保密 → 张三').waitFor();

    await openDestruction(page, '销毁机构与消除工具');
    await addToList(page, '指定销毁机构', BODY);
    await addToList(page, '经批准的信息消除工具', TOOL);
    await page.screenshot({ path: path.join(shots, '1-lists.png'), fullPage: true });

    // The request: the loaned carrier is marked, and refused by the rules with its reason.
    await page.getByRole('tab', { name: '申请销毁' }).click();
    expect(await eligibilityOf(page, lent)).toBe(`载体 ${lent}（保密工作会议纪要）已借出，尚未归还，不能销毁。请先办理归还，再列入销毁批次。`);
    expect(await eligibilityOf(page, a)).toBe('可以销毁');
    await requestDestruction(page, [a, b, lent], '2026年度集中销毁过期文件');
    expect(await alertText(page, '已借出')).toBe(`载体 ${lent}（保密工作会议纪要）已借出，尚未归还，不能销毁。请先办理归还，再列入销毁批次。`);
    await page.screenshot({ path: path.join(shots, '2-request-refused.png'), fullPage: true });
    await page.getByRole('table', { name: '选择载体' }).getByRole('checkbox', { name: lent, exact: true }).uncheck();
    await page.getByRole('button', { name: '提交销毁申请（2 件）' }).click();
    await batchHeading(page).waitFor();
    expect(await batchFacts(page)).toMatchObject({ 状态: '待清点', 件数: '2 件', 事由: '2026年度集中销毁过期文件' });

    await countAndSubmit(page);
    // The clerk counted it: the decision is not theirs (the approve button is not even offered).
    expect(await page.getByRole('button', { name: '批准', exact: true }).count()).toBe(0);
    await signOut(page);

    // The approver, a different account, approves and prints the list and the form.
    await signInAs(page, APPROVER);
    await openDestruction(page);
    // The batch number (a link button) reads on its row's line, level with the other cells.
    const batchLink = page.getByRole('table', { name: '销毁批次' }).getByRole('row').filter({ hasText: '待审批' }).getByRole('button').first();
    expect(await rowTextMisalignment(batchLink)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(shots, '2b-batch-list.png') });
    await openBatch(page, '待审批');
    await page.getByLabel('审批意见').fill('经核对无误，同意销毁。');
    await page.getByRole('button', { name: '批准', exact: true }).click();
    await page.getByText('已批准，待移交销毁').first().waitFor();
    await page.screenshot({ path: path.join(shots, '3-approved.png'), fullPage: true });

    await page.getByRole('button', { name: '打印销毁清单' }).click();
    const preview = page.getByRole('dialog', { name: '打印预览' });
    await preview.getByText('共 1 页（A4）').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(shots, '4-preview.png') });
    await preview.getByRole('button', { name: '保存为PDF' }).click();
    await preview.getByRole('status').filter({ hasText: '已保存为 PDF' }).waitFor({ timeout: 60_000 });
    await preview.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('button', { name: '打印销毁审批表' }).click();
    await preview.getByRole('button', { name: '保存为PDF' }).click();
    await preview.getByRole('status').filter({ hasText: '已保存为 PDF' }).waitFor({ timeout: 60_000 });
    await preview.getByRole('button', { name: '关闭' }).click();

    const list = pdfs.find((p) => p.title === '涉密载体销毁清单');
    const form = pdfs.find((p) => p.title === '涉密载体销毁审批表');
    if (!list || !form) throw new Error(`printouts made: ${pdfs.map((p) => p.title).join(', ')}`);
    const listPdf = await PdfFile.write(Buffer.from(list.pdf).toString('base64'), 'destruction-e2e-list');
    const formPdf = await PdfFile.write(Buffer.from(form.pdf).toString('base64'), 'destruction-e2e-form');
    expect(listPdf.pageCount()).toBe(1);
    const listText = squash(listPdf.pageText(1));
    for (const s of ['涉密载体销毁清单', ADMIN.unitName, a, b, '关于开展年度保密检查的通知', '机密★20年', '份号000001', '共2件', '申请人：赵保密', '清点人', '赵保密', '审批人', '周领导', '监销人', '第1页共1页']) expect(listText).toContain(squash(s));
    expect(listText).not.toContain(lent);
    expect(listPdf.pageLines(1)[0]?.startsWith('机密')).toBe(true);
    const formText = squash(formPdf.pageText(1));
    for (const s of ['涉密载体销毁审批表', '共2件（机密2件）', '同意销毁。意见：经核对无误，同意销毁。', '周领导', '2026年度集中销毁过期文件']) expect(formText).toContain(squash(s));
    expect(formText).not.toContain('关于开展年度保密检查的通知');
    await listPdf.pictures();
    await formPdf.pictures();
    await signOut(page);

    // The clerk records the hand-over: one escort is refused, two are accepted, with the scan.
    await signInAs(page, DST_CLERK);
    await openDestruction(page);
    await openBatch(page, '已批准');
    await recordHandover(page, { body: BODY, escorts: ['张三（办公室）'], certificateNumber: 'XH-2026-0031', attachScan: false });
    expect(await alertText(page, '监销人')).toBe('监销人至少 2 人。请勾选至少 2 名在岗人员护送监销。');
    expect(await batchFacts(page)).toMatchObject({ 状态: '已批准，待移交销毁' });
    await recordHandover(page, { body: BODY, escorts: ['张三（办公室）', '王五（办公室）'], certificateNumber: 'XH-2026-0031', attachScan: true });
    await page.getByText('已销毁', { exact: true }).first().waitFor();
    const facts = await batchFacts(page);
    expect(facts).toMatchObject({ 状态: '已销毁', 销毁机构: BODY, 监销人: '张三、王五', 销毁证明编号: 'XH-2026-0031' });
    expect(facts['销毁证明扫描件']).toMatch(/^销毁证明扫描件\.pdf（1 KB，SHA-256 [0-9a-f]{16}…）$/);
    await page.screenshot({ path: path.join(shots, '5-completed.png'), fullPage: true });
    // The kept scan, decrypted and checked against the hand-over's SHA-256; a PDF is not shown nor written out.
    await page.getByRole('button', { name: '查看销毁证明扫描件' }).click();
    await page.getByText(`已核对：扫描件的 SHA-256 与移交记录一致（${facts['销毁证明扫描件']?.match(/SHA-256 ([0-9a-f]{16})/)?.[1] ?? '?'}`).waitFor();
    await page.getByText(/^扫描件是 PDF 文件（1 KB）。本程序不在屏幕上打开 PDF/).waitFor();
    await page.screenshot({ path: path.join(shots, '5b-scan-checked.png'), fullPage: true });

    // The ledger shows both carriers destroyed, the loaned one untouched.
    await frameNav(page).getByRole('button', { name: '载体台账' }).click();
    for (const n of [a, b]) {
      await openCarrier(page, n);
      expect(await carrierFacts(page)).toMatchObject({ 状态: '已销毁', 保管人: BODY });
      await timeline(page).getByText(`销毁：${BODY}，销毁证明 XH-2026-0031`).waitFor();
    }
    await openCarrier(page, lent);
    expect(await carrierFacts(page)).toMatchObject({ 状态: '借出', 保管人: '张三' });

    // The ledger printed: all of it, then only what is on loan. The table is as it was left (the
    // search openCarrier typed), so the search is cleared first.
    await page.getByRole('tab', { name: '载体台账' }).click();
    await page.getByLabel('搜索').fill('');
    await printLedger(page);
    await page.getByLabel('状态', { exact: true }).selectOption({ label: '借出' });
    await printLedger(page);
    const [all, onLoan] = pdfs.filter((p) => p.title === '涉密载体台账');
    if (!all || !onLoan) throw new Error('the ledger was not printed twice');
    const allPdf = await PdfFile.write(Buffer.from(all.pdf).toString('base64'), 'destruction-e2e-ledger');
    const allText = squash(allPdf.pageText(1));
    for (const s of ['涉密载体台账', '范围：全部载体', '本表3件（台账共3件）', a, b, lent, '已销毁', '借出', '机密★20年', '000003', '第1页共1页', '保密员']) expect(allText).toContain(squash(s));
    const loanText = squash((await PdfFile.write(Buffer.from(onLoan.pdf).toString('base64'), 'destruction-e2e-ledger-onloan')).pageText(1));
    expect(loanText).toContain(squash('范围：状态：借出　　本表 1 件（台账共 3 件）'));
    expect(loanText).toContain(lent);
    expect(loanText).not.toContain(a);
    await allPdf.pictures();

    // Nothing of it readable on disk: not the body, the certificate, the reason, the opinion, the list.
    const control = '对照明文标记-DESTRUCTION-0031';
    await writePlainControl(page, control);
    await app.close();
    const files = await allFiles(app.profileDir);
    expect((await findInFiles(files.filter((f) => f.includes(`${path.sep}IndexedDB${path.sep}`)), [control])).get(control)?.length ?? 0).toBeGreaterThan(0);
    const hits = await findInFiles(files, [BODY, TOOL, 'XH-2026-0031', '2026年度集中销毁过期文件', '经核对无误，同意销毁。', '保密工作会议纪要']);
    expect(Object.fromEntries(hits)).toEqual({});
  });

  it('lets a computer and its disk join a batch only once both are decommissioned and erased, and together', async () => {
    app = await launchTestApp();
    const { page } = app;
    await completeSetup(page);
    await setUpDestructionAccounts(page);
    await signInAs(page, DST_CLERK);
    await addPerson(page, { name: '赵保密', department: '办公室', post: '保密员', clearance: '核心涉密人员', username: DST_CLERK.username });
    await addPerson(page, { name: '孙技术', department: '信息科', post: '工程师', clearance: '重要涉密人员' });
    const device = { scopePeople: ['孙技术（信息科）'], custodian: '赵保密（办公室）', place: '保密柜5号' };
    const pc = await registerDevice(page, { kind: '涉密计算机', title: '办公室涉密计算机', number: 'ZC-2019-0101', diskSerials: 'WD-9X1', ...device });
    const disk = await registerDevice(page, { kind: '硬盘', title: '办公室涉密计算机内置硬盘', number: 'WD-9X1', ...device });
    await openDestruction(page, '销毁机构与消除工具');
    await addToList(page, '指定销毁机构', BODY);
    await addToList(page, '经批准的信息消除工具', TOOL);

    // Not decommissioned: refused, with what to do.
    await page.getByRole('tab', { name: '申请销毁' }).click();
    expect(await eligibilityOf(page, pc)).toBe(`载体 ${pc}（办公室涉密计算机）是涉密设备，尚未办理停用/报废。请先在“设备停用/报废”中申请，经审批并完成信息消除后再列入销毁批次。`);

    // 停用/报废 applications by the clerk, decided by the approver, erased by the clerk.
    await page.getByRole('tab', { name: '设备停用/报废' }).click();
    for (const n of [pc, disk]) {
      await openDevice(page, n);
      await page.getByLabel('申请事项').selectOption({ label: '报废' });
      await page.getByLabel('申请理由').fill('设备老化，信创替换后报废');
      await page.getByRole('button', { name: '提交停用/报废申请' }).click();
      await page.getByRole('heading', { name: new RegExp(`^设备 ${n}`) }).locator('..').getByText('报废：待审批').first().waitFor();
    }
    await signOut(page);
    await signInAs(page, APPROVER);
    await openDestruction(page, '设备停用/报废');
    for (const n of [pc, disk]) {
      await openDevice(page, n);
      await page.getByLabel('审批意见').fill('同意报废');
      await page.getByRole('button', { name: '批准', exact: true }).click();
      await page.getByText('报废：已批准，待信息消除').first().waitFor();
    }
    await signOut(page);
    await signInAs(page, DST_CLERK);
    await openDestruction(page, '设备停用/报废');
    for (const n of [pc, disk]) {
      await openDevice(page, n);
      const form = page.getByRole('form', { name: '登记信息消除' });
      await form.getByLabel('消除操作人员').selectOption({ label: '孙技术（信息科）' });
      await form.getByLabel('信息消除工具').selectOption({ label: TOOL });
      await form.getByRole('button', { name: '登记信息消除' }).click();
      await page.getByText('信息消除已登记，可以列入销毁批次。').waitFor();
    }
    await page.screenshot({ path: path.join(shots, '6-devices.png'), fullPage: true });

    // Both wait in the queue; the computer alone is refused (its disk must follow), both together pass.
    await page.getByRole('tab', { name: '申请销毁' }).click();
    const queue = page.getByRole('table', { name: '待销毁设备' });
    await queue.getByRole('checkbox', { name: pc, exact: true }).check();
    await page.getByText(`所选计算机内的硬盘已作为载体单独登记，已一并选中：${disk}。`).waitFor();
    await queue.getByRole('checkbox', { name: disk, exact: true }).uncheck();
    expect(await page.getByText('所选计算机内的硬盘已作为载体单独登记').count()).toBe(0);
    await page.getByLabel('申请事由').fill('报废设备集中销毁');
    await page.getByRole('button', { name: '提交销毁申请（1 件）' }).click();
    expect(await alertText(page, '内的硬盘')).toBe(
      `计算机 ${pc}（办公室涉密计算机）内的硬盘 ${disk}（办公室涉密计算机内置硬盘）已作为载体单独登记，须一并列入本批次；或先在台账中更正该计算机的记录，登记硬盘已拆除。`,
    );
    await page.screenshot({ path: path.join(shots, '7-disk-must-follow.png'), fullPage: true });
    await queue.getByRole('checkbox', { name: disk, exact: true }).check();
    await page.getByRole('button', { name: '提交销毁申请（2 件）' }).click();
    await batchHeading(page).waitFor();
    expect(await batchFacts(page)).toMatchObject({ 状态: '待清点', 件数: '2 件' });
  });
});

/** 打印 on the ledger table, then 保存为PDF in the preview. */
async function printLedger(page: import('playwright-core').Page): Promise<void> {
  await page.getByRole('button', { name: '打印', exact: true }).click();
  const preview = page.getByRole('dialog', { name: '打印预览' });
  await preview.getByRole('button', { name: '保存为PDF' }).click();
  await preview.getByRole('status').filter({ hasText: '已保存为 PDF' }).waitFor({ timeout: 60_000 });
  await preview.getByRole('button', { name: '关闭' }).click();
}
