import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { inspectDatabase } from '../../renderer/db/inspect';
import {
  openDatabase,
  SCHEMA_V1,
  SCHEMA_V1_STORES,
  SCHEMA_V2,
  SCHEMA_V2_STORES,
  SCHEMA_V4,
  SCHEMA_V4_STORES,
  SCHEMA_V5,
  SCHEMA_V5_STORES,
  SCHEMA_V6,
  SCHEMA_V6_STORES,
} from '../../renderer/db/schema';
import { SESSIONS } from './ledgerVault';
import { BOSS_CLERK, code, device, must, TOOL, unit } from './destructionFixtures';

const PC = device('报废涉密计算机', { kind: 'computer', assetNumber: 'ZC-0101', model: '某型', serial: 'PC-1', diskSerials: [] });

describe('停用/报废 and 信息消除', () => {
  it('goes from the application through the approval to the erasure, each step on record', async () => {
    const u = await unit();
    const pc = await u.register(PC);
    const d = must(await u.devicesAs(SESSIONS.handler).apply(pc.id, 'scrap', '设备老化报废'));
    must(await u.devicesAs(SESSIONS.approver).decide(d.id, 'approved', '同意报废'));
    const done = must(await u.devicesAs(SESSIONS.clerk).recordErasure(d.id, { personId: u.people.tech.id, tool: TOOL, on: u.today(), note: '整机消除' }));
    expect(done.state).toMatchObject({ status: 'erased', mode: 'scrap', erasure: { personId: u.people.tech.id, tool: TOOL, on: u.today(), note: '整机消除' } });
    expect(must(await u.devicesAs(SESSIONS.clerk).events(d.id)).map((e) => e.event.type)).toEqual(['applied', 'approved', 'erased']);
    const [entry] = must(await u.devicesAs(SESSIONS.approver).devices());
    expect(entry?.records.map((r) => r.status)).toEqual(['erased']);
    const audit = (await u.l.audits.list(u.l.cipher, 5)).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['destruction.device.applied', 'destruction.device.approved', 'destruction.device.erased']));
  });

  it('refuses, changing nothing: a paper, a second application, self-approval, erasure before approval, an unapproved tool, a future day, an unknown eraser', async () => {
    const u = await unit();
    const paper = await u.register();
    const pc = await u.register(PC);
    const handler = u.devicesAs(SESSIONS.handler);
    let before = await u.snapshot();
    expect(code(await handler.apply(paper.id, 'scrap', '不再使用'))).toBe('NOT_A_DEVICE');
    expect(code(await handler.apply(pc.id, 'scrap', ''))).toBe('REASON_REQUIRED');
    expect(code(await u.devicesAs(SESSIONS.approver).apply(pc.id, 'scrap', '老化'))).toBe('NOT_PERMITTED');
    expect(await u.snapshot()).toEqual(before);

    const boss = u.devicesAs(BOSS_CLERK);
    const d = must(await boss.apply(pc.id, 'stop', '暂停使用'));
    before = await u.snapshot();
    expect(code(await handler.apply(pc.id, 'scrap', '老化'))).toBe('DEVICE_ALREADY_APPLIED');
    expect(code(await boss.decide(d.id, 'approved', '同意'))).toBe('SELF_APPROVAL');
    expect(code(await boss.recordErasure(d.id, { personId: u.people.tech.id, tool: TOOL, on: u.today(), note: '' }))).toBe('DEVICE_NOT_APPROVED');
    expect(await u.snapshot()).toEqual(before);

    must(await u.devicesAs(SESSIONS.approver).decide(d.id, 'approved', '同意'));
    before = await u.snapshot();
    const clerk = u.devicesAs(SESSIONS.clerk);
    const erase = (patch: object) => clerk.recordErasure(d.id, { personId: u.people.tech.id, tool: TOOL, on: u.today(), note: '', ...patch });
    expect(code(await erase({ tool: '格式化' }))).toBe('ERASURE_TOOL_NOT_APPROVED');
    expect(code(await erase({ on: '2099-01-01' }))).toBe('ERASURE_DATE_INVALID');
    expect(code(await erase({ personId: 'nobody' }))).toBe('ERASER_UNKNOWN');
    expect(code(await u.devicesAs(SESSIONS.handler).recordErasure(d.id, { personId: u.people.tech.id, tool: TOOL, on: u.today(), note: '' }))).toBe('NOT_PERMITTED');
    expect(await u.snapshot()).toEqual(before);
  });

  it('allows a new application once the last one was refused', async () => {
    const u = await unit();
    const pc = await u.register(PC);
    const first = must(await u.devicesAs(SESSIONS.handler).apply(pc.id, 'scrap', '老化'));
    expect(code(await u.devicesAs(SESSIONS.approver).decide(first.id, 'refused', ''))).toBe('OPINION_REQUIRED');
    must(await u.devicesAs(SESSIONS.approver).decide(first.id, 'refused', '尚可使用'));
    expect(must(await u.devicesAs(SESSIONS.handler).apply(pc.id, 'stop', '暂停使用')).status).toBe('applied');
  });

  it('puts a stopped device back into use (重新起用) with another approver’s approval, on record and audited; then a new application may follow', async () => {
    const u = await unit();
    const pc = await u.register(PC);
    const d = must(await u.devicesAs(SESSIONS.handler).apply(pc.id, 'stop', '项目暂停，设备停用'));
    must(await u.devicesAs(SESSIONS.approver).decide(d.id, 'approved', '同意停用'));
    const asked = must(await u.devicesAs(BOSS_CLERK).requestReenable(d.id, '项目恢复，重新使用'));
    expect(asked.state).toMatchObject({ status: 'reenablePending', reenable: { requestedBy: BOSS_CLERK.accountId, reason: '项目恢复，重新使用' } });

    // The requester may not decide it; nor may the erasure be recorded while it waits. Nothing changes.
    const before = await u.snapshot();
    expect(code(await u.devicesAs(BOSS_CLERK).decideReenable(d.id, 'approved', '同意'))).toBe('SELF_APPROVAL');
    expect(code(await u.devicesAs(SESSIONS.clerk).recordErasure(d.id, { personId: u.people.tech.id, tool: TOOL, on: u.today(), note: '' }))).toBe('DEVICE_REENABLE_PENDING');
    expect(code(await u.devicesAs(SESSIONS.approver).decideReenable(d.id, 'refused', ''))).toBe('OPINION_REQUIRED');
    expect(await u.snapshot()).toEqual(before);

    const back = must(await u.devicesAs(SESSIONS.approver).decideReenable(d.id, 'approved', '同意重新起用', asked.version));
    expect(back.state).toMatchObject({ status: 'reenabled', reenable: { decidedBy: SESSIONS.approver.accountId, opinion: '同意重新起用' } });
    expect(must(await u.devicesAs(SESSIONS.clerk).events(d.id)).map((e) => e.event.type)).toEqual(['applied', 'approved', 'reenableRequested', 'reenableApproved']);
    const audit = (await u.l.audits.list(u.l.cipher, 10)).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['destruction.device.reenableRequested', 'destruction.device.reenableApproved']));

    // Back in use: not a destruction candidate, and a new 报废 application may be made.
    const candidate = must(await u.as(SESSIONS.clerk).candidates()).candidates.find((c) => c.carrier.id === pc.id);
    expect(candidate?.refusal?.code).toBe('DEVICE_NOT_DECOMMISSIONED');
    expect(must(await u.devicesAs(SESSIONS.handler).apply(pc.id, 'scrap', '设备老化报废')).status).toBe('applied');
  });

  it('refuses 重新起用 of a scrapped or an erased device, changing nothing', async () => {
    const u = await unit();
    const pc = await u.register(PC);
    const d = must(await u.devicesAs(SESSIONS.handler).apply(pc.id, 'stop', '停用'));
    must(await u.devicesAs(SESSIONS.approver).decide(d.id, 'approved', '同意'));
    must(await u.devicesAs(SESSIONS.clerk).recordErasure(d.id, { personId: u.people.tech.id, tool: TOOL, on: u.today(), note: '' }));
    const disk = await u.register(device('报废硬盘', { kind: 'hdd', serial: 'HD-9', model: '某型', capacity: '1TB' }));
    const s = must(await u.devicesAs(SESSIONS.handler).apply(disk.id, 'scrap', '老化'));
    must(await u.devicesAs(SESSIONS.approver).decide(s.id, 'approved', '同意'));
    const before = await u.snapshot();
    expect(code(await u.devicesAs(SESSIONS.handler).requestReenable(d.id, '恢复使用'))).toBe('DEVICE_ERASED_NO_REENABLE');
    expect(code(await u.devicesAs(SESSIONS.handler).requestReenable(s.id, '恢复使用'))).toBe('DEVICE_SCRAPPED_NO_REENABLE');
    expect(await u.snapshot()).toEqual(before);
  });
});

