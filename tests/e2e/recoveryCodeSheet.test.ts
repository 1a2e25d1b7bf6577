import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryCodeDocument } from '../../shared/print/recoveryCodeDocument';
import { launchTestApp, type TestApp } from './pages/app';
import { setUpUntilRecoveryCode, sealRecoveryCode, frameNav } from './pages/ledgerApp';
import { bundlePrintHarness, PdfFile, printToPdfInApp } from './pages/printing';

/**
 * The recovery code sheet (恢复码密封单, issue 7 §3) in the real app in Chromium: offered on the
 * set-up's last step, laid out with the code and the chosen level, paper only (no 保存为PDF), and —
 * the stand-in having no printer — the screen says to copy it by hand. The PDF the sheet makes is
 * read back with poppler.
 */
let app: TestApp;
let harness: string;
beforeAll(async () => {
  harness = await bundlePrintHarness();
  app = await launchTestApp();
});
afterAll(async () => {
  await app?.dispose();
});

const squash = (s: string) => s.replace(/\s+/g, '');

describe('the recovery code sheet', () => {
  it('is offered at set-up: the preview shows the code at the chosen level and offers paper only', async () => {
    const { page } = app;
    await setUpUntilRecoveryCode(page);
    const code = ((await page.getByLabel('恢复码', { exact: true }).textContent()) ?? '').trim();
    expect(code).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);

    await page.getByLabel('密封单密级标志').selectOption({ label: '绝密' });
    await page.getByRole('button', { name: '打印恢复码密封单' }).click();
    const preview = page.getByRole('dialog', { name: '打印预览' });
    await preview.locator('section.sheet').first().waitFor();
    const sheet = squash((await preview.locator('section.sheet').first().textContent()) ?? '');
    expect(sheet).toContain('保密台账系统恢复码密封单');
    expect(sheet).toContain(code);
    expect(sheet).toContain('系统初始化时生成');
    expect(sheet.startsWith('绝密')).toBe(true);
    await expect(preview.getByRole('button', { name: '保存为PDF' }).count()).resolves.toBe(0);
    await page.screenshot({ path: 'test-results/recovery-sheet-preview.png' });

    await preview.getByRole('button', { name: '打印', exact: true }).click();
    await preview.getByText('本单也不能保存为 PDF').waitFor();
    await preview.getByRole('button', { name: '关闭' }).click();

    // Back on the code: sealed, and set-up ends in the 系统管理员's frame.
    expect(await sealRecoveryCode(page)).toBe(code);
    await frameNav(page).waitFor({ timeout: 30_000 });
  });

  it('prints one A4 page marked with its level in header and footer, with the code and both signature lines', async () => {
    const code = 'SX02-QM6T-EF0Y-MXB4-70KF-24TB';
    const doc = recoveryCodeDocument({ code, unitName: '某市保密测试单位', unitCode: 'T-001', date: '2026-11-21', level: 'secret', reason: 'setup', printedBy: '王系统' });
    const out = await printToPdfInApp(app.page, harness, doc, '0f3c2a9e-1111-4222-8333-444455556666');
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    const pdf = await PdfFile.write(out.pdf, 'recovery-code');
    expect(pdf.pageCount()).toBe(1);
    const lines = pdf.pageLines(1);
    expect(lines[0]?.startsWith('机密')).toBe(true);
    expect(squash(lines.at(-1) ?? '')).toContain('机密');
    expect(squash(lines.at(-1) ?? '')).toContain('第1页共1页');
    const text = squash(pdf.pageText(1));
    expect(text).toContain(code);
    expect(text).toContain('系统管理员');
    expect(text).toContain('见证人（保密办）');
    expect(text).toContain('本系统不保存本单的电子副本');
    // The date is written one way on the whole sheet: as the header writes it.
    expect(text).toContain('打印日期2026年11月21日');
    expect(text).not.toContain('2026-11-21');
    await pdf.pictures(80);
  });
});
