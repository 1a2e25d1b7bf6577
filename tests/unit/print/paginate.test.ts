import { describe, expect, it } from 'vitest';
import type { Level } from '../../../shared/ledger/classification';
import { tableDocument, validateDocument, type PrintDocument } from '../../../shared/print/document';
import {
  chineseDate,
  flowOf,
  highestLevel,
  pageMarking,
  pageNumberText,
  paginate,
  type MeasuredBlock,
  type PageItem,
  type Pagination,
} from '../../../shared/print/paginate';

const title = (height = 50, level: Level = 'unclassified'): MeasuredBlock => ({
  kind: 'atom',
  source: 'title',
  level,
  keepWithNext: true,
  keepWithPrevious: false,
  height,
});
const para = (height: number, source = 1, level: Level = 'unclassified'): MeasuredBlock => ({
  kind: 'atom',
  source,
  level,
  keepWithNext: false,
  keepWithPrevious: false,
  height,
});
const heading = (height: number, source = 1): MeasuredBlock => ({ kind: 'atom', source, level: 'unclassified', keepWithNext: true, keepWithPrevious: false, height });
const signatures = (height: number, source = 2): MeasuredBlock => ({ kind: 'atom', source, level: 'unclassified', keepWithNext: false, keepWithPrevious: true, height });
const table = (rows: number, opts: { rowHeight?: number; head?: number; levels?: (i: number) => Level; source?: number } = {}): MeasuredBlock => ({
  kind: 'rows',
  source: opts.source ?? 0,
  hasHead: true,
  placeholder: false,
  headHeight: opts.head ?? 20,
  rowLevels: Array.from({ length: rows }, (_, i) => opts.levels?.(i) ?? 'unclassified'),
  rowHeights: Array.from({ length: rows }, () => opts.rowHeight ?? 10),
});

function unwrap(r: ReturnType<typeof paginate>): Pagination {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}
const rowsOn = (items: PageItem[]) => items.filter((i): i is Extract<PageItem, { kind: 'rows' }> => i.kind === 'rows');

