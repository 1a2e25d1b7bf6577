import type { PrintJob } from '../../../shared/ipc/printContract';
import type { PrintDocument } from '../../../shared/print/document';
import { ok, refuse, type Result } from '../../../shared/result';
import type { Api } from '../../api';
import { fromBase64 } from '../../db/bytes';
import { layoutDocument, sheetsMarkup, type LaidOut } from './layout';
import { PRINT_CSS } from './printCss';

/** The part of window.api printing uses; the preview and tests pass it in. */
export type PrintApi = Pick<Api, 'printToPdf' | 'printPrinters' | 'printToPrinter'>;

/** The short number printed in every page's footer, tying the paper to the kept PDF and the audit entry. */
export function printoutNumber(printoutId: string): string {
  return printoutId.replace(/-/g, '').slice(0, 8).toUpperCase();
}

export function printJobFor(laid: LaidOut, printoutId?: string): PrintJob {
  return { title: laid.doc.title, css: PRINT_CSS, body: sheetsMarkup(laid, printoutId ? printoutNumber(printoutId) : undefined) };
}

/**
 * Makes the PDF of laid-out pages through main. Main counts the pages of what it made: a count
 * other than the pages laid out means the print engine broke a sheet, and the page numbers on the
 * paper would be wrong, so it is refused rather than kept or printed.
 */
export async function producePdf(api: PrintApi, laid: LaidOut, printoutId?: string): Promise<Result<{ job: PrintJob; pdf: Uint8Array<ArrayBuffer>; pages: number }>> {
  const job = printJobFor(laid, printoutId);
  const out = await api.printToPdf(job);
  if (out.pages !== laid.pagination.total) return refuse('PRINT_LAYOUT_MISMATCH', { expected: laid.pagination.total, actual: out.pages });
  return ok({ job, pdf: fromBase64(out.pdf), pages: out.pages });
}

/**
 * Lays a document out in a throw-away measuring element attached to `doc.body`. The element has
 * the `print-measure` class (off-screen, invisible) and is removed afterwards.
 */
export function layoutOffscreen(document: PrintDocument, page: Document): Result<LaidOut> {
  const host = page.createElement('div');
  host.className = 'print-measure';
  host.setAttribute('aria-hidden', 'true');
  page.body.append(host);
  try {
    return layoutDocument(document, host);
  } finally {
    host.remove();
  }
}
