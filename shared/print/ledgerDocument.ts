import { carrierIdentifier, kindName } from '../destruction/documents';
import type { CarrierKind, CarrierState, CarrierStatus } from '../ledger/carrier';
import { levelName, marking, type Level } from '../ledger/classification';
import type { LedgerSort, SortColumn } from '../ledger/ledgerView';
import { assertNever } from '../result';
import { tableDocument, type PrintDocument } from './document';

/**
 * The ledger as printed (涉密载体台账, SPEC §6): every carrier of the list as the screen shows it —
 * all, or as filtered —, each row marked with its carrier's level so every page carries the highest
 * level on it, with the filter written above the table and the clerk's signature line below. The
 * paper is Chinese whatever the interface language, so the words are here, not in the locale files.
 */
export function statusName(s: CarrierStatus): string {
  switch (s) {
    case 'in_custody':
      return '在库';
    case 'on_loan':
      return '借出';
    case 'taken_out':
      return '携带外出';
    case 'under_repair':
      return '维修中';
    case 'dispatched':
      return '已发出';
    case 'returned_to_issuer':
      return '已清退';
    case 'destroyed':
      return '已销毁';
    default:
      return assertNever(s);
  }
}

/** What the list was narrowed to; absent criteria mean "all". */
export interface LedgerCriteria {
  level?: Level;
  kind?: CarrierKind;
  status?: CarrierStatus | 'overdue' | 'pending';
  /** The custodian's name, as chosen. */
  custodian?: string;
  query?: string;
  /** The custodian's department (from the people directory). */
  department?: string;
  place?: string;
  /** 登记日期 range, local days, either end open. */
  registeredFrom?: string;
  registeredTo?: string;
  dueBy?: string;
  /** The order of the rows as shown (null or absent: newest registration first). */
  sort?: LedgerSort;
}

const SORT_COLUMN_NAMES: Record<SortColumn, string> = {
  registryNumber: '登记编号',
  title: '标题',
  level: '密级',
  kind: '种类',
  copyNumber: '份号',
  status: '状态',
  custodian: '保管人',
  place: '存放位置',
  registeredAt: '登记日期',
  dueOn: '应还日期',
};

export function criteriaText(c: LedgerCriteria): string {
  const parts: string[] = [];
  if (c.level) parts.push(`密级：${levelName(c.level)}`);
  if (c.kind) parts.push(`种类：${kindName(c.kind)}`);
  if (c.status) parts.push(`状态：${c.status === 'overdue' ? '逾期未还' : c.status === 'pending' ? '待确认交接' : statusName(c.status)}`);
  if (c.custodian) parts.push(`保管人：${c.custodian}`);
  if (c.department) parts.push(`保管人部门：${c.department}`);
  if (c.place) parts.push(`存放位置：${c.place}`);
  if (c.registeredFrom || c.registeredTo) parts.push(`登记日期：${c.registeredFrom || '不限'} 至 ${c.registeredTo || '不限'}`);
  if (c.dueBy) parts.push(`应还日期不晚于：${c.dueBy}`);
  if (c.query?.trim()) parts.push(`检索：“${c.query.trim()}”`);
  const scope = parts.length === 0 ? '全部载体' : parts.join('；');
  return c.sort ? `${scope}；按${SORT_COLUMN_NAMES[c.sort.column]}${c.sort.direction === 'ascending' ? '升序' : '降序'}排列` : scope;
}

export interface LedgerPrintInput {
  /** The carriers in the order shown. */
  carriers: readonly CarrierState[];
  /** How many the ledger holds in all (the list may be filtered). */
  total: number;
  criteria: LedgerCriteria;
  unitName: string;
  date: string;
  /** The custodian's name as the screen shows it (a person of the directory or an outside unit). */
  custodianName(c: CarrierState): string;
}

/** The title with what else identifies it: the 文号 of a document, the kind and number of anything else. */
function nameCell(c: CarrierState): string {
  if (c.kind === 'paper') return c.docNumber ? `${c.title}（${c.docNumber}）` : c.title;
  const id = carrierIdentifier(c);
  return `${c.title}（${kindName(c.kind)}${id ? `，${id}` : ''}）`;
}

export function ledgerDocument(input: LedgerPrintInput): PrintDocument {
  const n = input.carriers.length;
  return tableDocument({
    kind: 'ledger',
    title: '涉密载体台账',
    unitName: input.unitName,
    date: input.date,
    intro: [`范围：${criteriaText(input.criteria)}　　本表 ${n} 件（台账共 ${input.total} 件）`],
    // Widths in millimetres of the 175 mm the A4 sheet leaves: the registry number, the marking
    // with its period, a six-digit copy number and 携带外出 each fit one line at 10 pt.
    columns: [
      { label: '序号', width: 11, align: 'center' },
      { label: '登记编号', width: 27 },
      { label: '载体名称', width: 40 },
      { label: '密级', width: 22, align: 'center' },
      { label: '份号', width: 17, align: 'center' },
      { label: '状态', width: 17, align: 'center' },
      { label: '保管人', width: 20 },
      { label: '存放位置', width: 21 },
    ],
    rows: input.carriers.map((c, i) => ({
      cells: [String(i + 1), c.registryNumber, nameCell(c), marking(c.level, c.period) || levelName(c.level), c.copyNumber, statusName(c.status), input.custodianName(c), c.place],
      level: c.level,
    })),
    emptyText: '（无）',
    signatures: ['保密员'],
  });
}
