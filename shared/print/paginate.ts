import { levelName, levelRank, type Level } from '../ledger/classification';
import { assertNever, ok, refuse, type Result } from '../result';
import type { PrintBlock, PrintDocument } from './document';

/**
 * How a printout becomes A4 pages. The renderer measures each piece of the document as it will
 * print (fixed page width, fixed fonts), and this module decides from those heights alone which
 * piece goes on which page — so the rules (repeated table headers, headings kept with what
 * follows, signatures never alone, the highest level per page, 第 N 页 共 M 页) are plain
 * functions tested without a browser.
 *
 * The document flows as a list of blocks: the title block first, then the document's blocks in
 * order. An `atom` is never split; a `rows` block (a table, a form's fields) splits between rows,
 * and a table's header row is printed again on every page the table continues onto.
 */
export type FlowBlock =
  | {
      kind: 'atom';
      /** `title` for the title block, else the index in `document.blocks`. */
      source: 'title' | number;
      level: Level;
      /** Headings and the title: moved to the next page rather than left at the foot of one. */
      keepWithNext: boolean;
      /** Signatures: take the last row or paragraph with them rather than start a page alone. */
      keepWithPrevious: boolean;
    }
  | {
      kind: 'rows';
      source: number;
      /** A table has a header row; a form's fields have none. */
      hasHead: boolean;
      /** One per row; an empty table prints one placeholder row (“无”). */
      rowLevels: Level[];
      placeholder: boolean;
    };

/** What the renderer measured, in CSS px (any unit works, as long as it is the capacity's). */
export type MeasuredBlock =
  | (Extract<FlowBlock, { kind: 'atom' }> & { height: number })
  | (Extract<FlowBlock, { kind: 'rows' }> & { headHeight: number; rowHeights: number[] });

export type PageItem =
  | { kind: 'atom'; block: number }
  /** Rows `from` (inclusive) to `to` (exclusive) of a rows block; `continued` when earlier rows are on an earlier page. */
  | { kind: 'rows'; block: number; from: number; to: number; continued: boolean };

export interface PagePlan {
  /** 1-based. */
  number: number;
  items: PageItem[];
  /** The highest level of anything on this page: printed in its header and footer. */
  level: Level;
}

export interface Pagination {
  pages: PagePlan[];
  total: number;
  /** The highest level in the whole document: printed under the title. */
  level: Level;
}

const levelOf = (l: Level | undefined): Level => l ?? 'unclassified';

/** The highest of the levels given; 非密 when there are none. */
export function highestLevel(levels: Iterable<Level>): Level {
  let best: Level = 'unclassified';
  for (const l of levels) if (levelRank(l) > levelRank(best)) best = l;
  return best;
}

/** The marking printed in a page's header and footer. */
export function pageMarking(level: Level): string {
  return levelName(level);
}

export function pageNumberText(n: number, total: number): string {
  return `第 ${n} 页 共 ${total} 页`;
}

/** `2026-05-01` → `2026年5月1日`, as dates are written on Chinese forms. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The blocks in the order they flow, with the levels and keep rules; heights come from measuring. */
export function flowOf(doc: PrintDocument): FlowBlock[] {
  const flow: FlowBlock[] = [{ kind: 'atom', source: 'title', level: levelOf(doc.titleLevel), keepWithNext: true, keepWithPrevious: false }];
  doc.blocks.forEach((block, i) => flow.push(flowBlock(block, i)));
  return flow;
}

function flowBlock(block: PrintBlock, source: number): FlowBlock {
  switch (block.type) {
    case 'heading':
      return { kind: 'atom', source, level: levelOf(block.level), keepWithNext: true, keepWithPrevious: false };
    case 'paragraph':
      return { kind: 'atom', source, level: levelOf(block.level), keepWithNext: false, keepWithPrevious: false };
    case 'signatures':
      return { kind: 'atom', source, level: 'unclassified', keepWithNext: false, keepWithPrevious: true };
    case 'fields':
      return { kind: 'rows', source, hasHead: false, rowLevels: block.fields.map((f) => levelOf(f.level)), placeholder: false };
    case 'table':
      return block.rows.length === 0
        ? { kind: 'rows', source, hasHead: true, rowLevels: ['unclassified'], placeholder: true }
        : { kind: 'rows', source, hasHead: true, rowLevels: block.rows.map((r) => levelOf(r.level)), placeholder: false };
    default:
      return assertNever(block);
  }
}

