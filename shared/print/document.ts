import { isIsoDate, type Level } from '../ledger/classification';
import { ok, refuse, type Result } from '../result';

/**
 * A printout as data (打印件): what every module hands to printing instead of HTML. The layout
 * (A4 pages, header and footer, page numbers, repeated table headers) is printing's job, so every
 * printout of the app carries the same markings in the same places.
 *
 * Each piece of content says its own classification level (密级); printing marks every page with
 * the highest level of what is on that page. Content without a level counts as 非密.
 */

/** What a printout is of. Stored in the clear beside each kept PDF, so it names a kind, never content. */
export const PRINT_KINDS = [
  'destruction-list', // 销毁清单
  'destruction-form', // 销毁审批表
  'ledger', // 载体台账（全部或筛选）
  'loan-slip', // 借阅单
  'inventory', // 清查结果
  'determination', // 定密记录
  'bundle-receipt', // 数据交换回执
  'audit-trail', // 审计记录
  'recovery-code', // 恢复码密封单 (printed only, never kept: docs/decisions.md)
  'table', // any other list
] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

export function isPrintKind(x: unknown): x is PrintKind {
  return typeof x === 'string' && (PRINT_KINDS as readonly string[]).includes(x);
}

export interface PrintColumn {
  label: string;
  /** Relative width; the columns share the page width in these proportions. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface PrintRow {
  cells: string[];
  level?: Level;
}

export interface PrintField {
  label: string;
  value: string;
  level?: Level;
}

export interface SignatureLine {
  /** 审批人, 监销人, 经办人 … — printed with （签字） after it. */
  role: string;
  /** Printed beside the line when known; the person still signs by hand. */
  name?: string;
}

export type PrintBlock =
  /** A section heading; never left alone at the foot of a page. */
  | { type: 'heading'; text: string; level?: Level }
  | { type: 'paragraph'; text: string; level?: Level }
  /** Label/value pairs of a form (审批表), one pair per line. */
  | { type: 'fields'; fields: PrintField[] }
  /** A list; its header row is repeated on every page it runs onto. */
  | { type: 'table'; columns: PrintColumn[]; rows: PrintRow[]; emptyText?: string }
  /** Signature lines, kept together and never on a page of their own. */
  | { type: 'signatures'; lines: SignatureLine[] };

export interface PrintDocument {
  kind: PrintKind;
  /** Printed in full on the first page, wrapped over as many lines as it needs. */
  title: string;
  /** The level of the title's own wording (a title can itself be secret); default 非密. */
  titleLevel?: Level;
  unitName: string;
  /** The date printed on every page, `YYYY-MM-DD`; passed in (printing has no clock of its own). */
  date: string;
  blocks: PrintBlock[];
}

export const PRINT_LIMITS = {
  titleLength: 500,
  textLength: 20_000,
  cellLength: 2_000,
  columns: 16,
  rows: 100_000,
  blocks: 500,
} as const;

/**
 * Checks a document before it is laid out: the things that would otherwise print wrong (a row
 * with a cell too few, a missing unit name) are refused with the place they occur.
 */
export function validateDocument(doc: PrintDocument): Result<PrintDocument> {
  if (doc.title.trim() === '' || doc.title.length > PRINT_LIMITS.titleLength) return refuse('PRINT_TITLE_INVALID');
  if (doc.unitName.trim() === '') return refuse('PRINT_UNIT_MISSING');
  if (!isIsoDate(doc.date)) return refuse('PRINT_DATE_INVALID');
  if (doc.blocks.length > PRINT_LIMITS.blocks) return refuse('PRINT_TOO_LARGE');
  for (const [i, block] of doc.blocks.entries()) {
    const where = { block: i };
    switch (block.type) {
      case 'heading':
      case 'paragraph':
        if (block.text.length > PRINT_LIMITS.textLength) return refuse('PRINT_TEXT_TOO_LONG', where);
        break;
      case 'fields':
        if (block.fields.length === 0) return refuse('PRINT_BLOCK_EMPTY', where);
        if (block.fields.some((f) => f.value.length > PRINT_LIMITS.textLength)) return refuse('PRINT_TEXT_TOO_LONG', where);
        break;
      case 'table': {
        const n = block.columns.length;
        if (n === 0 || n > PRINT_LIMITS.columns) return refuse('PRINT_COLUMNS_INVALID', where);
        if (block.columns.some((c) => !(c.width > 0) || !Number.isFinite(c.width))) return refuse('PRINT_COLUMNS_INVALID', where);
        if (block.rows.length > PRINT_LIMITS.rows) return refuse('PRINT_TOO_LARGE', where);
        for (const [r, row] of block.rows.entries()) {
          if (row.cells.length !== n) return refuse('PRINT_ROW_CELLS', { block: i, row: r + 1 });
          if (row.cells.some((c) => c.length > PRINT_LIMITS.cellLength)) return refuse('PRINT_TEXT_TOO_LONG', { block: i, row: r + 1 });
        }
        break;
      }
      case 'signatures':
        if (block.lines.length === 0) return refuse('PRINT_BLOCK_EMPTY', where);
        break;
      default:
        return assertBlock(block);
    }
  }
  return ok(doc);
}

function assertBlock(x: never): never {
  throw new Error(`unhandled print block: ${JSON.stringify(x)}`);
}

/** The usual printout: a titled list, with optional lines of text above it and signature lines below. */
export interface TableDocumentInput {
  kind?: PrintKind;
  title: string;
  titleLevel?: Level;
  unitName: string;
  date: string;
  intro?: string[];
  columns: PrintColumn[];
  rows: PrintRow[];
  emptyText?: string;
  /** Roles that sign (审批人, 监销人 …), in order. */
  signatures?: (string | SignatureLine)[];
}

export function tableDocument(input: TableDocumentInput): PrintDocument {
  const blocks: PrintBlock[] = [
    ...(input.intro ?? []).map((text): PrintBlock => ({ type: 'paragraph', text })),
    { type: 'table', columns: input.columns, rows: input.rows, ...(input.emptyText ? { emptyText: input.emptyText } : {}) },
  ];
  if (input.signatures && input.signatures.length > 0) {
    blocks.push({ type: 'signatures', lines: input.signatures.map((s) => (typeof s === 'string' ? { role: s } : s)) });
  }
  return {
    kind: input.kind ?? 'table',
    title: input.title,
    ...(input.titleLevel ? { titleLevel: input.titleLevel } : {}),
    unitName: input.unitName,
    date: input.date,
    blocks,
  };
}
