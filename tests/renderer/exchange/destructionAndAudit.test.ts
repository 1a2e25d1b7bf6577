import { describe, expect, it } from 'vitest';
import { readKeyring, unitsTable } from '../../../renderer/db/exchange/exchangeStore';
import { CarriersRepo } from '../../../renderer/db/carriers.repo';
import { asRow } from '../../../renderer/db/ledgerAccess';
import { entryHash, type AuditEntry } from '../../../shared/audit/chain';
import { sha256Hex } from '../../../shared/bundle/manifest';
import { readTar } from '../../../shared/bundle/tar';
import { canonicalJson } from '../../../shared/canonicalJson';
import { signingKeyOf } from '../../../shared/exchange/keyring';
import { describeBundleRefusal } from '../../../shared/bundle/messages';
import { resign } from '../../unit/bundle/fixtures';
import { BODY, bureauFor, exportOne, SCAN, TOOL, unitWithDestruction, type UnitOffice } from './destructionHarness';
import { code, must, PAPER, snapshot, unitWithLedger, type Office } from './harness';

/**
 * Issue 6 gaps: destruction batches and device decommissions travel in the unit's bundle (full and
 * delta) and show at the bureau; the bureau checks the bundle's audit segment as a hash chain that
 * continues the unit's previous bundle, and refuses a break with nothing stored.
 */

const file = (n: number) => ({ fileName: `unit-BM-01-${String(n).padStart(4, '0')}.ledgerbundle`, path: `/media/disc/${n}` });

async function refusedWith(bureau: Office, bytes: Uint8Array) {
  const before = await snapshot(bureau.l.db);
  const r = await bureau.bureau.importBundle(bytes, file(9));
  expect(await snapshot(bureau.l.db)).toBe(before);
  if (r.ok) throw new Error('imported');
  return r.error;
}

/** The bundle with its audit segment rewritten by `change`, signed again with the unit's own key. */
async function withAudit(unit: UnitOffice, bytes: Uint8Array, change: (records: Record<string, unknown>[]) => Record<string, unknown>[]): Promise<Uint8Array> {
  const ring = await readKeyring({ db: unit.l.db, cipher: unit.l.cipher });
  const key = signingKeyOf(ring!.current);
  let count = 0;
  return resign(bytes, key, {
    recomputeFiles: true,
    entries: (e) => {
      const text = new TextDecoder().decode(e.get('content/audit.jsonl'));
      const records = change(text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>));
      count = records.length;
      e.set('content/audit.jsonl', new TextEncoder().encode(records.map((r) => `${canonicalJson(r)}\n`).join('')));
    },
    manifest: (m) => {
      (m.counts as Record<string, number>).audit = count;
    },
  });
}

async function auditActions(o: Office, action: string) {
  return (await o.l.audits.readAll(o.l.cipher)).flatMap((e) => (e.entry !== 'unreadable' && e.entry.action === action ? [e.entry.detail] : []));
}

