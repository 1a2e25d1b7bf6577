import { ok, refuse, type Refusal, type Result } from '../result';
import type { CarrierDetails, CarrierKind, CarrierRecord, Origin } from './carrier';
import { EMPTY_SCOPE, periodText, type Period } from './classification';
import { cellText, dateOfCell, parseCopyNumber, parseCount, parseKind, parseLevel, parsePeriod, type Cell } from './importValues';
import { checkMayReceive, type Person } from './people';
import { validatePlace, validateRecord, type RegistrationInput } from './registration';
import { counterKey, type RegistryVars } from './registry';

/**
 * Importing an office's existing ledger (导入已有台账, Excel or CSV): the columns are mapped to the
 * ledger's fields (suggested from the usual Chinese headers), every row is read and checked by the
 * same rules as the registration form, and the preview lists the valid rows and, for the others,
 * the row, the column and what to do. Writing is the repository's (renderer/db/carrierImport.repo.ts).
 */
export const IMPORT_FIELDS = [
  'registryNumber',
  'title',
  'docNumber',
  'level',
  'period',
  'copyNumber',
  'pages',
  'kind',
  'serial',
  'origin',
  'custodian',
  'place',
  'scope',
  'date',
  'note',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Headers people use for each field, most specific first (compared without spaces and brackets). */
const HEADER_WORDS: Record<ImportField, readonly string[]> = {
  registryNumber: ['登记号', '登记编号', '台账编号', '载体编号', '编号', '序号编号'],
  title: ['标题', '文件名称', '文件标题', '载体名称', '名称', '文件题名', '题名'],
  docNumber: ['文号', '发文字号', '文件编号', '发文文号', '字号'],
  level: ['密级', '密级标志', '秘密等级'],
  period: ['保密期限', '期限', '解密期限', '解密时间', '解密条件'],
  copyNumber: ['份号', '份数序号'],
  pages: ['页数', '份数/页数', '份数页数', '张数', '份数'],
  kind: ['载体类型', '载体种类', '类型', '种类', '介质类型'],
  serial: ['序列号', '资产编号', '设备编号', '硬盘序列号', '出厂编号'],
  origin: ['来源', '来文单位', '发文单位', '来文机关', '收文来源', '制发单位'],
  custodian: ['责任人', '保管人', '持有人', '使用人', '承办人'],
  place: ['存放位置', '存放地点', '保存位置', '存放处', '位置'],
  scope: ['知悉范围', '阅知范围'],
  date: ['日期', '登记日期', '收文日期', '收到日期', '制作日期', '成文日期'],
  note: ['备注', '说明'],
};

/** Column index per field; a field may be unmapped. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

function headerKey(h: string): string {
  return h.normalize('NFKC').replace(/[\s()（）【】[\]*：:]/g, '');
}

/**
 * Suggests a column for each field from the headers: an exact header first, then a header that
 * contains the word (`文件名称（标题）`). A column is used once.
 */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const out: ColumnMapping = {};
  for (const exact of [true, false]) {
    for (const field of IMPORT_FIELDS) {
      if (out[field] !== undefined) continue;
      for (const word of HEADER_WORDS[field]) {
        const i = keys.findIndex((k, idx) => !used.has(idx) && k !== '' && (exact ? k === word : k.includes(word)));
        if (i >= 0) {
          out[field] = i;
          used.add(i);
          break;
        }
      }
    }
  }
  return out;
}

/**
 * The header row: ledgers often start with a title line (`某某单位涉密载体台账`) or two. The first of
 * the first ten rows in which at least two headers are recognised; else the first non-empty row.
 */
export function findHeaderRow(rows: readonly (readonly Cell[])[]): number {
  const limit = Math.min(rows.length, 10);
  for (let i = 0; i < limit; i++) {
    const headers = (rows[i] ?? []).map(cellText);
    if (Object.keys(suggestMapping(headers)).length >= 2) return i;
  }
  const first = rows.findIndex((r) => r.some((c) => cellText(c) !== ''));
  return Math.max(first, 0);
}

/** What the clerk fills in once for rows that leave it empty. */
export interface ImportDefaults {
  /** Person id: the custodian of rows without one (usually the clerk). */
  custodianId: string;
  place: string;
  /** 知悉范围 for state secrets whose row names none (a free-text note, e.g. `按原台账`). */
  scopeNote: string;
}

/** One row that can be registered, with what the repository needs to find it again. */
export interface ImportRow {
  /** The row's number in the sheet as Excel shows it (1-based). */
  line: number;
  /** The registry number the carrier already has (on its label), or '' to give it one. */
  registryNumber: string;
  input: RegistrationInput;
  /**
   * Dedup key: the row's identifying content, normalised. The repository stores it blinded (keyed
   * HMAC), so importing the same file again finds every row already there.
   */
  key: string;
}

