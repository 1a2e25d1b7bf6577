import { describe, expect, it } from 'vitest';
import { checkNoOpenApplication, DEVICE_EVENT_TYPES, DEVICE_STATUSES, deviceTransition, erasureCleared, isDevice, isOpenApplication, type DeviceEvent, type DeviceState } from '../../../shared/destruction/device';
import { CARRIER_KINDS } from '../../../shared/ledger/carrier';
import type { Actor } from '../../../shared/ledger/context';
import { ACTORS, carriers, device, PEOPLE, TODAY, TOOLS, world } from './fixtures';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

const EVENTS: Record<DeviceEvent['type'], [DeviceEvent, Actor]> = {
  applied: [{ type: 'applied', deviceId: 'd-1', carrierId: 'c-4', mode: 'scrap', reason: '设备老化' }, ACTORS.zhang],
  approved: [{ type: 'approved', opinion: '同意报废' }, ACTORS.approver],
  refused: [{ type: 'refused', opinion: '仍可使用' }, ACTORS.approver],
  erased: [{ type: 'erased', personId: PEOPLE.tech.id, tool: TOOLS[0] as string, on: TODAY, note: '三遍覆写' }, ACTORS.clerk],
  reenableRequested: [{ type: 'reenableRequested', reason: '项目恢复，重新使用' }, ACTORS.zhang],
  reenableApproved: [{ type: 'reenableApproved', opinion: '同意重新起用' }, ACTORS.approver],
  reenableRefused: [{ type: 'reenableRefused', opinion: '暂不起用' }, ACTORS.approver],
};

/** The table runs on a 停用 (stop) application: the only kind that can be put back into use. */
const ALLOWED: Record<DeviceState['status'], DeviceEvent['type'][]> = {
  applied: ['approved', 'refused'],
  approved: ['erased', 'reenableRequested'],
  refused: [],
  erased: [],
  reenablePending: ['reenableApproved', 'reenableRefused'],
  reenabled: [],
};

const NOT_PENDING = { reenableApproved: 'DEVICE_REENABLE_NOT_PENDING', reenableRefused: 'DEVICE_REENABLE_NOT_PENDING' };
const REFUSAL: Record<DeviceState['status'], Partial<Record<DeviceEvent['type'], string>>> = {
  applied: { erased: 'DEVICE_NOT_APPROVED', reenableRequested: 'DEVICE_NOT_STOPPED', ...NOT_PENDING },
  approved: { approved: 'DEVICE_NOT_PENDING', refused: 'DEVICE_NOT_PENDING', ...NOT_PENDING },
  refused: { approved: 'DEVICE_NOT_PENDING', refused: 'DEVICE_NOT_PENDING', erased: 'DEVICE_NOT_APPROVED', reenableRequested: 'DEVICE_NOT_STOPPED', ...NOT_PENDING },
  erased: { approved: 'DEVICE_NOT_PENDING', refused: 'DEVICE_NOT_PENDING', erased: 'DEVICE_ALREADY_ERASED', reenableRequested: 'DEVICE_ERASED_NO_REENABLE', ...NOT_PENDING },
  reenablePending: { approved: 'DEVICE_NOT_PENDING', refused: 'DEVICE_NOT_PENDING', erased: 'DEVICE_REENABLE_PENDING', reenableRequested: 'DEVICE_REENABLE_PENDING' },
  reenabled: { approved: 'DEVICE_NOT_PENDING', refused: 'DEVICE_NOT_PENDING', erased: 'DEVICE_NOT_APPROVED', reenableRequested: 'DEVICE_NOT_STOPPED', ...NOT_PENDING },
};

const at = (status: DeviceState['status']) =>
  device('c-4', {
    mode: 'stop',
    status,
    appliedBy: ACTORS.zhang.accountId,
    decidedBy: status === 'applied' ? null : ACTORS.approver.accountId,
    decidedAt: status === 'applied' ? null : '2026-03-01T08:00:00.000Z',
    erasure: status === 'erased' ? { personId: PEOPLE.tech.id, tool: TOOLS[0] as string, on: TODAY, note: '' } : null,
    reenable:
      status === 'reenablePending' || status === 'reenabled'
        ? { requestedBy: ACTORS.clerk.accountId, requestedAt: '2026-03-02T08:00:00.000Z', reason: '恢复使用', decidedBy: status === 'reenabled' ? ACTORS.approver.accountId : null, decidedAt: null, opinion: '' }
        : null,
  });

describe('停用/报废 and 信息消除: every (status, event) pair', () => {
  const { deviceCtx } = world();
  const pairs = DEVICE_STATUSES.flatMap((s) => DEVICE_EVENT_TYPES.filter((e) => e !== 'applied').map((e) => [s, e] as const));
  it.each(pairs)('%s + %s', (status, type) => {
    const [event, actor] = EVENTS[type];
    const r = deviceTransition(at(status), event, deviceCtx(actor));
    if (ALLOWED[status].includes(type)) expect(code(r)).toBe('ok');
    else expect(code(r)).toBe(REFUSAL[status][type]);
  });

  it('starts with an application for a device, once', () => {
    const [event, actor] = EVENTS.applied;
    expect(deviceTransition(null, event, deviceCtx(actor))).toMatchObject({ ok: true, value: { status: 'applied', appliedBy: 'acc-zhang', mode: 'scrap' } });
    expect(code(deviceTransition(at('applied'), event, deviceCtx(actor)))).toBe('DEVICE_ALREADY_APPLIED');
    expect(code(deviceTransition(null, EVENTS.approved[0], deviceCtx(ACTORS.approver)))).toBe('DEVICE_NOT_FOUND');
  });
});

