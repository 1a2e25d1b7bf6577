import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { validateDocument, type PrintDocument } from '../../../shared/print/document';
import { flowOf, highestLevel, paginate, type FlowBlock, type MeasuredBlock, type Pagination } from '../../../shared/print/paginate';
import { ok, type Result } from '../../../shared/result';
import { MeasureSheet, Sheets } from './PrintSheets';

/**
 * Pagination, decided here rather than left to the browser's print engine: only then does every
 * page know its own highest level and its "第 N 页 共 M 页" before it is printed (CSS cannot put a
 * per-page value computed from the page's content into a running header).
 *
 * 1. The whole document is laid out once, unsplit, in an off-screen A4 sheet with the print
 *    stylesheet (fixed widths in mm, fixed fonts), and each block, table row and header row is
 *    measured.
 * 2. shared/print/paginate.ts puts the pieces on pages from those heights alone.
 * 3. The pages are rendered as fixed A4 sheets, each with its own header row, header and footer.
 *
 * The PDF is made by the same Chromium engine from the same markup and stylesheet, so the heights
 * hold; a small reserve per page absorbs rounding, and the main process counts the PDF's pages so
 * that a mismatch is refused, never printed.
 */

/** Kept free at the foot of every page body: rounding between screen and print layout. */
export const PAGE_RESERVE_PX = 8;

export interface LaidOut {
  doc: PrintDocument;
  flow: FlowBlock[];
  pagination: Pagination;
}

/**
 * Measures and paginates. `host` must be attached to the document (it is laid out, not shown):
 * the preview passes an element with the `print-measure` class.
 */
export function layoutDocument(doc: PrintDocument, host: HTMLElement): Result<LaidOut> {
  const valid = validateDocument(doc);
  if (!valid.ok) return valid;
  const flow = flowOf(doc);
  const docLevel = highestLevel(flow.flatMap((f) => (f.kind === 'atom' ? [f.level] : f.rowLevels)));
  host.innerHTML = renderToStaticMarkup(createElement(MeasureSheet, { doc, flow, docLevel }));
  try {
    const { blocks, capacity } = measure(host, flow);
    const pagination = paginate(blocks, capacity - PAGE_RESERVE_PX);
    if (!pagination.ok) return pagination;
    return ok({ doc, flow, pagination: pagination.value });
  } finally {
    host.innerHTML = '';
  }
}

function measure(host: HTMLElement, flow: FlowBlock[]): { blocks: MeasuredBlock[]; capacity: number } {
  const body = host.querySelector('[data-measure-body]');
  if (!body) throw new Error('print layout: the measuring sheet has no body');
  const capacity = body.getBoundingClientRect().height;
  const blocks = flow.map((f, i): MeasuredBlock => {
    const el = host.querySelector(`[data-flow="${i}"]`);
    if (!el) throw new Error(`print layout: block ${i} was not rendered`);
    const box = el.getBoundingClientRect();
    if (f.kind === 'atom') return { ...f, height: box.height };
    const rows = [...el.querySelectorAll('tr[data-row]')].map((r) => r.getBoundingClientRect().top);
    const first = rows[0] ?? box.bottom;
    // A row's height is the distance to the next row's top (collapsed borders are shared); the
    // last row also carries the table's bottom border and the block's spacing.
    const rowHeights = rows.map((top, r) => (rows[r + 1] ?? box.bottom) - top);
    return { ...f, headHeight: first - box.top, rowHeights };
  });
  return { blocks, capacity };
}

/** The pages as static HTML (React escapes every text), for the main process to print. */
export function sheetsMarkup(laid: LaidOut, printoutNo?: string): string {
  return renderToStaticMarkup(createElement(Sheets, { doc: laid.doc, flow: laid.flow, pagination: laid.pagination, printoutNo }));
}
