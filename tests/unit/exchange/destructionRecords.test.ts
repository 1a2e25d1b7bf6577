import { describe, expect, it } from 'vitest';
import type { BatchState } from '../../../shared/destruction/batch';
import type { DeviceState } from '../../../shared/destruction/device';
import { destroyedCarriers } from '../../../shared/exchange/bureauView';
import { checkUnitContent, receivedBatchSchema, receivedDecommissionSchema } from '../../../shared/exchange/receive';
import { destructionBatchRecord, deviceDecommissionRecord, UNIT_EXPORT_CONTENT } from '../../../shared/exchange/unitExport';
import type { CarrierState } from '../../../shared/ledger/carrier';

const SHA = 'ab'.repeat(32);
const people: Record<string, string> = { 'p-zhang': '张三', 'p-wang': '王五', 'p-tech': '孙技术' };
const personName = (id: string) => people[id];
const carriers = new Map<string, Partial<CarrierState>>([
  ['c-1', { id: 'c-1', registryNumber: '2026-机-0001', title: '年度保密检查通知', level: 'secret', kind: 'paper' }],
  ['c-2', { id: 'c-2', registryNumber: '2026-秘-0002', title: '旧硬盘', level: 'confidential', kind: 'hdd' }],
]);
const carrier = (id: string) => carriers.get(id) as CarrierState | undefined;

const batch: BatchState = {
  id: 'b-1',
  status: 'completed',
  carrierIds: ['c-1', 'c-2'],
  reason: '年度集中销毁',
  requestedBy: 'acc-handler',
  requestedAt: '2026-03-02T01:00:00.000Z',
  countedBy: 'acc-clerk',
  countedAt: '2026-03-02T02:00:00.000Z',
  decidedBy: 'acc-approver',
  decidedAt: '2026-03-03T02:00:00.000Z',
  opinion: '同意销毁',
  handover: { body: '某市涉密载体销毁中心', on: '2026-03-05', escortIds: ['p-zhang', 'p-wang'], certificateNumber: 'XH-2026-0031', certificateScan: { sha256: SHA, bytes: 1234 } },
  version: 7,
};
const names = { 'acc-handler': '李经办', 'acc-clerk': '赵保密', 'acc-approver': '钱主任' };

const device: DeviceState = {
  id: 'd-1',
  carrierId: 'c-2',
  mode: 'scrap',
  reason: '设备老化报废',
  status: 'erased',
  appliedBy: 'acc-handler',
  appliedAt: '2026-02-20T01:00:00.000Z',
  decidedBy: 'acc-approver',
  decidedAt: '2026-02-21T01:00:00.000Z',
  opinion: '同意',
  erasure: { personId: 'p-tech', tool: '某型涉密信息消除工具 V3', on: '2026-02-22', note: '' },
  version: 3,
};

