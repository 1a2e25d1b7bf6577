import type { Api } from '../../renderer/api';

/**
 * The shell's file channels (file:saveBegin … file:close) over an in-memory "removable medium":
 * saved files land in `files` under `/media/usb/<name>` only when committed (a partial file is
 * dropped on abort or failure, as main does); `capacity` makes the medium full (DISK_FULL);
 * `openNext` names the file the next open "dialog" picks (null: cancelled).
 */
export interface FakeMedium {
  files: Map<string, Uint8Array>;
  capacity: number;
  openNext: string | null;
  /** Set to false to make the next save dialog be cancelled. */
  saveAccepted: boolean;
}

type FileApi = Pick<Api, 'fileSaveBegin' | 'fileSaveAppend' | 'fileSaveCommit' | 'fileSaveAbort' | 'fileOpen' | 'fileRead' | 'fileClose'>;

export function fakeFileChannels(medium: FakeMedium = newMedium()): FileApi & { medium: FakeMedium } {
  const writing = new Map<string, { path: string; parts: Uint8Array[]; bytes: number }>();
  const reading = new Map<string, Uint8Array>();
  let n = 0;
  const handle = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const used = () => [...medium.files.values()].reduce((s, f) => s + f.length, 0) + [...writing.values()].reduce((s, w) => s + w.bytes, 0);
  return {
    medium,
    async fileSaveBegin({ fileName }) {
      if (!medium.saveAccepted) return { ok: true, started: false };
      const h = handle();
      writing.set(h, { path: `/media/usb/${fileName}`, parts: [], bytes: 0 });
      return { ok: true, started: true, handle: h, path: `/media/usb/${fileName}` };
    },
    async fileSaveAppend({ handle: h, data }) {
      const w = writing.get(h);
      if (!w) return { ok: false, code: 'NO_SUCH_HANDLE' };
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      if (used() + bytes.length > medium.capacity) {
        writing.delete(h);
        return { ok: false, code: 'DISK_FULL', reason: 'ENOSPC: no space left on device, write' };
      }
      w.parts.push(bytes);
      w.bytes += bytes.length;
      return { ok: true, bytes: w.bytes };
    },
    async fileSaveCommit({ handle: h }) {
      const w = writing.get(h);
      if (!w) return { ok: false, code: 'NO_SUCH_HANDLE' };
      writing.delete(h);
      const all = new Uint8Array(w.bytes);
      let at = 0;
      for (const p of w.parts) {
        all.set(p, at);
        at += p.length;
      }
      medium.files.set(w.path, all);
      return { ok: true, path: w.path, bytes: w.bytes };
    },
    async fileSaveAbort({ handle: h }) {
      writing.delete(h);
      return { ok: true };
    },
    async fileOpen() {
      const path = medium.openNext;
      const file = path === null ? undefined : medium.files.get(path);
      if (path === null || !file) return { ok: true, opened: false };
      const h = handle();
      reading.set(h, file);
      return { ok: true, opened: true, handle: h, path, name: path.split('/').pop() ?? path, size: file.length };
    },
    async fileRead({ handle: h, offset, length }) {
      const file = reading.get(h);
      if (!file) return { ok: false, code: 'NO_SUCH_HANDLE' };
      let s = '';
      for (const b of file.subarray(offset, offset + length)) s += String.fromCharCode(b);
      return { ok: true, data: btoa(s) };
    },
    async fileClose({ handle: h }) {
      reading.delete(h);
      return { ok: true };
    },
  };
}

export function newMedium(capacity = Number.MAX_SAFE_INTEGER): FakeMedium {
  return { files: new Map(), capacity, openNext: null, saveAccepted: true };
}