describe('destruction batches and device decommissions in the unit’s bundle', () => {
  it('a full bundle carries the batch and the decommission; the bureau stores and shows them per unit', async () => {
    const { unit, batchId, papers, handOver } = await unitWithDestruction();
    await handOver();
    must(await unit.exchange.createKey('ed25519'));
    const b1 = await exportOne(unit, 'full');
    expect(b1.manifest.counts).toMatchObject({ 'destruction-batches': 1, 'device-decommissions': 1, destructions: 2 });

    const { bureau, reg } = await bureauFor(unit);
    must(await bureau.bureau.importBundle(b1.bytes, file(1)));
    const detail = must(await bureau.bureau.unitDetail(reg.id));
    expect(detail.batches).toHaveLength(1);
    const batch = detail.batches[0]!;
    expect(batch).toMatchObject({
      id: batchId,
      status: 'completed',
      reason: '年度集中销毁',
      requestedBy: '张三',
      countedBy: '赵保密',
      decidedBy: '周领导',
      opinion: '同意销毁',
      carrierCount: 2,
      byLevel: { secret: 2 },
      handover: { body: BODY, escorts: ['赵保密', '张三'], certificateNumber: 'XH-2026-0031', certificateSha256: sha256Hex(SCAN), certificateBytes: SCAN.length },
    });
    expect(batch.carriers.map((c) => c.registryNumber).sort()).toEqual(papers.map((p) => p.registryNumber).sort());
    // The scan itself never leaves the unit: only its fingerprint.
    expect(JSON.stringify(batch)).not.toContain('PDF');
    expect(detail.destructions.map((d) => ({ batchId: d.batchId, escorts: d.escorts, body: d.body }))).toEqual([
      { batchId, escorts: ['赵保密', '张三'], body: BODY },
      { batchId, escorts: ['赵保密', '张三'], body: BODY },
    ]);
    expect(detail.decommissions).toMatchObject([{ mode: 'scrap', status: 'erased', appliedBy: '张三', decidedBy: '周领导', opinion: '同意报废', erasure: { by: '张三', tool: TOOL } }]);
    // Stored per unit, encrypted: one row per batch and per decommission.
    const rows = await bureau.l.db.bureauRecords.where('[unitId+part]').equals([reg.id, 'destruction-batches']).toArray();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(BODY);
  });

  it('a delta carries a batch handed over since the last bundle, and only what changed', async () => {
    const { unit, batchId, handOver } = await unitWithDestruction();
    must(await unit.exchange.createKey('ed25519'));
    const b1 = await exportOne(unit, 'full');
    expect(b1.manifest.counts).toMatchObject({ 'destruction-batches': 1, 'device-decommissions': 1 });
    const quiet = await exportOne(unit, 'delta');
    expect(quiet.manifest.counts).toMatchObject({ 'destruction-batches': 0, 'device-decommissions': 0 });
    await handOver();
    const b3 = await exportOne(unit, 'delta');
    expect(b3.manifest.counts).toMatchObject({ 'destruction-batches': 1, 'device-decommissions': 0, destructions: 2 });

    const { bureau, reg } = await bureauFor(unit);
    must(await bureau.bureau.importBundle(b1.bytes, file(1)));
    expect(must(await bureau.bureau.unitDetail(reg.id)).batches).toMatchObject([{ id: batchId, status: 'approved', handover: null }]);
    must(await bureau.bureau.importBundle(quiet.bytes, file(2)));
    must(await bureau.bureau.importBundle(b3.bytes, file(3)));
    const detail = must(await bureau.bureau.unitDetail(reg.id));
    // The later state replaced the earlier one.
    expect(detail.batches).toMatchObject([{ id: batchId, status: 'completed', handover: { certificateNumber: 'XH-2026-0031' } }]);
    expect(detail.decommissions).toHaveLength(1);
  });

  it('the first delta after a bundle written before batches were exported carries every batch', async () => {
    const { unit, papers } = await unitWithDestruction();
    must(await unit.exchange.createKey('ed25519'));
    await exportOne(unit, 'full');
    // As an older version recorded its position: without the `batches` mark.
    const row = await unit.l.db.settings.get('exchange.outgoing');
    const pos = await unit.l.cipher.open<Record<string, unknown>>('settings', 'exchange.outgoing', row!.ct);
    delete pos.batches;
    await unit.l.db.settings.put({ key: 'exchange.outgoing', ct: await unit.l.cipher.seal('settings', 'exchange.outgoing', pos) });
    const b2 = await exportOne(unit, 'delta');
    expect(b2.manifest.counts).toMatchObject({ 'destruction-batches': 1, 'device-decommissions': 1, carriers: 0 });
    // The batch's carriers did not change since the first bundle: read by id, they are still named.
    const tar = readTar(b2.bytes);
    if (!tar.ok) throw new Error('unreadable');
    const batchLine = new TextDecoder().decode(tar.value.find((e) => e.path === 'content/destruction-batches.jsonl')?.data);
    for (const p of papers) expect(batchLine).toContain(`"registryNumber":"${p.registryNumber}"`);
    expect(must(await unit.exchange.prepareExport('delta')).manifest.counts).toMatchObject({ 'destruction-batches': 0 });
  });

  it('a bundle written before these files existed (without them) is accepted as carrying none', async () => {
    const { unit } = await unitWithDestruction();
    must(await unit.exchange.createKey('ed25519'));
    const b1 = await exportOne(unit, 'full');
    const ring = await readKeyring({ db: unit.l.db, cipher: unit.l.cipher });
    const old = resign(b1.bytes, signingKeyOf(ring!.current), {
      recomputeFiles: true,
      entries: (e) => {
        e.delete('content/destruction-batches.jsonl');
        e.delete('content/device-decommissions.jsonl');
      },
      manifest: (m) => {
        const counts = m.counts as Record<string, number>;
        delete counts['destruction-batches'];
        delete counts['device-decommissions'];
      },
    });
    const { bureau, reg } = await bureauFor(unit);
    must(await bureau.bureau.importBundle(old, file(1)));
    const detail = must(await bureau.bureau.unitDetail(reg.id));
    expect(detail.batches).toEqual([]);
    expect(detail.decommissions).toEqual([]);
    expect(detail.carriers.length).toBeGreaterThan(0);
  });
});