/** A row that cannot be imported: where, and why (a refusal code the UI words in Chinese). */
export interface ImportRowError {
  line: number;
  field: ImportField | null;
  /** The header of the column, as in the file. */
  column: string;
  refusal: Refusal;
}

export interface ImportPreview {
  rows: ImportRow[];
  errors: ImportRowError[];
  /** Rows with nothing in any mapped column (skipped silently). */
  blank: number;
}

/** Past this many data rows the file is refused outright (the ledger is sized for 100,000 carriers). */
export const MAX_IMPORT_ROWS = 200_000;

/** Which field a refusal from the registration rules concerns. */
function fieldOfRefusal(r: Refusal): ImportField | null {
  if (r.code.startsWith('PERIOD_')) return 'period';
  if (r.code === 'SCOPE_REQUIRED') return 'scope';
  if (r.code === 'CLEARANCE_TOO_LOW' || r.code === 'PERSON_NOT_ACTIVE' || r.code === 'PERSON_NOT_FOUND') return 'custodian';
  const f = r.params?.field;
  return f === undefined ? null : (RECORD_FIELDS[String(f)] ?? null);
}

/** The registration rules' field names (CARRIER_INVALID_FIELD) as import columns. */
const RECORD_FIELDS: Record<string, ImportField> = {
  title: 'title',
  docNumber: 'docNumber',
  level: 'level',
  copyNumber: 'copyNumber',
  pages: 'pages',
  place: 'place',
  note: 'note',
  origin: 'origin',
  originFrom: 'origin',
  originDepartment: 'origin',
  serial: 'serial',
  assetNumber: 'serial',
  description: 'title',
};

function detailsFor(kind: CarrierKind, pages: number, serial: string, title: string): CarrierDetails {
  switch (kind) {
    case 'paper':
      return { kind, pages };
    case 'disc':
      return { kind, discType: 'other', serial };
    case 'usb':
    case 'hdd':
      return { kind, serial, model: '', capacity: '' };
    case 'computer':
      return { kind, assetNumber: serial, model: '', serial: '', diskSerials: [] };
    case 'printer':
      return { kind, assetNumber: serial, model: '', drumSerial: '' };
    case 'other':
      return { kind, description: title };
  }
}

/** Finds a custodian by name in the directory: exactly one person of that name. */
function personByName(people: readonly Person[], name: string): Result<Person> {
  const found = people.filter((p) => p.name === name);
  if (found.length === 1 && found[0]) return ok(found[0]);
  return found.length === 0 ? refuse('IMPORT_PERSON_UNKNOWN', { name }) : refuse('IMPORT_PERSON_AMBIGUOUS', { name });
}

/** The normalised content that identifies a row: what stays the same when the same file is read again. */
export function importKey(registryNumber: string, r: CarrierRecord, kind: CarrierKind): string {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const serial = 'serial' in r.details ? r.details.serial : 'assetNumber' in r.details ? r.details.assetNumber : '';
  return JSON.stringify([norm(registryNumber), norm(r.title), norm(r.docNumber), r.level, periodText(r.period), r.copyNumber, kind, norm(serial)]);
}

/**
 * Reads and checks every data row below the header. `people` is the directory (custodians are
 * named in the file); `defaults` fill what a row leaves empty. Each bad row gives one error: the
 * first problem found, in the order of the columns a person fixes them.
 */
export function previewImport(
  sheet: readonly (readonly Cell[])[],
  headerRow: number,
  mapping: ColumnMapping,
  people: readonly Person[],
  defaults: ImportDefaults,
): Result<ImportPreview> {
  if (mapping.title === undefined) return refuse('IMPORT_TITLE_UNMAPPED');
  if (mapping.level === undefined) return refuse('IMPORT_LEVEL_UNMAPPED');
  if (sheet.length - headerRow - 1 > MAX_IMPORT_ROWS) return refuse('IMPORT_TOO_MANY_ROWS', { max: MAX_IMPORT_ROWS });
  const headers = (sheet[headerRow] ?? []).map(cellText);
  const rows: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  let blank = 0;
  for (let i = headerRow + 1; i < sheet.length; i++) {
    const cells = sheet[i] ?? [];
    const line = i + 1;
    const cell = (f: ImportField): Cell => (mapping[f] === undefined ? null : cells[mapping[f]]);
    const text = (f: ImportField) => cellText(cell(f));
    if (IMPORT_FIELDS.every((f) => text(f) === '')) {
      blank++;
      continue;
    }
    const fail = (field: ImportField | null, refusal: Refusal) => {
      const col = field === null ? undefined : mapping[field];
      errors.push({ line, field, column: col === undefined ? '' : (headers[col] ?? ''), refusal });
    };
    const row = readRow(text, cell, people, defaults);
    if (!row.ok) {
      fail(row.field, row.refusal);
      continue;
    }
    rows.push({ line, ...row.value });
  }
  return ok({ rows, errors, blank });
}

type RowRead = { ok: true; value: Omit<ImportRow, 'line'> } | { ok: false; field: ImportField | null; refusal: Refusal };

