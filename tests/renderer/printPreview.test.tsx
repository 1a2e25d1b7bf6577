import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ResponseOf } from '../../shared/ipc/contract';
import type { PrintJob } from '../../shared/ipc/printContract';
import type { PrintDocument } from '../../shared/print/document';
import { ok } from '../../shared/result';
import { PrintoutsRepo } from '../../renderer/db/printouts.repo';
import { PrintPreview, type PrintoutSink } from '../../renderer/features/print/PrintPreview';
import { createPrintServices, PrintProvider, usePrint } from '../../renderer/features/print/PrintProvider';
import type { PrintApi } from '../../renderer/features/print/printout';
import { ledgerOf300, threeRowDestructionList } from '../fixtures/printDocuments';
import { fixedLayout } from './fixedLayout';
import { cleanup, click, getByLabel, getByRole, queryByRole, render, textOf, type, waitFor } from './dom';
import { SESSIONS, testLedger } from './ledgerVault';


const ID = '0f3c2a9e-1111-4222-8333-444455556666';

function fakePrintApi(opts: { printers?: ResponseOf<'print:printers'>; extraPages?: number; printerFails?: boolean } = {}) {
  const calls: { channel: string; job: PrintJob; deviceName?: string; copies?: number }[] = [];
  const api: PrintApi = {
    async printToPdf(job) {
      calls.push({ channel: 'toPdf', job });
      const pages = (job.body.match(/data-page="/g) ?? []).length + (opts.extraPages ?? 0);
      return { pdf: btoa(`%PDF-1.4 ${pages}`), pages };
    },
    async printPrinters() {
      return opts.printers ?? { available: true, printers: [{ name: 'Office_USB', displayName: '办公室 USB 打印机' }], refused: [{ name: '三楼网络打印机', reason: 'network-uri' }] };
    },
    async printToPrinter(req) {
      calls.push({ channel: 'toPrinter', job: req, deviceName: req.deviceName, copies: req.copies });
      return opts.printerFails ? { ok: false, code: 'PRINT_FAILED', reason: 'Print job canceled' } : { ok: true };
    },
  };
  return { api, calls };
}

function fakeSink() {
  const kept: Parameters<PrintoutSink['keep']>[0][] = [];
  const failures: string[] = [];
  const sink: PrintoutSink = {
    async keep(input) {
      kept.push(input);
      return ok({ ...input, at: '2026-05-08T01:00:00.000Z', bytes: input.pdf.length, sha256: '0'.repeat(64), chunks: 1, actorId: 'a', actorName: 'b' });
    },
    async recordFailure(id, code) {
      failures.push(`${id} ${code}`);
      return ok(undefined);
    },
  };
  return { sink, kept, failures };
}

async function openPreview(doc: PrintDocument, api: PrintApi, sink: PrintoutSink, onClose: () => void = () => undefined) {
  const view = await render(<PrintPreview document={doc} api={api} printouts={sink} onClose={onClose} newId={() => ID} layout={fixedLayout} />);
  await waitFor(() => getByRole(view, 'button', { name: '保存为PDF' }));
  return view;
}

afterEach(cleanup);

describe('print preview', () => {
  it('shows every page with its number, the unit, and the highest level on it', async () => {
    const view = await openPreview(ledgerOf300(), fakePrintApi().api, fakeSink().sink);
    const sheets = view.querySelectorAll('section.sheet');
    expect(sheets.length).toBeGreaterThan(5);
    expect(textOf(view)).toContain(`共 ${sheets.length} 页（A4）`);
    expect(textOf(sheets[0] as Element)).toContain(`第 1 页 共 ${sheets.length} 页`);
    expect(textOf(sheets[0] as Element)).toContain('某某市国家保密局机关保密办公室');
    // Every page repeats the table's header row.
    for (const sheet of sheets) expect(sheet.querySelector('thead')?.textContent).toContain('台账编号');
    // The page holding the top-secret row says so in its header and footer.
    const topSecret = [...sheets].find((s) => s.textContent?.includes('TZ-0150'));
    expect(topSecret?.querySelector('.sheet-header .sheet-level')?.textContent).toBe('绝密');
    expect(topSecret?.querySelector('.sheet-footer .sheet-level')?.textContent).toBe('绝密');
  });

  it('saves as PDF: made through main with its number on the pages, kept, and confirmed', async () => {
    const { api, calls } = fakePrintApi();
    const { sink, kept } = fakeSink();
    const view = await openPreview(threeRowDestructionList(), api, sink);
    await click(getByRole(view, 'button', { name: '保存为PDF' }));
    await waitFor(() => expect(textOf(view)).toContain('已保存为 PDF（打印编号 0F3C2A9E，共 1 页）'));
    expect(calls.map((c) => c.channel)).toEqual(['toPdf']);
    expect(calls[0]?.job.body).toContain('打印编号 0F3C2A9E');
    // The stylesheet travels with the job (vitest hands CSS modules over empty; the e2e suite checks the real text).
    expect(calls[0]?.job).toHaveProperty('css');
    expect(kept).toEqual([expect.objectContaining({ id: ID, kind: 'destruction-list', output: 'pdf', copies: 0, printer: null, level: 'secret', pages: 1 })]);
  });

  it('prints on a chosen local printer, after keeping the PDF, and names the printers left out', async () => {
    const { api, calls } = fakePrintApi();
    const { sink, kept } = fakeSink();
    const view = await openPreview(threeRowDestructionList(), api, sink);
    await click(getByRole(view, 'button', { name: '打印' }));
    await waitFor(() => getByRole(view, 'button', { name: '开始打印' }));
    expect(textOf(view)).toContain('以下打印机不是本地打印机，不能使用：三楼网络打印机（经网络连接）。');
    await type(getByLabel(view, '份数'), '3');
    await click(getByRole(view, 'button', { name: '开始打印' }));
    await waitFor(() => expect(textOf(view)).toContain('已发送到打印机“办公室 USB 打印机”，共 3 份'));
    expect(calls.map((c) => c.channel)).toEqual(['toPdf', 'toPrinter']);
    expect(calls[1]).toMatchObject({ deviceName: 'Office_USB', copies: 3 });
    expect(calls[1]?.job.body).toBe(calls[0]?.job.body);
    expect(kept[0]).toMatchObject({ output: 'printer', copies: 3, printer: 'Office_USB' });
  });

  it('refuses a number of copies out of range without printing', async () => {
    const { api, calls } = fakePrintApi();
    const view = await openPreview(threeRowDestructionList(), api, fakeSink().sink);
    await click(getByRole(view, 'button', { name: '打印' }));
    await waitFor(() => getByRole(view, 'button', { name: '开始打印' }));
    await type(getByLabel(view, '份数'), '100');
    await click(getByRole(view, 'button', { name: '开始打印' }));
    expect(textOf(view)).toContain('份数应为 1 至 99 之间的整数。');
    expect(calls).toHaveLength(0);
  });

  it('says plainly that the Chromium stand-in has no printer', async () => {
    const { api } = fakePrintApi({ printers: { available: false, printers: [], refused: [] } });
    const view = await openPreview(threeRowDestructionList(), api, fakeSink().sink);
    await click(getByRole(view, 'button', { name: '打印' }));
    await waitFor(() => expect(textOf(view)).toContain('当前以 Chromium 替代方式运行，无法连接打印机。'));
    expect(queryByRole(view, 'button', { name: '开始打印' })).toBeNull();
  });

  it('keeps and prints nothing when the PDF has other pages than laid out', async () => {
    const { api } = fakePrintApi({ extraPages: 1 });
    const { sink, kept } = fakeSink();
    const view = await openPreview(threeRowDestructionList(), api, sink);
    await click(getByRole(view, 'button', { name: '保存为PDF' }));
    await waitFor(() => expect(getByRole(view, 'alert').dataset.code).toBe('PRINT_LAYOUT_MISMATCH'));
    expect(kept).toHaveLength(0);
  });

  it('notes a printer failure against the printout already kept', async () => {
    const { api } = fakePrintApi({ printerFails: true });
    const { sink, kept, failures } = fakeSink();
    const view = await openPreview(threeRowDestructionList(), api, sink);
    await click(getByRole(view, 'button', { name: '打印' }));
    await waitFor(() => getByRole(view, 'button', { name: '开始打印' }));
    await click(getByRole(view, 'button', { name: '开始打印' }));
    await waitFor(() => expect(textOf(view)).toContain('打印机未能完成打印（Print job canceled）'));
    expect(kept).toHaveLength(1);
    expect(failures).toEqual([`${ID} PRINT_FAILED`]);
  });

  it('closes with 关闭', async () => {
    let closed = 0;
    const view = await openPreview(threeRowDestructionList(), fakePrintApi().api, fakeSink().sink, () => {
      closed++;
    });
    await click(getByRole(view, 'button', { name: '关闭' }));
    expect(closed).toBe(1);
  });

  it('keeps the printout in the encrypted store with its audit entry (real repository)', async () => {
    const ledger = await testLedger();
    const repo = new PrintoutsRepo(ledger.as(SESSIONS.clerk));
    const view = await openPreview(threeRowDestructionList(), fakePrintApi().api, repo);
    await click(getByRole(view, 'button', { name: '保存为PDF' }));
    await waitFor(() => expect(textOf(view)).toContain('已保存为 PDF'));
    const list = await repo.list();
    expect(list.ok && list.value[0]).toMatchObject({ id: ID, kind: 'destruction-list', actorName: '赵保密', output: 'pdf' });
    const entries = await ledger.audits.list(ledger.cipher);
    expect(entries[0]).toMatchObject({ action: 'print.document', detail: { printoutId: ID, output: 'pdf', copies: 0 } });
  });
});

describe('usePrint', () => {
  function PrintButton({ doc }: { doc: PrintDocument }) {
    const print = usePrint();
    return (
      <button type="button" onClick={() => print?.printTable(doc)}>
        打印清单
      </button>
    );
  }

  it('opens the preview over the module and closes it again', async () => {
    const ledger = await testLedger();
    const services = createPrintServices(ledger.as(SESSIONS.clerk), fakePrintApi().api);
    const session = createStore(() => ({ phase: 'unlocked' }));
    const view = await render(
      <PrintProvider services={services} session={session}>
        <PrintButton doc={threeRowDestructionList()} />
      </PrintProvider>,
    );
    expect(queryByRole(view, 'heading', { name: '打印预览' })).toBeNull();
    await click(getByRole(view, 'button', { name: '打印清单' }));
    expect(getByRole(view, 'heading', { name: '打印预览' })).toBeTruthy();
    await click(getByRole(view, 'button', { name: '关闭' }));
    expect(queryByRole(view, 'heading', { name: '打印预览' })).toBeNull();
  });

  it('closes the preview when the session locks, and does not bring it back on unlock', async () => {
    const ledger = await testLedger();
    const services = createPrintServices(ledger.as(SESSIONS.clerk), fakePrintApi().api);
    const session = createStore(() => ({ phase: 'unlocked' }));
    const view = await render(
      <PrintProvider services={services} session={session}>
        <PrintButton doc={threeRowDestructionList()} />
      </PrintProvider>,
    );
    await click(getByRole(view, 'button', { name: '打印清单' }));
    expect(view.querySelector('.print-overlay')).not.toBeNull();
    await act(async () => session.setState({ phase: 'locked' }));
    expect(view.querySelector('.print-overlay')).toBeNull();
    expect(textOf(view)).not.toContain('某某市国家保密局');
    await act(async () => session.setState({ phase: 'unlocked' }));
    expect(view.querySelector('.print-overlay')).toBeNull();
  });
});
