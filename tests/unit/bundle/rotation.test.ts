import { describe, expect, it } from 'vitest';
import { applyKeyRotation, createKeyRotation, rotationFromRecord, rotationRecord, verifyKeyRotation, type SignedRotation } from '../../../shared/bundle/rotation';
import { fingerprint, SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../../../shared/bundle/keys';
import { verifyBundle } from '../../../shared/bundle/verify';
import { build, chain, fixedKey, sampleInput, trust, UNIT } from './fixtures';

function rotate(oldAlg: SignatureAlgorithm, newAlg: SignatureAlgorithm): { rotation: SignedRotation; oldKey: ReturnType<typeof fixedKey>; newKey: ReturnType<typeof fixedKey> } {
  const oldKey = fixedKey(oldAlg, 1);
  const newKey = fixedKey(newAlg, 2);
  const r = createKeyRotation({ unit: UNIT, newKey: newKey.publicKey, effectiveFromSequence: 3, date: '2026-03-01' }, oldKey);
  if (!r.ok) throw new Error(r.error.code);
  return { rotation: r.value, oldKey, newKey };
}

describe.each(SIGNATURE_ALGORITHMS.flatMap((a) => SIGNATURE_ALGORITHMS.map((b) => [a, b] as const)))('key rotation %s → %s', (oldAlg, newAlg) => {
  const { rotation, oldKey, newKey } = rotate(oldAlg, newAlg);

  it('names the new key, the old fingerprint, the sequence and the date, signed by the old key', async () => {
    expect(rotation.statement).toMatchObject({
      type: 'key-rotation',
      oldKeyFingerprint: fingerprint(oldKey.publicKey),
      newKey: { algorithm: newAlg, fingerprint: fingerprint(newKey.publicKey) },
      effectiveFromSequence: 3,
      date: '2026-03-01',
    });
    expect(verifyKeyRotation(rotation.bytes, rotation.signature, oldKey.publicKey)).toEqual({
      ok: true,
      value: { statement: rotation.statement, newKey: newKey.publicKey },
    });
  });

  it('is refused when checked against another key than the old one', async () => {
    expect(verifyKeyRotation(rotation.bytes, rotation.signature, newKey.publicKey)).toMatchObject({ ok: false, error: { code: 'ROTATION_WRONG_KEY' } });
  });
});

describe('key rotation checks', () => {
  const { rotation, oldKey, newKey } = rotate('ed25519', 'sm2-sm3');

  it('refuses a statement whose signature is not the old key’s', async () => {
    const forged = createKeyRotation({ unit: UNIT, newKey: newKey.publicKey, effectiveFromSequence: 3, date: '2026-03-01' }, fixedKey('ed25519', 3));
    if (!forged.ok) throw new Error('forged');
    // The forger's statement, relabelled as being about the real old key, then checked with it.
    const relabelled = new TextEncoder().encode(
      new TextDecoder().decode(forged.value.bytes).replace(forged.value.statement.oldKeyFingerprint, fingerprint(oldKey.publicKey)),
    );
    expect(verifyKeyRotation(relabelled, forged.value.signature, oldKey.publicKey)).toEqual({ ok: false, error: { code: 'ROTATION_BAD_SIGNATURE' } });
  });

  it('refuses a changed statement', async () => {
    const changed = new TextEncoder().encode(new TextDecoder().decode(rotation.bytes).replace('"effectiveFromSequence":3', '"effectiveFromSequence":9'));
    expect(verifyKeyRotation(changed, rotation.signature, oldKey.publicKey)).toEqual({ ok: false, error: { code: 'ROTATION_BAD_SIGNATURE' } });
  });

  it('refuses a rotation to the same key', async () => {
    expect(createKeyRotation({ unit: UNIT, newKey: oldKey.publicKey, effectiveFromSequence: 3, date: '2026-03-01' }, oldKey)).toMatchObject({
      ok: false,
      error: { code: 'ROTATION_INVALID', params: { reason: 'same-key' } },
    });
  });

  it('travels as a record of a bundle and comes back byte for byte', async () => {
    const back = rotationFromRecord(rotationRecord(rotation));
    expect(back).toEqual({ bytes: rotation.bytes, signature: rotation.signature });
  });

  it('moves trust: the old key signs only the bundles before, the new key those from the stated sequence on', async () => {
    const verified = verifyKeyRotation(rotation.bytes, rotation.signature, oldKey.publicKey);
    if (!verified.ok) throw new Error('verify');
    const trusted = applyKeyRotation([trust(oldKey)], verified.value);
    if (!trusted.ok) throw new Error('apply');
    const old = await chain(3, oldKey);
    const newThird = await build(sampleInput({ sequence: 3, previousBundleHash: old[1]!.manifestHash }), newKey);
    const opts = { trustedKeys: trusted.value, expectedUnit: { code: UNIT.code } };
    expect((await verifyBundle(old[1]!.bytes, opts)).ok).toBe(true);
    expect(await verifyBundle(old[2]!.bytes, opts)).toMatchObject({ ok: false, error: { code: 'BUNDLE_KEY_NOT_VALID' } });
    expect((await verifyBundle(newThird.bytes, { ...opts, lastAccepted: { sequence: 2, manifestHash: old[1]!.manifestHash } })).ok).toBe(true);
  });

  it('refuses to apply a rotation of a key that is not trusted', async () => {
    const verified = verifyKeyRotation(rotation.bytes, rotation.signature, oldKey.publicKey);
    if (!verified.ok) throw new Error('verify');
    expect(applyKeyRotation([trust(fixedKey('ed25519', 8))], verified.value)).toMatchObject({ ok: false, error: { code: 'ROTATION_WRONG_KEY' } });
  });
});
