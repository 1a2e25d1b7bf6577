import type { CarrierState } from '../../../shared/ledger/carrier';
import type { Person } from '../../../shared/ledger/people';
import type { PrintDocument } from '../../../shared/print/document';
import { loanSlipDocument } from '../../../shared/print/loanSlipDocument';
import { localDate, type ApprovalDoc, type CarrierEventDoc } from '../../db/ledgerAccess';
import { formatLocalTime } from '../../i18n';

/**
 * 借阅单 of the loan a carrier is on: the loan from the carrier's state, the slip number and the
 * approval (a loan outside scope) from its latest `lent` event. Null when it is not on loan.
 */
export function loanSlipPrintout(carrier: CarrierState, events: readonly CarrierEventDoc[], approvals: readonly ApprovalDoc[], people: ReadonlyMap<string, Person>, unitName: string): PrintDocument | null {
  const loan = carrier.loan;
  if (!loan) return null;
  const lent = [...events].reverse().find((e) => e.event.type === 'lent');
  const event = lent?.event.type === 'lent' ? lent.event : null;
  const approval = event?.approvalId ? approvals.find((a) => a.id === event.approvalId) : undefined;
  const name = (id: string) => people.get(id)?.name ?? '?';
  return loanSlipDocument({
    carrier,
    borrower: name(loan.borrowerId),
    lender: name(loan.lenderId),
    since: formatLocalTime(loan.since).slice(0, 10),
    dueOn: loan.dueOn,
    slipNumber: event?.handover.confirmation.kind === 'slip' ? event.handover.confirmation.slipNumber : null,
    approval: approval?.decidedAt
      ? { reason: approval.reason, approver: approval.decidedByName ?? '?', decidedOn: formatLocalTime(approval.decidedAt).slice(0, 10), opinion: approval.opinion }
      : null,
    unitName,
    date: localDate(new Date()),
  });
}
