import { formatCopyNumber, type CarrierKind } from './carrier';
import { isIsoDate, type Level, type Period } from './classification';

/**
 * Reading the values of an office's old ledger (导入台账): what people actually typed into Excel —
 * `机密`, `机密★10年`, `秘密级`, `10年`, `长期`, `2030年12月31日`, `第3份`, a date cell — into the
 * ledger's own codes. Each parser returns null when it cannot tell; the caller names the row and
 * column. Pure: the spreadsheet library's cells arrive as strings, numbers, booleans or Dates.
 */
export type Cell = string | number | boolean | Date | null | undefined;

/** The text of a cell as a person sees it (a Date cell as YYYY-MM-DD), trimmed; '' for empty. */
export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return dateOfCell(c) ?? '';
  if (typeof c === 'number') return String(c);
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  return c.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug is already folded into that origin). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** An Excel serial day number (a date cell read without its format) as YYYY-MM-DD, for 1950–2199. */
export function excelSerialToIso(n: number): string | null {
  if (!Number.isFinite(n) || n < 18_264 || n > 109_574) return null;
  return new Date(EXCEL_EPOCH_MS + Math.floor(n) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A date in any of the ways ledgers write it: a Date cell (the library reads date cells as UTC
 * midnight), an Excel serial number, `2030-12-31`, `2030/12/31`, `2030.12.31`, `2030年12月31日`,
 * `20301231`. Null if it is no valid date.
 */
export function dateOfCell(c: Cell): string | null {
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return null;
    // Date cells are read as UTC midnight; a reader shifted by a time zone still means the nearest day.
    return new Date(Math.round(c.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  }
  if (typeof c === 'number') return excelSerialToIso(c);
  const s = cellText(c);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const LEVEL_WORDS: readonly [RegExp, Level][] = [
  [/^绝密/, 'top_secret'],
  [/^机密/, 'secret'],
  [/^秘密/, 'confidential'],
  [/^(内部|工作秘密|内部事项)/, 'internal'],
  [/^(非密|非涉密|公开|无密级|无)$/, 'unclassified'],
];

/**
 * 密级, possibly with its period as a marking (`机密★10年`, `秘密*5年`, `绝密级`). `period` is set
 * only when the cell carries one after the star.
 */
export function parseLevel(c: Cell): { level: Level; period?: Period } | null {
  const s = cellText(c).replace(/\s/g, '');
  if (!s) return null;
  const [head = '', tail] = s.split(/[★☆*＊]/, 2);
  const word = head.replace(/级$/, '');
  for (const [re, level] of LEVEL_WORDS) {
    if (!re.test(word)) continue;
    // `机密文件` is a title, not a level: only the word itself (with 级) or a marking counts.
    if (level !== 'internal' && level !== 'unclassified' && word.length !== 2) return null;
    if (tail === undefined || tail === '') return { level };
    const period = parsePeriod(tail);
    return period ? { level, period } : null;
  }
  return null;
}

/**
 * 保密期限: `10年` / `10` (years), `6个月`, a date (`2030-12-31`, a date cell), `长期`, or any other
 * text of at least two characters as a 解密条件. Empty → `none` (the rules then ask a state secret
 * for one). Null only for what looks like a number or date but is not a valid one.
 */
export function parsePeriod(c: Cell): Period | null {
  if (c instanceof Date) {
    const d = dateOfCell(c);
    return d ? { kind: 'until', date: d } : null;
  }
  if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= 1 && c <= 100) return { kind: 'years', years: c };
    const d = excelSerialToIso(c);
    return d ? { kind: 'until', date: d } : null;
  }
  const s = cellText(c).replace(/\s/g, '');
  if (!s || s === '无' || s === '-' || s === '—') return { kind: 'none' };
  const years = /^(\d{1,3})年?$/.exec(s);
  if (years) return { kind: 'years', years: Number(years[1]) };
  const months = /^(\d{1,4})(个月|月)$/.exec(s);
  if (months) return { kind: 'months', months: Number(months[1]) };
  if (/^\d/.test(s)) {
    const d = dateOfCell(s.replace(/(前|止|解密)$/, ''));
    return d ? { kind: 'until', date: d } : null;
  }
  return s.length >= 2 ? { kind: 'condition', condition: s } : null;
}

/** 份号: `3`, `003`, `000003`, `第3份`, `No.3` → `000003`; empty stays empty. */
export function parseCopyNumber(c: Cell): string | null {
  if (typeof c === 'number') return Number.isInteger(c) && c >= 1 && c <= 999_999 ? formatCopyNumber(c) : null;
  const s = cellText(c).replace(/\s/g, '');
  if (!s) return '';
  const m = /^(?:第|no\.?|#)?0*(\d{1,6})份?$/i.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 ? formatCopyNumber(n) : null;
}

/** 页数 (or 份数/页数 where a ledger keeps one number): a positive whole number, `12页`, `12 页`. */
export function parseCount(c: Cell): number | null {
  if (typeof c === 'number') return Number.isInteger(c) && c >= 1 && c <= 100_000 ? c : null;
  const m = /^(\d{1,6})(页|张|份|册)?$/.exec(cellText(c).replace(/\s/g, ''));
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= 100_000 ? n : null;
}

const KIND_WORDS: readonly [RegExp, CarrierKind][] = [
  [/(纸|文件|文电|资料|图纸|公文|书)/, 'paper'],
  [/(光盘|光介质|光碟|cd|dvd|bd)/i, 'disc'],
  [/(u盘|优盘|移动硬盘|固态|ssd|电介质|存储卡|闪存)/i, 'usb'],
  [/(硬盘|磁介质|磁盘|磁带|软盘)/, 'hdd'],
  [/(计算机|电脑|笔记本|台式机|服务器)/, 'computer'],
  [/(打印机|硒鼓|复印机|一体机|传真机)/, 'printer'],
  [/(其他|其它)/, 'other'],
];

/** 载体类型 in the words ledgers use (`纸质`, `光盘`, `U盘`, `移动硬盘`, `涉密计算机`, `硒鼓`). Empty → paper. */
export function parseKind(c: Cell): CarrierKind | null {
  const s = cellText(c).replace(/\s/g, '');
  if (!s) return 'paper';
  for (const [re, kind] of KIND_WORDS) if (re.test(s)) return kind;
  return null;
}
