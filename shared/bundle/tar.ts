import { refuse, ok, type Result } from '../result';

/**
 * A deliberately small POSIX ustar writer and reader. The bundle is one uncompressed tar file so that
 * `tar -xf` anywhere can open it; we write and read it ourselves so that the bytes are deterministic
 * and so that every hostile shape (links, traversal, absurd sizes, truncation) is refused before any
 * content is used. The reader accepts only what the writer produces: regular files with safe
 * relative paths, in POSIX ustar headers, followed by the two zero blocks.
 */

export interface TarEntry {
  path: string;
  data: Uint8Array;
}

/** Limits applied while reading, before anything is copied or parsed. */
export interface TarLimits {
  /** The whole archive, in bytes (checked before parsing). */
  maxArchiveBytes: number;
  /** One entry's content, in bytes (checked on the header, before the content is touched). */
  maxEntryBytes: number;
  /** Sum of all entries' content, in bytes. */
  maxTotalBytes: number;
  /** Number of entries. */
  maxEntries: number;
}

const GiB = 1024 * 1024 * 1024;

export const DEFAULT_TAR_LIMITS: TarLimits = {
  maxArchiveBytes: 2 * GiB,
  maxEntryBytes: 2 * GiB,
  maxTotalBytes: 2 * GiB,
  maxEntries: 100_000,
};

const BLOCK = 512;
/** ustar stores sizes as 11 octal digits; we never need more (limits are far below 8 GiB). */
const MAX_OCTAL_SIZE = 0o77777777777;
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * A path both the writer and the reader accept: relative, '/'-separated, ASCII letters, digits and
 * `._-` only, no empty, `.` or `..` segment, at most 100 bytes (so it fits the ustar name field).
 * Backslashes, drive letters, absolute paths and traversal are thereby impossible.
 */
export function isSafeTarPath(path: string): boolean {
  if (path.length === 0 || path.length > 100) return false;
  return path.split('/').every((seg) => SAFE_SEGMENT.test(seg) && seg !== '.' && seg !== '..');
}

// ---------------------------------------------------------------------------------------------
// Writing

function putString(header: Uint8Array, offset: number, length: number, value: string): void {
  for (let i = 0; i < value.length && i < length; i++) header[offset + i] = value.charCodeAt(i) & 0xff;
}

/** `digits` octal digits followed by a NUL, as GNU and BSD tar write them. */
function putOctal(header: Uint8Array, offset: number, digits: number, value: number): void {
  putString(header, offset, digits + 1, value.toString(8).padStart(digits, '0') + '\0');
}

function headerFor(path: string, size: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  putString(h, 0, 100, path);
  putOctal(h, 100, 7, 0o644); // mode
  putOctal(h, 108, 7, 0); // uid
  putOctal(h, 116, 7, 0); // gid
  putOctal(h, 124, 11, size);
  putOctal(h, 136, 11, 0); // mtime: fixed, so the same content gives the same bytes
  h[156] = 0x30; // typeflag '0': regular file
  putString(h, 257, 6, 'ustar\0');
  putString(h, 263, 2, '00');
  putOctal(h, 329, 7, 0); // devmajor
  putOctal(h, 337, 7, 0); // devminor
  putString(h, 148, 8, '        ');
  putString(h, 148, 8, checksumOf(h).toString(8).padStart(6, '0') + '\0 ');
  return h;
}

function checksumOf(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  return sum;
}

const padded = (n: number): number => Math.ceil(n / BLOCK) * BLOCK;

/**
 * Writes entries as a ustar archive: sorted by path, mode 0644, uid/gid 0, mtime 0, no extended
 * headers, ending with two zero blocks. Throws on a path we would refuse to read or a duplicate:
 * that is a programming error, not user input.
 */
