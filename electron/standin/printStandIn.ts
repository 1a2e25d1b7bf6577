import { chromium, type Browser } from 'playwright-core';
import type { IpcLog } from '../main/ipcDispatch';
import { createJobFiles } from '../main/printJob';
import type { PrintService } from '../main/printService';
import { APP_ORIGIN } from './bridge';

/**
 * The Chromium stand-in's print service: the same calls as Electron's (printService.ts), answered
 * with a separate headless Chromium, started on the first printout and kept until the app closes.
 *
 * Why separate: the app's own window may be headed, and its context carries the app's profile,
 * binding and routes. The print browser has no profile (a throw-away one), the stand-in's switches
 * (no background traffic, no DNS), a context per job with JavaScript off, and one route that
 * serves the job's page and stylesheet and aborts everything else (recorded as refused, like every
 * refused load). `page.pdf` is Chromium's Page.printToPDF — the same engine call as Electron's
 * `webContents.printToPDF`, with the same options. (On Chromium 156 printToPDF also works in a
 * headed window; the separate browser is for isolation, not necessity.)
 *
 * There is no path to a printer here: Playwright's Chromium offers only PDF. `print:printers`
 * answers `available: false` and `print:toPrinter` NO_PRINTER_IN_STANDIN, which the UI explains.
 */
export interface StandInPrintOptions {
  executablePath: string;
  args: readonly string[];
  sandbox: boolean;
  refuse(url: string, reason: string): void;
  log: IpcLog;
}

export interface StandInPrintService extends PrintService {
  close(): Promise<void>;
}

export function createStandInPrintService(opts: StandInPrintOptions): StandInPrintService {
  const jobs = createJobFiles();
  let browser: Promise<Browser> | null = null;
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  function printBrowser(): Promise<Browser> {
    if (closed) return Promise.reject(new Error('print: the app is closing'));
    browser ??= chromium
      .launch({ executablePath: opts.executablePath, headless: true, chromiumSandbox: opts.sandbox, args: [...opts.args] })
      .catch((error: unknown) => {
        browser = null;
        throw error;
      });
    return browser;
  }

  async function toPdf(job: Parameters<PrintService['toPdf']>[0]): Promise<Uint8Array> {
    return serial(async () => {
      const b = await printBrowser();
      const { id, path } = jobs.add(job);
      const context = await b.newContext({
        javaScriptEnabled: false,
        serviceWorkers: 'block',
        acceptDownloads: false,
        locale: 'zh-CN',
        viewport: { width: 794, height: 1123 },
      });
      try {
        await context.route('**/*', async (route) => {
          const url = new URL(route.request().url());
          if (url.origin === APP_ORIGIN) {
            const file = jobs.serve(url.pathname);
            await route.fulfill({ status: file.status, headers: file.headers, body: file.body });
            return;
          }
          opts.refuse(route.request().url(), 'print-page');
          await route.abort('blockedbyclient');
        });
        const page = await context.newPage();
        const response = await page.goto(`${APP_ORIGIN}${path}`);
        if (!response?.ok()) throw new Error(`print: job page answered ${response?.status() ?? 'nothing'}`);
        const pdf = await page.pdf({
          format: 'A4',
          preferCSSPageSize: true,
          printBackground: true,
          landscape: false,
          scale: 1,
          displayHeaderFooter: false,
          margin: { top: '0', bottom: '0', left: '0', right: '0' },
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        jobs.remove(id);
        await context.close().catch((error: unknown) => opts.log.warn('print: could not close the job context', { error: String(error) }));
      }
    });
  }

  return {
    toPdf,
    printers: async () => ({ available: false, printers: [], refused: [] }),
    toPrinter: async () => ({ ok: false, code: 'NO_PRINTER_IN_STANDIN' }),
    async close() {
      closed = true;
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close();
    },
  };
}
