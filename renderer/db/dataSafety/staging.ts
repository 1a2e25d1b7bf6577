import Dexie from 'dexie';
import type { ManifestFrame } from '../../../shared/backup/format';
import { decodeRow, RowCodecError } from '../../../shared/backup/rowCodec';
import { ok, refuse, type Result } from '../../../shared/result';
import { isStorageFull, StorageFullError } from '../storageErrors';
import { readFrames, type BackupSource, type UnlockedBackup } from './backupReader';

export interface StagingProgress {
  done: number;
  total: number;
  table: string;
}

/**
 * Writes a backup's rows, as they were stored, into a new database declared exactly as the
 * backed-up one was (its schema version and tables, from the manifest). Opening it afterwards with
 * the app's schema runs the same upgrades an old store gets. One transaction per frame; nothing
 * here touches the active store. The caller deletes the database when this refuses or throws.
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
  try {
    const total = manifest.tables.reduce((n, t) => n + t.count, 0);
    let done = 0;
    let counts: Record<string, number> | null = null;
    for await (const frame of readFrames(source, unlocked)) {
      if (signal?.aborted) return refuse('RESTORE_CANCELLED');
      if (!frame.ok) return frame;
      const f = frame.value;
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
      const table = db.table(f.t);
      try {
        await (keys ? table.bulkAdd(rows, keys as never) : table.bulkAdd(rows));
      } catch (e) {
        if (isStorageFull(e)) throw new StorageFullError(e);
        // Two rows with one key, or a row that breaks a unique index: not what the app wrote.
        if (e instanceof Dexie.BulkError || (e instanceof Error && e.name === 'ConstraintError')) return refuse('BACKUP_DAMAGED', { where: f.t });
        throw e;
      }
      done += rows.length;
      onProgress?.({ done, total: Math.max(total, done), table: f.t });
    }
    if (!counts) return refuse('BACKUP_TRUNCATED');
    // What is in the new database is what the end frame says was written, table by table.
    for (const [t, n] of Object.entries(counts)) {
      if ((await db.table(t).count()) !== n) return refuse('BACKUP_DAMAGED', { where: t });
    }
    return ok({ counts });
  } finally {
    db.close();
  }
}