const INSTALL = { magic: 'secrecy-ledger/store', installId: 'd'.repeat(32), createdAt: '2026-01-05T01:00:00.000Z', sealPublicKey: { kty: 'EC' }, policy: { maxFailures: 5, lockMinutes: 30, idleMinutes: 10 } };

async function expectV6(name: string): Promise<void> {
  expect(await inspectDatabase(name)).toEqual({ kind: 'ready' });
  const db = openDatabase(name);
  await db.open();
  expect(db.verno).toBeGreaterThanOrEqual(SCHEMA_V6);
  expect(await db.meta.get('install')).toEqual({ key: 'install', value: INSTALL });
  expect(await db.accounts.get('acc-1')).toEqual({ id: 'acc-1', status: 'active', ct: new Uint8Array([4, 5, 6]) });
  expect(await db.audit.count()).toBe(1);
  for (const table of Object.keys(SCHEMA_V6_STORES)) expect(await db.table(table).count(), table).toBe(0);
  // An event has one place in its batch's or application's sequence; a batch is found by its carriers.
  expect(db.destructionEvents.schema.indexes.find((i) => i.name === '[subjectId+seq]')?.unique).toBe(true);
  expect(db.destructionBatches.schema.indexes.find((i) => i.name === 'carrierIds')?.multi).toBe(true);
  await db.destructionEvents.add({ id: 'e1', subjectId: 'b1', seq: 1, at: 'x', ct: new Uint8Array([1]) });
  await expect(db.destructionEvents.add({ id: 'e2', subjectId: 'b1', seq: 1, at: 'x', ct: new Uint8Array([2]) })).rejects.toThrow();
  db.close();
  expect(await inspectDatabase(name)).toEqual({ kind: 'ready' });
}