export function writeTar(entries: readonly TarEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let total = 2 * BLOCK;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i] as TarEntry;
    if (!isSafeTarPath(e.path)) throw new Error(`writeTar: unsafe path ${JSON.stringify(e.path)}`);
    if (i > 0 && (sorted[i - 1] as TarEntry).path === e.path) throw new Error(`writeTar: duplicate path ${e.path}`);
    if (e.data.length > MAX_OCTAL_SIZE) throw new Error(`writeTar: ${e.path} too large`);
    total += BLOCK + padded(e.data.length);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of sorted) {
    out.set(headerFor(e.path, e.data.length), at);
    out.set(e.data, at + BLOCK);
    at += BLOCK + padded(e.data.length);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading

function readString(h: Uint8Array, offset: number, length: number): string {
  let s = '';
  for (let i = offset; i < offset + length; i++) {
    const c = h[i] as number;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/** Strict octal: digits, then only NUL/space to the end of the field. Base-256 (GNU) is refused. */
function readOctal(h: Uint8Array, offset: number, length: number): number | null {
  let i = offset;
  const end = offset + length;
  while (i < end && h[i] === 0x20) i++; // leading spaces (old tars pad this way)
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = h[i] as number;
    if (c < 0x30 || c > 0x37) break;
    value = value * 8 + (c - 0x30);
    digits++;
  }
  for (; i < end; i++) if (h[i] !== 0 && h[i] !== 0x20) return null;
  return digits === 0 ? null : value;
}

function isZeroBlock(bytes: Uint8Array, at: number): boolean {
  for (let i = at; i < at + BLOCK; i++) if (bytes[i] !== 0) return false;
  return true;
}

function isZero(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * Reads a ustar archive into entries (views into `bytes`, nothing copied). Refusals:
 * BUNDLE_TOO_LARGE (archive, one entry or the total beyond the limits — checked on the headers
 * before any content is touched), BUNDLE_TOO_MANY_ENTRIES, BUNDLE_TRUNCATED, BUNDLE_CORRUPT
 * (bad checksum, malformed header field, not ustar, non-zero padding, data after the end), BUNDLE_UNSUPPORTED_ENTRY
 * (directories, links, devices, pax/GNU extension headers), BUNDLE_UNSAFE_PATH,
 * BUNDLE_DUPLICATE_ENTRY.
 */
export function readTar(bytes: Uint8Array, limits: TarLimits = DEFAULT_TAR_LIMITS): Result<TarEntry[]> {
  if (bytes.length > limits.maxArchiveBytes) {
    return refuse('BUNDLE_TOO_LARGE', { what: 'archive', size: bytes.length, limit: limits.maxArchiveBytes });
  }
  if (bytes.length === 0) return refuse('BUNDLE_TRUNCATED', { offset: 0 });
  if (bytes.length % BLOCK !== 0) return refuse('BUNDLE_TRUNCATED', { offset: bytes.length });
  const entries: TarEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let at = 0;
  for (;;) {
    if (at + BLOCK > bytes.length) return refuse('BUNDLE_TRUNCATED', { offset: at });
    if (isZeroBlock(bytes, at)) {
      // End of archive: a second zero block, then nothing but zeros (record padding).
      if (at + 2 * BLOCK > bytes.length) return refuse('BUNDLE_TRUNCATED', { offset: at + BLOCK });
      if (!isZeroBlock(bytes, at + BLOCK) || !isZero(bytes, at + 2 * BLOCK)) {
        return refuse('BUNDLE_CORRUPT', { reason: 'data-after-end', offset: at });
      }
      return ok(entries);
    }
    const h = bytes.subarray(at, at + BLOCK);
    // Exactly as written (6 octal digits, NUL, space): the checksum field is the one part of the
    // header its own sum does not cover, so any other spelling would let a byte change go unnoticed.
    const stored = h[154] === 0 && h[155] === 0x20 ? readOctal(h, 148, 6) : null;
    if (stored === null || stored !== checksumOf(h) || h[148] === 0x20) return refuse('BUNDLE_CORRUPT', { reason: 'checksum', offset: at });
    if (readString(h, 257, 6) !== 'ustar' || h[262] !== 0 || readString(h, 263, 2) !== '00') {
      return refuse('BUNDLE_CORRUPT', { reason: 'not-ustar', offset: at });
    }
    const prefix = readString(h, 345, 155);
    const name = readString(h, 0, 100);
    const path = prefix ? `${prefix}/${name}` : name;
    const type = h[156] as number;
    if (type !== 0x30 && type !== 0) {
      return refuse('BUNDLE_UNSUPPORTED_ENTRY', { path: printable(path), type: String.fromCharCode(type) });
    }
    if (!isSafeTarPath(path)) return refuse('BUNDLE_UNSAFE_PATH', { path: printable(path) });
    const size = readOctal(h, 124, 12);
    if (size === null) return refuse('BUNDLE_CORRUPT', { reason: 'size', offset: at });
    if (size > limits.maxEntryBytes) {
      return refuse('BUNDLE_TOO_LARGE', { what: 'entry', path, size, limit: limits.maxEntryBytes });
    }
    total += size;
    if (total > limits.maxTotalBytes) {
      return refuse('BUNDLE_TOO_LARGE', { what: 'total', size: total, limit: limits.maxTotalBytes });
    }
    if (entries.length + 1 > limits.maxEntries) return refuse('BUNDLE_TOO_MANY_ENTRIES', { limit: limits.maxEntries });
    if (seen.has(path)) return refuse('BUNDLE_DUPLICATE_ENTRY', { path });
    const start = at + BLOCK;
    if (start + padded(size) > bytes.length) return refuse('BUNDLE_TRUNCATED', { offset: bytes.length, path });
    // Padding must be zero, so that every byte of the file is either checked content or a checked header.
    if (!isZero(bytes.subarray(start + size, start + padded(size)), 0)) {
      return refuse('BUNDLE_CORRUPT', { reason: 'padding', offset: start + size });
    }
    seen.add(path);
    entries.push({ path, data: bytes.subarray(start, start + size) });
    at = start + padded(size);
  }
}

/** A path from a hostile header, made safe to show: control and non-ASCII bytes escaped. */
function printable(path: string): string {
  const json = JSON.stringify(path);
  return json.slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
