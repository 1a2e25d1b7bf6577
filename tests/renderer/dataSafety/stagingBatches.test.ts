import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FRAME_IV_BYTES, frameAad, PREAMBLE_BYTES, readU32, u32 } from '../../../shared/backup/format';
import { readBackupStart, unlockBackup, type UnlockedBackup } from '../../../renderer/db/dataSafety/backupReader';
import { LedgerPointer } from '../../../renderer/db/dataSafety/pointer';
import { stagingBatch } from '../../../renderer/db/dataSafety/staging';
import type { EncryptedLedgerStore } from '../../../renderer/db/ledgerStore';
import { setUpStore, THREE_ADMINS } from '../storeFixtures';
import { concat, databaseNames, dumpDatabase, fileOf, fillStore, fullDisk, memoryMedium, onlyFile, sinkOn } from './helpers';

/**
 * The restore writes several frames per transaction (staging.ts), the next batch read while the
 * last is written. Here batches are made small (3 MB: two or three of the kept PDF's 1.4 MB frames)
 * so that a file spans several of them, and every refusal still leaves nothing behind.
 */
const SYSADMIN = { kind: 'password' as const, username: 'sysadmin', password: THREE_ADMINS.password };
const saved = { ...stagingBatch };
let disk: ReturnType<typeof fullDisk> | null = null;
beforeEach(() => {
  stagingBatch.bytes = 3 * 1024 * 1024;
});
afterEach(() => {
  Object.assign(stagingBatch, saved);
  disk?.restore();
  disk = null;
});

/** A store with people and a kept "PDF" of `pieces` 1 MiB pieces (one frame each), and its backup. */
async function storeWithBackup(pieces = 6) {
  const { s, dbName } = await setUpStore();
  await fillStore(s, 1500, pieces);
  const medium = memoryMedium();
  expect((await s.dataSafety.backup(sinkOn(medium))).ok).toBe(true);
  return { s, dbName, bytes: onlyFile(medium) };
}

/** Frames of a backup file: [start, end) of each, after the header. */
function frames(bytes: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  for (let at = PREAMBLE_BYTES + readU32(bytes, 12); at < bytes.length; at += 4 + readU32(bytes, at)) out.push([at, at + 4 + readU32(bytes, at)]);
  return out;
}

async function unlocked(bytes: Uint8Array): Promise<UnlockedBackup> {
  const start = await readBackupStart(fileOf(bytes));
  if (!start.ok) throw new Error(start.error.code);
  const u = await unlockBackup(start.value, SYSADMIN);
  if (!u.ok) throw new Error(u.error.code);
  return u.value;
}

interface RowsFrame {
  k: string;
  t: string;
  rows: unknown[];
}

/** The file with frame `index`'s content changed and sealed again with the file's key, as a forger holding it would. */
async function reseal(bytes: Uint8Array, index: number, change: (f: RowsFrame) => RowsFrame): Promise<Uint8Array> {
  const u = await unlocked(bytes);
  const all = frames(bytes);
  const [start, end] = all[index] as [number, number];
  const body = bytes.subarray(start + 4, end);
  const iv = body.slice(0, FRAME_IV_BYTES);
  const final = index === all.length - 1;
  const aad = new TextEncoder().encode(frameAad(u.fileId, index, final));
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, u.key, body.slice(FRAME_IV_BYTES));
  const changed = new TextEncoder().encode(JSON.stringify(change(JSON.parse(new TextDecoder().decode(plain)) as RowsFrame)));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, u.key, changed));
  return concat([bytes.subarray(0, start), u32(iv.length + ct.length), iv, ct, bytes.subarray(end)]);
}

/** The content of frame `index`. */
async function frameAt(bytes: Uint8Array, index: number): Promise<RowsFrame> {
  let out: RowsFrame | null = null;
  await reseal(bytes, index, (f) => (out = f));
  if (!out) throw new Error('no frame');
  return out;
}

/** Index of every frame of the kept PDF's pieces (one row each), in file order. */
async function pdfFrames(bytes: Uint8Array): Promise<number[]> {
  const out: number[] = [];
  for (let i = 1; i < frames(bytes).length - 1; i++) if ((await frameAt(bytes, i)).t === 'printoutChunks') out.push(i);
  return out;
}

async function restore(s: EncryptedLedgerStore, bytes: Uint8Array, onProgress?: (p: { stage: string; done: number }) => void, signal?: AbortSignal) {
  const opened = await s.dataSafety.openBackup(fileOf(bytes), SYSADMIN);
  if (!opened.ok) return opened;
  return s.dataSafety.restore(opened.value, onProgress, signal);
}

