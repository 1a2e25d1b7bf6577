import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { levelName, levelRank } from '../../shared/ledger/classification';
import { drainRefusedUntil, launchTestApp, type TestApp } from './pages/app';
import { bundlePrintHarness, PdfFile, printToPdfInApp, type HarnessResult } from './pages/printing';
import {
  DESTRUCTION_COLUMNS,
  LEDGER_COLUMNS,
  ledgerOf300,
  ledgerRowId,
  ledgerRowLevel,
  LONG_TITLE,
  threeRowDestructionList,
  UNIT_NAME,
} from '../fixtures/printDocuments';
import { approvalFormDocument, destructionListDocument } from '../../shared/destruction/documents';
import { batch as destructionBatch, world as destructionWorld } from '../unit/destruction/fixtures';

/**
 * Printouts made to PDF through the real stand-in: the renderer's layout in the app's page, then
 * window.api.printToPdf over the bridge to the launcher's print handler (a headless Chromium). The
 * PDFs are read back with poppler, and the page pictures are left in test-results/print/ to be
 * looked at.
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

const PRINTOUT_ID = '0f3c2a9e-1111-4222-8333-444455556666';
/** pdftotext spaces CJK text as it pleases; the checks compare text with all white space removed. */
const squash = (s: string) => s.replace(/\s+/g, '');

async function print(doc: Parameters<typeof printToPdfInApp>[2], name: string): Promise<{ out: Extract<HarnessResult, { ok: true }>; pdf: PdfFile }> {
  const out = await printToPdfInApp(app.page, harness, doc, PRINTOUT_ID);
  if (!out.ok) throw new Error(`printing refused: ${JSON.stringify(out.error)}`);
  return { out, pdf: await PdfFile.write(out.pdf, name) };
}

