import { afterEach, describe, expect, it } from 'vitest';
import { signOut } from './pages/admin';
import { launchTestApp, type TestApp } from './pages/app';
import { addCatalogueEntry, DET_CLERK, DETERMINER, fillDraft, HANDLER, openDeterminations, setUpDeterminationAccounts } from './pages/determinations';
import { completeSetup } from './pages/ledgerApp';
import { PdfFile } from './pages/printing';
import type { Page } from 'playwright-core';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

const TITLE = '关于某重点工程选址的请示（打印测试）';
/** pdftotext spaces CJK text as it pleases; the checks compare text with all white space removed. */
const squash = (s: string) => s.replace(/\s+/g, '');

async function saveAsPdf(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  const preview = page.getByRole('dialog', { name: '打印预览' });
  await preview.getByRole('button', { name: '保存为PDF' }).click();
  await preview.getByRole('status').filter({ hasText: '已保存为 PDF' }).waitFor({ timeout: 60_000 });
  await preview.getByRole('button', { name: '关闭' }).click();
}

describe('定密 printouts (real app in Chromium)', () => {
  it('prints the 定密审批表 with the draft, the correction old → new and signature lines, and the yearly review list, each page marked', async () => {
    const pdfs: { title: string; pdf: Uint8Array }[] = [];
    app = await launchTestApp({ onPdf: (pdf, title) => pdfs.push({ title, pdf }) });
    const { page } = app;
    await completeSetup(page);
    await setUpDeterminationAccounts(page);

    await openDeterminations(page, DET_CLERK, '事项一览表');
    await addCatalogueEntry(page, { code: '3.2', title: '重点工程选址方案', level: '机密', years: 20, scopeHint: '办公室主任' });
    await signOut(page);

    await openDeterminations(page, HANDLER, '拟定定密');
    await fillDraft(page, { title: TITLE, entry: '3.2 重点工程选址方案（机密，20年）', posts: '办公室主任', years: 20, processDraft: false });
    await page.getByRole('button', { name: '提交定密责任人审批' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await signOut(page);

    await openDeterminations(page, DETERMINER, '待办');
    await page.getByRole('button', { name: `审批：${TITLE}` }).click();
    await page.getByRole('button', { name: '修改', exact: true }).click();
    await page.getByLabel('年数').fill('10');
    await page.getByRole('textbox', { name: '意见' }).fill('选址公布后即可解密，期限改为10年。');
    await page.getByRole('button', { name: '修改后同意' }).click();
    await page.getByText('保密期内').first().waitFor();

    await saveAsPdf(page, '打印定密审批表');
    await page.getByRole('tab', { name: /审核提醒/ }).click();
    await saveAsPdf(page, '打印年度审核清单');

    const record = pdfs.find((p) => p.title === '定密审批表');
    const review = pdfs.find((p) => p.title.endsWith('年度定密事项审核清单'));
    if (!record || !review) throw new Error(`printouts made: ${pdfs.map((p) => p.title).join(', ')}`);

    const recordPdf = await PdfFile.write(Buffer.from(record.pdf).toString('base64'), 'determination-record');
    const pages = recordPdf.pageCount();
    expect(pages).toBeGreaterThanOrEqual(1);
    const all = squash(Array.from({ length: pages }, (_, i) => recordPdf.pageText(i + 1)).join('\n'));
    for (const text of [
      '定密审批表',
      squash(TITLE),
      '一、承办人拟定意见',
      '事项一览表3.2重点工程选址方案（第1版）',
      '机密★20年',
      '二、定密责任人审核意见',
      '修改后同意，确定为机密★10年',
      '保密期限：20年→10年',
      '选址公布后即可解密，期限改为10年。',
      '承办人（签字）',
      '定密责任人（签字）',
    ]) {
      expect(all, text).toContain(text);
    }
    for (let n = 1; n <= pages; n++) {
      const p = squash(recordPdf.pageText(n));
      expect(p).toContain(`第${n}页共${pages}页`);
      expect(p).toContain('机密');
    }

    const reviewPdf = await PdfFile.write(Buffer.from(review.pdf).toString('base64'), 'determination-review');
    expect(reviewPdf.pageCount()).toBe(1);
    const r = squash(reviewPdf.pageText(1));
    for (const text of ['年度定密事项审核清单', '共1项', squash(TITLE), '机密★10年', '审核决定', '审核人（定密责任人）（签字）', '第1页共1页']) expect(r, text).toContain(text);
    await recordPdf.pictures(60);
    await reviewPdf.pictures(60);
  });
});