describe('destruction batches and device decommissions in the unit bundle', () => {
  it('are content files of every unit export', () => {
    expect(UNIT_EXPORT_CONTENT).toEqual(expect.arrayContaining(['destruction-batches', 'device-decommissions']));
  });

  it('a batch record: names for accounts and escorts, the carriers with their numbers and counts, the scan’s SHA-256 only', () => {
    const r = destructionBatchRecord({ state: batch, names, updatedAt: '2026-03-05T06:00:00.000Z' }, carrier, personName);
    expect(r).toEqual({
      id: 'b-1',
      status: 'completed',
      reason: '年度集中销毁',
      requestedBy: '李经办',
      requestedAt: '2026-03-02T01:00:00.000Z',
      countedBy: '赵保密',
      countedAt: '2026-03-02T02:00:00.000Z',
      decidedBy: '钱主任',
      decidedAt: '2026-03-03T02:00:00.000Z',
      opinion: '同意销毁',
      carrierCount: 2,
      byLevel: { confidential: 1, secret: 1 },
      byKind: { hdd: 1, paper: 1 },
      carriers: [
        { carrierId: 'c-1', registryNumber: '2026-机-0001', title: '年度保密检查通知', level: 'secret', kind: 'paper' },
        { carrierId: 'c-2', registryNumber: '2026-秘-0002', title: '旧硬盘', level: 'confidential', kind: 'hdd' },
      ],
      handover: { body: '某市涉密载体销毁中心', on: '2026-03-05', escorts: ['张三', '王五'], certificateNumber: 'XH-2026-0031', certificateSha256: SHA, certificateBytes: 1234 },
      updatedAt: '2026-03-05T06:00:00.000Z',
    });
    expect(receivedBatchSchema.safeParse(r).success).toBe(true);
  });

  it('a batch not yet decided or handed over has nulls there', () => {
    const open: BatchState = { ...batch, status: 'counted', decidedBy: null, decidedAt: null, opinion: '', handover: null };
    const r = destructionBatchRecord({ state: open, names, updatedAt: '2026-03-02T02:00:00.000Z' }, carrier, personName);
    expect(r).toMatchObject({ decidedBy: null, decidedAt: null, handover: null, status: 'counted' });
    expect(receivedBatchSchema.safeParse(r).success).toBe(true);
  });

  it('a decommission record: who applied and decided, and the erasure (who, which tool, when)', () => {
    const r = deviceDecommissionRecord({ state: device, names, registryNumber: '2026-秘-0002', updatedAt: '2026-02-22T03:00:00.000Z' }, personName);
    expect(r).toMatchObject({
      id: 'd-1',
      carrierId: 'c-2',
      registryNumber: '2026-秘-0002',
      mode: 'scrap',
      status: 'erased',
      appliedBy: '李经办',
      decidedBy: '钱主任',
      opinion: '同意',
      erasure: { by: '孙技术', tool: '某型涉密信息消除工具 V3', on: '2026-02-22', note: '' },
      reenable: null,
    });
    expect(receivedDecommissionSchema.safeParse(r).success).toBe(true);
  });

  it('the bureau refuses a malformed batch record, and accepts a bundle without the new files (written before them)', () => {
    const r = destructionBatchRecord({ state: batch, names, updatedAt: '2026-03-05T06:00:00.000Z' }, carrier, personName);
    const bad = { ...r, handover: { ...(r.handover as object), escorts: '张三' } };
    expect(checkUnitContent(new Map([['destruction-batches', [bad]]]))).toEqual({ ok: false, error: { code: 'EXCHANGE_CONTENT_INVALID', params: { part: 'destruction-batches', id: 'b-1' } } });
    const old = new Map(UNIT_EXPORT_CONTENT.filter((n) => n !== 'destruction-batches' && n !== 'device-decommissions').map((n) => [n, []] as const));
    expect(checkUnitContent(old).ok).toBe(true);
  });

  it('the bureau’s destruction list joins each destroyed carrier with its batch’s escorts and scan', () => {
    const r = receivedBatchSchema.parse(destructionBatchRecord({ state: batch, names, updatedAt: '2026-03-05T06:00:00.000Z' }, carrier, personName));
    const destroyed = [
      { id: 'e-1', carrierId: 'c-1', registryNumber: '2026-机-0001', title: '年度保密检查通知', level: 'secret', kind: 'paper', destroyedOn: '2026-03-05', destructionBody: '某市涉密载体销毁中心', certificateNumber: 'XH-2026-0031', batchId: 'b-1', recordedAt: '' },
      { id: 'e-0', carrierId: 'c-9', registryNumber: '2025-秘-0009', title: '旧文件', level: 'confidential', kind: 'paper', destroyedOn: '2025-12-01', destructionBody: '某市涉密载体销毁中心', certificateNumber: 'XH-2025-0001', recordedAt: '' },
    ];
    expect(destroyedCarriers(destroyed, [r])).toMatchObject([
      { registryNumber: '2026-机-0001', batchId: 'b-1', escorts: ['张三', '王五'], certificateSha256: SHA, body: '某市涉密载体销毁中心' },
      { registryNumber: '2025-秘-0009', batchId: null, escorts: [], certificateSha256: null },
    ]);
  });
});
