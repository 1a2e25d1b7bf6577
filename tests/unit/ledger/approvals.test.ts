import { describe, expect, it } from 'vitest';
import {
  APPROVAL_EVENT_TYPES,
  approvalTransition,
  type ApprovalContext,
  type ApprovalEvent,
  type ApprovalEventType,
  type ApprovalState,
  type ApprovalStatus,
} from '../../../shared/ledger/approvals';
import type { Actor } from '../../../shared/ledger/context';
import { ACTORS, AT, TODAY } from './fixtures';

const c = (actor: Actor): ApprovalContext => ({ at: AT, today: TODAY, actor });
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

const REQUEST: ApprovalEvent = { type: 'requested', approvalId: 'a-1', carrierId: 'c-1', details: { kind: 'copy', mode: 'copy', copies: 2 }, reason: '会议需要' };

function stateIn(status: ApprovalStatus): ApprovalState {
  const r = approvalTransition(null, REQUEST, c(ACTORS.clerk));
  if (!r.ok) throw new Error(r.error.code);
  return { ...r.value, status };
}

/** The natural actor for each event: the requester requests and withdraws, an approver decides. */
function sample(type: ApprovalEventType): { event: ApprovalEvent; actor: Actor } {
  switch (type) {
    case 'requested':
      return { event: REQUEST, actor: ACTORS.clerk };
    case 'approved':
      return { event: { type, opinion: '同意' }, actor: ACTORS.approver };
    case 'refused':
      return { event: { type, opinion: '不符合规定' }, actor: ACTORS.approver };
    case 'withdrawn':
      return { event: { type }, actor: ACTORS.clerk };
    case 'used':
      return { event: { type, carrierEventId: 'e-1' }, actor: ACTORS.clerk };
    default:
      throw new Error(type satisfies never);
  }
}

const EXPECTED: Record<'none' | ApprovalStatus, Record<ApprovalEventType, string>> = {
  none: { requested: 'ok', approved: 'APPROVAL_NOT_FOUND', refused: 'APPROVAL_NOT_FOUND', withdrawn: 'APPROVAL_NOT_FOUND', used: 'APPROVAL_NOT_FOUND' },
  pending: { requested: 'APPROVAL_ALREADY_EXISTS', approved: 'ok', refused: 'ok', withdrawn: 'ok', used: 'APPROVAL_NOT_APPROVED' },
  approved: { requested: 'APPROVAL_ALREADY_EXISTS', approved: 'APPROVAL_NOT_PENDING', refused: 'APPROVAL_NOT_PENDING', withdrawn: 'APPROVAL_NOT_PENDING', used: 'ok' },
  refused: { requested: 'APPROVAL_ALREADY_EXISTS', approved: 'APPROVAL_NOT_PENDING', refused: 'APPROVAL_NOT_PENDING', withdrawn: 'APPROVAL_NOT_PENDING', used: 'APPROVAL_NOT_APPROVED' },
  withdrawn: { requested: 'APPROVAL_ALREADY_EXISTS', approved: 'APPROVAL_NOT_PENDING', refused: 'APPROVAL_NOT_PENDING', withdrawn: 'APPROVAL_NOT_PENDING', used: 'APPROVAL_NOT_APPROVED' },
  used: { requested: 'APPROVAL_ALREADY_EXISTS', approved: 'APPROVAL_NOT_PENDING', refused: 'APPROVAL_NOT_PENDING', withdrawn: 'APPROVAL_NOT_PENDING', used: 'APPROVAL_USED' },
};

describe('approvals: every (state, event) pair', () => {
  for (const [name, row] of Object.entries(EXPECTED) as ['none' | ApprovalStatus, Record<ApprovalEventType, string>][]) {
    for (const type of APPROVAL_EVENT_TYPES) {
      it(`${name} × ${type} → ${row[type]}`, () => {
        const { event, actor } = sample(type);
        const r = approvalTransition(name === 'none' ? null : stateIn(name), event, c(actor));
        expect(code(r)).toBe(row[type]);
      });
    }
  }
});

describe('approval rules', () => {
  it('never lets the requester approve their own request', () => {
    const pending = stateIn('pending');
    const both = { ...ACTORS.clerk, roles: ['clerk', 'approver'] };
    expect(approvalTransition(pending, { type: 'approved', opinion: '' }, c(both))).toEqual({ ok: false, error: { code: 'SELF_APPROVAL' } });
  });

  it('never lets an approver approve a loan outside the scope to themselves', () => {
    const r = approvalTransition(null, { ...REQUEST, details: { kind: 'loanOutsideScope', personId: 'p-boss' } }, c(ACTORS.clerk));
    if (!r.ok) throw new Error(r.error.code);
    expect(code(approvalTransition(r.value, { type: 'approved', opinion: '' }, c(ACTORS.approver)))).toBe('SELF_APPROVAL');
  });

  it('records who decided, when and with what opinion; a refusal needs one', () => {
    const pending = stateIn('pending');
    expect(code(approvalTransition(pending, { type: 'refused', opinion: '' }, c(ACTORS.approver)))).toBe('OPINION_REQUIRED');
    const r = approvalTransition(pending, { type: 'approved', opinion: '同意复制 2 份' }, c(ACTORS.approver));
    expect(r.ok && r.value).toMatchObject({ status: 'approved', decidedBy: 'acc-boss', decidedAt: AT, opinion: '同意复制 2 份', version: 2 });
  });

  it('is decided only by an approver and withdrawn only by its requester', () => {
    const pending = stateIn('pending');
    expect(code(approvalTransition(pending, { type: 'approved', opinion: '' }, c(ACTORS.zhang)))).toBe('NOT_PERMITTED');
    expect(code(approvalTransition(pending, { type: 'withdrawn' }, c(ACTORS.zhang)))).toBe('NOT_REQUESTER');
  });

  it('is requested by handlers and clerks with a reason and sensible details', () => {
    expect(code(approvalTransition(null, REQUEST, c(ACTORS.approver)))).toBe('NOT_PERMITTED');
    expect(code(approvalTransition(null, { ...REQUEST, reason: ' ' }, c(ACTORS.clerk)))).toBe('REASON_REQUIRED');
    expect(code(approvalTransition(null, { ...REQUEST, details: { kind: 'copy', mode: 'copy', copies: 0 } }, c(ACTORS.clerk)))).toBe('APPROVAL_INVALID_FIELD');
    const past = { ...REQUEST, details: { kind: 'takeOut' as const, destination: '省城', until: '2026-03-01', abroad: false } };
    expect(code(approvalTransition(null, past, c(ACTORS.clerk)))).toBe('APPROVAL_INVALID_FIELD');
  });
});
