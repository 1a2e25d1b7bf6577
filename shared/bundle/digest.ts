import { sha256 } from '@noble/hashes/sha2.js';

/**
 * SHA-256 for the bundle's files, passed in by the caller. A full bundle hashes hundreds of
 * megabytes: WebCrypto's digest does that natively and off the main thread, where SHA-256 in
 * JavaScript took seconds. shared/ names no globals, so the renderer passes `crypto.subtle` and
 * the command line `globalThis.crypto.subtle` (Node's WebCrypto) to `subtleSha256`; both then run
 * the same verification code. The JavaScript one is the default (tests, small inputs).
 */
export type Sha256 = (bytes: Uint8Array) => Promise<Uint8Array>;

export const jsSha256: Sha256 = async (bytes) => sha256(bytes);

/** What `subtleSha256` needs of a SubtleCrypto. */
export interface DigestProvider {
  digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

export function subtleSha256(subtle: DigestProvider): Sha256 {
  return async (bytes) => new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 64 lowercase hex digits, the spelling `sha256sum` prints. */
export function hexOf(digest: Uint8Array): string {
  let s = '';
  for (const b of digest) s += HEX[b] as string;
  return s;
}

export async function sha256HexWith(hash: Sha256, bytes: Uint8Array): Promise<string> {
  return hexOf(await hash(bytes));
}