function readRow(text: (f: ImportField) => string, cell: (f: ImportField) => Cell, people: readonly Person[], defaults: ImportDefaults): RowRead {
  const bad = (field: ImportField | null, code: string, params?: Record<string, string | number>): RowRead => ({ ok: false, field, refusal: params ? { code, params } : { code } });
  const title = text('title');
  if (!title) return bad('title', 'IMPORT_REQUIRED', { field: 'title' });
  const registryNumber = text('registryNumber').replace(/\s+/g, '');
  if (registryNumber.length > 60) return bad('registryNumber', 'IMPORT_REGISTRY_NUMBER_INVALID');
  if (!text('level')) return bad('level', 'IMPORT_REQUIRED', { field: 'level' });
  const lv = parseLevel(cell('level'));
  if (!lv) return bad('level', 'IMPORT_LEVEL_UNKNOWN', { value: text('level') });
  let period: Period | null = parsePeriod(cell('period'));
  if (!period) return bad('period', 'IMPORT_PERIOD_UNKNOWN', { value: text('period') });
  // `机密★10年` in the 密级 column gives the period when the period column says nothing.
  if (period.kind === 'none' && lv.period) period = lv.period;
  const copyNumber = parseCopyNumber(cell('copyNumber'));
  if (copyNumber === null) return bad('copyNumber', 'IMPORT_COPY_NUMBER_INVALID', { value: text('copyNumber') });
  const kind = parseKind(cell('kind'));
  if (!kind) return bad('kind', 'IMPORT_KIND_UNKNOWN', { value: text('kind') });
  let pages = 0;
  if (kind === 'paper') {
    if (!text('pages')) return bad('pages', 'IMPORT_REQUIRED', { field: 'pages' });
    const n = parseCount(cell('pages'));
    if (n === null) return bad('pages', 'IMPORT_PAGES_INVALID', { value: text('pages') });
    pages = n;
  }
  const serial = text('serial');
  if ((kind === 'usb' || kind === 'hdd' || kind === 'computer' || kind === 'printer') && !serial) return bad('serial', 'IMPORT_REQUIRED', { field: 'serial' });

  const custodianName = text('custodian');
  let custodian: Person | undefined;
  if (custodianName) {
    const p = personByName(people, custodianName);
    if (!p.ok) return bad('custodian', p.error.code, p.error.params);
    custodian = p.value;
  } else {
    custodian = people.find((p) => p.id === defaults.custodianId);
    if (!custodian) return bad('custodian', 'IMPORT_REQUIRED', { field: 'custodian' });
  }
  const place = validatePlace(text('place') || defaults.place);
  if (!place.ok) return bad('place', 'IMPORT_REQUIRED', { field: 'place' });

  const from = text('origin');
  const origin: Origin = from ? { kind: 'received', from } : { kind: 'produced', department: custodian.department };
  const scopeText = text('scope') || defaults.scopeNote.trim();
  const date = cell('date') === null || text('date') === '' ? null : dateOfCell(cell('date'));
  if (text('date') !== '' && date === null) return bad('date', 'IMPORT_DATE_INVALID', { value: text('date') });
  const notes = [text('note'), date ? `原台账日期 ${date}` : ''].filter((s) => s !== '');
  const record = validateRecord({
    title,
    docNumber: text('docNumber'),
    level: lv.level,
    period,
    scope: scopeText ? { ...EMPTY_SCOPE, note: scopeText } : EMPTY_SCOPE,
    copyNumber,
    details: detailsFor(kind, pages, serial, title),
    origin,
    note: notes.join('；'),
  });
  if (!record.ok) return { ok: false, field: fieldOfRefusal(record.error), refusal: record.error };
  const may = checkMayReceive(custodian, lv.level);
  if (!may.ok) return { ok: false, field: 'custodian', refusal: may.error };
  return {
    ok: true,
    value: {
      registryNumber,
      input: { record: record.value, custodianId: custodian.id, place: place.value },
      key: importKey(registryNumber, record.value, kind),
    },
  };
}

/**
 * Does an imported registry number fall in the sequence the unit's pattern draws from (`2026-机-0042`
 * under `{year}-{levelAbbrev}-{seq:4}`)? Then the counter must move past it, or the next carrier
 * registered by hand would be given a number already on a label. Returns the counter's key and
 * the number's sequence value.
 */
export function numberInPattern(pattern: string, vars: Omit<RegistryVars, 'year'>, registryNumber: string): { key: string; seq: number } | null {
  const years = pattern.includes('{year}') ? [...registryNumber.matchAll(/\d{4}/g)].map((m) => Number(m[0])) : [0];
  for (const year of years) {
    const key = counterKey(pattern, { ...vars, year });
    const re = new RegExp('^' + key.split('#').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(\\d+)') + '$');
    const hit = re.exec(registryNumber);
    if (hit?.[1] !== undefined) return { key, seq: Number(hit[1]) };
  }
  return null;
}
