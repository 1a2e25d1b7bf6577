import { concatBytes, fromUtf8, own, randomBytes, utf8 } from './bytes';

/**
 * Events that happen while the store is locked (failed sign-in, the network warning at start)
 * must be recorded without the data key. They are sealed to the store's own ECDH P-256 public
 * key — anyone can seal, only an unlocked session can open — and join the audit chain at the
 * next sign-in.
 */
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const IV_BYTES = 12;

export interface SealKeyPair {
  publicJwk: JsonWebKey;
  /** Exported once at set-up to be stored encrypted; never kept in the clear. */
  privateJwk: JsonWebKey;
}

export async function newSealKeyPair(): Promise<SealKeyPair> {
  const pair = await crypto.subtle.generateKey(ECDH, true, ['deriveKey']);
  return {
    publicJwk: await crypto.subtle.exportKey('jwk', pair.publicKey),
    privateJwk: await crypto.subtle.exportKey('jwk', pair.privateKey),
  };
}

export async function importSealPrivate(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, ECDH, false, ['deriveKey']);
}

async function sharedKey(priv: CryptoKey, pub: CryptoKey, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.deriveKey({ name: 'ECDH', public: pub }, priv, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

export interface SealedItem {
  ephemeral: Uint8Array;
  ct: Uint8Array;
}

export async function seal(publicJwk: JsonWebKey, value: unknown): Promise<SealedItem> {
  const recipient = await crypto.subtle.importKey('jwk', publicJwk, ECDH, false, []);
  const eph = await crypto.subtle.generateKey(ECDH, true, ['deriveKey']);
  const key = await sharedKey(eph.privateKey, recipient, 'encrypt');
  const iv = randomBytes(IV_BYTES);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, utf8.encode(JSON.stringify(value)));
  const ephemeral = new Uint8Array(await crypto.subtle.exportKey('raw', eph.publicKey));
  return { ephemeral, ct: concatBytes(iv, new Uint8Array(ct)) };
}

/** Returns null for an item that fails authentication (altered on disk). */
export async function unseal<T>(priv: CryptoKey, item: SealedItem): Promise<T | null> {
  try {
    const pub = await crypto.subtle.importKey('raw', own(item.ephemeral), ECDH, false, []);
    const key = await sharedKey(priv, pub, 'decrypt');
    const bytes = own(item.ct);
    const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES) }, key, bytes.subarray(IV_BYTES));
    return JSON.parse(fromUtf8.decode(pt)) as T;
  } catch {
    return null;
  }
}