async function expectUntouched(dbName: string, before: Record<string, string[]>) {
  expect(await new LedgerPointer(dbName).read()).toEqual({ active: dbName, staging: null, retired: null });
  expect((await databaseNames()).filter((n) => n.startsWith(`${dbName}@`))).toEqual([]);
  const after = await dumpDatabase(dbName);
  for (const t of Object.keys(before)) if (t !== 'audit' && t !== 'settings') expect(after[t], t).toEqual(before[t]);
}

describe('a restore written several frames per transaction', () => {
  it('restores every row, with progress after each batch', async () => {
    const { s, dbName, bytes } = await storeWithBackup();
    const before = await dumpDatabase(dbName);
    const writing: number[] = [];
    const r = await restore(s, bytes, (p) => {
      if (p.stage === 'writing') writing.push(p.done);
    });
    expect(r).toMatchObject({ ok: true });
    // Several batches, each reported once it is written.
    expect(writing.length).toBeGreaterThan(2);
    expect(writing).toEqual([...writing].sort((a, b) => a - b));
    const active = (await new LedgerPointer(dbName).read()).active;
    const after = await dumpDatabase(active);
    for (const t of Object.keys(before)) if (t !== 'audit' && t !== 'settings') expect(after[t], t).toEqual(before[t]);
  });

  it('refuses a damaged frame after earlier batches were written, and leaves nothing', async () => {
    const { s, dbName, bytes } = await storeWithBackup();
    const before = await dumpDatabase(dbName);
    const pdf = await pdfFrames(bytes);
    const late = frames(bytes)[pdf[pdf.length - 2] as number] as [number, number];
    const flipped = bytes.slice();
    flipped[late[0] + 40] = (flipped[late[0] + 40] ?? 0) ^ 1;
    const written: number[] = [];
    expect(await restore(s, flipped, (p) => p.stage === 'writing' && written.push(p.done))).toMatchObject({ ok: false, error: { code: 'BACKUP_DAMAGED' } });
    expect(written.length).toBeGreaterThan(0);
    await expectUntouched(dbName, before);
  });

  it('refuses rows repeated in a later frame, in another batch or in the same one, and leaves nothing', async () => {
    const { s, dbName, bytes } = await storeWithBackup();
    const before = await dumpDatabase(dbName);
    const pdf = await pdfFrames(bytes);
    const first = await frameAt(bytes, pdf[0] as number);
    for (const target of [pdf[pdf.length - 1] as number, pdf[1] as number]) {
      const forged = await reseal(bytes, target, (f) => ({ ...f, rows: first.rows }));
      expect(await restore(s, forged), `frame ${target}`).toEqual({ ok: false, error: { code: 'BACKUP_DAMAGED', params: { where: 'printoutChunks' } } });
      await expectUntouched(dbName, before);
    }
  });

  it('stops with STORAGE_FULL when the disk fills in a later batch, and leaves nothing', async () => {
    const { s, dbName, bytes } = await storeWithBackup();
    const before = await dumpDatabase(dbName);
    const opened = await s.dataSafety.openBackup(fileOf(bytes), SYSADMIN);
    if (!opened.ok) throw new Error(opened.error.code);
    disk = fullDisk();
    disk.after(1505); // the people and a piece or two of the PDF fit
    expect(await s.dataSafety.restore(opened.value)).toEqual({ ok: false, error: { code: 'STORAGE_FULL' } });
    disk.room();
    expect((await databaseNames()).filter((n) => n.startsWith(`${dbName}@`))).toEqual([]);
    const after = await dumpDatabase(dbName);
    for (const t of Object.keys(before)) if (t !== 'audit' && t !== 'settings') expect(after[t], t).toEqual(before[t]);
  });

  it('is cancelled after the first batch and leaves nothing', async () => {
    const { s, dbName, bytes } = await storeWithBackup();
    const before = await dumpDatabase(dbName);
    const controller = new AbortController();
    const writing: number[] = [];
    const r = await restore(s, bytes, (p) => {
      if (p.stage !== 'writing') return;
      writing.push(p.done);
      controller.abort();
    }, controller.signal);
    expect(r).toEqual({ ok: false, error: { code: 'RESTORE_CANCELLED' } });
    expect(writing).toHaveLength(1);
    await expectUntouched(dbName, before);
  });
});
