import { fromUtf8, utf8 } from '../bytes';
import type { Cipher } from '../cipher';

/**
 * The benchmark's "plain Dexie" side (docs/performance.md): the Cipher's interface with no
 * cryptography — `seal` is the JSON bytes (`sealJson` the bytes given), `open` parses them, `blind` is the value itself — so the
 * very same repositories and row codec run over an unencrypted database with the same data, and
 * the difference between the two runs is the encryption alone. Never used by the app.
 */
export function plainCipher(): Cipher {
  const plain = {
    async seal(_table: string, _id: string, value: unknown): Promise<Uint8Array<ArrayBuffer>> {
      return utf8.encode(JSON.stringify(value)) as Uint8Array<ArrayBuffer>;
    },
    async sealJson(_table: string, _id: string, json: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
      return json;
    },
    async open<T>(_table: string, _id: string, sealed: Uint8Array): Promise<T> {
      return JSON.parse(fromUtf8.decode(sealed)) as T;
    },
    async blind(kind: string, value: string): Promise<string> {
      return `${kind}:${value}`;
    },
    async fileKey(): Promise<CryptoKey> {
      throw new Error('plainCipher: no file keys');
    },
  };
  return plain satisfies Record<keyof Cipher, unknown> as unknown as Cipher;
}
