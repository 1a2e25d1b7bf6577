import { describe, expect, it } from 'vitest';
import { BATCH_EVENT_TYPES, BATCH_STATUSES, batchTransition, destroyedEvents, type BatchEvent, type BatchState } from '../../../shared/destruction/batch';
import type { Actor } from '../../../shared/ledger/context';
import { transition } from '../../../shared/ledger/transition';
import { ctx as ledgerCtx, states } from '../ledger/fixtures';
import { ACTORS, APPROVER_CLERK, batch, device, HANDOVER, PEOPLE, world } from './fixtures';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

/** Each kind of event as the person who would do it: the requester (张三), the clerk, the approver. */
const EVENTS: Record<BatchEvent['type'], [BatchEvent, Actor]> = {
  requested: [{ type: 'requested', batchId: 'b-1', carrierIds: ['c-2'], reason: '年度集中销毁' }, ACTORS.zhang],
  carriersChanged: [{ type: 'carriersChanged', add: [], remove: ['c-2'] }, ACTORS.zhang],
  counted: [{ type: 'counted', carrierIds: ['c-2', 'c-1', 'c-3', 'c-4'] }, ACTORS.clerk],
  submitted: [{ type: 'submitted' }, ACTORS.clerk],
  approved: [{ type: 'approved', opinion: '同意' }, ACTORS.approver],
  refused: [{ type: 'refused', opinion: '尚有借出未归还' }, ACTORS.approver],
  withdrawn: [{ type: 'withdrawn', reason: '重新清点' }, ACTORS.zhang],
  handedOver: [HANDOVER, ACTORS.clerk],
};

/** Which (status, event) pairs the workflow allows; everything else is refused, state unchanged. */
const ALLOWED: Record<BatchState['status'], BatchEvent['type'][]> = {
  open: ['carriersChanged', 'counted', 'withdrawn'],
  counted: ['carriersChanged', 'submitted', 'withdrawn'],
  pending: ['approved', 'refused', 'withdrawn'],
  approved: ['handedOver'],
  refused: [],
  withdrawn: [],
  completed: [],
};

const NEXT: Partial<Record<BatchEvent['type'], BatchState['status']>> = {
  carriersChanged: 'open',
  counted: 'counted',
  submitted: 'pending',
  approved: 'approved',
  refused: 'refused',
  withdrawn: 'withdrawn',
  handedOver: 'completed',
};

describe('destruction batch: every (status, event) pair', () => {
  const { batchCtx } = world();
  const pairs = BATCH_STATUSES.flatMap((s) => BATCH_EVENT_TYPES.filter((e) => e !== 'requested').map((e) => [s, e] as const));
  it.each(pairs)('%s + %s', (status, type) => {
    const [event, actor] = EVENTS[type];
    const before = batch(status);
    const r = batchTransition(before, event, batchCtx(actor));
    if (ALLOWED[status].includes(type)) {
      expect(code(r)).toBe('ok');
      expect(r.ok && r.value.status).toBe(NEXT[type]);
      expect(r.ok && r.value.version).toBe(before.version + 1);
    } else {
      expect(r).toEqual({ ok: false, error: { code: 'BATCH_WRONG_STATE', params: { status } } });
    }
    expect(before).toEqual(batch(status));
  });

  it('creates a batch from a request, once', () => {
    const [event, actor] = EVENTS.requested;
    expect(batchTransition(null, event, batchCtx(actor))).toMatchObject({ ok: true, value: { status: 'open', requestedBy: 'acc-zhang', carrierIds: ['c-2'] } });
    expect(code(batchTransition(batch(), event, batchCtx(actor)))).toBe('BATCH_ALREADY_EXISTS');
    expect(code(batchTransition(null, EVENTS.counted[0], batchCtx()))).toBe('BATCH_NOT_FOUND');
  });
});

