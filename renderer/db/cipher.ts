import { fromUtf8, own, randomBytes, toHex, utf8, concatBytes } from './bytes';

/** A record whose authentication failed: changed on disk, moved, or not ours. Never returned as data. */
export class TamperError extends Error {
  constructor(
    readonly table: string,
    readonly id: string,
  ) {
    super(`record ${table}/${id} failed authentication`);
    this.name = 'TamperError';
  }
}

const IV_BYTES = 12;
const HKDF_SALT = utf8.encode('secrecy-ledger/v1');

/**
 * The session's keys, all non-extractable CryptoKeys derived from the master secret. Dropping the
 * object (lock) leaves nothing in memory that decrypts the store.
 */
export class Cipher {
  private constructor(
    private readonly enc: CryptoKey,
    private readonly blindKey: CryptoKey,
    /** The master secret as a non-extractable HKDF key: further keys (a backup file's) come from it. */
    private readonly base: CryptoKey,
  ) {}

  /** `master` is the unwrapped 32-byte secret; the caller zeroes it afterwards. */
  static async fromMaster(master: Uint8Array<ArrayBuffer>): Promise<Cipher> {
    const base = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveKey']);
    const enc = await crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info: utf8.encode('record-encryption') },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
    const blindKey = await crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info: utf8.encode('blind-index') },
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    );
    return new Cipher(enc, blindKey, base);
  }

  /**
   * The key of one backup file: HKDF-SHA-256 of the master secret with the file's random salt and
   * its own info string, so it is unrelated to the record key and differs from file to file.
   */
  async fileKey(salt: Uint8Array<ArrayBuffer>, info: string): Promise<CryptoKey> {
    return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: utf8.encode(info) }, this.base, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
  }

  /**
   * Encrypts `value` for the record `table/id`. The table and id are authenticated too, so a
   * ciphertext copied onto another record is detected.
   */
  async seal(table: string, id: string, value: unknown): Promise<Uint8Array<ArrayBuffer>> {
    return this.sealJson(table, id, utf8.encode(JSON.stringify(value)));
  }

  /**
   * As `seal`, for a value already written as UTF-8 JSON text (`open` parses it back): a caller
   * holding the JSON bytes — the bureau storing a bundle's canonical lines — need not parse and
   * serialise them again.
   */
  async sealJson(table: string, id: string, json: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    const iv = randomBytes(IV_BYTES);
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(`${table}/${id}`) }, this.enc, json);
    return concatBytes(iv, new Uint8Array(ct));
  }

  async open<T>(table: string, id: string, sealed: Uint8Array): Promise<T> {
    try {
      // WebCrypto copies what it is given, so a row's own bytes need no copy of ours first — unless
      // they are not a plain ArrayBuffer's (another realm's, a shared one): then a copy that is.
      const bytes = sealed.buffer instanceof ArrayBuffer ? (sealed as Uint8Array<ArrayBuffer>) : own(sealed);
      const pt = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: utf8.encode(`${table}/${id}`) },
        this.enc,
        bytes.subarray(IV_BYTES),
      );
      return JSON.parse(fromUtf8.decode(pt)) as T;
    } catch {
      throw new TamperError(table, id);
    }
  }

  /**
   * Blinded index value: equal inputs give equal tokens under this store's key, and the token
   * says nothing about the input without the key (keyed HMAC, truncated to 128 bits).
   */
  async blind(kind: string, value: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', this.blindKey, utf8.encode(`${kind}\u0000${value}`));
    return toHex(new Uint8Array(mac).subarray(0, 16));
  }
}

/** AES-GCM with a key-encryption key derived from a password: wraps the master secret. */
export async function wrapSecret(kek: Uint8Array<ArrayBuffer>, secret: Uint8Array<ArrayBuffer>, aad: string): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', kek, 'AES-GCM', false, ['encrypt']);
  const iv = randomBytes(IV_BYTES);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(aad) }, key, secret);
  return concatBytes(iv, new Uint8Array(ct));
}

/** Returns null when the password is wrong (or the slot was altered: the two cannot be told apart). */
export async function unwrapSecret(kek: Uint8Array<ArrayBuffer>, wrapped: Uint8Array, aad: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const key = await crypto.subtle.importKey('raw', kek, 'AES-GCM', false, ['decrypt']);
  const bytes = own(wrapped);
  try {
    const pt = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: utf8.encode(aad) },
      key,
      bytes.subarray(IV_BYTES),
    );
    return new Uint8Array(pt);
  } catch {
    return null;
  }
}
