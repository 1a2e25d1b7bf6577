import { describe, expect, it } from 'vitest';
import { SESSIONS } from '../ledgerVault';
import { ExchangeRepo } from '../../../renderer/db/exchange/exchange.repo';
import { bureauChunkId, recordsTable } from '../../../renderer/db/exchange/exchangeStore';
import { asRow } from '../../../renderer/db/ledgerAccess';
import { CarriersRepo } from '../../../renderer/db/carriers.repo';
import { readTar, writeTar } from '../../../shared/bundle/tar';
import { asOffice, code, must, office, snapshot, unitWithLedger, UNIT_INFO, type Office } from './harness';

/** The unit's public key as it hands it over (PEM) and its code and name. */
async function registration(unit: Office): Promise<{ pem: string; code: string; name: string }> {
  const o = must(await unit.exchange.overview());
  if (!o.key) throw new Error('no key');
  return { pem: o.key.publicKeyPem, code: UNIT_INFO.code, name: UNIT_INFO.name };
}

async function exportOne(unit: Office, mode: 'full' | 'delta' = 'delta') {
  const prepared = must(await unit.exchange.prepareExport(mode));
  must(await unit.exchange.recordBundle(prepared, { path: `/media/disc/${prepared.fileName}`, fileName: prepared.fileName }));
  return prepared;
}

const file = (name = 'unit-BM-01-0001.ledgerbundle') => ({ fileName: name, path: `/media/disc/${name}` });

describe('unit keys (签名密钥)', () => {
  it('creates the key pair once, keeps the private key only encrypted and shows the public key and fingerprint', async () => {
    const unit = await office('unit', 3);
    expect(must(await unit.exchange.overview()).key).toBeNull();
    const key = must(await unit.exchange.createKey('ed25519'));
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(key.fingerprintText.split(' ')).toHaveLength(16);
    expect(code(await unit.exchange.createKey('sm2-sm3'))).toBe('EXCHANGE_KEY_EXISTS');
    const row = await unit.l.db.settings.get('exchange.keyring');
    // The stored record is ciphertext: neither the seed (all 3s) in base64 nor the fingerprint shows.
    const text = new TextDecoder('latin1').decode(row?.ct);
    expect(text).not.toContain(btoa(String.fromCharCode(...new Uint8Array(32).fill(3))));
    expect(text).not.toContain(key.fingerprint);
    const entries = (await unit.l.audits.readAll(unit.l.cipher)).filter((e) => e.entry !== 'unreadable' && e.entry.action === 'exchange.key_created');
    expect(entries).toHaveLength(1);
  });

  it('makes an SM2 key when the unit chooses 国密', async () => {
    const unit = await office('unit', 4);
    const key = must(await unit.exchange.createKey('sm2-sm3'));
    expect(key.algorithm).toBe('sm2-sm3');
  });

  it('refuses keys and exports to an account without the clerk’s role, and to an administrator', async () => {
    const unit = await office('unit', 5);
    const as = (s: (typeof SESSIONS)[keyof typeof SESSIONS]) => new ExchangeRepo(asOffice(unit.l, s, UNIT_INFO, 'unit'));
    expect(code(await as(SESSIONS.handler).createKey('ed25519'))).toBe('NOT_PERMITTED');
    expect(code(await as(SESSIONS.sysadmin).overview())).toBe('NOT_PERMITTED');
    expect(code(await unit.exchange.prepareExport('full'))).toBe('EXCHANGE_NO_KEY');
  });
});

