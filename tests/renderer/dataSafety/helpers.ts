import Dexie from 'dexie';
import type { BackupFile, BackupFileSink } from '../../../renderer/db/dataSafety/api';
import { FileIoError } from '../../../renderer/db/dataSafety/api';
import type { EncryptedLedgerStore } from '../../../renderer/db/ledgerStore';
import { peopleTable } from '../../../renderer/db/ledgerAccess';
import { encodeRow } from '../../../shared/backup/rowCodec';
import type { Person } from '../../../shared/ledger/people';

/** A backup "medium" in memory: what was committed, and how many times each step ran. */
export interface MemoryMedium {
  files: Map<string, Uint8Array>;
  aborted: number;
  /** Makes the medium full after this many bytes (DISK_FULL from append). */
  capacity: number;
  /** Lets a test hold the writer between two appends. */
  beforeAppend?: () => Promise<void>;
}

export function memoryMedium(capacity = Number.MAX_SAFE_INTEGER): MemoryMedium {
  return { files: new Map(), aborted: 0, capacity };
}

export function sinkOn(medium: MemoryMedium): (fileName: string) => Promise<BackupFileSink> {
  return async (fileName) => {
    const parts: Uint8Array[] = [];
    let bytes = 0;
    const path = `/media/usb/${fileName}`;
    return {
      path,
      async append(chunk) {
        await medium.beforeAppend?.();
        if (bytes + chunk.length > medium.capacity) throw new FileIoError('DISK_FULL', 'ENOSPC: no space left on device');
        parts.push(chunk.slice());
        bytes += chunk.length;
      },
      async commit() {
        medium.files.set(path, concat(parts));
        return { path, bytes };
      },
      async abort() {
        medium.aborted += 1;
      },
    };
  };
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A backup file to restore from, reading from bytes (and counting reads). */
export function fileOf(bytes: Uint8Array, path = '/media/usb/ledger-backup.slbackup'): BackupFile & { closed: boolean } {
  const file = {
    name: path.split('/').pop() ?? path,
    path,
    size: bytes.length,
    closed: false,
    async read(offset: number, length: number) {
      return bytes.slice(offset, offset + length);
    },
    async close() {
      file.closed = true;
    },
  };
  return file;
}

/** The only file on the medium. */
export function onlyFile(medium: MemoryMedium): Uint8Array {
  const files = [...medium.files.values()];
  if (files.length !== 1 || !files[0]) throw new Error(`expected one file, found ${files.length}`);
  return files[0];
}

/**
 * Puts `n` people and a kept "PDF" of `pdfPieces` 1 MiB pieces into a signed-in store, through the
 * vault as the repositories do (one commit with its audit entry each).
 */
export async function fillStore(s: EncryptedLedgerStore, n: number, pdfPieces = 0): Promise<void> {
  const v = s.vault();
  if (!v.ok) throw new Error(v.error.code);
  const vault = v.value;
  const at = vault.now().toISOString();
  const people: Person[] = Array.from({ length: n }, (_, i) => ({
    id: `p-${String(i).padStart(6, '0')}`,
    name: `测试人员${i}`,
    department: '保密办',
    post: '保密员',
    clearance: 'core',
    status: 'active',
    createdAt: at,
    updatedAt: at,
  }) as unknown as Person);
  const rows = await Promise.all(people.map((p) => peopleTable.toRow(vault.cipher, p)));
  await vault.commit([vault.db.people], async () => {
    await vault.db.people.bulkAdd(rows.map((r) => ({ id: r.id, status: String(r.status), clearance: String(r.clearance), ct: r.ct })));
  }, [{ action: 'person.created', detail: { count: n } }]);
  if (pdfPieces > 0) {
    const id = 'pr-0001';
    const chunks: { printoutId: string; n: number; ct: Uint8Array<ArrayBuffer> }[] = [];
    for (let k = 0; k < pdfPieces; k++) {
      const data = new Uint8Array(1024 * 1024).map((_, j) => (j * 31 + k) & 0xff);
      let bin = '';
      for (let j = 0; j < data.length; j += 0x8000) bin += String.fromCharCode(...data.subarray(j, j + 0x8000));
      chunks.push({ printoutId: id, n: k, ct: await vault.cipher.seal('printoutChunks', `${id}/${k}`, { printoutId: id, n: k, data: btoa(bin) }) });
    }
    const printout = { id, at, kind: 'ledger', ct: await vault.cipher.seal('printouts', id, { id, at, kind: 'ledger', title: '台账', pages: 1 }) };
    await vault.commit([vault.db.printouts, vault.db.printoutChunks], async () => {
      await vault.db.printouts.add(printout);
      await vault.db.printoutChunks.bulkAdd(chunks);
    }, [{ action: 'print.document', detail: { printoutId: id } }]);
  }
}

/**
 * Every table of a database, as stored: each row as JSON with its bytes in base64, so that rows
 * are compared byte for byte (and quickly: a deep compare of megabyte arrays is slow).
 */
export async function dumpDatabase(name: string): Promise<Record<string, string[]>> {
  const db = new Dexie(name);
  await db.open();
  try {
    const out: Record<string, string[]> = {};
    for (const t of db.tables) out[t.name] = (await t.toArray()).map((r) => JSON.stringify(encodeRow(r)));
    return out;
  } finally {
    db.close();
  }
}

export async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').sort();
}

/**
 * A full disk: IndexedDB refuses a write with QuotaExceededError and aborts the
 * transaction. The fake below makes every add/put of fake-indexeddb throw it, as Chromium does when
 * the disk under the profile or the origin's quota is full.
 */
export function fullDisk() {
  type Fn = (...a: unknown[]) => unknown;
  const proto = (globalThis as unknown as { IDBObjectStore: { prototype: { add: Fn; put: Fn } } }).IDBObjectStore.prototype;
  const original = { add: proto.add, put: proto.put };
  let allowance = Number.POSITIVE_INFINITY;
  const guard = (fn: Fn) =>
    function (this: unknown, ...args: unknown[]) {
      if (allowance <= 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      allowance -= 1;
      return fn.apply(this, args);
    };
  proto.add = guard(original.add);
  proto.put = guard(original.put);
  return {
    /** Full now. */
    full: () => void (allowance = 0),
    /** Full after `n` more rows. */
    after: (n: number) => void (allowance = n),
    room: () => void (allowance = Number.POSITIVE_INFINITY),
    restore: () => {
      proto.add = original.add;
      proto.put = original.put;
    },
  };
}
