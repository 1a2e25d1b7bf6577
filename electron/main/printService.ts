import type { BrowserWindowConstructorOptions, PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import type { ResponseOf } from '../../shared/ipc/contract';
import type { PrintJob } from '../../shared/ipc/printContract';
import { APP_ORIGIN } from './appProtocol';
import type { Handlers } from './ipcDispatch';
import type { MainLog } from './log';
import { countPdfPages, createJobFiles } from './printJob';
import { localPrinters, type PrinterLike } from './printers';
import { secureWindowOptions } from './window';

/**
 * Printing in the main process. The same three calls are answered by the Electron service below
 * and by the Chromium stand-in's (electron/standin/printStandIn.ts): a job's sheets in, a PDF (or a
 * printed job) out.
 */
export interface PrintService {
  toPdf(job: PrintJob): Promise<Uint8Array>;
  printers(): Promise<ResponseOf<'print:printers'>>;
  toPrinter(job: PrintJob, deviceName: string, copies: number): Promise<ResponseOf<'print:toPrinter'>>;
}

/** The IPC handlers for printing, over whichever service the runtime has. */
export function createPrintHandlers(service: PrintService): Pick<Handlers, 'print:toPdf' | 'print:printers' | 'print:toPrinter'> {
  return {
    'print:toPdf': async (job) => {
      const pdf = await service.toPdf(job);
      return { pdf: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('base64'), pages: countPdfPages(pdf) };
    },
    'print:printers': () => service.printers(),
    'print:toPrinter': ({ deviceName, copies, ...job }) => service.toPrinter(job, deviceName, copies),
  };
}

/**
 * The print windows' own session: in memory only (no `persist:` prefix, so nothing of a printout
 * reaches the disk through a cache), with an `app:` handler that serves pending jobs and nothing
 * else — not even the app's files. It is hardened like every session (sessionPolicy.ts, from the
 * composition root's web-contents-created hook).
 */
export const PRINT_PARTITION = 'secrecy-ledger-print';

/**
 * The main window's options (window.ts), with what a print page does not need taken away: no
 * preload (so no window.api), no JavaScript at all (the sheets are static markup), never shown.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  const base = secureWindowOptions({ preloadPath: '', devTools: false, title: '打印' });
  const { preload: _none, ...webPreferences } = base.webPreferences ?? {};
  return {
    ...base,
    show: false,
    // A4 at 96 dpi; the PDF's page size comes from @page, the window size only from habit.
    width: 794,
    height: 1123,
    minWidth: undefined,
    minHeight: undefined,
    webPreferences: { ...webPreferences, javascript: false, partition: PRINT_PARTITION, devTools: false },
  };
}

export const PDF_OPTIONS: PrintToPDFOptions = {
  pageSize: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  landscape: false,
  scale: 1,
  displayHeaderFooter: false,
  margins: { top: 0, bottom: 0, left: 0, right: 0 },
};

/** The parts of a BrowserWindow a print job uses; a fake in tests. */
export interface PrintWindowLike {
  loadURL(url: string): Promise<void>;
  destroy(): void;
  webContents: {
    printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
    getPrintersAsync(): Promise<PrinterLike[]>;
  };
}

export interface ElectronPrintDeps {
  /** `new BrowserWindow(options)`. */
  createWindow(options: BrowserWindowConstructorOptions): PrintWindowLike;
  /** `session.fromPartition(PRINT_PARTITION).protocol.handle('app', handler)`; called once, on first use. */
  serveJobs(handler: (request: Request) => Promise<Response>): void;
  platform: string;
  log: MainLog;
}

export function createElectronPrintService(deps: ElectronPrintDeps): PrintService {
  const jobs = createJobFiles();
  let serving = false;
  // One print window at a time: printouts are made one by one at a person's request.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  function ensureServing(): void {
    if (serving) return;
    deps.serveJobs(async (request) => {
      const url = new URL(request.url);
      const file = jobs.serve(`${url.protocol}//${url.host}` === APP_ORIGIN ? url.pathname : '/');
      return new Response(file.body, { status: file.status, headers: file.headers });
    });
    serving = true;
  }

  function withJobWindow<T>(job: PrintJob, use: (win: PrintWindowLike) => Promise<T>): Promise<T> {
    return serial(async () => {
      ensureServing();
      const { id, path } = jobs.add(job);
      const win = deps.createWindow(printWindowOptions());
      try {
        await win.loadURL(`${APP_ORIGIN}${path}`);
        return await use(win);
      } finally {
        win.destroy();
        jobs.remove(id);
      }
    });
  }

  async function printers(): Promise<ResponseOf<'print:printers'>> {
    const win = deps.createWindow(printWindowOptions());
    try {
      const all = await win.webContents.getPrintersAsync();
      const split = localPrinters(all, deps.platform);
      if (split.refused.length > 0) deps.log.info('print: printers left out', { refused: split.refused });
      return { available: true, ...split };
    } finally {
      win.destroy();
    }
  }

  return {
    toPdf: (job) => withJobWindow(job, (win) => win.webContents.printToPDF(PDF_OPTIONS)),

    printers,

    async toPrinter(job, deviceName, copies) {
      const offered = await printers();
      if (!offered.printers.some((p) => p.name === deviceName)) {
        deps.log.warn('print: refused a printer that is not local', { deviceName });
        return { ok: false, code: 'PRINTER_NOT_LOCAL' };
      }
      return withJobWindow(job, (win) => printOn(win, deviceName, copies, deps.log));
    },
  };
}

/**
 * `silent: true` on purpose: the system print dialog would let the person pick any printer the
 * system knows, network ones included. The app's own dialog offers the local printers and the
 * number of copies; the name chosen there is checked again above.
 */
function printOn(win: PrintWindowLike, deviceName: string, copies: number, log: MainLog): Promise<ResponseOf<'print:toPrinter'>> {
  return new Promise((resolve) => {
    const options: WebContentsPrintOptions = {
      silent: true,
      deviceName,
      copies,
      collate: true,
      printBackground: true,
      pageSize: 'A4',
      landscape: false,
      margins: { marginType: 'none' },
    };
    win.webContents.print(options, (success, failureReason) => {
      if (success) {
        log.info('print: sent to printer', { deviceName, copies });
        resolve({ ok: true });
      } else {
        log.warn('print: printer job failed', { deviceName, reason: failureReason });
        resolve({ ok: false, code: 'PRINT_FAILED', reason: failureReason.slice(0, 500) });
      }
    });
  });
}