describe('which carriers may join a batch', () => {
  const s = states();
  const request = (carrierIds: string[]): BatchEvent => ({ type: 'requested', batchId: 'b-1', carrierIds, reason: '年度集中销毁' });
  const paper = world().carriers.paper;

  it.each([
    ['in custody', s.in_custody, 'ok'],
    ['on loan', s.on_loan, 'CARRIER_ON_LOAN'],
    ['taken out of the office', s.taken_out, 'CARRIER_TAKEN_OUT'],
    ['under repair', s.under_repair, 'CARRIER_UNDER_REPAIR'],
    ['waiting for a hand-over to be confirmed', s.pending, 'HANDOVER_PENDING'],
    ['dispatched', s.dispatched, 'CARRIER_CLOSED'],
    ['returned to its issuer', s.returned, 'CARRIER_CLOSED'],
    ['already destroyed', s.destroyed, 'CARRIER_DESTROYED'],
  ] as const)('a computer %s: %s', (_name, computer, expected) => {
    // The computer's disk (HD-1) is in the batch with it and erased, like the computer.
    const w = world({ carriers: [{ ...computer, id: 'c-1' }, world().carriers.disk] });
    const r = batchTransition(null, request(['c-1', 'c-3']), w.batchCtx(ACTORS.zhang));
    expect(code(r)).toBe(expected);
    if (!r.ok) expect(r.error.params).toMatchObject({ carrierId: 'c-1' });
  });

  it('refuses a carrier with an approval still pending', () => {
    const w = world({ pendingApprovals: { 'c-2': 1 } });
    expect(batchTransition(null, request(['c-2']), w.batchCtx(ACTORS.zhang))).toEqual({ ok: false, error: { code: 'APPROVAL_PENDING', params: { carrierId: 'c-2' } } });
  });

  it('refuses a carrier already in another open batch', () => {
    const w = world({ batchOf: { 'c-2': 'b-0' } });
    expect(batchTransition(null, request(['c-2']), w.batchCtx(ACTORS.zhang))).toEqual({ ok: false, error: { code: 'CARRIER_IN_OTHER_BATCH', params: { carrierId: 'c-2', batchId: 'b-0' } } });
  });

  it.each([
    ['without a 停用/报废 application', [], 'DEVICE_NOT_DECOMMISSIONED'],
    ['applied for but not approved', [device('c-4', { status: 'applied', decidedBy: null, decidedAt: null, erasure: null })], 'DEVICE_NOT_ERASED'],
    ['approved but not erased', [device('c-4', { status: 'approved', erasure: null })], 'DEVICE_NOT_ERASED'],
  ] as const)('refuses a USB drive %s', (_name, devices, expected) => {
    const w = world({ devices: [...devices] });
    expect(code(batchTransition(null, request(['c-4']), w.batchCtx(ACTORS.zhang)))).toBe(expected);
  });

  it('takes a USB drive whose erasure is recorded, and a paper document without any', () => {
    expect(code(batchTransition(null, request(['c-4', 'c-2']), world().batchCtx(ACTORS.zhang)))).toBe('ok');
    expect(paper.kind).toBe('paper');
  });

  it('refuses a computer whose disk (a carrier of its own) does not follow it', () => {
    expect(batchTransition(null, request(['c-1']), world().batchCtx(ACTORS.zhang))).toEqual({ ok: false, error: { code: 'DISK_MUST_FOLLOW', params: { carrierId: 'c-1', diskId: 'c-3' } } });
    expect(code(batchTransition(null, request(['c-1', 'c-3']), world().batchCtx(ACTORS.zhang)))).toBe('ok');
  });

  it.each([
    ['no carriers', [], 'BATCH_EMPTY'],
    ['a carrier twice', ['c-2', 'c-2'], 'BATCH_DUPLICATE_CARRIER'],
    ['an unknown carrier', ['c-99'], 'CARRIER_NOT_FOUND'],
  ] as const)('refuses a request with %s', (_name, ids, expected) => {
    expect(code(batchTransition(null, request([...ids]), world().batchCtx(ACTORS.zhang)))).toBe(expected);
  });

  it('refuses a request without a reason, and one by a role that may not ask', () => {
    expect(code(batchTransition(null, { ...request(['c-2']), reason: ' ' } as BatchEvent, world().batchCtx(ACTORS.zhang)))).toBe('REASON_REQUIRED');
    expect(code(batchTransition(null, request(['c-2']), world().batchCtx(ACTORS.approver)))).toBe('NOT_PERMITTED');
  });
});

