import type { Api } from '../../api';
import { FileIoError, type BackupFile, type BackupFileSink } from '../../db/dataSafety/api';

/**
 * The shell's file channels (shared/ipc/fileContract.ts) as the store's sink and source. Bytes
 * cross the boundary as base64; writes are gathered into pieces of a few MiB so that a backup of
 * a large store is a few hundred calls, not one per frame.
 */
const WRITE_PIECE_BYTES = 4 * 1024 * 1024;

function toBase64(parts: Uint8Array[]): string {
  let s = '';
  for (const p of parts) {
    for (let i = 0; i < p.length; i += 0x8000) s += String.fromCharCode(...p.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

type Failed = { ok: false; code: string; reason?: string };
function check<T extends { ok: boolean }>(r: T | Failed): Exclude<T, Failed> {
  if (!r.ok) {
    const f = r as Failed;
    throw new FileIoError(f.code, f.reason);
  }
  return r as Exclude<T, Failed>;
}

/** Asks the shell where to save (a dialog); null when the person cancelled. */
export async function openBackupSink(api: Api, fileName: string): Promise<BackupFileSink | null> {
  const begun = check(await api.fileSaveBegin({ purpose: 'backup', fileName }));
  if (!begun.started) return null;
  const { handle, path } = begun;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = toBase64(pending);
    pending = [];
    pendingBytes = 0;
    check(await api.fileSaveAppend({ handle, data }));
  };
  return {
    path,
    async append(bytes) {
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= WRITE_PIECE_BYTES) await flush();
    },
    async commit() {
      await flush();
      const done = check(await api.fileSaveCommit({ handle }));
      return { path: done.path, bytes: done.bytes };
    },
    async abort() {
      pending = [];
      pendingBytes = 0;
      await api.fileSaveAbort({ handle });
    },
  };
}

/** Asks the shell which backup to open (a dialog); null when the person cancelled. */
export async function openBackupFile(api: Api): Promise<BackupFile | null> {
  const opened = check(await api.fileOpen({ purpose: 'backup' }));
  if (!opened.opened) return null;
  const { handle } = opened;
  return {
    name: opened.name,
    path: opened.path,
    size: opened.size,
    async read(offset, length) {
      return fromBase64(check(await api.fileRead({ handle, offset, length })).data);
    },
    async close() {
      await api.fileClose({ handle });
    },
  };
}
