import { DEFAULT_BUNDLE_LIMITS } from '../../../shared/bundle/verify';
import { ok, refuse, type Result } from '../../../shared/result';
import type { Api } from '../../api';

/**
 * Bundles and public keys through the shell's file channels (shared/ipc/fileContract.ts): the
 * renderer proposes a file name and main asks where (a save dialog; the stand-in's export folder).
 * Bytes cross as base64 in pieces of a few MiB.
 */
const PIECE = 4 * 1024 * 1024;
/** A PEM public key is a few hundred bytes; anything much larger is not one. */
export const MAX_PEM_BYTES = 16 * 1024;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

type Failed = { ok: false; code: string; reason?: string };
const failed = (f: Failed): Result<never> => refuse(`FILE_${f.code}`, f.reason ? { reason: f.reason } : undefined);

export interface SavedFile {
  /** Where main said it would write (recorded in the log before the file gets its name). */
  path: string;
  /** Where the file is now (the stand-in never replaces a file: it may have taken `name-2`). */
  finalPath: string;
}

/**
 * Writes `bytes` under `fileName`: begin, append, then `beforeName` (the store records the bundle),
 * and only if that succeeds the file gets its name; otherwise the partial file is removed.
 * `null` when the person cancelled the dialog.
 */
export async function saveFile<T>(
  api: Api,
  purpose: 'bundle' | 'publicKey',
  fileName: string,
  bytes: Uint8Array,
  beforeName: (path: string) => Promise<Result<T>>,
  onProgress?: (done: number, total: number) => void,
): Promise<Result<{ saved: SavedFile; value: T } | null>> {
  const begun = await api.fileSaveBegin({ purpose, fileName });
  if (!begun.ok) return failed(begun);
  if (!begun.started) return ok(null);
  const { handle, path } = begun;
  try {
    for (let at = 0; at < bytes.length; at += PIECE) {
      const r = await api.fileSaveAppend({ handle, data: toBase64(bytes.subarray(at, at + PIECE)) });
      if (!r.ok) return failed(r);
      onProgress?.(Math.min(bytes.length, at + PIECE), bytes.length);
    }
    const recorded = await beforeName(path);
    if (!recorded.ok) {
      await api.fileSaveAbort({ handle });
      return recorded;
    }
    const done = await api.fileSaveCommit({ handle });
    if (!done.ok) return failed(done);
    return ok({ saved: { path, finalPath: done.path }, value: recorded.value });
  } catch (e) {
    await api.fileSaveAbort({ handle }).catch(() => undefined);
    throw e;
  }
}

export interface OpenedFile {
  bytes: Uint8Array;
  name: string;
  path: string;
}

/**
 * Reads a whole file the person chooses; refuses (FILE_TOO_LARGE) one over `maxBytes` before
 * reading it. `null` when the person cancelled.
 */
export async function openFile(
  api: Api,
  purpose: 'bundle' | 'publicKey',
  maxBytes = purpose === 'bundle' ? DEFAULT_BUNDLE_LIMITS.maxArchiveBytes : MAX_PEM_BYTES,
  onProgress?: (done: number, total: number) => void,
): Promise<Result<OpenedFile | null>> {
  const opened = await api.fileOpen({ purpose });
  if (!opened.ok) return failed(opened);
  if (!opened.opened) return ok(null);
  const { handle, size } = opened;
  try {
    if (size > maxBytes) return refuse('FILE_TOO_LARGE', { size, limit: maxBytes });
    const out = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const r = await api.fileRead({ handle, offset: at, length: Math.min(PIECE, size - at) });
      if (!r.ok) return failed(r);
      const piece = fromBase64(r.data);
      if (piece.length === 0) break;
      out.set(piece.subarray(0, size - at), at);
      at += piece.length;
      onProgress?.(Math.min(at, size), size);
    }
    // A file that shrank while it was read comes back as it was read: the bundle reader says it is truncated.
    return ok({ bytes: at < size ? out.subarray(0, at) : out, name: opened.name, path: opened.path });
  } finally {
    await api.fileClose({ handle });
  }
}

export function textOf(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