/** One unbreakable piece: an atom, or one row of a rows block. */
interface Unit {
  block: number;
  row: number | null;
  height: number;
  level: Level;
  keepWithNext: boolean;
  keepWithPrevious: boolean;
}

function unitsOf(blocks: MeasuredBlock[]): Unit[] {
  const units: Unit[] = [];
  blocks.forEach((b, block) => {
    if (b.kind === 'atom') {
      units.push({ block, row: null, height: b.height, level: b.level, keepWithNext: b.keepWithNext, keepWithPrevious: b.keepWithPrevious });
      return;
    }
    b.rowLevels.forEach((level, row) => {
      units.push({ block, row, height: b.rowHeights[row] ?? 0, level, keepWithNext: false, keepWithPrevious: false });
    });
  });
  return units;
}

/**
 * Puts the measured blocks on pages whose body holds `capacity`. Greedy, in document order, with
 * three rules on top: a row that starts a table's part on a page pays for the repeated header; a
 * heading (or the title) moves on with the first piece of what follows it; signature lines that
 * do not fit take the last piece before them along, so they never stand alone on a page (a
 * signature page could otherwise be attached to another document).
 *
 * A piece taller than an empty page is refused (PRINT_ITEM_TOO_TALL) rather than cut.
 */
export function paginate(blocks: MeasuredBlock[], capacity: number): Result<Pagination> {
  if (!(capacity > 0)) return refuse('PRINT_PAGE_TOO_SMALL');
  for (const b of blocks) {
    if (b.kind === 'rows' && b.rowHeights.length !== b.rowLevels.length) return refuse('PRINT_MEASURE_MISMATCH');
  }
  const units = unitsOf(blocks);
  const headOf = (block: number) => {
    const b = blocks[block];
    return b?.kind === 'rows' ? b.headHeight : 0;
  };

  const pages: Unit[][] = [];
  let page: Unit[] = [];
  let used = 0;
  let open = new Set<number>();

  /** What the unit adds to the page it would join: its own height, plus the header of a table part it starts. */
  const cost = (u: Unit, tables: Set<number>) => u.height + (u.row !== null && !tables.has(u.block) ? headOf(u.block) : 0);
  const place = (u: Unit) => {
    used += cost(u, open);
    if (u.row !== null) open.add(u.block);
    page.push(u);
  };
  const newPage = () => {
    if (page.length > 0) pages.push(page);
    page = [];
    used = 0;
    open = new Set();
  };
  /** Named as the document names it: the index in `doc.blocks` (-1 for the title) and the 1-based row. */
  const tooTall = (u: Unit) => {
    const source = blocks[u.block]?.source;
    const block = typeof source === 'number' ? source : -1;
    return refuse('PRINT_ITEM_TOO_TALL', u.row === null ? { block } : { block, row: u.row + 1 });
  };

  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    const alone = cost(u, new Set());
    if (alone > capacity) return tooTall(u);

    if (u.keepWithNext) {
      const next = units[i + 1];
      // The heading and the first piece after it, as they would cost on this page.
      const chain = cost(u, open) + (next ? cost(next, open) : 0);
      const chainAlone = next ? alone + cost(next, new Set()) : alone;
      if (used + chain > capacity && page.length > 0 && chainAlone <= capacity) newPage();
    } else if (u.keepWithPrevious && used + cost(u, open) > capacity && page.length > 1) {
      const last = page[page.length - 1] as Unit;
      const carried = cost(last, new Set()) + alone;
      if (carried <= capacity) {
        page.pop();
        newPage();
        place(last);
      }
    }

    if (used + cost(u, open) > capacity) newPage();
    place(u);
  }
  newPage();

  const plans: PagePlan[] = pages.map((p, i) => ({ number: i + 1, items: itemsOf(p), level: highestLevel(p.map((u) => u.level)) }));
  return ok({ pages: plans, total: plans.length, level: highestLevel(units.map((u) => u.level)) });
}

/** Consecutive rows of one block on a page become one item. */
function itemsOf(units: Unit[]): PageItem[] {
  const items: PageItem[] = [];
  for (const u of units) {
    if (u.row === null) {
      items.push({ kind: 'atom', block: u.block });
      continue;
    }
    const last = items[items.length - 1];
    if (last?.kind === 'rows' && last.block === u.block && last.to === u.row) {
      last.to = u.row + 1;
    } else {
      items.push({ kind: 'rows', block: u.block, from: u.row, to: u.row + 1, continued: u.row > 0 });
    }
  }
  return items;
}
