import type { CarrierKind, CarrierState } from '../ledger/carrier';
import { levelName, levelRank, LEVELS, marking, type Level } from '../ledger/classification';
import { assertNever } from '../result';
import type { PrintDocument, PrintField, SignatureLine } from '../print/document';
import { chineseDate } from '../print/paginate';
import { MIN_ESCORTS, type BatchState } from './batch';

/**
 * The two printouts of a destruction batch (SPEC §5): the destruction list (销毁清单) — every
 * carrier, each row marked with its own level so every page carries the highest level on it — and
 * the approval form (销毁审批表), with counts by level instead of titles. Both end with signature
 * lines for the approver and at least two escorts (监销人).
 */

export function kindName(kind: CarrierKind): string {
  switch (kind) {
    case 'paper':
      return '纸质文件';
    case 'disc':
      return '光盘';
    case 'usb':
      return '移动存储介质';
    case 'hdd':
      return '硬盘';
    case 'computer':
      return '涉密计算机';
    case 'printer':
      return '打印机';
    case 'other':
      return '其他';
    default:
      return assertNever(kind);
  }
}

/** What identifies the piece in hand: the copy number, or the serial or asset number of a device. */
export function carrierIdentifier(c: CarrierState): string {
  const d = c.details;
  switch (d.kind) {
    case 'paper':
      return c.copyNumber ? `份号 ${c.copyNumber}` : '';
    case 'disc':
    case 'usb':
    case 'hdd':
      return d.serial;
    case 'computer':
    case 'printer':
      return d.assetNumber;
    case 'other':
      return '';
    default:
      return assertNever(d);
  }
}

/** The batch's number as people read and write it: the first 8 hex digits of its id, like a printout's number. */
export function batchNumber(batchId: string): string {
  return batchId.replace(/-/g, '').slice(0, 8).toUpperCase();
}

function quantity(c: CarrierState): string {
  return c.details.kind === 'paper' ? `${c.details.pages}页` : '1件';
}

export interface BatchPrintInput {
  batch: BatchState;
  /** The batch's carriers, in the batch's order. */
  carriers: readonly CarrierState[];
  unitName: string;
  /** The date printed, YYYY-MM-DD. */
  date: string;
  /** Display names of accounts (requester, counting clerk, approver). */
  accountName(accountId: string): string;
  /** Names of people (escorts), once the hand-over is recorded. */
  personName(personId: string): string;
}

function escortLines(input: BatchPrintInput): SignatureLine[] {
  const named = (input.batch.handover?.escortIds ?? []).map((id): SignatureLine => ({ role: '监销人', name: input.personName(id) }));
  while (named.length < MIN_ESCORTS) named.push({ role: '监销人' });
  return named;
}

/** 涉密载体销毁清单 */
export function destructionListDocument(input: BatchPrintInput): PrintDocument {
  const { batch, carriers } = input;
  const byId = new Map(carriers.map((c) => [c.id, c]));
  const ordered = batch.carrierIds.map((id) => byId.get(id)).filter((c): c is CarrierState => c !== undefined);
  return {
    kind: 'destruction-list',
    title: '涉密载体销毁清单',
    unitName: input.unitName,
    date: input.date,
    blocks: [
      { type: 'paragraph', text: `批次编号：${batchNumber(batch.id)}　　共 ${ordered.length} 件　　申请人：${input.accountName(batch.requestedBy)}　　申请日期：${chineseDate(batch.requestedAt.slice(0, 10))}` },
      {
        type: 'table',
        columns: [
          // Widths so that 密级 with its period (机密★10年) and the longest kind (移动存储介质) fit one line.
          { label: '序号', width: 1, align: 'center' },
          { label: '登记编号', width: 2.3 },
          { label: '载体名称', width: 3.6 },
          { label: '种类', width: 2, align: 'center' },
          { label: '密级', width: 2.1, align: 'center' },
          { label: '份号/编号', width: 2.1 },
          { label: '数量', width: 0.9, align: 'right' },
        ],
        rows: ordered.map((c, i) => ({
          cells: [String(i + 1), c.registryNumber, c.title, kindName(c.kind), marking(c.level, c.period) || levelName(c.level), carrierIdentifier(c), quantity(c)],
          level: c.level,
        })),
      },
      ...(batch.handover
        ? [
            {
              type: 'paragraph' as const,
              text: `销毁机构：${batch.handover.body}　　移交日期：${chineseDate(batch.handover.on)}　　销毁证明编号：${batch.handover.certificateNumber}`,
            },
          ]
        : []),
      {
        type: 'signatures',
        lines: [
          { role: '清点人', ...(batch.countedBy ? { name: input.accountName(batch.countedBy) } : {}) },
          { role: '审批人', ...(batch.decidedBy && batch.status !== 'refused' ? { name: input.accountName(batch.decidedBy) } : {}) },
          ...escortLines(input),
        ],
      },
    ],
  };
}

/** 涉密载体销毁审批表: the batch by numbers (no titles), the decision, and the signatures. */
export function approvalFormDocument(input: BatchPrintInput): PrintDocument {
  const { batch, carriers } = input;
  const counts = new Map<Level, number>();
  for (const c of carriers) if (batch.carrierIds.includes(c.id)) counts.set(c.level, (counts.get(c.level) ?? 0) + 1);
  const byLevel = [...LEVELS]
    .sort((a, b) => levelRank(b) - levelRank(a))
    .filter((l) => (counts.get(l) ?? 0) > 0)
    .map((l) => `${levelName(l)} ${counts.get(l)} 件`)
    .join('，');
  const decision =
    batch.status === 'approved' || batch.status === 'completed' ? '同意销毁' : batch.status === 'refused' ? '不同意销毁' : '（待审批）';
  const fields: PrintField[] = [
    { label: '批次编号', value: batchNumber(batch.id) },
    { label: '申请人', value: input.accountName(batch.requestedBy) },
    { label: '申请日期', value: chineseDate(batch.requestedAt.slice(0, 10)) },
    { label: '申请事由', value: batch.reason },
    { label: '载体数量', value: `共 ${batch.carrierIds.length} 件（${byLevel}），明细见销毁清单` },
    { label: '清点登记', value: batch.countedBy && batch.countedAt ? `${input.accountName(batch.countedBy)}，${chineseDate(batch.countedAt.slice(0, 10))}` : '' },
    { label: '审批意见', value: batch.decidedBy && batch.opinion ? `${decision}。意见：${batch.opinion}` : decision },
    { label: '审批人', value: batch.decidedBy ? input.accountName(batch.decidedBy) : '' },
    { label: '审批日期', value: batch.decidedAt ? chineseDate(batch.decidedAt.slice(0, 10)) : '' },
    { label: '销毁机构', value: batch.handover?.body ?? '' },
    { label: '销毁证明编号', value: batch.handover?.certificateNumber ?? '' },
  ];
  return {
    kind: 'destruction-form',
    title: '涉密载体销毁审批表',
    // The form names no secret content (counts, not titles), but the office's destruction work is
    // itself a work secret (工作秘密): marked 内部, never 非密.
    titleLevel: 'internal',
    unitName: input.unitName,
    date: input.date,
    blocks: [
      { type: 'fields', fields },
      { type: 'signatures', lines: [{ role: '申请人' }, { role: '保密员' }, { role: '审批人' }, ...escortLines(input)] },
    ],
  };
}
