import { describe, expect, it } from 'vitest';
import { inForce } from '../../../shared/determination/catalogue';
import { BUREAU_INFO, code, must, office, snapshot, unitWithLedger, UNIT_INFO, type Office } from './harness';

const file = (name: string) => ({ fileName: name, path: `/media/disc/${name}` });

async function exportOne(o: Office, mode: 'full' | 'delta' = 'delta') {
  const p = must(await o.exchange.prepareExport(mode));
  must(await o.exchange.recordBundle(p, file(p.fileName)));
  return p;
}

async function writePolicy(bureau: Office, parts: { catalogue?: boolean; destructionBodies?: boolean; forms?: boolean } = {}) {
  const p = must(
    await bureau.bureau.preparePolicy({ issue: '某保发〔2026〕7号', note: '请各单位遵照执行。', catalogue: parts.catalogue ?? false, destructionBodies: parts.destructionBodies ?? false, forms: parts.forms ?? false }),
  );
  must(await bureau.exchange.recordBundle(p, file(p.fileName)));
  return p;
}

describe('unit key rotation (密钥更换)', () => {
  it('announces the new key in the next bundle, signed by the old one; the bureau then accepts the new key only from the following bundle', async () => {
    const unit = await unitWithLedger();
    must(await unit.exchange.createKey('ed25519'));
    const b1 = await exportOne(unit, 'full');
    const old = must(await unit.exchange.overview()).key;
    const pending = must(await unit.exchange.rotateKey('sm2-sm3'));
    expect(pending.effectiveFromSequence).toBe(3);

    const b2 = await exportOne(unit);
    expect(b2.manifest.keyFingerprint).toBe(old?.fingerprint);
    expect(b2.manifest.counts['key-rotation']).toBe(1);
    const after = must(await unit.exchange.overview());
    expect(after.key?.fingerprint).toBe(pending.fingerprint);
    expect(after.pendingKey).toBeNull();
    expect(after.retiredKeys).toMatchObject([{ fingerprint: old?.fingerprint, lastSequence: 2 }]);
    unit.l.clock.t += 60_000;
    const b3 = await exportOne(unit);
    expect(b3.manifest).toMatchObject({ algorithm: 'sm2-sm3', keyFingerprint: pending.fingerprint });

    const bureau = await office('bureau', 9);
    const reg = must(await bureau.bureau.registerUnit({ pem: old?.publicKeyPem ?? '', code: UNIT_INFO.code, name: UNIT_INFO.name }));
    must(await bureau.bureau.importBundle(b1.bytes, file('1')));
    expect(must(await bureau.bureau.importBundle(b2.bytes, file('2'))).keyRotation).toBe(true);
    must(await bureau.bureau.importBundle(b3.bytes, file('3')));
    const unitNow = must(await bureau.bureau.units()).find((u) => u.id === reg.id);
    expect(unitNow?.keys).toMatchObject([
      { fingerprint: old?.fingerprint, validUntilSequence: 2 },
      { fingerprint: pending.fingerprint, algorithm: 'sm2-sm3', validFromSequence: 3 },
    ]);
  });

  it('refuses a bundle signed by the new key before the rotation was imported', async () => {
    const unit = await unitWithLedger();
    must(await unit.exchange.createKey('ed25519'));
    const oldPem = must(await unit.exchange.overview()).key?.publicKeyPem ?? '';
    const b1 = await exportOne(unit, 'full');
    must(await unit.exchange.rotateKey('ed25519'));
    await exportOne(unit); // carries the rotation: never reaches the bureau
    const b3 = await exportOne(unit);
    const bureau = await office('bureau', 9);
    must(await bureau.bureau.registerUnit({ pem: oldPem, code: UNIT_INFO.code, name: UNIT_INFO.name }));
    must(await bureau.bureau.importBundle(b1.bytes, file('1')));
    expect(code(await bureau.bureau.importBundle(b3.bytes, file('3')))).toBe('BUNDLE_UNKNOWN_KEY');
  });
});