describe('export (上报) and import at the bureau', () => {
  it('round trip: the bureau registers the unit’s key, imports its bundle and sees its ledger, the overdue loan and the statistics', async () => {
    const unit = await unitWithLedger();
    must(await unit.exchange.createKey('ed25519'));
    unit.l.clock.t = Date.parse('2026-03-10T09:00:00+08:00');
    const b1 = await exportOne(unit, 'full');
    expect(b1.manifest).toMatchObject({ kind: 'unit-export', sequence: 1, previousBundleHash: null, unit: { code: 'BM-01' } });
    expect(b1.manifest.counts).toMatchObject({ carriers: 3, events: 4, audit: expect.any(Number), statistics: 1, 'key-rotation': 0, destructions: 0 });
    expect(b1.fileName).toBe('unit-BM-01-0001.ledgerbundle');

    const bureau = await office('bureau', 9, '2026-03-12T09:00:00+08:00');
    const registered = must(await bureau.bureau.registerUnit(await registration(unit)));
    expect(registered.position).toBeNull();
    const imported = must(await bureau.bureau.importBundle(b1.bytes, file()));
    expect(imported).toMatchObject({ action: 'import', unitCode: 'BM-01', sequence: 1, manifestHash: b1.manifestHash });

    const detail = must(await bureau.bureau.unitDetail(registered.id));
    expect(detail.carriers.map((c) => c.title).sort()).toEqual(['年度统计数据光盘', '关于开展年度保密检查的通知', '关于开展年度保密检查的通知'].sort());
    expect(detail.overdue).toMatchObject([{ title: '年度统计数据光盘', dueOn: '2026-03-05', custodianName: '张三', daysOver: 7 }]);
    expect(detail.unit.totals).toMatchObject({ total: 3, byLevel: { secret: 2, confidential: 1 }, byStatus: { in_custody: 2, on_loan: 1 } });
    expect(detail.unit.reporting).toMatchObject({ lastSequence: 1, coveredTo: '2026-03-10', daysSinceCovered: 2, late: false });
    expect(detail.imports).toHaveLength(1);
    // Titles are inside the encrypted rows only.
    expect(JSON.stringify(await bureau.l.db.bureauRecords.toArray())).not.toContain('年度统计');
    // Every part is one row per run of records of this bundle, holding all of them.
    const rows = await bureau.l.db.bureauRecords.toArray();
    const docs = await Promise.all(rows.map((r) => recordsTable.fromRow(bureau.l.cipher, asRow(r))));
    const carrierRuns = docs.filter((d) => d.part === 'carriers');
    expect(carrierRuns.map((d) => d.id)).toEqual([bureauChunkId(registered.id, 'carriers', 1, 0)]);
    expect('records' in carrierRuns[0]! ? carrierRuns[0].records : []).toHaveLength(3);
    const events = docs.filter((d) => d.part === 'events');
    expect(events).toHaveLength(1);
    expect(events[0]?.id).toBe(bureauChunkId(registered.id, 'events', 1, 0));
    expect('records' in events[0]! ? events[0].records.map((r) => r.id) : []).toHaveLength(4);
    expect(docs.filter((d) => d.part === 'audit')).toHaveLength(1);
  });

  it('the next bundle carries only what changed, chained to the last; importing the same bundle again changes nothing', async () => {
    const unit = await unitWithLedger();
    must(await unit.exchange.createKey('ed25519'));
    const b1 = await exportOne(unit, 'full');
    unit.l.clock.t += 86_400_000;
    const b2 = await exportOne(unit, 'delta');
    expect(b2.manifest.sequence).toBe(2);
    expect(b2.manifest.previousBundleHash).toBe(b1.manifestHash);
    // Nothing happened in the ledger: only the audit entries of the first export travel.
    expect(b2.manifest.counts).toMatchObject({ carriers: 0, events: 0, determinations: 0 });
    expect(b2.manifest.counts.audit).toBeGreaterThan(0);

    const bureau = await office('bureau', 9);
    const reg = must(await bureau.bureau.registerUnit(await registration(unit)));
    must(await bureau.bureau.importBundle(b1.bytes, file()));
    must(await bureau.bureau.importBundle(b2.bytes, file('unit-BM-01-0002.ledgerbundle')));
    const before = await snapshot(bureau.l.db);
    expect(must(await bureau.bureau.importBundle(b2.bytes, file('unit-BM-01-0002.ledgerbundle'))).action).toBe('already-imported');
    expect(await snapshot(bureau.l.db)).toBe(before);
    const detail = must(await bureau.bureau.unitDetail(reg.id));
    expect(detail.carriers).toHaveLength(3);
    // The delta's statistics (counted on the index fields, nothing decrypted) still describe the whole ledger.
    expect(detail.unit.totals).toMatchObject({ total: 3, byLevel: { secret: 2, confidential: 1 }, byKind: { paper: 2, disc: 1 }, byStatus: { in_custody: 2, on_loan: 1 } });
    expect(detail.unit.overdueReported).toBe(0);
  });

  it('a later bundle’s version of a carrier replaces the earlier one; rows of one record each (an older store) are read as the oldest', async () => {
    const unit = await unitWithLedger();
    must(await unit.exchange.createKey('ed25519'));
    const b1 = await exportOne(unit, 'full');
    const discId = must(await new CarriersRepo(unit.clerk).list()).find((c) => c.title === '年度统计数据光盘')?.id ?? '';
    unit.l.clock.t += 86_400_000;
    must(await new CarriersRepo(unit.clerk).act(discId, { type: 'loanReturned', handover: { from: { kind: 'person', personId: unit.people.zhang }, to: { kind: 'person', personId: unit.people.clerk }, confirmation: { kind: 'receiver' } }, place: '保密柜3号' }));
    const b2 = await exportOne(unit, 'delta');
    expect(b2.manifest.counts.carriers).toBe(1);

    const bureau = await office('bureau', 10);
    const reg = must(await bureau.bureau.registerUnit(await registration(unit)));
    must(await bureau.bureau.importBundle(b1.bytes, file()));
    const before = must(await bureau.bureau.unitDetail(reg.id));
    expect(before.carriers.find((c) => c.id === discId)).toMatchObject({ status: 'on_loan' });
    must(await bureau.bureau.importBundle(b2.bytes, file('unit-BM-01-0002.ledgerbundle')));
    const after = must(await bureau.bureau.unitDetail(reg.id));
    expect(after.carriers).toHaveLength(3);
    expect(after.carriers.find((c) => c.id === discId)).toMatchObject({ status: 'in_custody' });

    // A store written before every part went in runs: the first bundle's carriers as rows of one
    // record each. The run of the second bundle still wins over them.
    const rows = await bureau.l.db.bureauRecords.where('[unitId+part]').equals([reg.id, 'carriers']).toArray();
    const docs = await Promise.all(rows.map((r) => recordsTable.fromRow(bureau.l.cipher, asRow(r))));
    const first = docs.find((d) => d.id === bureauChunkId(reg.id, 'carriers', 1, 0));
    if (!first || !('records' in first)) throw new Error('no first run');
    await bureau.l.db.bureauRecords.delete(first.id);
    for (const record of first.records) {
      const doc = { id: `${reg.id}|carriers|${record.id}`, unitId: reg.id, part: 'carriers', record };
      const row = await recordsTable.toRow(bureau.l.cipher, doc);
      await bureau.l.db.bureauRecords.put({ id: row.id, unitId: row.unitId, part: row.part, ct: row.ct });
    }
    const mixed = must(await bureau.bureau.unitDetail(reg.id));
    expect(mixed.carriers).toEqual(after.carriers);
  });

  it('the same data gives a byte-identical bundle', async () => {
    const unit = await unitWithLedger();
    must(await unit.exchange.createKey('sm2-sm3'));
    const a = must(await unit.exchange.prepareExport('full'));
    const b = must(await unit.exchange.prepareExport('full'));
    expect(b.bytes).toEqual(a.bytes);
  });

  it('refuses to record a bundle when another was recorded since it was prepared', async () => {
    const unit = await unitWithLedger();
    must(await unit.exchange.createKey('ed25519'));
    const a = must(await unit.exchange.prepareExport('full'));
    const b = must(await unit.exchange.prepareExport('full'));
    must(await unit.exchange.recordBundle(a, file()));
    expect(code(await unit.exchange.recordBundle(b, file()))).toBe('STALE_STATE');
  });
});

