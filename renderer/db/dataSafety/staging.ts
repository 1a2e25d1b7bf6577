import Dexie from 'dexie';
import type { ManifestFrame } from '../../../shared/backup/format';
import { decodeRow, RowCodecError } from '../../../shared/backup/rowCodec';
import { ok, refuse, type Result } from '../../../shared/result';
import { isStorageFull, StorageFullError } from '../storageErrors';
import { readSizedFrames, type BackupSource, type UnlockedBackup } from './backupReader';

export interface StagingProgress {
  done: number;
  total: number;
  table: string;
}

/**
 * A batch is written once it holds this many rows or frame bytes (frames are about 1 MB each).
 * Mutable only so that tests can make batches of a few frames.
 */
export const stagingBatch = { rows: 20_000, bytes: 32 * 1024 * 1024 };

/** One frame's rows, decoded, waiting in a batch. */
interface Pending {
  table: string;
  rows: unknown[];
  keys: unknown[] | undefined;
}

/**
 * Writes a backup's rows, as they were stored, into a new database declared exactly as the
 * backed-up one was (its schema version and tables, from the manifest). Opening it afterwards with
 * the app's schema runs the same upgrades an old store gets. Frames are gathered into batches of
 * up to stagingBatch's rows or bytes, each written in one transaction while the next batch is
 * read and decrypted (at most one batch waits on IndexedDB). Nothing here touches the active
 * store. The caller deletes the database when this refuses or throws.
 */
export async function stageBackup(
  name: string,
  source: BackupSource,
  unlocked: UnlockedBackup,
  manifest: ManifestFrame,
  onProgress?: (p: StagingProgress) => void,
  signal?: AbortSignal,
): Promise<Result<{ counts: Record<string, number> }>> {
  const db = new Dexie(name);
  db.version(manifest.schemaVersion).stores(Object.fromEntries(manifest.tables.map((t) => [t.name, t.schema])));
  await db.open();
  const total = manifest.tables.reduce((n, t) => n + t.count, 0);
  let done = 0;
  let writing: Promise<Result<void>> | null = null;
  /** Waits for the batch being written; its refusal (or error) is this restore's. */
  const settle = async (): Promise<Result<void>> => {
    const w = writing;
    writing = null;
    return w ? await w : ok(undefined);
  };
  const write = (batch: Pending[]): Promise<Result<void>> => {
    const rows = batch.reduce((n, p) => n + p.rows.length, 0);
    const last = batch[batch.length - 1]?.table ?? '';
    return writeBatch(db, batch).then((r) => {
      if (r.ok) {
        done += rows;
        onProgress?.({ done, total: Math.max(total, done), table: last });
      }
      return r;
    });
  };
  try {
    let counts: Record<string, number> | null = null;
    let batch: Pending[] = [];
    let batchRows = 0;
    let batchBytes = 0;
    for await (const sized of readSizedFrames(source, unlocked)) {
      if (signal?.aborted) return refuse('RESTORE_CANCELLED');
      if (!sized.ok) return sized;
      const f = sized.value.frame;
      if (f.k === 'manifest') {
        // The file read now is the file previewed: same header (the key is bound to it), same manifest.
        if (JSON.stringify(f) !== JSON.stringify(manifest)) return refuse('BACKUP_DAMAGED', { where: 'frame 0' });
        continue;
      }
      if (f.k === 'end') {
        counts = f.counts;
        continue;
      }
      let rows: unknown[];
      let keys: unknown[] | undefined;
      try {
        rows = f.rows.map(decodeRow);
        keys = f.keys?.map(decodeRow);
      } catch (e) {
        if (e instanceof RowCodecError) return refuse('BACKUP_DAMAGED', { where: f.t });
        throw e;
      }
      batch.push({ table: f.t, rows, keys });
      batchRows += rows.length;
      batchBytes += sized.value.bytes;
      if (batchRows >= stagingBatch.rows || batchBytes >= stagingBatch.bytes) {
        const previous = await settle();
        if (!previous.ok) return previous;
        if (signal?.aborted) return refuse('RESTORE_CANCELLED');
        writing = write(batch);
        // Seen by the caller only at the next settle: kept from counting as unhandled meanwhile.
        writing.catch(() => undefined);
        batch = [];
        batchRows = 0;
        batchBytes = 0;
      }
    }
    const previous = await settle();
    if (!previous.ok) return previous;
    if (batch.length > 0) {
      if (signal?.aborted) return refuse('RESTORE_CANCELLED');
      const last = await write(batch);
      if (!last.ok) return last;
    }
    if (!counts) return refuse('BACKUP_TRUNCATED');
    // What is in the new database is what the end frame says was written, table by table.
    for (const [t, n] of Object.entries(counts)) {
      if ((await db.table(t).count()) !== n) return refuse('BACKUP_DAMAGED', { where: t });
    }
    return ok({ counts });
  } finally {
    // A refusal or a cancellation while a batch is being written: it ends before the database closes.
    await settle().catch(() => undefined);
    db.close();
  }
}

/** One transaction for a batch of frames: all of it is written, or none of it. */
async function writeBatch(db: Dexie, batch: Pending[]): Promise<Result<void>> {
  let failed: string | null = null;
  try {
    const tables = [...new Set(batch.map((p) => p.table))];
    await db.transaction('rw', tables, () =>
      Promise.all(
        batch.map((p) => {
          const table = db.table(p.table);
          return (p.keys ? table.bulkAdd(p.rows, p.keys as never) : table.bulkAdd(p.rows)).catch((e: unknown) => {
            failed ??= p.table;
            throw e;
          });
        }),
      ),
    );
  } catch (e) {
    if (isStorageFull(e)) throw new StorageFullError(e);
    // Two rows with one key, or a row that breaks a unique index: not what the app wrote.
    if (isConstraintError(e)) return refuse('BACKUP_DAMAGED', { where: failed ?? batch[0]?.table ?? '' });
    throw e;
  }
  return ok(undefined);
}

function isConstraintError(e: unknown): boolean {
  if (e instanceof Dexie.BulkError || (e instanceof Error && e.name === 'ConstraintError')) return true;
  // A transaction aborted by a failed bulkAdd may pass it on wrapped.
  const inner = (e as { inner?: unknown } | null)?.inner;
  return inner !== undefined && inner !== e && isConstraintError(inner);
}