describe('the bureau checks the audit segment’s hash chain', () => {
  async function twoBundles() {
    const unit = await unitWithLedger();
    must(await unit.exchange.createKey('ed25519'));
    const b1 = await exportOne(unit, 'full');
    must(await new CarriersRepo(unit.clerk).register({ record: { ...PAPER, copyNumber: '000009' }, custodianId: unit.people.clerk, place: '保密柜3号' }));
    const b2 = await exportOne(unit, 'delta');
    const { bureau, reg } = await bureauFor(unit);
    return { unit, b1, b2, bureau, reg };
  }

  it('imports an intact chain and keeps where the unit’s trail ends', async () => {
    const { b1, b2, bureau, reg } = await twoBundles();
    must(await bureau.bureau.importBundle(b1.bytes, file(1)));
    must(await bureau.bureau.importBundle(b2.bytes, file(2)));
    const unitRow = await bureau.l.db.bureauUnits.get(reg.id);
    const stored = await unitsTable.fromRow(bureau.l.cipher, asRow(unitRow!));
    const lines = new TextDecoder().decode(b2.bytes).split('\n');
    const lastAudit = JSON.parse(lines.filter((l) => l.includes('"prevHash"')).at(-1)!.replace(/^[^{]*/, '')) as { seq: number; hash: string };
    expect(stored.auditHead).toEqual({ seq: lastAudit.seq, hash: lastAudit.hash });
  });

  it('refuses an altered audit entry even when the unit’s key signed the bundle again; nothing stored, the refusal audited', async () => {
    const { unit, b1, bureau } = await twoBundles();
    let seq = 0;
    const forged = await withAudit(unit, b1.bytes, (records) =>
      records.map((r, i) => {
        if (i !== 2) return r;
        seq = r.seq as number;
        return { ...r, detail: { ...(r.detail as object), forged: true } };
      }),
    );
    const error = await refusedWith(bureau, forged);
    expect(error).toEqual({ code: 'BUNDLE_AUDIT_ALTERED', params: { seq } });
    expect(describeBundleRefusal(error, 'zh-CN')).toContain(`第 ${seq} 条审计记录的内容与其哈希不符`);
    expect(await auditActions(bureau, 'exchange.import_refused')).toMatchObject([{ code: 'BUNDLE_AUDIT_ALTERED', seq }]);
    // The genuine bundle still goes in.
    must(await bureau.bureau.importBundle(b1.bytes, file(1)));
  });

  it('refuses a segment with an entry removed (missing) and one relinked', async () => {
    const { unit, b1, bureau } = await twoBundles();
    const missing = await withAudit(unit, b1.bytes, (records) => records.filter((_, i) => i !== 1));
    expect(await refusedWith(bureau, missing)).toMatchObject({ code: 'BUNDLE_AUDIT_MISSING', params: { seq: 3, from: 2, to: 2 } });
    // Entry 2 changed and its own hash recomputed: entry 3 no longer links to it.
    const relinked = await withAudit(unit, b1.bytes, (records) =>
      records.map((r, i) => {
        if (i !== 1) return r;
        const changed: Record<string, unknown> = { ...r, action: 'audit.forged' };
        return { ...changed, hash: entryHash(changed.prevHash as string, changed as unknown as AuditEntry) };
      }),
    );
    expect(await refusedWith(bureau, relinked)).toEqual({ code: 'BUNDLE_AUDIT_RELINKED', params: { seq: 3 } });
  });

  it('refuses a next bundle whose segment does not continue the previous bundle’s', async () => {
    const { unit, b1, b2, bureau, reg } = await twoBundles();
    must(await bureau.bureau.importBundle(b1.bytes, file(1)));
    const cut = await withAudit(unit, b2.bytes, (records) => records.slice(1));
    const error = await refusedWith(bureau, cut);
    expect(error).toMatchObject({ code: 'BUNDLE_AUDIT_NOT_CONTINUOUS', params: { reason: 'not-next-seq' } });
    const params = error.params as { seq: number; expected: number };
    expect(params.seq).toBe(params.expected + 1);
    expect(describeBundleRefusal(error, 'zh-CN')).toContain('未接续上一个已导入数据包的审计记录');
    expect(await auditActions(bureau, 'exchange.import_refused')).toMatchObject([{ code: 'BUNDLE_AUDIT_NOT_CONTINUOUS' }]);
    expect(must(await bureau.bureau.unitDetail(reg.id)).unit.position?.sequence).toBe(1);
    must(await bureau.bureau.importBundle(b2.bytes, file(2)));
  });

  it('for a unit imported before the head was kept, continuity is checked against its stored audit records', async () => {
    const { unit, b1, b2, bureau, reg } = await twoBundles();
    must(await bureau.bureau.importBundle(b1.bytes, file(1)));
    const row = await bureau.l.db.bureauUnits.get(reg.id);
    const stored = await unitsTable.fromRow(bureau.l.cipher, asRow(row!));
    const { auditHead: _dropped, ...legacy } = stored;
    const legacyRow = await unitsTable.toRow(bureau.l.cipher, legacy);
    await bureau.l.db.bureauUnits.put({ id: legacyRow.id, version: legacyRow.version, ct: legacyRow.ct });
    const cut = await withAudit(unit, b2.bytes, (records) => records.slice(1));
    expect(await refusedWith(bureau, cut)).toMatchObject({ code: 'BUNDLE_AUDIT_NOT_CONTINUOUS' });
    must(await bureau.bureau.importBundle(b2.bytes, file(2)));
    expect(code(await bureau.bureau.importBundle(b2.bytes, file(2)))).toBe('ok');
  });
});