describe('import refusals leave nothing written', () => {
  async function setting() {
    const unit = await unitWithLedger();
    must(await unit.exchange.createKey('ed25519'));
    const bundles = [];
    for (let i = 0; i < 3; i++) {
      bundles.push(await exportOne(unit, i === 0 ? 'full' : 'delta'));
      unit.l.clock.t += 3_600_000;
    }
    const bureau = await office('bureau', 9);
    const reg = must(await bureau.bureau.registerUnit(await registration(unit)));
    return { unit, bureau, reg, bundles: bundles.map((b) => b.bytes) };
  }

  async function refusedWith(bureau: Office, bytes: Uint8Array): Promise<{ code: string; params: unknown }> {
    const before = await snapshot(bureau.l.db);
    const r = await bureau.bureau.importBundle(bytes, file());
    expect(await snapshot(bureau.l.db)).toBe(before);
    if (r.ok) throw new Error('imported');
    return { code: r.error.code, params: r.error.params };
  }

  it('a missing bundle (gap), an older one, a changed byte, a truncated file, an absurd size, an unknown key', async () => {
    const { bureau, bundles } = await setting();
    const [b1, b2, b3] = bundles as [Uint8Array, Uint8Array, Uint8Array];
    expect(await refusedWith(bureau, b2)).toMatchObject({ code: 'BUNDLE_GAP', params: { expected: 1, sequence: 2 } });
    must(await bureau.bureau.importBundle(b1, file()));
    expect(await refusedWith(bureau, b3)).toMatchObject({ code: 'BUNDLE_GAP', params: { missingFrom: 2, missingTo: 2 } });
    must(await bureau.bureau.importBundle(b2, file()));
    expect(await refusedWith(bureau, b1)).toMatchObject({ code: 'BUNDLE_OLDER' });

    const changed = Uint8Array.from(b3);
    changed[512 + 5] = (changed[512 + 5] as number) ^ 0x01; // inside the first content file (content/audit.jsonl)
    expect((await refusedWith(bureau, changed)).code).toBe('BUNDLE_FILE_CHANGED');
    expect((await refusedWith(bureau, b3.subarray(0, b3.length - 1500))).code).toBe('BUNDLE_TRUNCATED');

    const huge = Uint8Array.from(b3);
    const h = huge.subarray(0, 512);
    h.set(new TextEncoder().encode('77777777777\0'), 124);
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const x of h) sum += x;
    h.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    expect(await refusedWith(bureau, huge)).toMatchObject({ code: 'BUNDLE_TOO_LARGE', params: { what: 'entry' } });

    const stranger = await unitWithLedger(42);
    must(await stranger.exchange.createKey('ed25519'));
    const foreign = must(await stranger.exchange.prepareExport('full'));
    expect((await refusedWith(bureau, foreign.bytes)).code).toBe('BUNDLE_UNKNOWN_KEY');

    // And the right one still goes in afterwards.
    expect(must(await bureau.bureau.importBundle(b3, file())).sequence).toBe(3);
  });

  it('refuses a bundle with a file added, and every refusal is in the audit trail with its code', async () => {
    const { bureau, bundles } = await setting();
    const b1 = bundles[0] as Uint8Array;
    const tar = readTar(b1);
    if (!tar.ok) throw new Error('unreadable');
    const extra = writeTar([...tar.value, { path: 'content/extra.jsonl', data: new Uint8Array(0) }]);
    expect((await refusedWith(bureau, extra)).code).toBe('BUNDLE_FILE_EXTRA');
    const audit = (await bureau.l.audits.readAll(bureau.l.cipher));
    const refusals = audit.flatMap((e) => (e.entry !== 'unreadable' && e.entry.action === 'exchange.import_refused' ? [e.entry.detail.code] : []));
    expect(refusals).toEqual(['BUNDLE_FILE_EXTRA']);
  });
});
