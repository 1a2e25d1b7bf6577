import { z } from 'zod';
import {
  fingerprint,
  fromBase64,
  generateSigningKey,
  parsePublicKeySpki,
  publicKeySpki,
  signingKeyFromSecret,
  toBase64,
  type PublicKey,
  type SignatureAlgorithm,
  type SigningKey,
} from '../bundle/keys';
import { createKeyRotation, rotationRecord } from '../bundle/rotation';
import type { BundleRecord } from '../bundle/content';
import type { TrustedKey } from '../bundle/verify';
import { ok, refuse, type Result } from '../result';

/**
 * This office's signing keys (签名密钥) as the store keeps them — inside one encrypted settings
 * record, never in the clear — and the keys it trusts (the bureau's, or each unit's). Pure: the
 * randomness and the time are passed in.
 *
 * Rotation (密钥更换): the new key is made at once but waits as `pending`, together with the
 * statement the current key signed; the next bundle is still signed by the current key and carries
 * the statement (content `key-rotation`), naming the following sequence number as the first the new
 * key signs. When that bundle is written, the new key becomes the current one. So the receiver
 * learns of the new key from a bundle signed by a key it already trusts.
 */

const algorithm = z.enum(['ed25519', 'sm2-sm3']);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const storedKeySchema = z.strictObject({
  algorithm,
  /** The private key (Ed25519 seed or SM2 scalar), base64. Only ever inside the encrypted record. */
  secret: z.string().min(1).max(200),
  fingerprint: hex64,
  createdAt: z.string(),
});
export type StoredKey = z.infer<typeof storedKeySchema>;

export const keyringSchema = z.strictObject({
  current: storedKeySchema,
  pending: z
    .strictObject({
      key: storedKeySchema,
      /** The signed statement, as it travels in the bundle (`rotationRecord`). */
      record: z.strictObject({ id: z.string(), statement: z.string(), signature: z.string() }),
      effectiveFromSequence: z.number().int().min(2),
      requestedAt: z.string(),
    })
    .nullable(),
  /** Keys no longer used, newest last: the fingerprints stay on record (the key material does not). */
  retired: z.array(z.strictObject({ algorithm, fingerprint: hex64, createdAt: z.string(), retiredAt: z.string(), lastSequence: z.number().int().min(0) })),
});
export type Keyring = z.infer<typeof keyringSchema>;

export function storedKey(key: SigningKey, createdAt: string): StoredKey {
  return { algorithm: key.algorithm, secret: toBase64(key.secret), fingerprint: fingerprint(key.publicKey), createdAt };
}

/** The key pair back from the stored record (the store decrypted it). */
export function signingKeyOf(k: StoredKey): SigningKey {
  const secret = fromBase64(k.secret);
  if (!secret) throw new Error('stored signing key is not base64');
  const key = signingKeyFromSecret(k.algorithm, secret);
  if (fingerprint(key.publicKey) !== k.fingerprint) throw new Error('stored signing key does not match its fingerprint');
  return key;
}

export function newKeyring(algorithmName: SignatureAlgorithm, random: Uint8Array, at: string): Keyring {
  return { current: storedKey(generateSigningKey(algorithmName, random), at), pending: null, retired: [] };
}

/**
 * Starts a rotation: a new key, and the statement signed by the current key that the bundle
 * `nextSequence` will carry (so the new key signs from `nextSequence + 1`). A rotation still
 * waiting is replaced. Refusals: ROTATION_INVALID (from createKeyRotation).
 */
export function startRotation(
  ring: Keyring,
  input: { algorithm: SignatureAlgorithm; random: Uint8Array; unit: { code: string; name: string }; nextSequence: number; date: string; at: string },
): Result<Keyring> {
  const newKey = generateSigningKey(input.algorithm, input.random);
  const signed = createKeyRotation(
    { unit: input.unit, newKey: newKey.publicKey, effectiveFromSequence: input.nextSequence + 1, date: input.date },
    signingKeyOf(ring.current),
  );
  if (!signed.ok) return signed;
  return ok({
    ...ring,
    pending: {
      key: storedKey(newKey, input.at),
      record: rotationRecord(signed.value) as { id: string; statement: string; signature: string },
      effectiveFromSequence: input.nextSequence + 1,
      requestedAt: input.at,
    },
  });
}

/** The records of the `key-rotation` content file of bundle `sequence` (empty unless a rotation waits for it). */
export function rotationRecordsFor(ring: Keyring, sequence: number): BundleRecord[] {
  return ring.pending && ring.pending.effectiveFromSequence === sequence + 1 ? [ring.pending.record] : [];
}

/** After bundle `sequence` was written: a rotation it carried takes effect. */
export function afterBundle(ring: Keyring, sequence: number, at: string): Keyring {
  if (!ring.pending || ring.pending.effectiveFromSequence !== sequence + 1) return ring;
  const old = ring.current;
  return {
    current: ring.pending.key,
    pending: null,
    retired: [...ring.retired, { algorithm: old.algorithm, fingerprint: old.fingerprint, createdAt: old.createdAt, retiredAt: at, lastSequence: sequence }],
  };
}

/**
 * A trusted public key as stored (the bureau's key a unit pinned, a unit's key the bureau
 * registered): SPKI DER in base64, with the sequence range a rotation set.
 */
export const trustedKeySchema = z.strictObject({
  algorithm,
  spki: z.string().min(1).max(1024),
  fingerprint: hex64,
  validFromSequence: z.number().int().min(1).optional(),
  validUntilSequence: z.number().int().min(0).optional(),
});
export type StoredTrustedKey = z.infer<typeof trustedKeySchema>;

export function storedTrustedKey(key: PublicKey, range: { validFromSequence?: number; validUntilSequence?: number } = {}): StoredTrustedKey {
  return { algorithm: key.algorithm, spki: toBase64(publicKeySpki(key)), fingerprint: fingerprint(key), ...range };
}

/** The stored keys as verifyBundle wants them; refuses KEY_INVALID when a stored key no longer parses. */
export function trustedKeysOf(stored: readonly StoredTrustedKey[], unitCode: string): Result<TrustedKey[]> {
  const out: TrustedKey[] = [];
  for (const s of stored) {
    const der = fromBase64(s.spki);
    const key = der ? parsePublicKeySpki(der) : refuse('KEY_INVALID', { algorithm: s.algorithm });
    if (!key.ok) return key;
    if (fingerprint(key.value) !== s.fingerprint) return refuse('KEY_INVALID', { algorithm: s.algorithm });
    out.push({
      publicKey: key.value,
      unitCode,
      ...(s.validFromSequence !== undefined ? { validFromSequence: s.validFromSequence } : {}),
      ...(s.validUntilSequence !== undefined ? { validUntilSequence: s.validUntilSequence } : {}),
    });
  }
  return ok(out);
}

export function storedTrustedKeys(keys: readonly TrustedKey[]): StoredTrustedKey[] {
  return keys.map((k) =>
    storedTrustedKey(k.publicKey, {
      ...(k.validFromSequence !== undefined ? { validFromSequence: k.validFromSequence } : {}),
      ...(k.validUntilSequence !== undefined ? { validUntilSequence: k.validUntilSequence } : {}),
    }),
  );
}
