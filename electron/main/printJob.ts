import type { PrintJob } from '../../shared/ipc/printContract';
import { APP_RESPONSE_HEADERS } from './csp';

/**
 * A print job as the pages an off-screen print page loads: `/__print/<id>/index.html` (the sheets
 * inside a fixed page shell) and `/__print/<id>/print.css`. Served from memory by the Electron
 * print session's `app:` handler and by the stand-in's route alike, with the app's CSP, so the
 * page can load its stylesheet and nothing else. Nothing is written to disk.
 */
export const PRINT_PATH_PREFIX = '/__print/';

export interface JobFile {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page shell: fixed by main; the renderer supplies only the title text and the body markup. */
export function printPageHtml(job: PrintJob): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(job.title)}</title>`,
    '<link rel="stylesheet" href="print.css">',
    '</head><body class="print-page">',
    job.body,
    '</body></html>',
  ].join('');
}

/** Jobs waiting to be loaded by a print page, by id. */
export function createJobFiles() {
  const jobs = new Map<string, PrintJob>();
  let next = 0;
  return {
    /** Registers a job and returns the path of its page. */
    add(job: PrintJob): { id: string; path: string } {
      next += 1;
      const id = `job${next}`;
      jobs.set(id, job);
      return { id, path: `${PRINT_PATH_PREFIX}${id}/index.html` };
    },
    remove(id: string): void {
      jobs.delete(id);
    },
    /** The file for a request path, or 404 for anything that is not a pending job's page or stylesheet. */
    serve(pathname: string): JobFile {
      const m = /^\/__print\/(job\d+)\/(index\.html|print\.css)$/.exec(pathname);
      const job = m ? jobs.get(m[1] as string) : undefined;
      if (!m || !job) return { status: 404, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: 'not found' };
      const html = m[2] === 'index.html';
      return {
        status: 200,
        headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': html ? 'text/html; charset=utf-8' : 'text/css; charset=utf-8' },
        body: html ? printPageHtml(job) : job.css,
      };
    },
    get size() {
      return jobs.size;
    },
  };
}
export type JobFiles = ReturnType<typeof createJobFiles>;

/**
 * The number of pages of a PDF made by Chromium (Skia writes one `/Type /Page` dictionary per page
 * and no object streams). Used to check the printout has exactly the sheets laid out: a sheet the
 * print engine broke in two would make the page numbers lie.
 */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return [...text.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)].length;
}
