import { sm2 } from 'sm-crypto-v2';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { bytesToNumberBE, concatBytes, createHmacDrbg, numberToBytesBE } from '@noble/curves/utils.js';
import { invert, mod } from '@noble/curves/abstract/modular.js';

/**
 * SM2 signatures with SM3 (国密, GB/T 32918.2, GM/T 0003.2) over the sm-crypto-v2 library, with two
 * things the library leaves open settled here:
 *
 * - The signer ID is the GM/T 0009-2012 §10 default `1234567812345678`. OpenSSL 3 uses an EMPTY ID
 *   unless told otherwise, so its command needs `-pkeyopt distid:1234567812345678`
 *   (docs/bundle-format.md; tests/unit/bundle/openssl.test.ts runs it).
 * - The nonce k is deterministic (RFC 6979 §3.2 HMAC-DRBG with SHA-256, seeded with d ‖ (e mod n),
 *   e = SM3(Z_A ‖ M)): no hidden randomness in shared/, and the same data signed with the same key
 *   gives the same bundle bytes, as with Ed25519.
 *
 * Signatures travel DER-encoded (SEQUENCE { INTEGER r, INTEGER s }), as OpenSSL writes and reads
 * them; the decoder is strict (minimal encoding, 1 ≤ r, s < n, no trailing bytes).
 */

/** GM/T 0009-2012 §10: the user ID when none is agreed. */
export const SM2_DEFAULT_ID = '1234567812345678';

/** Order of the SM2 base point (GB/T 32918.5). */
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

export const SM2_KEY_RANDOM_BYTES = 48;

const hex32 = (n: bigint): string => n.toString(16).padStart(64, '0');

/**
 * A private key d in [1, n-2] from 48 random bytes (the extra 16 bytes make the reduction's bias
 * negligible, 2^-128). n-2 and not n-1 because signing inverts 1+d.
 */
export function sm2PrivateKeyFromRandom(random: Uint8Array): Uint8Array {
  if (random.length !== SM2_KEY_RANDOM_BYTES) throw new Error(`SM2 key generation needs ${SM2_KEY_RANDOM_BYTES} random bytes`);
  const d = mod(bytesToNumberBE(random), N - 2n) + 1n;
  return numberToBytesBE(d, 32);
}

export function isValidSm2PrivateKey(d: Uint8Array): boolean {
  if (d.length !== 32) return false;
  const v = bytesToNumberBE(d);
  return v >= 1n && v <= N - 2n;
}

/** The public key as an uncompressed point, 0x04 ‖ X ‖ Y (65 bytes). */
export function sm2PublicKey(privateKey: Uint8Array): Uint8Array {
  if (!isValidSm2PrivateKey(privateKey)) throw new Error('invalid SM2 private key');
  return hexToBytes(sm2.getPublicKeyFromPrivateKey(bytesToHex(privateKey)));
}

/** True for a 65-byte uncompressed point on the SM2 curve. */
export function isValidSm2PublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 65 || publicKey[0] !== 0x04) return false;
  try {
    return sm2.verifyPublicKey(bytesToHex(publicKey));
  } catch {
    return false;
  }
}

interface Nonce {
  k: bigint;
  x1: bigint;
  r: bigint;
  s: bigint;
}

const hmacSha256 = (key: Uint8Array, msg: Uint8Array): Uint8Array => hmac(sha256, key, msg);
const drbg = createHmacDrbg<Nonce>(32, 32, hmacSha256);

/** Signs `message` (the whole message; Z_A and SM3 are applied here). Returns the DER signature. */
export function sm2Sign(privateKey: Uint8Array, publicKey: Uint8Array, message: Uint8Array): Uint8Array {
  if (!isValidSm2PrivateKey(privateKey)) throw new Error('invalid SM2 private key');
  const publicHex = bytesToHex(publicKey);
  const eHex = sm2.getHash(message, publicHex, SM2_DEFAULT_ID);
  const e = BigInt(`0x${eHex}`);
  const d = bytesToNumberBE(privateKey);
  const nonce = drbg(concatBytes(privateKey, numberToBytesBE(mod(e, N), 32)), (bytes) => {
    const k = bytesToNumberBE(bytes);
    if (k < 1n || k >= N) return undefined;
    const x1 = BigInt(`0x${sm2.getPublicKeyFromPrivateKey(hex32(k)).slice(2, 66)}`);
    const r = mod(e + x1, N);
    if (r === 0n || r + k === N) return undefined;
    const s = mod(invert(1n + d, N) * (k - r * d), N);
    if (s === 0n) return undefined;
    return { k, x1, r, s };
  });
  // The library computes the signature from our nonce; it must agree with ours (otherwise it would
  // have fallen back to its own random nonce, which shared/ must never use).
  const signatureHex = sm2.doSignature(hexToBytes(eHex), bytesToHex(privateKey), {
    pointPool: [{ k: nonce.k, x1: nonce.x1 }],
    der: false,
    hash: false,
  });
  if (signatureHex !== hex32(nonce.r) + hex32(nonce.s)) throw new Error('SM2: signer disagreement');
  return encodeDerSignature(nonce.r, nonce.s);
}

/** Verifies a DER signature over `message` with the default ID. Never throws. */
export function sm2Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const rs = decodeDerSignature(signature);
  if (!rs || !isValidSm2PublicKey(publicKey)) return false;
  try {
    return sm2.doVerifySignature(message, hex32(rs.r) + hex32(rs.s), bytesToHex(publicKey), {
      der: false,
      hash: true,
      userId: SM2_DEFAULT_ID,
    });
  } catch {
    return false;
  }
}

function derInteger(n: bigint): Uint8Array {
  const hex = n.toString(16);
  let bytes = hexToBytes(hex.length % 2 ? `0${hex}` : hex);
  if ((bytes[0] as number) & 0x80) bytes = concatBytes(new Uint8Array([0]), bytes);
  return concatBytes(new Uint8Array([0x02, bytes.length]), bytes);
}

export function encodeDerSignature(r: bigint, s: bigint): Uint8Array {
  const body = concatBytes(derInteger(r), derInteger(s));
  return concatBytes(new Uint8Array([0x30, body.length]), body);
}

/** Strict DER: one SEQUENCE of two minimal positive INTEGERs in [1, n-1], nothing after. */
export function decodeDerSignature(sig: Uint8Array): { r: bigint; s: bigint } | null {
  if (sig.length < 8 || sig[0] !== 0x30 || sig[1] !== sig.length - 2) return null;
  let at = 2;
  const ints: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    if (sig[at] !== 0x02) return null;
    const len = sig[at + 1] as number;
    if (len < 1 || len > 33 || at + 2 + len > sig.length) return null;
    const v = sig.subarray(at + 2, at + 2 + len);
    const first = v[0] as number;
    if (first & 0x80) return null; // negative
    if (first === 0 && (len === 1 || !((v[1] as number) & 0x80))) return null; // not minimal
    const n = bytesToNumberBE(v);
    if (n < 1n || n >= N) return null;
    ints.push(n);
    at += 2 + len;
  }
  if (at !== sig.length) return null;
  return { r: ints[0] as bigint, s: ints[1] as bigint };
}
