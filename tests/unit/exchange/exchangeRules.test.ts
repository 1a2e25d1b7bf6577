import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../../shared/bundle/write';
import { verifyBundle } from '../../../shared/bundle/verify';
import { fingerprint } from '../../../shared/bundle/keys';
import { expiringPeriods, missingCarriers, overdueCarriers, reportingStatus } from '../../../shared/exchange/bureauView';
import { keySheetDocument, receiptDocument } from '../../../shared/exchange/documents';
import { afterBundle, newKeyring, rotationRecordsFor, signingKeyOf, startRotation, storedTrustedKey, trustedKeysOf } from '../../../shared/exchange/keyring';
import { policyContent, readPolicyContent } from '../../../shared/exchange/policy';
import { checkUnitContent, trustAfter, type ReceivedCarrier } from '../../../shared/exchange/receive';
import { addTotals, carrierTotals } from '../../../shared/exchange/statistics';
import { validateDocument } from '../../../shared/print/document';
import type { BundleRecord } from '../../../shared/bundle/content';

const UNIT = { code: 'DW-0042', name: '某市某局' };
const fill = (n: number, v: number) => new Uint8Array(n).fill(v);

async function bundle(ring: ReturnType<typeof newKeyring>, sequence: number, previous: string | null, content: Record<string, BundleRecord[]> = {}) {
  const r = await buildBundle(
    { kind: 'unit-export', unit: UNIT, sequence, period: { from: '2026-01-01', to: '2026-01-31' }, previousBundleHash: previous, createdAt: '2026-02-01T00:00:00.000Z', content: { ...content, 'key-rotation': rotationRecordsFor(ring, sequence) } },
    signingKeyOf(ring.current),
  );
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('keyring (签名密钥与更换)', () => {
  it('keeps the new key waiting until the bundle that announces it is written, then retires the old one', async () => {
    const ring = newKeyring('ed25519', fill(32, 1), '2026-01-01T00:00:00.000Z');
    const started = startRotation(ring, { algorithm: 'sm2-sm3', random: fill(48, 2), unit: UNIT, nextSequence: 4, date: '2026-02-01', at: '2026-02-01T00:00:00.000Z' });
    if (!started.ok) throw new Error(started.error.code);
    expect(started.value.pending?.effectiveFromSequence).toBe(5);
    expect(rotationRecordsFor(started.value, 3)).toEqual([]);
    expect(rotationRecordsFor(started.value, 4)).toHaveLength(1);
    expect(afterBundle(started.value, 3, 'x')).toBe(started.value);
    const after = afterBundle(started.value, 4, '2026-02-02T00:00:00.000Z');
    expect(after.current.algorithm).toBe('sm2-sm3');
    expect(after.retired).toEqual([{ algorithm: 'ed25519', fingerprint: ring.current.fingerprint, createdAt: ring.current.createdAt, retiredAt: '2026-02-02T00:00:00.000Z', lastSequence: 4 }]);
  });

  it('the receiver takes a rotation only from the bundle’s own signer, for the next number', async () => {
    const ring = newKeyring('ed25519', fill(32, 1), 't');
    const started = startRotation(ring, { algorithm: 'ed25519', random: fill(32, 9), unit: UNIT, nextSequence: 1, date: '2026-02-01', at: 't' });
    if (!started.ok) throw new Error('x');
    const b = await bundle(started.value, 1, null);
    const trusted = trustedKeysOf([storedTrustedKey(signingKeyOf(ring.current).publicKey)], UNIT.code);
    if (!trusted.ok) throw new Error('x');
    const v = await verifyBundle(b.bytes, { trustedKeys: trusted.value, lastAccepted: null });
    if (!v.ok) throw new Error(v.error.code);
    const after = trustAfter(v.value, trusted.value);
    expect(after.ok && after.value.map((k) => [fingerprint(k.publicKey), k.validFromSequence, k.validUntilSequence])).toEqual([
      [ring.current.fingerprint, undefined, 1],
      [started.value.pending?.key.fingerprint, 2, undefined],
    ]);
    // The same statement in a bundle with another number is refused.
    const wrongPlace = { ...v.value, manifest: { ...v.value.manifest, sequence: 2 } };
    expect(trustAfter(wrongPlace, trusted.value)).toMatchObject({ ok: false, error: { code: 'ROTATION_INVALID' } });
  });
});

describe('what the receiver accepts', () => {
  it('refuses an unknown content file and a carrier record without the fields the views read', async () => {
    expect(checkUnitContent(new Map([['secrets', []]]))).toEqual({ ok: false, error: { code: 'EXCHANGE_CONTENT_UNKNOWN', params: { part: 'secrets' } } });
    expect(checkUnitContent(new Map([['carriers', [{ id: 'c1', title: 'x' }]]]))).toEqual({ ok: false, error: { code: 'EXCHANGE_CONTENT_INVALID', params: { part: 'carriers', id: 'c1' } } });
  });

  it('reads a policy bundle’s parts, leaves absent parts undefined and refuses a bad catalogue item before anything is applied', async () => {
    const content = policyContent({ notice: { issue: '国保发〔2026〕1号', note: '' }, forms: [{ id: 'f1', title: '表', text: '内容' }] });
    const read = readPolicyContent(new Map(Object.entries(content)), 'fallback');
    expect(read.ok && read.value).toMatchObject({ notice: { issue: '国保发〔2026〕1号' }, forms: [{ title: '表' }] });
    expect(read.ok && read.value.catalogue).toBeUndefined();
    const bad = policyContent({ notice: { issue: 'x', note: '' }, catalogue: [{ code: '1.1', title: '事项', level: 'unclassified', defaultPeriod: { kind: 'none' }, scopeHint: '' }] });
    expect(readPolicyContent(new Map(Object.entries(bad)), 'x')).toEqual({ ok: false, error: { code: 'POLICY_CONTENT_INVALID', params: { part: 'catalogue', id: 'catalogue-1.1' } } });
    expect(readPolicyContent(new Map([['rules', []]]), 'x')).toMatchObject({ ok: false, error: { code: 'POLICY_CONTENT_UNKNOWN' } });
  });
});

const carrier = (over: Partial<ReceivedCarrier>): ReceivedCarrier => ({
  id: 'c1',
  registryNumber: '2026-机-0001',
  title: '文件',
  level: 'secret',
  kind: 'paper',
  status: 'in_custody',
  marking: '机密★20年',
  custodianName: '张三',
  place: '保密柜',
  registeredAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  loan: null,
  outing: null,
  ...over,
});

describe('bureau views', () => {
  it('lists loans and take-outs past their date, oldest first', async () => {
    const list = overdueCarriers(
      [
        carrier({ id: 'a', status: 'on_loan', loan: { dueOn: '2026-03-01' } }),
        carrier({ id: 'b', status: 'taken_out', outing: { expectedBackOn: '2026-02-20' } }),
        carrier({ id: 'c', status: 'on_loan', loan: { dueOn: '2026-03-10' } }),
      ],
      '2026-03-05',
    );
    expect(list.map((c) => [c.id, c.daysOver])).toEqual([
      ['b', 13],
      ['a', 4],
    ]);
  });

  it('takes what the latest closed inventory missed, unless the carrier was closed since', async () => {
    const inv = (id: string, closedAt: string, missing: string[]) => ({ id, kind: 'inventory', status: 'closed', state: { closedAt, result: { missing: missing.map((m) => ({ carrierId: m, registryNumber: m })) } } });
    const missing = missingCarriers([inv('i1', '2026-01-01', ['a', 'b']), inv('i2', '2026-02-01', ['b', 'c'])], [carrier({ id: 'b' }), carrier({ id: 'c', status: 'destroyed' })]);
    expect(missing.map((m) => m.carrierId)).toEqual(['b']);
  });

  it('names periods ending within the window and those already ended', async () => {
    const det = (id: string, years: number, start: string) => ({ id, status: 'live', subject: { title: id }, inForce: { terms: { level: 'confidential', period: { kind: 'years', years } }, marking: '秘密', startDate: start }, lastReviewDate: '2026-03-01' });
    const items = expiringPeriods([det('soon', 1, '2025-04-01'), det('later', 10, '2025-04-01'), det('ended', 1, '2025-01-01')], '2026-03-05');
    expect(items.map((i) => [i.determinationId, i.daysLeft])).toEqual([
      ['ended', -63],
      ['soon', 27],
    ]);
  });

  it('marks a unit late past the reporting interval', async () => {
    const log = [{ sequence: 3, manifestHash: 'h', period: { from: '2026-01-01', to: '2026-01-31' }, createdAt: '', importedAt: '2026-02-02T00:00:00Z' }];
    expect(reportingStatus(log, '2026-03-05')).toMatchObject({ lastSequence: 3, coveredTo: '2026-01-31', daysSinceCovered: 33, late: true });
    expect(reportingStatus([], '2026-03-05')).toMatchObject({ lastSequence: null, late: true });
  });

  it('adds totals across units, every code present', async () => {
    const a = carrierTotals([{ level: 'secret', kind: 'paper', status: 'in_custody' }]);
    const b = carrierTotals([{ level: 'top_secret', kind: 'usb', status: 'on_loan' }, { level: 'secret', kind: 'paper', status: 'unknown-status' }]);
    const sum = addTotals(a, b);
    expect(sum.total).toBe(3);
    expect(sum.byLevel).toMatchObject({ secret: 2, top_secret: 1, confidential: 0 });
    expect(sum.byStatus).toMatchObject({ in_custody: 1, on_loan: 1 });
  });
});

describe('printouts', () => {
  it('the hand-over receipt and the key sheet are valid print documents with what the bureau checks', async () => {
    const ring = newKeyring('ed25519', fill(32, 5), '2026-01-01T00:00:00.000Z');
    const b = await bundle(ring, 1, null, { carriers: [{ id: 'c1' }] });
    const receipt = receiptDocument({ ...b.manifest, issuer: b.manifest.unit, manifestHash: b.manifestHash, fileName: 'unit-DW-0042-0001.ledgerbundle', byName: '赵保密', date: '2026-02-01' });
    expect(validateDocument(receipt).ok).toBe(true);
    expect(JSON.stringify(receipt)).toContain(b.manifestHash.slice(0, 32));
    expect(receipt.title).toBe('单位上报数据包交接回执（第 1 号）');
    const sheet = keySheetDocument({ unit: UNIT, algorithm: 'ed25519', fingerprint: ring.current.fingerprint, publicKeyPem: '-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----\n', createdAt: '2026-01-01 08:00', date: '2026-02-01' });
    expect(validateDocument(sheet).ok).toBe(true);
    expect(JSON.stringify(sheet)).toContain(ring.current.fingerprint.slice(0, 4));
  });
});
