import { describe, expect, it, vi } from 'vitest';
import { ApprovalsRepo } from '../../renderer/db/approvals.repo';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { SESSIONS } from './ledgerVault';
import { approvedBatch, BODY, BOSS_CLERK, code, device, erased, must, PAPER, SCAN_PDF, unit } from './destructionFixtures';

const handover = (u: Awaited<ReturnType<typeof unit>>, escortIds = [u.people.zhang.id, u.people.wang.id]) => ({
  body: BODY,
  on: u.today(),
  escortIds,
  certificateNumber: 'XH-2026-0031',
});

describe('destruction batch, request to hand-over', () => {
  it('closes every carrier as destroyed through the ledger’s own event, with the scan kept encrypted', async () => {
    const u = await unit();
    const a = await u.register();
    const b = await u.register();
    const batch = await approvedBatch(u, [a.id, b.id]);
    expect(batch.status).toBe('approved');

    const done = must(await u.as(SESSIONS.clerk).handOver(batch.id, handover(u), { name: '销毁证明.pdf', bytes: SCAN_PDF }));
    expect(done.status).toBe('completed');
    expect(done.state.handover).toMatchObject({ body: BODY, certificateNumber: 'XH-2026-0031', escortIds: [u.people.zhang.id, u.people.wang.id] });

    for (const c of [a, b]) {
      const h = must(await u.carriers.history(c.id));
      expect(h.state).toMatchObject({ status: 'destroyed', custodian: { kind: 'external', name: BODY } });
      expect(h.events.at(-1)?.event).toEqual({ type: 'destroyed', certificateNumber: 'XH-2026-0031', destructionBody: BODY, destroyedOn: u.today(), batchId: batch.id });
    }
    const history = must(await u.as(SESSIONS.approver).history(batch.id));
    expect(history.events.map((e) => e.event.type)).toEqual(['requested', 'counted', 'submitted', 'approved', 'handedOver']);
    expect(history.scan).toMatchObject({ name: '销毁证明.pdf', type: 'application/pdf', bytes: SCAN_PDF.length });
    expect(done.state.handover?.certificateScan).toEqual({ sha256: history.scan?.sha256, bytes: SCAN_PDF.length });
    const scan = must(await u.as(SESSIONS.clerk).scan(done.scanId ?? ''));
    expect(scan.bytes).toEqual(new Uint8Array(SCAN_PDF));

    const actions = (await u.l.audits.list(u.l.cipher, 20)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['destruction.batch.handedOver', 'destruction.certificateScan.kept', 'carrier.destroyed']));
    expect(actions.filter((x) => x === 'carrier.destroyed')).toHaveLength(2);
    // Nothing readable on disk: not the reason, the body, the scan.
    const dump = JSON.stringify(await u.snapshot(), (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
    for (const secret of ['年度集中销毁', BODY, '销毁证明扫描件', 'XH-2026-0031']) expect(dump).not.toContain(secret);
  });

  it('lets the approver refuse with an opinion, and the requester withdraw before a decision', async () => {
    const u = await unit();
    const a = await u.register();
    const b1 = must(await u.as(SESSIONS.handler).request([a.id], '年度集中销毁'));
    must(await u.as(SESSIONS.clerk).count(b1.id, [a.id]));
    must(await u.as(SESSIONS.clerk).submit(b1.id));
    expect(code(await u.as(SESSIONS.approver).decide(b1.id, 'refused', ''))).toBe('OPINION_REQUIRED');
    expect(must(await u.as(SESSIONS.approver).decide(b1.id, 'refused', '尚需核对')).status).toBe('refused');
    // Refused: the carrier is free for a new batch, which its requester may withdraw.
    const b2 = must(await u.as(SESSIONS.handler).request([a.id], '重新申请'));
    expect(code(await u.as(SESSIONS.clerk).withdraw(b2.id, '撤回'))).toBe('NOT_REQUESTER');
    expect(must(await u.as(SESSIONS.handler).withdraw(b2.id, '重新清点')).status).toBe('withdrawn');
  });

  it('asks for a new count after the carriers change, and refuses a count that is not the batch', async () => {
    const u = await unit();
    const [a, b, c] = [await u.register(), await u.register(), await u.register()];
    const batch = must(await u.as(SESSIONS.handler).request([a.id, b.id], '年度集中销毁'));
    expect(code(await u.as(SESSIONS.clerk).count(batch.id, [a.id]))).toBe('COUNT_MISSING');
    expect(code(await u.as(SESSIONS.clerk).count(batch.id, [a.id, b.id, c.id]))).toBe('COUNT_EXTRA');
    const counted = must(await u.as(SESSIONS.clerk).count(batch.id, [a.id, b.id]));
    const changed = must(await u.as(SESSIONS.handler).changeCarriers(batch.id, [c.id], [b.id], counted.version));
    expect(changed).toMatchObject({ status: 'open', carrierIds: [a.id, c.id] });
    expect(code(await u.as(SESSIONS.clerk).submit(batch.id))).toBe('BATCH_WRONG_STATE');
    // A stale view of the batch is refused rather than written.
    expect(code(await u.as(SESSIONS.clerk).count(batch.id, [a.id, c.id], counted.version))).toBe('STALE_STATE');
  });
});

describe('refusals change nothing', () => {
  it('refuses a carrier on loan, under a pending approval or in another batch, naming it', async () => {
    const u = await unit();
    const [a, lent, asked, free] = [await u.register(), await u.register(), await u.register(), await u.register()];
    must(await u.carriers.act(lent.id, { type: 'lent', handover: { from: { kind: 'person', personId: u.people.clerk.id }, to: { kind: 'person', personId: u.people.zhang.id }, confirmation: { kind: 'slip', slipNumber: 'JY-1' } }, dueOn: u.today() }));
    must(await new ApprovalsRepo(u.l.as(SESSIONS.handler)).request(asked.id, { kind: 'copy', mode: 'copy', copies: 1 }, '工作需要'));
    must(await u.as(SESSIONS.handler).request([a.id], '年度集中销毁'));

    const before = await u.snapshot();
    const handler = u.as(SESSIONS.handler);
    expect(await handler.request([free.id, lent.id], '年度集中销毁')).toEqual({ ok: false, error: { code: 'CARRIER_ON_LOAN', params: { carrierId: lent.id } } });
    expect(await handler.request([asked.id], '年度集中销毁')).toEqual({ ok: false, error: { code: 'APPROVAL_PENDING', params: { carrierId: asked.id } } });
    expect(code(await handler.request([a.id], '年度集中销毁'))).toBe('CARRIER_IN_OTHER_BATCH');
    expect(code(await handler.request([], '年度集中销毁'))).toBe('BATCH_EMPTY');
    expect(await u.snapshot()).toEqual(before);

    const candidates = new Map(must(await handler.candidates()).candidates.map((x) => [x.carrier.id, x.refusal?.code ?? 'ok']));
    expect(Object.fromEntries([a, lent, asked, free].map((c) => [c.registryNumber, candidates.get(c.id)]))).toEqual({
      [a.registryNumber]: 'CARRIER_IN_OTHER_BATCH',
      [lent.registryNumber]: 'CARRIER_ON_LOAN',
      [asked.registryNumber]: 'APPROVAL_PENDING',
      [free.registryNumber]: 'ok',
    });
  });

  it('refuses self-approval by the requester or the counting clerk', async () => {
    const u = await unit();
    const a = await u.register();
    const boss = u.as(BOSS_CLERK);
    const batch = must(await boss.request([a.id], '年度集中销毁'));
    must(await boss.count(batch.id, [a.id]));
    must(await boss.submit(batch.id));
    const before = await u.snapshot();
    expect(code(await boss.decide(batch.id, 'approved', '同意'))).toBe('SELF_APPROVAL');
    expect(code(await u.as(SESSIONS.clerk).decide(batch.id, 'approved', '同意'))).toBe('NOT_PERMITTED');
    expect(await u.snapshot()).toEqual(before);
    expect(must(await u.as(SESSIONS.approver).decide(batch.id, 'approved', '同意')).status).toBe('approved');
  });

  it('refuses a hand-over with fewer than two escorts, an undesignated body, no certificate or a scan that is not one', async () => {
    const u = await unit();
    const a = await u.register();
    const batch = await approvedBatch(u, [a.id]);
    const clerk = u.as(SESSIONS.clerk);
    const before = await u.snapshot();
    expect(await clerk.handOver(batch.id, handover(u, [u.people.zhang.id]), null)).toEqual({ ok: false, error: { code: 'ESCORTS_TOO_FEW', params: { min: 2 } } });
    expect(code(await clerk.handOver(batch.id, handover(u, [u.people.zhang.id, u.people.zhang.id]), null))).toBe('ESCORTS_TOO_FEW');
    expect(code(await clerk.handOver(batch.id, { ...handover(u), body: '某废品回收站' }, null))).toBe('DESTRUCTION_BODY_NOT_DESIGNATED');
    expect(code(await clerk.handOver(batch.id, { ...handover(u), certificateNumber: ' ' }, null))).toBe('CERTIFICATE_REQUIRED');
    expect(code(await clerk.handOver(batch.id, handover(u), { name: 'x.docx', bytes: new TextEncoder().encode('PK\u0003\u0004') }))).toBe('CERTIFICATE_SCAN_TYPE');
    expect(code(await u.as(SESSIONS.handler).handOver(batch.id, handover(u), null))).toBe('NOT_PERMITTED');
    expect(await u.snapshot()).toEqual(before);
    expect(must(await new CarriersRepo(u.l.as(SESSIONS.clerk)).history(a.id)).state.status).toBe('in_custody');
  });

  it('refuses the hand-over when a carrier left custody after the approval, closing none of them', async () => {
    const u = await unit();
    const [a, b] = [await u.register(), await u.register()];
    const batch = await approvedBatch(u, [a.id, b.id]);
    must(await u.carriers.act(b.id, { type: 'lent', handover: { from: { kind: 'person', personId: u.people.clerk.id }, to: { kind: 'person', personId: u.people.zhang.id }, confirmation: { kind: 'slip', slipNumber: 'JY-2' } }, dueOn: u.today() }));
    const before = await u.snapshot();
    expect(await u.as(SESSIONS.clerk).handOver(batch.id, handover(u), null)).toEqual({ ok: false, error: { code: 'CARRIER_ON_LOAN', params: { carrierId: b.id } } });
    expect(await u.snapshot()).toEqual(before);
  });
});

describe('devices in a batch', () => {
  it('refuses a device without recorded erasure, and a computer without its registered disk', async () => {
    const u = await unit();
    const pc = await u.register(device('报废涉密计算机', { kind: 'computer', assetNumber: 'ZC-0101', model: '某型', serial: 'PC-1', diskSerials: ['HD-1'] }));
    const disk = await u.register(device('涉密计算机硬盘', { kind: 'hdd', serial: 'HD-1', model: '某型', capacity: '1TB' }));
    const handler = u.as(SESSIONS.handler);
    const before = await u.snapshot();
    expect(await handler.request([pc.id, disk.id], '设备报废')).toEqual({ ok: false, error: { code: 'DEVICE_NOT_DECOMMISSIONED', params: { carrierId: pc.id } } });
    expect(await u.snapshot()).toEqual(before);

    await erased(u, pc.id);
    expect(await handler.request([pc.id], '设备报废')).toEqual({ ok: false, error: { code: 'DISK_MUST_FOLLOW', params: { carrierId: pc.id, diskId: disk.id } } });
    expect(code(await handler.request([pc.id, disk.id], '设备报废'))).toBe('DEVICE_NOT_DECOMMISSIONED');
    await erased(u, disk.id);
    const queue = must(await handler.queue()).map((c) => c.carrier.id);
    expect(queue.sort()).toEqual([pc.id, disk.id].sort());
    const batch = await approvedBatch(u, [pc.id, disk.id]);
    must(await u.as(SESSIONS.clerk).handOver(batch.id, handover(u), null));
    expect(must(await u.carriers.history(disk.id)).state.status).toBe('destroyed');
  });
});

describe('the lists of bodies and tools', () => {
  it('are kept by the clerk; a withdrawn body can no longer be chosen', async () => {
    const u = await unit();
    const clerk = u.as(SESSIONS.clerk);
    expect(code(await u.as(SESSIONS.handler).addListEntry('body', '某区销毁点'))).toBe('NOT_PERMITTED');
    expect(code(await clerk.addListEntry('body', `  ${BODY} `))).toBe('LIST_NAME_TAKEN');
    const lists = must(await clerk.lists());
    const body = lists.find((e) => e.name === BODY);
    must(await clerk.withdrawListEntry(body?.id ?? ''));
    expect(code(await clerk.withdrawListEntry(body?.id ?? ''))).toBe('LIST_ENTRY_WITHDRAWN');
    const a = await u.register();
    const batch = await approvedBatch(u, [a.id]);
    expect(code(await clerk.handOver(batch.id, handover(u), null))).toBe('DESTRUCTION_BODY_NOT_DESIGNATED');
  });
});

describe('certificate scan on disk', () => {
  it('reports a changed piece as tampering', async () => {
    const u = await unit();
    const a = await u.register();
    const batch = await approvedBatch(u, [a.id]);
    const done = must(await u.as(SESSIONS.clerk).handOver(batch.id, handover(u), { name: 'scan.pdf', bytes: SCAN_PDF }));
    const [piece] = await u.l.db.certificateScanChunks.toArray();
    if (!piece) throw new Error('no piece');
    const ct = new Uint8Array(piece.ct);
    ct[ct.length - 1] = (ct[ct.length - 1] ?? 0) ^ 1;
    await u.l.db.certificateScanChunks.put({ ...piece, ct });
    expect(code(await u.as(SESSIONS.clerk).scan(done.scanId ?? ''))).toBe('STORE_TAMPERED');
  });
});

describe('申请销毁 list at any size', () => {
  it('reads a page at a time, newest registration first: only that page’s carriers are decrypted, closed ones left out on the plain index', async () => {
    const u = await unit();
    const made = [];
    for (let i = 1; i <= 7; i++) {
      u.l.clock.t += 60_000;
      made.push(await u.register({ ...PAPER, title: `第${i}号通知`, copyNumber: String(i).padStart(6, '0') }));
    }
    const [first] = made;
    if (!first) throw new Error('nothing registered');
    must(await u.carriers.act(first.id, { type: 'dispatched', handover: { from: { kind: 'person', personId: u.people.clerk.id }, to: { kind: 'external', name: '市保密局' }, confirmation: { kind: 'slip', slipNumber: 'FS-1' } } }));
    const repo = u.as(SESSIONS.handler);
    const open = vi.spyOn(u.l.cipher, 'open');
    const decryptedCarriers = () => open.mock.calls.filter(([table]) => table === 'carriers').length;

    const page1 = must(await repo.candidates({ limit: 3 }));
    expect(page1.candidates.map((c) => c.carrier.title)).toEqual(['第7号通知', '第6号通知', '第5号通知']);
    expect(page1).toMatchObject({ next: 3, total: 6, scanned: 3 });
    expect(decryptedCarriers()).toBe(3);

    const page2 = must(await repo.candidates({ from: page1.next ?? 0, limit: 3 }));
    expect(page2.candidates.map((c) => c.carrier.title)).toEqual(['第4号通知', '第3号通知', '第2号通知']);
    // The dispatched carrier is not among them, and is never decrypted.
    expect(page2.next).toBeNull();
    expect(decryptedCarriers()).toBe(6);
    expect(page2.candidates.every((c) => c.refusal === null)).toBe(true);
    open.mockRestore();
  });

  it('searches through the whole list a chunk at a time, reporting progress, and goes on from where it stopped', async () => {
    const u = await unit();
    for (let i = 1; i <= 5; i++) {
      u.l.clock.t += 60_000;
      await u.register({ ...PAPER, title: i % 2 ? `会议纪要${i}` : `通知${i}`, copyNumber: String(i).padStart(6, '0') });
    }
    const progress: number[] = [];
    const hit = must(await u.as(SESSIONS.handler).candidates({ query: '纪要', limit: 2, onProgress: (scanned) => progress.push(scanned) }));
    expect(hit.candidates.map((c) => c.carrier.title)).toEqual(['会议纪要5', '会议纪要3']);
    expect(hit.next).toBe(3);
    expect(progress.at(-1)).toBe(3);
    const rest = must(await u.as(SESSIONS.handler).candidates({ query: '纪要', from: hit.next ?? 0, limit: 2 }));
    expect(rest.candidates.map((c) => c.carrier.title)).toEqual(['会议纪要1']);
    expect(rest).toMatchObject({ next: null, scanned: 5, total: 5 });
  });
});

describe('查看销毁证明扫描件', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);

  it('decrypts the kept scan, checks it against the hand-over’s SHA-256, and audits who looked', async () => {
    const u = await unit();
    const a = await u.register();
    const batch = await approvedBatch(u, [a.id]);
    const done = must(await u.as(SESSIONS.clerk).handOver(batch.id, handover(u), { name: '销毁证明.png', bytes: PNG }));
    const seen = must(await u.as(SESSIONS.approver).viewScan(batch.id));
    expect(seen.bytes).toEqual(PNG);
    expect(seen.record).toMatchObject({ type: 'image/png', sha256: done.state.handover?.certificateScan?.sha256 });
    const entries = await u.l.audits.list(u.l.cipher, 30);
    expect(entries.find((e) => e.action === 'destruction.certificateScan.viewed')).toMatchObject({ actor: SESSIONS.approver.accountId, detail: { batchId: batch.id, sha256: seen.record.sha256 } });
  });

  it('refuses to show a scan whose SHA-256 is not the one the hand-over names, and audits the mismatch', async () => {
    const u = await unit();
    const a = await u.register();
    const batch = await approvedBatch(u, [a.id]);
    const done = must(await u.as(SESSIONS.clerk).handOver(batch.id, handover(u), { name: '销毁证明.png', bytes: PNG }));
    // The batch row rewritten (as someone with the key could) to name other bytes than those kept.
    const { batchesTable } = await import('../../renderer/db/destructionAccess');
    const row = await u.l.db.destructionBatches.get(batch.id);
    if (!row || !done.state.handover?.certificateScan) throw new Error('no batch');
    const doc = await batchesTable.fromRow(u.l.cipher, row as never);
    const forged = { ...doc, state: { ...doc.state, handover: { ...doc.state.handover!, certificateScan: { sha256: '0'.repeat(64), bytes: PNG.length } } } };
    await u.l.db.destructionBatches.put((await batchesTable.toRow(u.l.cipher, forged)) as never);
    expect(code(await u.as(SESSIONS.clerk).viewScan(batch.id))).toBe('CERTIFICATE_SCAN_MISMATCH');
    const entries = await u.l.audits.list(u.l.cipher, 30);
    expect(entries.some((e) => e.action === 'destruction.certificateScan.mismatch')).toBe(true);
    expect(code(await u.as(SESSIONS.clerk).viewScan('no-such-batch'))).toBe('BATCH_NOT_FOUND');
  });
});