describe('policy bundles (政策下发包)', () => {
  async function bureauWithPolicy() {
    const bureau = await office('bureau', 11);
    must(await bureau.exchange.createKey('ed25519'));
    must(await bureau.determinations.saveCatalogueEntry(null, { code: '1.1', title: '年度保密检查工作方案', level: 'confidential', defaultPeriod: { kind: 'years', years: 10 }, scopeHint: '办公室主任' }));
    must(await bureau.determinations.saveCatalogueEntry(null, { code: '2.3', title: '涉密会议纪要', level: 'secret', defaultPeriod: { kind: 'years', years: 20 }, scopeHint: '与会人员' }));
    must(await bureau.bureau.saveDestructionBody({ id: 'xh-01', name: '某市涉密载体销毁中心', address: '某市某路1号', licence: 'XH-2026-01', validUntil: '2027-12-31', note: '' }));
    must(await bureau.bureau.saveForm({ id: 'form-1', title: '涉密载体销毁审批表（2026版）', text: '申请单位：\n载体清单：\n审批意见：' }));
    const bureauKey = must(await bureau.exchange.overview()).key;
    return { bureau, pem: bureauKey?.publicKeyPem ?? '' };
  }

  it('the unit pins the bureau’s key, imports its catalogue (through 定密’s own function), destruction bodies and forms; again changes nothing', async () => {
    const { bureau, pem } = await bureauWithPolicy();
    const p1 = await writePolicy(bureau, { catalogue: true, destructionBodies: true, forms: true });
    expect(p1.manifest).toMatchObject({ kind: 'policy', sequence: 1, unit: { code: BUREAU_INFO.code } });
    expect(p1.manifest.counts).toEqual({ catalogue: 2, 'destruction-bodies': 1, forms: 1, notice: 1 });

    const unit = await unitWithLedger();
    expect(code(await unit.exchange.importPolicy(p1.bytes, file(p1.fileName)))).toBe('EXCHANGE_NO_BUREAU_KEY');
    must(await unit.exchange.pinBureauKey(pem, BUREAU_INFO));
    const outcome = must(await unit.exchange.importPolicy(p1.bytes, file(p1.fileName)));
    expect(outcome).toMatchObject({ action: 'import', sequence: 1, issue: '某保发〔2026〕7号', applied: { catalogue: 2, destructionBodies: 1, forms: 1, keyRotation: false } });
    const catalogue = inForce(must(await unit.determinations.listCatalogue()));
    expect(catalogue.map((c) => [c.code, c.title, c.source])).toEqual([
      ['1.1', '年度保密检查工作方案', { kind: 'bureau', issue: '某保发〔2026〕7号' }],
      ['2.3', '涉密会议纪要', { kind: 'bureau', issue: '某保发〔2026〕7号' }],
    ]);
    const o = must(await unit.exchange.overview());
    expect(o.destructionBodies.map((b) => b.name)).toEqual(['某市涉密载体销毁中心']);
    // The destruction module's own list of designated bodies takes the bureau's names.
    const bodies = must(await unit.destruction.lists()).filter((e) => e.kind === 'body' && e.withdrawnAt === null);
    expect(bodies.map((e) => e.name)).toEqual(['某市涉密载体销毁中心']);
    expect(o.forms.map((f) => f.title)).toEqual(['涉密载体销毁审批表（2026版）']);
    expect(o.bureau?.position).toEqual({ sequence: 1, manifestHash: p1.manifestHash });

    const before = await snapshot(unit.l.db);
    expect(must(await unit.exchange.importPolicy(p1.bytes, file(p1.fileName))).action).toBe('already-imported');
    expect(await snapshot(unit.l.db)).toBe(before);
  });

  it('the bureau’s list replaces the unit’s designated bodies: names it lacks are withdrawn, its own added once', async () => {
    const { bureau, pem } = await bureauWithPolicy();
    const p1 = await writePolicy(bureau, { destructionBodies: true });
    const unit = await unitWithLedger();
    must(await unit.destruction.addListEntry('body', '本单位自行登记的销毁点'));
    must(await unit.exchange.pinBureauKey(pem, BUREAU_INFO));
    must(await unit.exchange.importPolicy(p1.bytes, file('1')));
    const entries = must(await unit.destruction.lists()).filter((e) => e.kind === 'body');
    expect(new Map(entries.map((e) => [e.name, e.withdrawnAt === null]))).toEqual(
      new Map([
        ['本单位自行登记的销毁点', false],
        ['某市涉密载体销毁中心', true],
      ]),
    );
    // Importing it again changes nothing in the list either.
    must(await unit.exchange.importPolicy(p1.bytes, file('1')));
    expect(must(await unit.destruction.lists()).filter((e) => e.kind === 'body')).toHaveLength(2);
  });

  it('a policy bundle that carries only forms leaves the catalogue alone', async () => {
    const { bureau, pem } = await bureauWithPolicy();
    const p1 = await writePolicy(bureau, { catalogue: true });
    const p2 = await writePolicy(bureau, { forms: true });
    const unit = await unitWithLedger();
    must(await unit.exchange.pinBureauKey(pem, BUREAU_INFO));
    must(await unit.exchange.importPolicy(p1.bytes, file('1')));
    must(await unit.exchange.importPolicy(p2.bytes, file('2')));
    expect(inForce(must(await unit.determinations.listCatalogue()))).toHaveLength(2);
  });

  it('refuses a policy bundle signed by any other key, and a unit export where a policy bundle is expected; nothing written', async () => {
    const { bureau, pem } = await bureauWithPolicy();
    const impostor = await office('bureau', 13);
    must(await impostor.exchange.createKey('ed25519'));
    const forged = must(await impostor.bureau.preparePolicy({ issue: '伪造', note: '', catalogue: false, destructionBodies: false, forms: false }));

    const unit = await unitWithLedger();
    must(await unit.exchange.pinBureauKey(pem, BUREAU_INFO));
    must(await unit.exchange.createKey('ed25519'));
    const before = await snapshot(unit.l.db);
    expect(code(await unit.exchange.importPolicy(forged.bytes, file('x')))).toBe('BUNDLE_UNKNOWN_KEY');
    const own = must(await unit.exchange.prepareExport('full'));
    expect(code(await unit.exchange.importPolicy(own.bytes, file('y')))).toBe('BUNDLE_UNKNOWN_KEY');
    expect(await snapshot(unit.l.db)).toBe(before);
    void bureau;
  });

  it('follows the bureau’s key rotation announced in a policy bundle', async () => {
    const { bureau, pem } = await bureauWithPolicy();
    const p1 = await writePolicy(bureau);
    const newKey = must(await bureau.exchange.rotateKey('sm2-sm3'));
    const p2 = await writePolicy(bureau);
    const p3 = await writePolicy(bureau, { forms: true });
    expect(p3.manifest.keyFingerprint).toBe(newKey.fingerprint);
    const unit = await unitWithLedger();
    must(await unit.exchange.pinBureauKey(pem, BUREAU_INFO));
    must(await unit.exchange.importPolicy(p1.bytes, file('1')));
    expect(must(await unit.exchange.importPolicy(p2.bytes, file('2'))).applied.keyRotation).toBe(true);
    must(await unit.exchange.importPolicy(p3.bytes, file('3')));
    expect(must(await unit.exchange.overview()).bureau?.keys.map((k) => k.fingerprint)).toEqual([expect.any(String), newKey.fingerprint]);
  });

  it('keeps the modes apart: a unit registers no units and a bureau pins no bureau', async () => {
    const unit = await unitWithLedger();
    const bureau = await office('bureau', 9);
    expect(code(await unit.bureau.units())).toBe('EXCHANGE_WRONG_MODE');
    expect(code(await bureau.exchange.pinBureauKey('x', BUREAU_INFO))).toBe('EXCHANGE_WRONG_MODE');
    expect(code(await bureau.exchange.prepareExport('full'))).toBe('EXCHANGE_WRONG_MODE');
  });
});
