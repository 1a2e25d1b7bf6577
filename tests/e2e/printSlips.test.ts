import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchTestApp, type TestApp } from './pages/app';
import { addPerson, lend, openCarrier, openTab, registerPaper, signInAsNewClerk } from './pages/carriers';
import { ADMIN, completeSetup } from './pages/ledgerApp';
import { PdfFile } from './pages/printing';

/**
 * 借阅单 and 清查结果 printed from the screens that show them (issue 5): the PDFs the app keeps are
 * read back with pdftotext (text, page count, the repeated header row, page numbers, markings), and
 * their pictures are left in test-results/print/ to be looked at.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = path.join(root, 'test-results', 'printSlips');
/** pdftotext spaces CJK text as it pleases; the checks compare text with all white space removed. */
const squash = (s: string) => s.replace(/\s+/g, '');

let app: TestApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

/** 保存为PDF in the open preview, then closes it. */
async function saveAsPdf(page: Page): Promise<void> {
  const preview = page.getByRole('dialog', { name: '打印预览' });
  await preview.getByRole('button', { name: '保存为PDF' }).click({ timeout: 60_000 });
  await preview.getByRole('status').filter({ hasText: '已保存为 PDF' }).waitFor({ timeout: 120_000 });
  await page.screenshot({ path: path.join(shots, `preview-${Date.now()}.png`) });
  await preview.getByRole('button', { name: '关闭' }).click();
}

/** 批量登记: `count` copies of one received document, 份号 from 000001; returns the confirmation. */
async function registerCopies(page: Page, title: string, count: number): Promise<string> {
  await openTab(page, '登记载体');
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('文号').fill('某办发〔2026〕12号');
  await page.getByLabel('页数').fill('4');
  await page.getByRole('group', { name: '知悉人员' }).getByLabel('张三（办公室）').check();
  await page.getByLabel('来文单位').fill('市委办公室');
  await page.getByLabel('批量登记（同一文件多份）').check();
  await page.getByLabel('起始份号').fill('1');
  await page.getByLabel('份数').fill(String(count));
  await page.getByLabel('保管人').selectOption({ label: '赵保密（办公室）' });
  await page.getByLabel('存放位置').fill('保密柜5号');
  await page.getByRole('button', { name: '批量登记', exact: true }).click();
  const done = page.getByRole('status').filter({ hasText: `已登记 ${count} 件` });
  await done.waitFor({ timeout: 60_000 });
  return (await done.textContent()) ?? '';
}

