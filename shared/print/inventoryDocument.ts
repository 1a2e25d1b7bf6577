import type { CarrierState, Party } from '../ledger/carrier';
import type { CarrierEventType } from '../ledger/events';
import { levelName, marking, type Level } from '../ledger/classification';
import type { InventoryResult, InventoryState, ResultItem } from '../ledger/inventory';
import type { PrintDocument, PrintRow } from './document';
import { statusName } from './ledgerDocument';
import { chineseDate } from './paginate';

/**
 * 清查结果 (SPEC §4, §6): a closed inventory on paper — the counts, then what is missing (with
 * who held it last, where it is kept and its last event), the numbers scanned that are no carrier
 * of the ledger, and what was found — with the signature lines of those who checked. Each row is at
 * its carrier's level; the document is at least 内部 (an inventory is the office's own business).
 */

/** The events' Chinese names for the "last event" column; a type not named here prints as its code. */
const EVENT_NAMES: Partial<Record<CarrierEventType, string>> = {
  registered: '登记',
  transferred: '移交',
  lent: '借出',
  loanReturned: '归还',
  copyMade: '复制',
  stored: '变更存放位置',
  repairSent: '送修',
  repairReturned: '修复返回',
  takenOut: '携带外出',
  broughtBack: '带回',
  dispatched: '发出',
  returnedToIssuer: '清退',
  destroyed: '销毁',
  corrected: '更正',
  handoverConfirmed: '确认接收',
  handoverCancelled: '撤回交接',
};

export interface InventoryPrintInput {
  inventory: Pick<InventoryState, 'note' | 'startedAt' | 'closedAt'>;
  result: InventoryResult;
  /** Who started it (发起人). */
  startedBy: string;
  /** The carriers as the ledger holds them now, for titles and levels (a result keeps neither). */
  carrier(id: string): CarrierState | undefined;
  partyName(p: Party): string;
  /** ISO time → local `YYYY-MM-DD HH:mm` (the office's clock; shared has none). */
  localTime(iso: string): string;
  unitName: string;
  date: string;
}

// Widths in millimetres of the 175 mm an A4 sheet leaves (as the ledger printout): 序号, a registry
// number and a marking with its period (机密★20年) each fit one line at 10 pt.
const MISSING_COLUMNS = [
  { label: '序号', width: 11, align: 'center' as const },
  { label: '登记编号', width: 27 },
  { label: '载体名称', width: 31 },
  { label: '密级', width: 22, align: 'center' as const },
  { label: '最后保管人', width: 22 },
  { label: '存放位置', width: 21 },
  { label: '最后一次记录', width: 41 },
];

const FOUND_COLUMNS = [
  { label: '序号', width: 11, align: 'center' as const },
  { label: '登记编号', width: 27 },
  { label: '载体名称', width: 39 },
  { label: '密级', width: 22, align: 'center' as const },
  { label: '状态', width: 17, align: 'center' as const },
  { label: '保管人', width: 28 },
  { label: '存放位置', width: 31 },
];

export function inventoryDocument(input: InventoryPrintInput): PrintDocument {
  const { result } = input;
  const described = (item: ResultItem): { title: string; mark: string; level: Level | undefined } => {
    const c = input.carrier(item.carrierId);
    return c ? { title: c.title, mark: marking(c.level, c.period) || levelName(c.level), level: c.level } : { title: '', mark: '', level: undefined };
  };
  const row = (cells: string[], level: Level | undefined): PrintRow => (level ? { cells, level } : { cells });
  const missing = result.missing.map((m, i) => {
    const d = described(m);
    const last = m.lastEvent ? `${EVENT_NAMES[m.lastEvent.type] ?? m.lastEvent.type}，${input.localTime(m.lastEvent.at)}` : '';
    return row([String(i + 1), m.registryNumber, d.title, d.mark, input.partyName(m.custodian), m.place, last], d.level);
  });
  const found = result.found.map((f, i) => {
    const d = described(f);
    return row([String(i + 1), f.registryNumber, d.title, d.mark, statusName(f.status), input.partyName(f.custodian), f.place], d.level);
  });
  const unexpected = result.unexpected.map((u, i) => ({ cells: [String(i + 1), u.registryNumber, input.localTime(u.at)] }));
  const expected = result.found.length + result.missing.length;
  const inv = input.inventory;
  return {
    kind: 'inventory',
    title: '涉密载体清查结果',
    titleLevel: 'internal',
    unitName: input.unitName,
    date: input.date,
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: '清查说明', value: inv.note || '（无）' },
          { label: '发起人', value: input.startedBy },
          { label: '开始时间', value: input.localTime(inv.startedAt) },
          { label: '结束时间', value: inv.closedAt ? input.localTime(inv.closedAt) : '（进行中）' },
          { label: '清查日期', value: chineseDate(input.localTime(inv.closedAt ?? inv.startedAt).slice(0, 10)) },
          { label: '清查结果', value: `应清点 ${expected} 件，已清点 ${result.found.length} 件，缺失 ${result.missing.length} 件；台账外编号 ${result.unexpected.length} 个` },
        ],
      },
      { type: 'heading', text: `一、缺失的载体（${result.missing.length} 件）` },
      { type: 'table', columns: MISSING_COLUMNS, rows: missing, emptyText: '（无）' },
      { type: 'heading', text: `二、台账外编号（${result.unexpected.length} 个）` },
      { type: 'paragraph', text: '扫描或输入的编号不是台账中在管的载体（或已发出、清退、销毁），须逐一查明来源。' },
      {
        type: 'table',
        columns: [
          { label: '序号', width: 11, align: 'center' },
          { label: '扫描的编号', width: 90 },
          { label: '时间', width: 74 },
        ],
        rows: unexpected,
        emptyText: '（无）',
      },
      { type: 'heading', text: `三、已清点的载体（${result.found.length} 件）` },
      { type: 'table', columns: FOUND_COLUMNS, rows: found, emptyText: '（无）' },
      { type: 'signatures', lines: [{ role: '清查人' }, { role: '保密员' }, { role: '保密工作负责人' }] },
    ],
  };
}
