import type { Level } from '../../../shared/ledger/classification';
import type { PrintBlock, PrintColumn, PrintDocument } from '../../../shared/print/document';
import { printedValue } from '../../../shared/print/dates';
import { chineseDate, pageMarking, pageNumberText, type FlowBlock, type PageItem, type Pagination } from '../../../shared/print/paginate';

/**
 * The markup of a printout. Used three ways with the same components: the measuring pass (all
 * blocks in one body), the preview in the app, and the static HTML the main process prints. The
 * words on the paper are Chinese whatever the interface language (SPEC §6), so they are not UI
 * strings from the locale files.
 *
 * No inline styles: the print page runs under the app's CSP (style-src 'self'); column widths are
 * `<col width>` attributes.
 */

const TITLE_LEVEL_LABEL = '本件最高密级：';
const SIGN_SUFFIX = '（签字）：';
const DATE_BLANK = '日期：　　　　年　　月　　日';
const PRINTOUT_NO = '打印编号 ';
const EMPTY_TABLE = '（无）';

export interface SheetsProps {
  doc: PrintDocument;
  flow: FlowBlock[];
  pagination: Pagination;
  /** The printout's number in the store; absent in the preview, before anything is kept. */
  printoutNo?: string;
  /** `print-preview` adds the on-screen gaps and shadows. */
  className?: string;
}

export function Sheets({ doc, flow, pagination, printoutNo, className }: SheetsProps) {
  return (
    <div className={className ? `print-sheets ${className}` : 'print-sheets'} lang="zh-CN">
      {pagination.pages.map((page) => (
        <section key={page.number} className="sheet" data-page={page.number} aria-label={pageNumberText(page.number, pagination.total)}>
          <SheetHeader doc={doc} level={page.level} />
          <div className="sheet-body">
            {page.items.map((item) => (
              <PageItemView key={itemKey(item)} doc={doc} flow={flow} item={item} docLevel={pagination.level} />
            ))}
          </div>
          <SheetFooter level={page.level} n={page.number} total={pagination.total} printoutNo={printoutNo} />
        </section>
      ))}
    </div>
  );
}

/** One sheet whose body holds every block unsplit: what the measuring pass lays out. */
export function MeasureSheet({ doc, flow, docLevel }: { doc: PrintDocument; flow: FlowBlock[]; docLevel: Level }) {
  return (
    <div className="print-sheets" lang="zh-CN">
      <section className="sheet">
        <SheetHeader doc={doc} level={docLevel} />
        <div className="sheet-body" data-measure-body="">
          {flow.map((f, i) => {
            const item: PageItem = f.kind === 'atom' ? { kind: 'atom', block: i } : { kind: 'rows', block: i, from: 0, to: f.rowLevels.length, continued: false };
            return <PageItemView key={i} doc={doc} flow={flow} item={item} docLevel={docLevel} />;
          })}
        </div>
        <SheetFooter level={docLevel} n={1} total={1} />
      </section>
    </div>
  );
}

function itemKey(item: PageItem): string {
  return item.kind === 'atom' ? `a${item.block}` : `r${item.block}-${item.from}`;
}

function SheetHeader({ doc, level }: { doc: PrintDocument; level: Level }) {
  return (
    <header className="sheet-header">
      <span className="sheet-level">{pageMarking(level)}</span>
      <span className="sheet-unit">{doc.unitName}</span>
      <span className="sheet-date">{chineseDate(doc.date)}</span>
    </header>
  );
}

function SheetFooter({ level, n, total, printoutNo }: { level: Level; n: number; total: number; printoutNo?: string | undefined }) {
  return (
    <footer className="sheet-footer">
      <span className="sheet-level">{pageMarking(level)}</span>
      <span className="sheet-pages">{pageNumberText(n, total)}</span>
      <span className="sheet-number">{printoutNo ? `${PRINTOUT_NO}${printoutNo}` : ''}</span>
    </footer>
  );
}

function PageItemView({ doc, flow, item, docLevel }: { doc: PrintDocument; flow: FlowBlock[]; item: PageItem; docLevel: Level }) {
  const f = flow[item.block];
  if (!f) return null;
  if (f.source === 'title') {
    return (
      <div className="pb pb-title" data-flow={item.block}>
        <div className="doc-title">{doc.title}</div>
        <div className="doc-level">
          {TITLE_LEVEL_LABEL}
          {pageMarking(docLevel)}
        </div>
      </div>
    );
  }
  const block = doc.blocks[f.source];
  if (!block) return null;
  return <BlockView block={block} item={item} flowIndex={item.block} />;
}

function BlockView({ block, item, flowIndex }: { block: PrintBlock; item: PageItem; flowIndex: number }) {
  const from = item.kind === 'rows' ? item.from : 0;
  const to = item.kind === 'rows' ? item.to : 0;
  switch (block.type) {
    case 'heading':
      return (
        <div className="pb pb-heading" data-flow={flowIndex}>
          {block.text}
        </div>
      );
    case 'paragraph':
      return (
        <div className="pb pb-paragraph" data-flow={flowIndex}>
          {block.text}
        </div>
      );
    case 'fields':
      return (
        <div className="pb pb-fields" data-flow={flowIndex}>
          <table>
            <colgroup>
              <col width="28%" />
              <col width="72%" />
            </colgroup>
            <tbody>
              {block.fields.slice(from, to).map((field, i) => (
                <tr key={from + i} data-row={from + i}>
                  <th scope="row">{field.label}</th>
                  <td>{printedValue(field.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'table':
      return (
        <div className="pb pb-table" data-flow={flowIndex}>
          <table>
            <colgroup>
              {columnWidths(block.columns).map((w, i) => (
                <col key={i} width={w} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {block.columns.map((c, i) => (
                  <th key={i} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.length === 0 ? (
                <tr data-row={0}>
                  <td className="row-empty" colSpan={block.columns.length}>
                    {block.emptyText ?? EMPTY_TABLE}
                  </td>
                </tr>
              ) : (
                block.rows.slice(from, to).map((row, i) => (
                  <tr key={from + i} data-row={from + i}>
                    {row.cells.map((cell, c) => (
                      <td key={c} className={alignClass(block.columns[c])}>
                        {printedValue(cell)}
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      );
    case 'signatures':
      return (
        <div className="pb pb-signatures" data-flow={flowIndex}>
          {block.lines.map((line, i) => (
            <div key={i} className="sig-line">
              <span className="sig-role">
                {line.role}
                {SIGN_SUFFIX}
              </span>
              <span className="sig-blank">{line.name ?? ''}</span>
              <span className="sig-date">{DATE_BLANK}</span>
            </div>
          ))}
        </div>
      );
    default:
      return assertBlock(block);
  }
}

function assertBlock(x: never): never {
  throw new Error(`unhandled print block: ${JSON.stringify(x)}`);
}

function alignClass(column: PrintColumn | undefined): string | undefined {
  if (column?.align === 'center') return 'align-center';
  if (column?.align === 'right') return 'align-right';
  return undefined;
}

/** Relative widths as percentages with one decimal, summing to 100. */
export function columnWidths(columns: PrintColumn[]): string[] {
  const total = columns.reduce((s, c) => s + c.width, 0);
  return columns.map((c) => `${Math.round((c.width / total) * 1000) / 10}%`);
}
