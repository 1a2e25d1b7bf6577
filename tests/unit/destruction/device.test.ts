import { describe, expect, it } from 'vitest';
import { DEVICE_EVENT_TYPES, DEVICE_STATUSES, deviceTransition, erasureCleared, isDevice, type DeviceEvent, type DeviceState } from '../../../shared/destruction/device';
import { CARRIER_KINDS } from '../../../shared/ledger/carrier';
import type { Actor } from '../../../shared/ledger/context';
import { ACTORS, device, PEOPLE, TODAY, TOOLS, world } from './fixtures';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

const EVENTS: Record<DeviceEvent['type'], [DeviceEvent, Actor]> = {
  applied: [{ type: 'applied', deviceId: 'd-1', carrierId: 'c-4', mode: 'scrap', reason: '设备老化' }, ACTORS.zhang],
  approved: [{ type: 'approved', opinion: '同意报废' }, ACTORS.approver],
  refused: [{ type: 'refused', opinion: '仍可使用' }, ACTORS.approver],
  erased: [{ type: 'erased', personId: PEOPLE.tech.id, tool: TOOLS[0] as string, on: TODAY, note: '三遍覆写' }, ACTORS.clerk],
};

const ALLOWED: Record<DeviceState['status'], DeviceEvent['type'][]> = {
  applied: ['approved', 'refused'],
  approved: ['erased'],
  refused: [],
  erased: [],
};

const REFUSAL: Record<DeviceState['status'], Partial<Record<DeviceEvent['type'], string>>> = {
  applied: { erased: 'DEVICE_NOT_APPROVED' },
  approved: { approved: 'DEVICE_NOT_PENDING', refused: 'DEVICE_NOT_PENDING' },
  refused: { approved: 'DEVICE_NOT_PENDING', refused: 'DEVICE_NOT_PENDING', erased: 'DEVICE_NOT_APPROVED' },
  erased: { approved: 'DEVICE_NOT_PENDING', refused: 'DEVICE_NOT_PENDING', erased: 'DEVICE_ALREADY_ERASED' },
};

const at = (status: DeviceState['status']) =>
  device('c-4', {
    status,
    appliedBy: ACTORS.zhang.accountId,
    decidedBy: status === 'applied' ? null : ACTORS.approver.accountId,
    decidedAt: status === 'applied' ? null : '2026-03-01T08:00:00.000Z',
    erasure: status === 'erased' ? { personId: PEOPLE.tech.id, tool: TOOLS[0] as string, on: TODAY, note: '' } : null,
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