describe('loan slips and inventory results printed (real app in Chromium)', () => {
  it('prints the slip of a loan and a long inventory result over several pages with the header row on each', async () => {
    const pdfs: { title: string; pdf: Uint8Array }[] = [];
    app = await launchTestApp({ onPdf: (pdf, title) => pdfs.push({ title, pdf }) });
    const { page } = app;
    await completeSetup(page);
    await signInAsNewClerk(page);
    await addPerson(page, { name: '赵保密', department: '办公室', post: '保密员', clearance: '核心涉密人员', username: 'baomi' });
    await addPerson(page, { name: '张三', department: '办公室', post: '科员', clearance: '重要涉密人员' });

    // 借阅单: lent with a signed slip's number, printed from the carrier page.
    const lent = await registerPaper(page, { title: '关于开展年度保密检查的通知', docNumber: '某保发〔2026〕3号', pages: 8, scopePeople: ['张三（办公室）'], from: '市保密局', copyNumber: '000001', custodian: '赵保密（办公室）', place: '保密柜3号' });
    await openCarrier(page, lent);
    await lend(page, '张三（办公室）', 'JY-2026-007');
    await page.getByRole('button', { name: '打印借阅单' }).click();
    await page.getByRole('dialog', { name: '打印预览' }).getByText('共 1 页（A4）').waitFor({ timeout: 60_000 });
    await saveAsPdf(page);
    const slip = pdfs.find((p) => p.title === '涉密载体借阅单');
    if (!slip) throw new Error(`printouts made: ${pdfs.map((p) => p.title).join(', ')}`);
    const slipPdf = await PdfFile.write(Buffer.from(slip.pdf).toString('base64'), 'print-slips-loan');
    expect(slipPdf.pageCount()).toBe(1);
    const slipText = squash(slipPdf.pageText(1));
    for (const s of ['涉密载体借阅单', ADMIN.unitName, '借阅单编号JY-2026-007', lent, '关于开展年度保密检查的通知', '某保发〔2026〕3号', '机密★20年', '借阅人张三', '出借人赵保密', '应还日期', '知悉范围内', '借阅人（签字）', '出借人（签字）', '归还签收（保密员）（签字）', '第1页共1页']) {
      expect(slipText).toContain(squash(s));
    }
    expect(slipPdf.pageLines(1)[0]?.startsWith('机密')).toBe(true);
    await slipPdf.pictures(80);

    // 清查结果: 60 copies more, five of the 61 found and one number that is no carrier; the rest missing.
    const copies = copyNumbers(await registerCopies(page, '2026年度工作要点（征求意见稿）', 60), 4);
    await page.getByRole('tab', { name: '召回与清查' }).click();
    await page.getByLabel('清查说明').fill('2026年度年终清查');
    await page.getByRole('button', { name: '开始清查' }).click();
    const found = [lent, ...copies];
    for (const n of [...found, 'WZ-0000']) {
      await page.getByLabel('登记编号（可扫码）').fill(n);
      await page.getByLabel('登记编号（可扫码）').press('Enter');
      await page.getByRole('status').filter({ hasText: n }).first().waitFor();
    }
    await page.getByRole('button', { name: '结束清查' }).click();
    await page.getByText('清查结果：已清点 5 件，缺失 56 件，台账外编号 1 个。').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(shots, 'inventory-closed.png'), fullPage: true });
    const printButton = page.getByRole('button', { name: '打印清查结果' });
    await expect.poll(() => printButton.isEnabled(), { timeout: 60_000 }).toBe(true);
    await printButton.click();
    await saveAsPdf(page);
    const inv = pdfs.find((p) => p.title === '涉密载体清查结果');
    if (!inv) throw new Error(`printouts made: ${pdfs.map((p) => p.title).join(', ')}`);
    const invPdf = await PdfFile.write(Buffer.from(inv.pdf).toString('base64'), 'print-slips-inventory');
    const pages = invPdf.pageCount();
    expect(pages).toBeGreaterThanOrEqual(3);
    const texts = Array.from({ length: pages }, (_, i) => squash(invPdf.pageText(i + 1)));
    const all = texts.join('');
    for (const s of ['涉密载体清查结果', '2026年度年终清查', '应清点61件，已清点5件，缺失56件；台账外编号1个', '一、缺失的载体（56件）', '二、台账外编号（1个）', 'WZ-0000', '三、已清点的载体（5件）', '最后一次记录', '登记，', '清查人（签字）', '保密员（签字）']) {
      expect(all).toContain(squash(s));
    }
    // Every carrier is on the paper once: 56 missing and 5 found (a title may wrap, a registry number does not).
    const numbers = all.match(/\d{4}-机-\d{4}/g) ?? [];
    expect(numbers).toHaveLength(61);
    expect(new Set(numbers).size).toBe(61);
    texts.forEach((text, i) => {
      expect(text).toContain(`第${i + 1}页共${pages}页`);
      expect(invPdf.pageLines(i + 1)[0]?.startsWith('机密')).toBe(true);
    });
    // The missing list runs over the first pages: its header row is repeated on each.
    const missingPages = texts.filter((text) => text.includes('最后保管人'));
    expect(missingPages.length).toBeGreaterThanOrEqual(2);
    for (const text of missingPages) expect(text).toContain(squash('序号登记编号载体名称密级最后保管人存放位置最后一次记录'));
    await invPdf.pictures(80);
  });
});

/** The first `n` registry numbers of a batch, from its confirmation (登记编号 first 至 last). */
function copyNumbers(confirmation: string, n: number): string[] {
  const m = /登记编号 (\S+?) 至 (\S+?)。/.exec(confirmation);
  if (!m?.[1]) throw new Error(`no batch confirmation: ${confirmation}`);
  const first = m[1];
  const cut = first.lastIndexOf('-') + 1;
  const start = Number(first.slice(cut));
  return Array.from({ length: n }, (_, i) => `${first.slice(0, cut)}${String(start + i).padStart(first.length - cut, '0')}`);
}
