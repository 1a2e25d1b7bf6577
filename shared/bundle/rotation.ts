import { z } from 'zod';
import { canonicalJson } from '../canonicalJson';
import { ok, refuse, type Result } from '../result';
import {
  fingerprint,
  fromBase64,
  parsePublicKeySpki,
  publicKeySpki,
  samePublicKey,
  sign,
  toBase64,
  verifySignature,
  type PublicKey,
  type SigningKey,
} from './keys';
import type { BundleRecord } from './content';
import type { TrustedKey } from './verify';

/**
 * Key rotation statement (密钥更换声明): a small canonical JSON document naming the new public key,
 * signed by the OLD key, so that whoever trusts the old key can move to the new one without a new
 * registration visit. Bundles from `effectiveFromSequence` on are signed by the new key; the old
 * key stays valid only for the bundles before. Like manifest.json, the signature covers the exact
 * bytes (canonical JSON + newline), so openssl can check it too.
 */

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const rotationSchema = z.strictObject({
  formatVersion: z.literal(1),
  type: z.literal('key-rotation'),
  unit: z.strictObject({ code: z.string().min(1).max(64), name: z.string().min(1).max(200) }),
  oldKeyFingerprint: hex64,
  newKey: z.strictObject({
    algorithm: z.enum(['ed25519', 'sm2-sm3']),
    /** SubjectPublicKeyInfo DER, base64. */
    spki: z.string().min(1).max(1024),
    fingerprint: hex64,
  }),
  effectiveFromSequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
});

export type KeyRotationStatement = z.infer<typeof rotationSchema>;

export interface SignedRotation {
  statement: KeyRotationStatement;
  /** The exact signed bytes. */
  bytes: Uint8Array;
  /** Detached signature by the old key (Ed25519 raw 64 bytes, or SM2 DER). */
  signature: Uint8Array;
}

export interface RotationInput {
  unit: { code: string; name: string };
  newKey: PublicKey;
  effectiveFromSequence: number;
  /** Local date of the statement, passed in. */
  date: string;
}

export function createKeyRotation(input: RotationInput, oldKey: SigningKey): Result<SignedRotation> {
  if (samePublicKey(input.newKey, oldKey.publicKey)) return refuse('ROTATION_INVALID', { reason: 'same-key' });
  const parsed = rotationSchema.safeParse({
    formatVersion: 1,
    type: 'key-rotation',
    unit: { code: input.unit.code, name: input.unit.name },
    oldKeyFingerprint: fingerprint(oldKey.publicKey),
    newKey: { algorithm: input.newKey.algorithm, spki: toBase64(publicKeySpki(input.newKey)), fingerprint: fingerprint(input.newKey) },
    effectiveFromSequence: input.effectiveFromSequence,
    date: input.date,
  });
  if (!parsed.success) return refuse('ROTATION_INVALID', { reason: 'schema', field: parsed.error.issues[0]?.path.join('.') ?? '' });
  const bytes = new TextEncoder().encode(`${canonicalJson(parsed.data)}\n`);
  return ok({ statement: parsed.data, bytes, signature: sign(oldKey, bytes) });
}

/**
 * Checks a statement against the old key the receiver trusts. Refusals: ROTATION_INVALID (reason),
 * ROTATION_WRONG_KEY (the statement is about another key), ROTATION_BAD_SIGNATURE.
 */
export function verifyKeyRotation(
  bytes: Uint8Array,
  signature: Uint8Array,
  oldKey: PublicKey,
): Result<{ statement: KeyRotationStatement; newKey: PublicKey }> {
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    value = JSON.parse(text);
  } catch {
    return refuse('ROTATION_INVALID', { reason: 'not-json' });
  }
  const parsed = rotationSchema.safeParse(value);
  if (!parsed.success) return refuse('ROTATION_INVALID', { reason: 'schema', field: parsed.error.issues[0]?.path.join('.') ?? '' });
  if (`${canonicalJson(value)}\n` !== text) return refuse('ROTATION_INVALID', { reason: 'not-canonical' });
  const s = parsed.data;
  if (s.oldKeyFingerprint !== fingerprint(oldKey)) return refuse('ROTATION_WRONG_KEY', { fingerprint: s.oldKeyFingerprint });
  if (!verifySignature(oldKey, bytes, signature)) return refuse('ROTATION_BAD_SIGNATURE');
  const spki = fromBase64(s.newKey.spki);
  const newKey = spki ? parsePublicKeySpki(spki) : refuse('ROTATION_INVALID', { reason: 'new-key' });
  if (!newKey.ok) return refuse('ROTATION_INVALID', { reason: 'new-key' });
  if (newKey.value.algorithm !== s.newKey.algorithm || fingerprint(newKey.value) !== s.newKey.fingerprint) {
    return refuse('ROTATION_INVALID', { reason: 'new-key' });
  }
  if (samePublicKey(newKey.value, oldKey)) return refuse('ROTATION_INVALID', { reason: 'same-key' });
  return ok({ statement: s, newKey: newKey.value });
}

/**
 * The trust list after a verified rotation: the old key signs only bundles before
 * effectiveFromSequence, the new key those from it on, for the same unit. Refuses
 * ROTATION_WRONG_KEY when the old key is not in the list.
 */
export function applyKeyRotation(
  trusted: readonly TrustedKey[],
  rotation: { statement: KeyRotationStatement; newKey: PublicKey },
): Result<TrustedKey[]> {
  const { statement, newKey } = rotation;
  const index = trusted.findIndex((k) => fingerprint(k.publicKey) === statement.oldKeyFingerprint);
  if (index < 0) return refuse('ROTATION_WRONG_KEY', { fingerprint: statement.oldKeyFingerprint });
  const oldUnit = trusted[index]?.unitCode;
  if (oldUnit !== undefined && oldUnit !== statement.unit.code) return refuse('ROTATION_INVALID', { reason: 'unit' });
  const out = trusted.map((k, i) => (i === index ? { ...k, validUntilSequence: statement.effectiveFromSequence - 1 } : k));
  out.push({ publicKey: newKey, unitCode: statement.unit.code, validFromSequence: statement.effectiveFromSequence });
  return ok(out);
}

/** The statement as a record of a bundle's `key-rotation` content file. */
export function rotationRecord(r: Pick<SignedRotation, 'statement' | 'bytes' | 'signature'>): BundleRecord {
  return {
    id: `key-rotation-${String(r.statement.effectiveFromSequence).padStart(10, '0')}`,
    statement: new TextDecoder().decode(r.bytes),
    signature: toBase64(r.signature),
  };
}

/** The signed bytes and signature back from such a record (then verifyKeyRotation), or null. */
export function rotationFromRecord(record: BundleRecord): { bytes: Uint8Array; signature: Uint8Array } | null {
  if (typeof record.statement !== 'string' || typeof record.signature !== 'string') return null;
  const signature = fromBase64(record.signature);
  return signature ? { bytes: new TextEncoder().encode(record.statement), signature } : null;
}