describe('device rules', () => {
  const { deviceCtx } = world();

  it('needs erasure for computers and storage devices only', () => {
    expect(CARRIER_KINDS.filter(isDevice)).toEqual(['usb', 'hdd', 'computer']);
  });

  it('refuses an application for a paper document', () => {
    expect(code(deviceTransition(null, { ...EVENTS.applied[0], carrierId: 'c-2' } as DeviceEvent, deviceCtx(ACTORS.zhang)))).toBe('NOT_A_DEVICE');
  });

  it('refuses the applicant approving their own application', () => {
    const both: Actor = { ...ACTORS.zhang, roles: ['handler', 'approver'] };
    expect(code(deviceTransition(at('applied'), EVENTS.approved[0], deviceCtx(both)))).toBe('SELF_APPROVAL');
  });

  it.each([
    ['a tool not approved', { tool: '某网上下载的擦除软件' }, 'ERASURE_TOOL_NOT_APPROVED'],
    ['someone not in the directory', { personId: 'p-nobody' }, 'ERASER_UNKNOWN'],
    ['a date in the future', { on: '2026-03-03' }, 'ERASURE_DATE_INVALID'],
    ['a date before the approval', { on: '2026-02-28' }, 'ERASURE_BEFORE_APPROVAL'],
  ] as const)('refuses an erasure by %s', (_name, patch, expected) => {
    expect(code(deviceTransition(at('approved'), { ...EVENTS.erased[0], ...patch } as DeviceEvent, deviceCtx()))).toBe(expected);
  });

  it('records who erased it, with which tool, when', () => {
    expect(deviceTransition(at('approved'), EVENTS.erased[0], deviceCtx())).toMatchObject({
      ok: true,
      value: { status: 'erased', erasure: { personId: 'p-tech', tool: TOOLS[0], on: TODAY, note: '三遍覆写' } },
    });
  });

  it('clears a device for destruction only once its erasure is recorded', () => {
    const { usb, paper } = world().carriers;
    expect(code(erasureCleared(usb, undefined))).toBe('DEVICE_NOT_DECOMMISSIONED');
    expect(code(erasureCleared(usb, at('approved')))).toBe('DEVICE_NOT_ERASED');
    expect(code(erasureCleared(usb, device('c-1')))).toBe('DEVICE_NOT_DECOMMISSIONED');
    expect(code(erasureCleared(usb, at('erased')))).toBe('ok');
    expect(code(erasureCleared(paper, undefined))).toBe('ok');
  });
});

describe('重新起用 of a stopped device', () => {
  const { deviceCtx } = world();
  const [request, requester] = EVENTS.reenableRequested;

  it('records who asked and why, and puts the device back into use once another approver agrees', () => {
    const asked = deviceTransition(at('approved'), request, deviceCtx(requester));
    expect(asked).toMatchObject({ ok: true, value: { status: 'reenablePending', reenable: { requestedBy: 'acc-zhang', reason: '项目恢复，重新使用', decidedBy: null } } });
    if (!asked.ok) return;
    const back = deviceTransition(asked.value, EVENTS.reenableApproved[0], deviceCtx(ACTORS.approver));
    expect(back).toMatchObject({ ok: true, value: { status: 'reenabled', reenable: { decidedBy: 'acc-boss', opinion: '同意重新起用' }, erasure: null } });
    if (!back.ok) return;
    // Back in use: no longer in force, so a new application may follow, and it cannot join a batch.
    expect(isOpenApplication(back.value)).toBe(false);
    expect(code(checkNoOpenApplication([back.value]))).toBe('ok');
    expect(code(erasureCleared(carriers().usb, back.value))).toBe('DEVICE_NOT_DECOMMISSIONED');
  });

  it('leaves the device stopped when refused (with an opinion), and it may be asked for again', () => {
    const refused = deviceTransition(at('reenablePending'), EVENTS.reenableRefused[0], deviceCtx(ACTORS.approver));
    expect(refused).toMatchObject({ ok: true, value: { status: 'approved', reenable: { opinion: '暂不起用' } } });
    expect(code(deviceTransition(at('reenablePending'), { type: 'reenableRefused', opinion: ' ' }, deviceCtx(ACTORS.approver)))).toBe('OPINION_REQUIRED');
    if (refused.ok) expect(code(deviceTransition(refused.value, request, deviceCtx(requester)))).toBe('ok');
  });

  it('refuses the requester approving their own request', () => {
    const both: Actor = { ...ACTORS.clerk, roles: ['clerk', 'approver'] };
    expect(code(deviceTransition(at('reenablePending'), EVENTS.reenableApproved[0], deviceCtx(both)))).toBe('SELF_APPROVAL');
  });

  it('refuses a scrapped device, a destroyed carrier, an empty reason, and a role that may not request', () => {
    expect(code(deviceTransition({ ...at('approved'), mode: 'scrap' }, request, deviceCtx(requester)))).toBe('DEVICE_SCRAPPED_NO_REENABLE');
    const c = carriers();
    const destroyed = world({ carriers: [c.paper, c.computer, c.disk, { ...c.usb, status: 'destroyed' }] });
    expect(code(deviceTransition(at('approved'), request, destroyed.deviceCtx(requester)))).toBe('CARRIER_CLOSED');
    expect(code(deviceTransition(at('approved'), { type: 'reenableRequested', reason: ' ' }, deviceCtx(requester)))).toBe('REASON_REQUIRED');
    expect(code(deviceTransition(at('approved'), request, deviceCtx(ACTORS.approver)))).toBe('NOT_PERMITTED');
  });
});