describe('counting, deciding, handing over', () => {
  const { batchCtx } = world();

  it('counts only when every carrier is found and no other', () => {
    expect(code(batchTransition(batch('open'), { type: 'counted', carrierIds: ['c-2', 'c-1', 'c-3'] }, batchCtx()))).toBe('COUNT_MISSING');
    expect(code(batchTransition(batch('open'), { type: 'counted', carrierIds: ['c-2', 'c-1', 'c-3', 'c-4', 'c-9'] }, batchCtx()))).toBe('COUNT_EXTRA');
    expect(code(batchTransition(batch('open'), { type: 'counted', carrierIds: ['c-4', 'c-3', 'c-1', 'c-2'] }, batchCtx()))).toBe('ok');
    expect(code(batchTransition(batch('open'), EVENTS.counted[0], batchCtx(ACTORS.zhang)))).toBe('NOT_PERMITTED');
  });

  it('counts again after the list changed', () => {
    const r = batchTransition(batch('counted'), { type: 'carriersChanged', add: [], remove: ['c-2'] }, batchCtx(ACTORS.zhang));
    expect(r).toMatchObject({ ok: true, value: { status: 'open', countedBy: null, carrierIds: ['c-1', 'c-3', 'c-4'] } });
  });

  it('refuses a self-approval by the requester or by the clerk who counted', () => {
    const requesterApproves: Actor = { ...ACTORS.zhang, roles: ['handler', 'approver'] };
    expect(code(batchTransition(batch('pending'), EVENTS.approved[0], batchCtx(requesterApproves)))).toBe('SELF_APPROVAL');
    const counter = batch('pending', { countedBy: APPROVER_CLERK.accountId });
    expect(code(batchTransition(counter, EVENTS.approved[0], batchCtx(APPROVER_CLERK)))).toBe('SELF_APPROVAL');
    expect(code(batchTransition(batch('pending'), EVENTS.approved[0], batchCtx(ACTORS.clerk)))).toBe('NOT_PERMITTED');
  });

  it('refuses a refusal without an opinion', () => {
    expect(code(batchTransition(batch('pending'), { type: 'refused', opinion: '' }, batchCtx(ACTORS.approver)))).toBe('OPINION_REQUIRED');
  });

  it('lets only the requester withdraw', () => {
    expect(code(batchTransition(batch('pending'), EVENTS.withdrawn[0], batchCtx(ACTORS.clerk)))).toBe('NOT_REQUESTER');
  });

  it.each<[string, Partial<Extract<BatchEvent, { type: 'handedOver' }>>, string]>([
    ['one escort', { escortIds: [PEOPLE.zhang.id] }, 'ESCORTS_TOO_FEW'],
    ['the same escort twice', { escortIds: [PEOPLE.zhang.id, PEOPLE.zhang.id] }, 'ESCORTS_TOO_FEW'],
    ['an escort not in the directory', { escortIds: [PEOPLE.zhang.id, 'p-nobody'] }, 'ESCORT_UNKNOWN'],
    ['an escort who has left', { escortIds: [PEOPLE.zhang.id, PEOPLE.left.id] }, 'ESCORT_UNKNOWN'],
    ['a body not on the designated list', { body: '某废品回收站' }, 'DESTRUCTION_BODY_NOT_DESIGNATED'],
    ['a date in the future', { on: '2026-03-03' }, 'HANDOVER_DATE_INVALID'],
    ['a date before the approval', { on: '2026-03-01' }, 'HANDOVER_BEFORE_APPROVAL'],
    ['no certificate number', { certificateNumber: ' ' }, 'CERTIFICATE_REQUIRED'],
    ['a scan fingerprint that is not SHA-256', { certificateScan: { sha256: 'abc', bytes: 10 } }, 'CERTIFICATE_SCAN_INVALID'],
  ])('refuses a hand-over with %s, and nothing changes', (_name, patch, expected) => {
    const before = batch('approved');
    expect(code(batchTransition(before, { ...HANDOVER, ...patch }, batchCtx()))).toBe(expected);
    expect(before).toEqual(batch('approved'));
  });

  it('refuses the hand-over when a carrier left custody after the approval', () => {
    const s = states();
    const w = world({ carriers: [{ ...s.on_loan, id: 'c-2' }, world().carriers.computer, world().carriers.disk, world().carriers.usb] });
    expect(code(batchTransition(batch('approved'), HANDOVER, w.batchCtx()))).toBe('CARRIER_ON_LOAN');
  });

  it('completes with the hand-over and closes every carrier as destroyed', () => {
    const done = batchTransition(batch('approved'), HANDOVER, batchCtx());
    if (!done.ok) throw new Error(JSON.stringify(done.error));
    expect(done.value.handover).toMatchObject({ body: '某市涉密载体销毁中心', certificateNumber: 'XH-2026-0031', escortIds: ['p-zhang', 'p-wang'] });
    const events = destroyedEvents(done.value);
    if (!events.ok) throw new Error('no events');
    expect(events.value.map((e) => e.carrierId)).toEqual(['c-2', 'c-1', 'c-3', 'c-4']);
    const { carriers } = world();
    const byId = new Map([carriers.paper, carriers.computer, carriers.disk, carriers.usb].map((c) => [c.id, c]));
    for (const { carrierId, event } of events.value) {
      const closed = transition(byId.get(carrierId) ?? null, event, ledgerCtx(ACTORS.clerk));
      expect(closed).toMatchObject({ ok: true, value: { status: 'destroyed', custodian: { kind: 'external', name: '某市涉密载体销毁中心' } } });
    }
  });

  it('gives no destruction events for a batch not completed', () => {
    expect(code(destroyedEvents(batch('approved')))).toBe('BATCH_WRONG_STATE');
  });
});
