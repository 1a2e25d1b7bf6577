/**
 * Stored rows as JSON, for the backup file. Rows hold strings, numbers, booleans, null, arrays,
 * plain objects and byte arrays (the encrypted `ct`, wrapped keys): bytes become `{"$bytes": base64}`.
 * Anything JSON would silently change (undefined inside an array, NaN, a Date, a Map, another typed
 * array, an object that already has a `$bytes` key) is refused, so a backup never differs from the
 * store without saying so.
 */
export class RowCodecError extends Error {
  override name = 'RowCodecError';
}

const BYTES_KEY = '$bytes';
const MAX_DEPTH = 64;

export function encodeRow(value: unknown): unknown {
  return encode(value, 0);
}

export function decodeRow(value: unknown): unknown {
  return decode(value, 0);
}

function encode(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new RowCodecError('nested too deeply');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RowCodecError('non-finite number');
    return value;
  }
  if (value instanceof Uint8Array) return { [BYTES_KEY]: bytesToBase64(value) };
  if (Array.isArray(value)) {
    return value.map((v) => {
      if (v === undefined) throw new RowCodecError('undefined in an array');
      return encode(v, depth + 1);
    });
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === BYTES_KEY) throw new RowCodecError(`an object with a ${BYTES_KEY} key`);
      // A missing optional field is stored as absent, as IndexedDB itself does with undefined.
      if (v !== undefined) out[k] = encode(v, depth + 1);
    }
    return out;
  }
  throw new RowCodecError(`unsupported value: ${Object.prototype.toString.call(value)}`);
}

function decode(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new RowCodecError('nested too deeply');
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => decode(v, depth + 1));
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === BYTES_KEY) {
    const b64 = obj[BYTES_KEY];
    if (typeof b64 !== 'string') throw new RowCodecError('malformed bytes');
    return base64ToBytes(b64);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decode(obj[k], depth + 1);
  return out;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const B64_CHUNK = 0x8000;

/**
 * The engine's own base64 (Uint8Array.prototype.toBase64 / Uint8Array.fromBase64: Chromium and
 * Electron have them; Node 20, where the unit tests run, does not). Same standard base64 with
 * padding either way; a backup spends a fifth of its time here without them (docs/performance.md).
 */
const nativeToBase64 = (Uint8Array.prototype as { toBase64?: (this: Uint8Array) => string }).toBase64;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;

export function bytesToBase64(bytes: Uint8Array): string {
  if (typeof nativeToBase64 === 'function') return nativeToBase64.call(bytes);
  let s = '';
  for (let i = 0; i < bytes.length; i += B64_CHUNK) {
    // apply takes the typed array as it is; a spread would walk it through an iterator.
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + B64_CHUNK) as unknown as number[]);
  }
  return btoa(s);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  if (b64.length % 4 !== 0 || !BASE64.test(b64)) throw new RowCodecError('malformed base64');
  if (typeof nativeFromBase64 === 'function') return nativeFromBase64(b64);
  const s = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
