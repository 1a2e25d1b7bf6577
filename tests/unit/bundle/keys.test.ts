import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  fingerprint,
  formatFingerprint,
  generateSigningKey,
  parsePublicKeyPem,
  parsePublicKeySpki,
  publicKeyPem,
  publicKeySpki,
  sign,
  signingKeyFromSecret,
  verifySignature,
  SIGNATURE_ALGORITHMS,
} from '../../../shared/bundle/keys';
import { decodeDerSignature, encodeDerSignature } from '../../../shared/bundle/sm2';
import { fixedKey } from './fixtures';

const MSG = new TextEncoder().encode('{"formatVersion":1}\n');

describe.each(SIGNATURE_ALGORITHMS)('%s signing keys', (algorithm) => {
  const key = fixedKey(algorithm);

  it('signs and verifies a message', () => {
    expect(verifySignature(key.publicKey, MSG, sign(key, MSG))).toBe(true);
  });

  it('gives the same signature for the same message and key (no hidden randomness)', () => {
    expect(sign(key, MSG)).toEqual(sign(key, MSG));
  });

  it('rejects a signature over a changed message', () => {
    const changed = Uint8Array.from(MSG);
    changed[2] = (changed[2] as number) ^ 1;
    expect(verifySignature(key.publicKey, changed, sign(key, MSG))).toBe(false);
  });

  it('rejects a signature by another key', () => {
    expect(verifySignature(fixedKey(algorithm, 7).publicKey, MSG, sign(key, MSG))).toBe(false);
  });

  it('rejects a changed, truncated or empty signature without throwing', () => {
    const sig = sign(key, MSG);
    const flipped = Uint8Array.from(sig);
    flipped[sig.length - 1] = (flipped[sig.length - 1] as number) ^ 1;
    expect(verifySignature(key.publicKey, MSG, flipped)).toBe(false);
    expect(verifySignature(key.publicKey, MSG, sig.subarray(0, sig.length - 1))).toBe(false);
    expect(verifySignature(key.publicKey, MSG, new Uint8Array(0))).toBe(false);
  });

  it('rebuilds the same key pair from the stored secret', () => {
    expect(signingKeyFromSecret(algorithm, key.secret).publicKey).toEqual(key.publicKey);
  });

  it('round-trips the public key through PEM (SPKI)', () => {
    const pem = publicKeyPem(key.publicKey);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----\n$/);
    expect(parsePublicKeyPem(pem)).toEqual({ ok: true, value: key.publicKey });
    expect(parsePublicKeyPem(pem.replace(/\n/g, '\r\n'))).toEqual({ ok: true, value: key.publicKey });
  });

  it('fingerprints the key as SHA-256 of its SPKI DER, shown in 16 groups of 4', () => {
    const fp = fingerprint(key.publicKey);
    expect(fp).toBe(bytesToHex(sha256(publicKeySpki(key.publicKey))));
    expect(formatFingerprint(fp)).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
  });

  it('refuses key generation with the wrong amount of randomness', () => {
    expect(() => generateSigningKey(algorithm, new Uint8Array(16))).toThrow(/random bytes/);
  });
});

describe('Ed25519', () => {
  it('matches RFC 8032 test 1', () => {
    const key = signingKeyFromSecret('ed25519', hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
    expect(bytesToHex(key.publicKey.raw)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(bytesToHex(sign(key, new Uint8Array(0)))).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });
});

describe('SM2 signatures', () => {
  const key = fixedKey('sm2-sm3');
  const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

  it('are strict DER that round-trips', () => {
    const sig = sign(key, MSG);
    const rs = decodeDerSignature(sig);
    expect(rs).not.toBeNull();
    if (rs) expect(encodeDerSignature(rs.r, rs.s)).toEqual(sig);
  });

  it('refuse a non-minimal DER encoding of the same (r, s)', () => {
    const sig = sign(key, MSG);
    const rs = decodeDerSignature(sig);
    if (!rs) throw new Error('no signature');
    const r = hexToBytes(rs.r.toString(16).padStart(64, '0'));
    const s = hexToBytes(rs.s.toString(16).padStart(64, '0'));
    // r padded with two extra zero bytes: the same integer, not DER.
    const body = [0x02, r.length + 2, 0, 0, ...r, 0x02, s.length + 1, 0, ...s];
    const padded = new Uint8Array([0x30, body.length, ...body]);
    expect(decodeDerSignature(padded)).toBeNull();
    expect(verifySignature(key.publicKey, MSG, padded)).toBe(false);
  });

  it('refuse r or s outside [1, n-1]', () => {
    expect(decodeDerSignature(encodeDerSignature(N, 1n))).toBeNull();
    expect(decodeDerSignature(encodeDerSignature(1n, 0n))).toBeNull();
  });

  it('refuse trailing bytes after the signature', () => {
    const sig = sign(key, MSG);
    const extended = new Uint8Array([...sig, 0]);
    expect(verifySignature(key.publicKey, MSG, extended)).toBe(false);
  });
});

describe('public key parsing', () => {
  it('refuses text that is not a PEM public key', () => {
    expect(parsePublicKeyPem('hello')).toEqual({ ok: false, error: { code: 'KEY_NOT_PEM' } });
    expect(parsePublicKeyPem('-----BEGIN PUBLIC KEY-----\n@@@@\n-----END PUBLIC KEY-----\n')).toEqual({ ok: false, error: { code: 'KEY_NOT_PEM' } });
  });

  it('refuses other key types (a P-256 key)', () => {
    // SPKI of a NIST P-256 key (id-ecPublicKey, prime256v1): not a bundle signing key.
    const p256 = hexToBytes('3059301306072a8648ce3d020106082a8648ce3d030107034200' + '04' + '11'.repeat(64));
    expect(parsePublicKeySpki(p256)).toEqual({ ok: false, error: { code: 'KEY_UNSUPPORTED' } });
  });

  it('refuses an SM2 key that is not a point on the curve', () => {
    const bad = hexToBytes('3059301306072a8648ce3d020106082a811ccf5501822d034200' + '04' + '11'.repeat(64));
    expect(parsePublicKeySpki(bad)).toMatchObject({ ok: false, error: { code: 'KEY_INVALID' } });
  });
});
