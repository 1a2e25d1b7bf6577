import { carrierIdentifier, kindName } from '../destruction/documents';
import type { CarrierState } from '../ledger/carrier';
import { levelName, marking } from '../ledger/classification';
import type { PrintDocument, PrintField } from './document';
import { chineseDate } from './paginate';

/**
 * 涉密载体借阅单 (SPEC §6 "loan slips"): the paper both parties sign when a carrier is lent — what
 * it is (each line at the carrier's level where it names it), who borrows it from whom, from when
 * until when, on what grounds (in scope, or the approver's approval for a loan outside scope), and
 * the signature lines of the borrower, the lender and the clerk who takes it back. The number of
 * the signed slip, when the clerk recorded one, ties the paper to the ledger's event.
 */
export interface LoanSlipInput {
  carrier: CarrierState;
  borrower: string;
  /** The clerk who lends it (出借人). */
  lender: string;
  /** The office's local day it was lent and the day it is due (YYYY-MM-DD). */
  since: string;
  dueOn: string;
  /** The signed paper slip's number the clerk recorded with the loan, if any. */
  slipNumber: string | null;
  /** The approval of a loan outside the carrier's scope (知悉范围外借阅), if one was needed; `decidedOn` a local day. */
  approval: { reason: string; approver: string; decidedOn: string; opinion: string } | null;
  unitName: string;
  date: string;
}

export function loanSlipDocument(input: LoanSlipInput): PrintDocument {
  const c = input.carrier;
  const level = c.level;
  const grounds = input.approval
    ? `知悉范围外借阅，经审批同意（审批人：${input.approval.approver}，${chineseDate(input.approval.decidedOn)}${input.approval.opinion ? `，意见：${input.approval.opinion}` : ''}）。事由：${input.approval.reason}`
    : '借阅人在该载体知悉范围内，无需另行审批。借阅事由：';
  const fields: PrintField[] = [
    { label: '借阅单编号', value: input.slipNumber ?? '' },
    { label: '登记编号', value: c.registryNumber },
    { label: '载体名称', value: c.title, level },
    ...(c.docNumber ? [{ label: '文号', value: c.docNumber, level }] : []),
    { label: '密级', value: marking(c.level, c.period) || levelName(c.level), level },
    { label: '种类', value: kindName(c.kind) },
    { label: '份号/编号', value: carrierIdentifier(c) },
    { label: '借阅人', value: input.borrower },
    { label: '出借人', value: input.lender },
    { label: '借出日期', value: chineseDate(input.since) },
    { label: '应还日期', value: chineseDate(input.dueOn) },
    { label: '借阅依据', value: grounds },
    { label: '实际归还日期', value: '' },
  ];
  return {
    kind: 'loan-slip',
    title: '涉密载体借阅单',
    // A slip names who reads what: the office's business, marked 内部 even for a 非密 item.
    titleLevel: 'internal',
    unitName: input.unitName,
    date: input.date,
    blocks: [
      { type: 'fields', fields },
      {
        type: 'paragraph',
        text: '借阅人须妥善保管所借载体，不得复制、摘抄、拍照，不得带离规定场所或转借他人，阅后按期归还；丢失或发现泄密隐患立即报告保密办。',
      },
      { type: 'signatures', lines: [{ role: '借阅人', name: input.borrower }, { role: '出借人', name: input.lender }, { role: '归还签收（保密员）' }] },
    ],
  };
}