describe('pagination of a printout into A4 pages', () => {
  it('puts a three-row list on one page, marked with the highest level of its rows', () => {
    const p = unwrap(paginate([title(), table(3, { levels: (i) => (['internal', 'confidential', 'unclassified'] as const)[i] ?? 'unclassified' })], 500));
    expect(p.total).toBe(1);
    expect(p.pages[0]?.items).toEqual([
      { kind: 'atom', block: 0 },
      { kind: 'rows', block: 1, from: 0, to: 3, continued: false },
    ]);
    expect(p.pages[0]?.level).toBe('confidential');
    expect(p.level).toBe('confidential');
  });

  it('runs a 300-row list over several pages, each page paying for its repeated header row', () => {
    // Page 1: title 50 + header 20 + 43 rows × 10 = 500. Later pages: header 20 + 48 rows.
    const p = unwrap(paginate([title(50), table(300)], 500));
    const counts = p.pages.map((page) => rowsOn(page.items).reduce((n, r) => n + r.to - r.from, 0));
    expect(counts[0]).toBe(43);
    expect(counts.slice(1, -1).every((c) => c === 48)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
    expect(p.total).toBe(1 + Math.ceil((300 - 43) / 48));
    // Every page after the first continues the table (its header row printed again).
    for (const page of p.pages.slice(1)) expect(rowsOn(page.items)[0]?.continued).toBe(true);
    expect(rowsOn(p.pages[0]?.items ?? [])[0]?.continued).toBe(false);
  });

  it('marks each page with the highest level on that page, not the document’s', () => {
    const levels = (i: number): Level => (i === 100 ? 'secret' : i === 200 ? 'top_secret' : i % 2 === 0 ? 'internal' : 'unclassified');
    const p = unwrap(paginate([title(50), table(300, { levels })], 500));
    const pageOf = (row: number) => p.pages.find((pg) => rowsOn(pg.items).some((r) => r.from <= row && row < r.to));
    expect(pageOf(100)?.level).toBe('secret');
    expect(pageOf(200)?.level).toBe('top_secret');
    expect(pageOf(5)?.level).toBe('internal');
    expect(p.level).toBe('top_secret');
    const others = p.pages.filter((pg) => pg !== pageOf(100) && pg !== pageOf(200));
    expect(others.every((pg) => pg.level === 'internal')).toBe(true);
  });

  it('counts the title’s own level on the first page', () => {
    const p = unwrap(paginate([title(50, 'confidential'), table(100)], 500));
    expect(p.pages[0]?.level).toBe('confidential');
    expect(p.pages[1]?.level).toBe('unclassified');
  });

  it('moves a heading that would end a page to the next page, with what follows it', () => {
    // title 50 + paragraph 420 = 470; heading 20 would fit (490) but the table header and a row would not.
    const p = unwrap(paginate([title(50), para(420, 0), heading(20, 1), table(5, { source: 2 })], 500));
    expect(p.pages[0]?.items).toEqual([
      { kind: 'atom', block: 0 },
      { kind: 'atom', block: 1 },
    ]);
    expect(p.pages[1]?.items[0]).toEqual({ kind: 'atom', block: 2 });
    expect(p.pages[1]?.items[1]).toMatchObject({ kind: 'rows', block: 3, from: 0, continued: false });
  });

  it('never starts a page with the signature lines alone: the last row comes along, under a repeated header', () => {
    // title 50 + header 20 + 43 rows = 500 exactly; the signatures (60) cannot follow on page 1.
    const p = unwrap(paginate([title(50), table(43), signatures(60)], 500));
    expect(p.total).toBe(2);
    expect(p.pages[0]?.items[1]).toEqual({ kind: 'rows', block: 1, from: 0, to: 42, continued: false });
    expect(p.pages[1]?.items).toEqual([
      { kind: 'rows', block: 1, from: 42, to: 43, continued: true },
      { kind: 'atom', block: 2 },
    ]);
  });

  it('keeps the signature lines on the page when they fit', () => {
    const p = unwrap(paginate([title(50), table(3), signatures(60)], 500));
    expect(p.total).toBe(1);
  });

  it('refuses a row taller than an empty page instead of cutting it, naming the row', () => {
    const blocks = [title(50), para(30, 0), table(5, { source: 1 })];
    const t = blocks[2] as Extract<MeasuredBlock, { kind: 'rows' }>;
    t.rowHeights[3] = 490; // + header 20 > 500
    // Named as the document names it: blocks[1], its fourth row.
    expect(paginate(blocks, 500)).toEqual({ ok: false, error: { code: 'PRINT_ITEM_TOO_TALL', params: { block: 1, row: 4 } } });
  });

  it('refuses measurements that do not match the rows', () => {
    const t = table(3) as Extract<MeasuredBlock, { kind: 'rows' }>;
    expect(paginate([title(), { ...t, rowHeights: [10] }], 500)).toMatchObject({ ok: false, error: { code: 'PRINT_MEASURE_MISMATCH' } });
  });

  it('splits a form’s fields between lines, with no header to repeat', () => {
    const fields: MeasuredBlock = { kind: 'rows', source: 0, hasHead: false, placeholder: false, headHeight: 0, rowLevels: Array(60).fill('unclassified'), rowHeights: Array(60).fill(10) };
    const p = unwrap(paginate([title(100), fields], 500));
    expect(rowsOn(p.pages[0]?.items ?? [])[0]).toMatchObject({ from: 0, to: 40 });
    expect(rowsOn(p.pages[1]?.items ?? [])[0]).toMatchObject({ from: 40, to: 60, continued: true });
  });
});

describe('page markings', () => {
  it('writes page numbers as 第 N 页 共 M 页', () => {
    expect(pageNumberText(1, 7)).toBe('第 1 页 共 7 页');
    expect(pageNumberText(12, 12)).toBe('第 12 页 共 12 页');
  });

  it('takes the highest level, 非密 when nothing is marked', () => {
    expect(highestLevel([])).toBe('unclassified');
    expect(highestLevel(['internal', 'top_secret', 'secret'])).toBe('top_secret');
    expect(pageMarking('top_secret')).toBe('绝密');
    expect(pageMarking('secret')).toBe('机密');
    expect(pageMarking('confidential')).toBe('秘密');
    expect(pageMarking('unclassified')).toBe('非密');
  });

  it('writes dates the way Chinese forms do', () => {
    expect(chineseDate('2026-05-01')).toBe('2026年5月1日');
  });
});

describe('the document model', () => {
  const doc = (over: Partial<PrintDocument> = {}): PrintDocument => ({
    ...tableDocument({
      title: '涉密载体销毁清单',
      unitName: '某某市保密局',
      date: '2026-05-01',
      columns: [
        { label: '序号', width: 1 },
        { label: '名称', width: 4 },
      ],
      rows: [{ cells: ['1', '文件'], level: 'secret' }],
      signatures: ['审批人', '监销人', '监销人'],
    }),
    ...over,
  });

  it('builds a titled list with signature lines', () => {
    const d = doc();
    expect(d.blocks.map((b) => b.type)).toEqual(['table', 'signatures']);
    expect(flowOf(d).map((f) => f.kind)).toEqual(['atom', 'rows', 'atom']);
  });

  it('prints an empty table as one placeholder row', () => {
    const d = doc({ blocks: [{ type: 'table', columns: [{ label: 'a', width: 1 }], rows: [] }] });
    expect(flowOf(d)[1]).toMatchObject({ kind: 'rows', placeholder: true, rowLevels: ['unclassified'] });
  });

  it.each([
    ['an empty title', { title: '  ' }, 'PRINT_TITLE_INVALID'],
    ['no unit name', { unitName: '' }, 'PRINT_UNIT_MISSING'],
    ['a date that is not a day', { date: '2026-02-30' }, 'PRINT_DATE_INVALID'],
  ] as const)('refuses %s', (_name, over, code) => {
    expect(validateDocument(doc(over))).toMatchObject({ ok: false, error: { code } });
  });

  it('refuses a row with a cell too few, naming the row', () => {
    const d = doc({ blocks: [{ type: 'table', columns: [{ label: 'a', width: 1 }, { label: 'b', width: 1 }], rows: [{ cells: ['1', 'x'] }, { cells: ['2'] }] }] });
    expect(validateDocument(d)).toEqual({ ok: false, error: { code: 'PRINT_ROW_CELLS', params: { block: 0, row: 2 } } });
  });

  it('accepts a well-formed document', () => {
    expect(validateDocument(doc()).ok).toBe(true);
  });
});
