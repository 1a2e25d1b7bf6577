import type { BrowserWindowConstructorOptions, PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import { createDispatcher, type Handlers } from '../../../electron/main/ipcDispatch';
import { countPdfPages, createJobFiles, printPageHtml } from '../../../electron/main/printJob';
import {
  createElectronPrintService,
  createPrintHandlers,
  PRINT_PARTITION,
  printWindowOptions,
  type PrintWindowLike,
} from '../../../electron/main/printService';
import type { PrinterLike } from '../../../electron/main/printers';
import { memoryLog } from './fakes';

const JOB = { title: '涉密载体销毁清单', css: '.sheet{height:297mm}', body: '<div class="print-sheets"><section class="sheet">一</section></div>' };
const PDF = new TextEncoder().encode('%PDF-1.4\n3 0 obj <</Type /Page>>\n4 0 obj <</Type/Page /Parent 2 0 R>>\n2 0 obj <</Type /Pages /Count 2>>\n%%EOF');

const USB = { name: 'Office_USB', displayName: 'Office USB', options: { 'device-uri': 'usb://HP/M1005', 'printer-type': '4' } };
const NET = { name: 'Floor_3', displayName: 'Floor 3', options: { 'device-uri': 'socket://10.0.0.5:9100', 'printer-type': '4' } };

/** A BrowserWindow stand-in that loads the job through the registered app: handler, like Electron would. */
function fakeElectron(opts: { printers?: PrinterLike[]; printResult?: [boolean, string] } = {}) {
  const log = memoryLog();
  let handler: ((r: Request) => Promise<Response>) | null = null;
  const events: string[] = [];
  const windows: { options: BrowserWindowConstructorOptions; loadedHtml?: string; loadedCss?: string; destroyed: boolean }[] = [];
  const pdfOptions: PrintToPDFOptions[] = [];
  const printOptions: WebContentsPrintOptions[] = [];
  const service = createElectronPrintService({
    platform: 'linux',
    log: log.log,
    serveJobs: (h) => {
      events.push('serveJobs');
      handler = h;
    },
    createWindow: (options): PrintWindowLike => {
      const record: (typeof windows)[number] = { options, destroyed: false };
      windows.push(record);
      return {
        async loadURL(url) {
          if (!handler) throw new Error('loaded before the print session serves jobs');
          const page = await handler(new Request(url));
          expect(page.status).toBe(200);
          record.loadedHtml = await page.text();
          record.loadedCss = await (await handler(new Request(new URL('print.css', url).href))).text();
        },
        destroy() {
          record.destroyed = true;
        },
        webContents: {
          async printToPDF(o) {
            pdfOptions.push(o);
            return PDF;
          },
          print(o, cb) {
            printOptions.push(o);
            const [ok, reason] = opts.printResult ?? [true, ''];
            cb(ok, reason);
          },
          async getPrintersAsync() {
            return opts.printers ?? [USB, NET];
          },
        },
      };
    },
  });
  return { service, windows, pdfOptions, printOptions, events, log, handler: () => handler };
}

describe('the Electron print service', () => {
  it('renders the job in a hidden, script-less window of the in-memory print session, and destroys it', async () => {
    const f = fakeElectron();
    const pdf = await f.service.toPdf(JOB);
    expect(pdf).toBe(PDF);
    expect(f.windows).toHaveLength(1);
    const w = f.windows[0];
    expect(w?.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, partition: PRINT_PARTITION, devTools: false, webviewTag: false },
    });
    expect(w?.options.webPreferences).not.toHaveProperty('preload');
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
    expect(w?.loadedHtml).toContain(JOB.body);
    expect(w?.loadedCss).toBe(JOB.css);
    expect(w?.destroyed).toBe(true);
  });

  it('asks for an A4 PDF with backgrounds, the CSS page size and no margins or browser header', async () => {
    const f = fakeElectron();
    await f.service.toPdf(JOB);
    expect(f.pdfOptions[0]).toEqual(
      expect.objectContaining({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false, margins: { top: 0, bottom: 0, left: 0, right: 0 } }),
    );
  });

  it('serves a job only while it is printed, and nothing but its page and stylesheet', async () => {
    const f = fakeElectron();
    await f.service.toPdf(JOB);
    const serve = f.handler();
    expect((await serve?.(new Request(`${APP_ORIGIN}/__print/job1/index.html`)))?.status).toBe(404);
    expect((await serve?.(new Request(`${APP_ORIGIN}/index.html`)))?.status).toBe(404);
    expect((await serve?.(new Request('app://elsewhere/__print/job1/index.html')))?.status).toBe(404);
  });

  it('offers only local printers and names the ones left out', async () => {
    const f = fakeElectron();
    expect(await f.service.printers()).toEqual({
      available: true,
      printers: [{ name: 'Office_USB', displayName: 'Office USB' }],
      refused: [{ name: 'Floor 3', reason: 'network-uri' }],
    });
  });

  it('prints silently on the chosen local printer with the copies asked for', async () => {
    const f = fakeElectron();
    expect(await f.service.toPrinter(JOB, 'Office_USB', 3)).toEqual({ ok: true });
    expect(f.printOptions[0]).toMatchObject({ silent: true, deviceName: 'Office_USB', copies: 3, pageSize: 'A4', printBackground: true, margins: { marginType: 'none' } });
    expect(f.windows.every((w) => w.destroyed)).toBe(true);
  });

  it('refuses a network printer even when named directly, and prints nothing', async () => {
    const f = fakeElectron();
    expect(await f.service.toPrinter(JOB, 'Floor_3', 1)).toEqual({ ok: false, code: 'PRINTER_NOT_LOCAL' });
    expect(await f.service.toPrinter(JOB, 'No_Such_Printer', 1)).toEqual({ ok: false, code: 'PRINTER_NOT_LOCAL' });
    expect(f.printOptions).toHaveLength(0);
    expect(f.log.warnings().map((l) => l.message)).toContain('print: refused a printer that is not local');
  });

  it('reports what the system said when the printer job fails', async () => {
    const f = fakeElectron({ printResult: [false, 'Print job canceled'] });
    expect(await f.service.toPrinter(JOB, 'Office_USB', 1)).toEqual({ ok: false, code: 'PRINT_FAILED', reason: 'Print job canceled' });
  });

  it('destroys the window even when printing to PDF fails', async () => {
    const f = fakeElectron();
    const failing = createElectronPrintService({
      platform: 'linux',
      log: f.log.log,
      serveJobs: () => undefined,
      createWindow: () => ({
        loadURL: async () => undefined,
        destroy: () => f.events.push('destroyed'),
        webContents: { printToPDF: async () => Promise.reject(new Error('renderer gone')), print: () => undefined, getPrintersAsync: async () => [] },
      }),
    });
    await expect(failing.toPdf(JOB)).rejects.toThrow('renderer gone');
    expect(f.events).toContain('destroyed');
  });

  it('keeps the print window options as strict as the main window, minus the preload and script', () => {
    const o = printWindowOptions();
    expect(o.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, spellcheck: false, javascript: false });
  });
});

