import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import { equalBytes } from '@noble/curves/utils.js';
import { assertNever, ok, refuse, type Result } from '../result';
import { isValidSm2PublicKey, SM2_KEY_RANDOM_BYTES, sm2PrivateKeyFromRandom, sm2PublicKey, sm2Sign, sm2Verify } from './sm2';

/**
 * Signing keys for bundles (签名密钥): Ed25519 by default, SM2 with SM3 (国密) as the alternative.
 * Keys are created from randomness the caller passes in; the private key is plain bytes here and the
 * caller (the store) keeps it only encrypted. Public keys travel as SPKI (DER, or PEM for openssl);
 * the fingerprint (公钥指纹) the bureau registers is SHA-256 of the SPKI DER.
 */

export type SignatureAlgorithm = 'ed25519' | 'sm2-sm3';
export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = ['ed25519', 'sm2-sm3'];

export interface PublicKey {
  algorithm: SignatureAlgorithm;
  /** Ed25519: the 32-byte key. SM2: the uncompressed point 0x04 ‖ X ‖ Y (65 bytes). */
  raw: Uint8Array;
}

export interface SigningKey {
  algorithm: SignatureAlgorithm;
  /** 32 bytes: the Ed25519 seed, or the SM2 scalar d. Never stored or shown unencrypted. */
  secret: Uint8Array;
  publicKey: PublicKey;
}

/** How many random bytes `generateSigningKey` needs for each algorithm. */
export const KEY_RANDOM_BYTES: Record<SignatureAlgorithm, number> = { ed25519: 32, 'sm2-sm3': SM2_KEY_RANDOM_BYTES };

// SubjectPublicKeyInfo headers (RFC 8410 for Ed25519; id-ecPublicKey with the SM2 curve OID
// 1.2.156.10197.1.301 as OpenSSL writes it). Both keys have a fixed length, so a fixed header suffices.
const SPKI_PREFIX: Record<SignatureAlgorithm, Uint8Array> = {
  ed25519: hexToBytes('302a300506032b6570032100'),
  'sm2-sm3': hexToBytes('3059301306072a8648ce3d020106082a811ccf5501822d034200'),
};
const RAW_LENGTH: Record<SignatureAlgorithm, number> = { ed25519: 32, 'sm2-sm3': 65 };

export function generateSigningKey(algorithm: SignatureAlgorithm, random: Uint8Array): SigningKey {
  if (random.length !== KEY_RANDOM_BYTES[algorithm]) {
    throw new Error(`${algorithm} key generation needs ${KEY_RANDOM_BYTES[algorithm]} random bytes`);
  }
  const secret = algorithm === 'ed25519' ? Uint8Array.from(random) : sm2PrivateKeyFromRandom(random);
  return signingKeyFromSecret(algorithm, secret);
}

/** Rebuilds the key pair from the stored secret (after the store decrypted it). */
export function signingKeyFromSecret(algorithm: SignatureAlgorithm, secret: Uint8Array): SigningKey {
  const raw = algorithm === 'ed25519' ? ed25519.getPublicKey(secret) : sm2PublicKey(secret);
  return { algorithm, secret, publicKey: { algorithm, raw } };
}

export function sign(key: SigningKey, message: Uint8Array): Uint8Array {
  switch (key.algorithm) {
    case 'ed25519':
      return ed25519.sign(message, key.secret);
    case 'sm2-sm3':
      return sm2Sign(key.secret, key.publicKey.raw, message);
    default:
      return assertNever(key.algorithm);
  }
}

/** True only for a valid signature by `key` over exactly `message`. Never throws. */
export function verifySignature(key: PublicKey, message: Uint8Array, signature: Uint8Array): boolean {
  switch (key.algorithm) {
    case 'ed25519':
      if (signature.length !== 64) return false;
      try {
        // Strict RFC 8032 (no ZIP-215 leniency), the rule OpenSSL applies.
        return ed25519.verify(signature, message, key.raw, { zip215: false });
      } catch {
        return false;
      }
    case 'sm2-sm3':
      return sm2Verify(key.raw, message, signature);
    default:
      return assertNever(key.algorithm);
  }
}

export function publicKeySpki(key: PublicKey): Uint8Array {
  return concatBytes(SPKI_PREFIX[key.algorithm], key.raw);
}

/** SHA-256 of the SPKI DER, 64 lowercase hex digits: what manifests and trust lists carry. */
export function fingerprint(key: PublicKey): string {
  return bytesToHex(sha256(publicKeySpki(key)));
}

/** `3f9a 01c2 …`: 16 groups of 4 hex digits, as shown on screen and printed for the bureau. */
export function formatFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

export function parsePublicKeySpki(der: Uint8Array): Result<PublicKey> {
  for (const algorithm of SIGNATURE_ALGORITHMS) {
    const prefix = SPKI_PREFIX[algorithm];
    if (der.length !== prefix.length + RAW_LENGTH[algorithm]) continue;
    if (!equalBytes(der.subarray(0, prefix.length), prefix)) continue;
    const raw = Uint8Array.from(der.subarray(prefix.length));
    if (!isValidPublicKey(algorithm, raw)) return refuse('KEY_INVALID', { algorithm });
    return ok({ algorithm, raw });
  }
  return refuse('KEY_UNSUPPORTED');
}

function isValidPublicKey(algorithm: SignatureAlgorithm, raw: Uint8Array): boolean {
  switch (algorithm) {
    case 'ed25519':
      try {
        return ed25519.utils.isValidPublicKey(raw, false);
      } catch {
        return false;
      }
    case 'sm2-sm3':
      return isValidSm2PublicKey(raw);
    default:
      return assertNever(algorithm);
  }
}

// ---------------------------------------------------------------------------------------------
// PEM

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The public key as `-----BEGIN PUBLIC KEY-----` PEM, which `openssl pkeyutl -pubin` reads. */
export function publicKeyPem(key: PublicKey): string {
  const b64 = toBase64(publicKeySpki(key));
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** Reads a PEM public key as written by `publicKeyPem` or by `openssl pkey -pubout`. */
export function parsePublicKeyPem(pem: string): Result<PublicKey> {
  const m = /-----BEGIN PUBLIC KEY-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END PUBLIC KEY-----/.exec(pem);
  if (!m || m[1] === undefined) return refuse('KEY_NOT_PEM');
  const der = fromBase64(m[1].replace(/\r?\n/g, ''));
  if (!der) return refuse('KEY_NOT_PEM');
  return parsePublicKeySpki(der);
}

export function samePublicKey(a: PublicKey, b: PublicKey): boolean {
  return a.algorithm === b.algorithm && equalBytes(a.raw, b.raw);
}