async function seedV1(db: Dexie): Promise<void> {
  await db.table('meta').put({ key: 'install', value: INSTALL });
  await db.table('keyslots').put({ slotId: 's1', accountId: 'acc-1', kdf: { alg: 'argon2id', m: 256, t: 1, p: 1, salt: 'x' }, wrapped: new Uint8Array([1, 2, 3]), failures: 0, lockedUntil: null });
  await db.table('accounts').put({ id: 'acc-1', status: 'active', ct: new Uint8Array([4, 5, 6]) });
  await db.table('audit').put({ seq: 1, at: '2026-01-05T01:00:00.000Z', ct: new Uint8Array([7]) });
  await db.table('settings').put({ key: 'unit', ct: new Uint8Array([9]) });
}

describe('schema → v6', () => {
  it('opens a v1 store with data as v6, every row kept and the destruction tables empty', async () => {
    const name = `schema-v1-v6-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(SCHEMA_V1).stores(SCHEMA_V1_STORES);
    await v1.open();
    await seedV1(v1);
    v1.close();
    await expectV6(name);
  });

  it('opens a v5 store (the version before) with ledger, determination and printout rows as v6, keeping them', async () => {
    const name = `schema-v5-v6-${Date.now()}`;
    const v5 = new Dexie(name);
    v5.version(SCHEMA_V1).stores(SCHEMA_V1_STORES);
    v5.version(SCHEMA_V2).stores(SCHEMA_V2_STORES);
    v5.version(SCHEMA_V4).stores(SCHEMA_V4_STORES);
    v5.version(SCHEMA_V5).stores(SCHEMA_V5_STORES);
    await v5.open();
    await seedV1(v5);
    const carrier = { id: 'c1', status: 'in_custody', level: 'secret', kind: 'paper', custodianId: 'p1', registeredAt: 'a', updatedAt: 'a', dueOn: null, version: 1, regToken: 'r1', docTokens: ['d1'], ct: new Uint8Array([1]) };
    await v5.table('carriers').put(carrier);
    await v5.table('carrierEvents').put({ id: 'ev1', carrierId: 'c1', seq: 1, at: 'a', ct: new Uint8Array([2]) });
    await v5.table('determinations').put({ id: 'det1', status: 'live', proposal: 'none', seq: 1, updatedAt: 'a', carrierIds: ['c1'], ct: new Uint8Array([3]) });
    await v5.table('printouts').put({ id: 'p1', at: 'a', kind: 'ledger', ct: new Uint8Array([5]) });
    await v5.table('printoutChunks').put({ printoutId: 'p1', n: 0, ct: new Uint8Array([6]) });
    v5.close();

    await expectV6(name);
    const db = openDatabase(name);
    await db.open();
    expect(await db.carriers.get('c1')).toEqual(carrier);
    expect(await db.carrierEvents.count()).toBe(1);
    expect(await db.determinations.where('carrierIds').equals('c1').count()).toBe(1);
    expect(await db.printoutChunks.get(['p1', 0])).toEqual({ printoutId: 'p1', n: 0, ct: new Uint8Array([6]) });
    db.close();
  });
});