describe('printing to PDF in the Chromium stand-in', () => {
  it('prints a three-row destruction list on one A4 page with every marking', async () => {
    const { out, pdf } = await print(threeRowDestructionList(), 'destruction-list');
    const info = pdf.info();
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toContain('(A4)');
    expect(out.pages).toBe(1);

    const lines = pdf.pageLines(1);
    const text = squash(pdf.pageText(1));
    // Header: the highest level on the page (机密, the first row), the unit, the date.
    expect(lines[0]?.startsWith('机密')).toBe(true);
    expect(squash(lines[0] ?? '')).toContain(UNIT_NAME);
    expect(squash(lines[0] ?? '')).toContain('2026年5月8日');
    // Footer: the level again, 第 1 页 共 1 页 and the printout number.
    const last = squash(lines[lines.length - 1] ?? '');
    expect(last.startsWith('机密')).toBe(true);
    expect(last).toContain('第1页共1页');
    expect(last).toContain('打印编号0F3C2A9E');
    // The long title wrapped over several lines, in full.
    expect(text).toContain(squash(LONG_TITLE));
    expect(lines.filter((l) => LONG_TITLE.includes(squash(l)) && squash(l).length > 5).length).toBeGreaterThanOrEqual(2);
    for (const c of DESTRUCTION_COLUMNS) expect(text).toContain(c.label);
    for (const role of ['审批人（签字）', '监销人（签字）']) expect(text).toContain(role);
    expect(text).toContain('本件最高密级：机密');

    const pictures = await pdf.pictures(60);
    expect(pictures).toHaveLength(1);
  });

  it('prints a 300-row list over several pages: header row repeated, levels per page, every row once', async () => {
    const { out, pdf } = await print(ledgerOf300(), 'ledger-300');
    const pages = pdf.pageCount();
    expect(pages).toBe(out.pages);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(out.levels).toHaveLength(pages);

    const seen = new Map<string, number>();
    for (let n = 1; n <= pages; n++) {
      const lines = pdf.pageLines(n);
      const text = squash(pdf.pageText(n));
      const marking = levelName(out.levels[n - 1] ?? 'unclassified');
      expect(lines[0]?.startsWith(marking), `page ${n} header: ${lines[0]}`).toBe(true);
      expect(squash(lines[lines.length - 1] ?? '').startsWith(marking), `page ${n} footer`).toBe(true);
      expect(squash(lines[lines.length - 1] ?? '')).toContain(`第${n}页共${pages}页`);
      expect(text).toContain(UNIT_NAME);
      // The table's header row on every page.
      for (const c of LEDGER_COLUMNS) expect(text, `page ${n}`).toContain(c.label);
      for (const id of text.match(/TZ-\d{4}/g) ?? []) seen.set(id, (seen.get(id) ?? 0) + 1);

      // The page's marking is the highest level among the rows printed on it.
      const rowsHere = (text.match(/TZ-\d{4}/g) ?? []).map((id) => Number(id.slice(3)) - 1);
      const highest = rowsHere.map(ledgerRowLevel).sort((a, b) => levelRank(b) - levelRank(a))[0];
      expect(out.levels[n - 1]).toBe(highest);
    }
    // No row lost, cut or printed twice.
    expect(seen.size).toBe(300);
    for (let i = 0; i < 300; i++) expect(seen.get(ledgerRowId(i)), ledgerRowId(i)).toBe(1);
    expect(out.docLevel).toBe('top_secret');
    expect(squash(pdf.pageText(1))).toContain('本件最高密级：绝密');
    // The signature lines end the list, on the last page.
    expect(squash(pdf.pageText(pages))).toContain('审核人（签字）');

    expect(await pdf.pictures(60)).toHaveLength(pages);
  });

  it('prints a destruction batch’s list and approval form, with signature lines for the approver and two escorts', async () => {
    const names: Record<string, string> = { 'acc-zhang': '张三', 'acc-clerk': '赵保密', 'acc-boss': '周领导' };
    const { carriers } = destructionWorld();
    const input = {
      batch: destructionBatch('approved'),
      carriers: [carriers.paper, carriers.computer, carriers.disk, carriers.usb],
      unitName: UNIT_NAME,
      date: '2026-03-02',
      accountName: (id: string) => names[id] ?? id,
      personName: (id: string) => id,
    };
    const list = await print(destructionListDocument(input), 'destruction-batch-list');
    const listText = squash(list.pdf.pageText(1));
    expect(list.pdf.pageCount()).toBe(1);
    expect(list.pdf.pageLines(1)[0]?.startsWith('机密')).toBe(true);
    for (const s of ['涉密载体销毁清单', '2026-机-0001', '涉密计算机硬盘', 'HD-1', '审批人（签字）：周领导', '监销人（签字）']) expect(listText).toContain(s);
    expect(listText.match(/监销人（签字）/g)).toHaveLength(2);

    const form = await print(approvalFormDocument(input), 'destruction-batch-form');
    const formText = squash(form.pdf.pageText(1));
    for (const s of ['涉密载体销毁审批表', '共4件（机密4件），明细见销毁清单', '同意销毁', '申请人（签字）', '审批人（签字）']) expect(formText).toContain(s);
    expect(await list.pdf.pictures(60)).toHaveLength(1);
    expect(await form.pdf.pictures(60)).toHaveLength(1);
  });

  it('loads nothing from outside while printing, and has no printer to offer', async () => {
    const refused = await drainRefusedUntil(app.page, () => false, 300);
    expect(refused).toEqual([]);
    expect(app.warnings).toEqual([]);
    expect(await app.page.evaluate(() => window.api.printPrinters())).toEqual({ available: false, printers: [], refused: [] });
    const job = { title: 't', css: '', body: '<div class="print-sheets"></div>' };
    expect(await app.page.evaluate((j) => window.api.printToPrinter({ ...j, deviceName: 'Office_USB', copies: 1 }), job)).toEqual({ ok: false, code: 'NO_PRINTER_IN_STANDIN' });
  });

  it('keeps Chromium’s own print dialog (which lists network printers) shut', async () => {
    const seen = await app.page.evaluate(() => {
      const e = new KeyboardEvent('keydown', { key: 'p', ctrlKey: true, bubbles: true, cancelable: true });
      document.body.dispatchEvent(e);
      return { prevented: e.defaultPrevented, print: window.print() === undefined && !/native code/.test(String(window.print)) };
    });
    expect(seen).toEqual({ prevented: true, print: true });
  });
});