describe('print jobs as pages', () => {
  it('puts the body into a fixed shell with the escaped title and the stylesheet link', () => {
    const html = printPageHtml({ ...JOB, title: '<script>x</script>' });
    expect(html).toContain('<title>&#60;script&#62;x&#60;/script&#62;</title>');
    expect(html).toContain('<link rel="stylesheet" href="print.css">');
    expect(html).toContain('<html lang="zh-CN">');
  });

  it('serves pages with the app CSP, and refuses paths outside a pending job', () => {
    const files = createJobFiles();
    const { id, path } = files.add(JOB);
    expect(files.serve(path)).toMatchObject({ status: 200, headers: { 'Content-Security-Policy': expect.stringContaining("default-src 'none'") } });
    expect(files.serve(`/__print/${id}/../../index.html`).status).toBe(404);
    expect(files.serve(`/__print/${id}/other.js`).status).toBe(404);
    files.remove(id);
    expect(files.serve(path).status).toBe(404);
  });

  it('counts the pages of a PDF, not its page tree', () => {
    expect(countPdfPages(PDF)).toBe(2);
  });
});

describe('print IPC handlers', () => {
  it('return the PDF as base64 with its page count, validated against the contract', async () => {
    const { log } = memoryLog();
    const f = fakeElectron();
    // Only the printing channels are called here; the others are not needed.
    const dispatch = createDispatcher(createPrintHandlers(f.service) as Handlers, log);
    const out = (await dispatch('print:toPdf', JOB)) as { pdf: string; pages: number };
    expect(Buffer.from(out.pdf, 'base64').toString('latin1')).toContain('%PDF-1.4');
    expect(out.pages).toBe(2);
    await expect(dispatch('print:toPdf', { ...JOB, body: '' })).rejects.toThrow('IPC_BAD_PAYLOAD');
    await expect(dispatch('print:toPrinter', { ...JOB, deviceName: 'Office_USB', copies: 0 })).rejects.toThrow('IPC_BAD_PAYLOAD');
    await expect(dispatch('print:toPrinter', { ...JOB, deviceName: 'Office_USB', copies: 100 })).rejects.toThrow('IPC_BAD_PAYLOAD');
    expect(await dispatch('print:toPrinter', { ...JOB, deviceName: 'Office_USB', copies: 2 })).toEqual({ ok: true });
  });
});
