import type { BatchContext, BatchEvent, BatchState } from '../../../shared/destruction/batch';
import type { DeviceContext, DeviceState } from '../../../shared/destruction/device';
import type { CarrierState } from '../../../shared/ledger/carrier';
import type { Actor } from '../../../shared/ledger/context';
import { ACTORS, AT, PAPER, PEOPLE, RECORD, registered, run, TODAY } from '../ledger/fixtures';

/**
 * A unit with four carriers in custody — a paper document, a classified computer, the hard disk
 * inside it (a carrier of its own), a USB drive — and the decommissioning records of the devices.
 */
export { ACTORS, AT, PEOPLE, TODAY };

export const BODY = '某市涉密载体销毁中心';
export const TOOLS = ['某型涉密信息消除工具 V3'];

/** The approver is also a clerk here in one test; by default the roles are the fixtures'. */
export const APPROVER_CLERK: Actor = { accountId: 'acc-boss2', username: 'boss2', roles: ['approver', 'clerk'], personId: null };

export function carriers() {
  const paper = run([registered(PAPER, 'c-2')]);
  const computer = run([registered(RECORD, 'c-1')]);
  const disk = run([registered({ ...RECORD, title: '涉密计算机硬盘', details: { kind: 'hdd', serial: 'HD-1', model: '某型', capacity: '1TB' } }, 'c-3')]);
  const usb = run([registered({ ...RECORD, title: '涉密U盘', details: { kind: 'usb', serial: 'U-1', model: '某型', capacity: '64G' } }, 'c-4')]);
  return { paper, computer, disk, usb };
}

export function device(carrierId: string, patch: Partial<DeviceState> = {}): DeviceState {
  return {
    id: `d-${carrierId}`,
    carrierId,
    mode: 'scrap',
    reason: '设备老化报废',
    status: 'erased',
    appliedBy: 'acc-zhang',
    appliedAt: AT,
    decidedBy: 'acc-boss',
    decidedAt: AT,
    opinion: '同意',
    erasure: { personId: PEOPLE.tech.id, tool: TOOLS[0] as string, on: TODAY, note: '' },
    version: 3,
    ...patch,
  };
}

export interface WorldOptions {
  carriers?: CarrierState[];
  devices?: DeviceState[];
  pendingApprovals?: Record<string, number>;
  batchOf?: Record<string, string>;
}

export function world(opts: WorldOptions = {}) {
  const c = carriers();
  const list = opts.carriers ?? [c.paper, c.computer, c.disk, c.usb];
  const devices = opts.devices ?? [device('c-1'), device('c-3'), device('c-4')];
  const people = new Map(Object.values(PEOPLE).map((p) => [p.id, p]));
  const byId = new Map(list.map((x) => [x.id, x]));
  const batchCtx = (actor: Actor = ACTORS.clerk): BatchContext => ({
    at: AT,
    today: TODAY,
    actor,
    carrier: (id) => byId.get(id),
    person: (id) => people.get(id),
    device: (id) => devices.find((d) => d.carrierId === id),
    pendingApprovals: (id) => opts.pendingApprovals?.[id] ?? 0,
    batchOf: (id) => opts.batchOf?.[id] ?? null,
    carriersWithSerial: (serial) => list.filter((x) => 'serial' in x.details && x.details.serial === serial),
    destructionBodies: [BODY],
  });
  const deviceCtx = (actor: Actor = ACTORS.clerk): DeviceContext => ({
    at: AT,
    today: TODAY,
    actor,
    carrier: (id) => byId.get(id),
    person: (id) => people.get(id),
    approvedTools: TOOLS,
  });
  return { carriers: c, batchCtx, deviceCtx };
}

/** A batch of all four carriers as requested by 张三 (handler), in the status given. */
export function batch(status: BatchState['status'] = 'open', patch: Partial<BatchState> = {}): BatchState {
  const counted = status !== 'open';
  const decided = ['approved', 'refused', 'completed'].includes(status);
  return {
    id: 'b-1',
    status,
    carrierIds: ['c-2', 'c-1', 'c-3', 'c-4'],
    reason: '年度集中销毁',
    requestedBy: ACTORS.zhang.accountId,
    requestedAt: AT,
    countedBy: counted ? ACTORS.clerk.accountId : null,
    countedAt: counted ? AT : null,
    decidedBy: decided ? ACTORS.approver.accountId : null,
    decidedAt: decided ? AT : null,
    opinion: decided ? '同意' : '',
    handover: null,
    version: 3,
    ...patch,
  };
}

export const HANDOVER: Extract<BatchEvent, { type: 'handedOver' }> = {
  type: 'handedOver',
  body: BODY,
  on: TODAY,
  escortIds: [PEOPLE.zhang.id, PEOPLE.wang.id],
  certificateNumber: 'XH-2026-0031',
  certificateScan: { sha256: 'a'.repeat(64), bytes: 123_456 },
};
