import { CarrierImportRepo } from '../../renderer/db/carrierImport.repo';
import type { BackupFile, BackupFileSink } from '../../renderer/db/dataSafety/api';
import type { EncryptedLedgerStore } from '../../renderer/db/ledgerStore';
import type { VaultSource } from '../../renderer/db/ledgerAccess';
import { PeopleRepo } from '../../renderer/db/people.repo';
import { openDatabase, type LedgerDb } from '../../renderer/db/schema';
import { ledgerCsv } from '../../renderer/db/bench/benchData';
import { parseLedgerFile } from '../../renderer/features/ledger/importFile';
import { findHeaderRow, previewImport, suggestMapping } from '../../shared/ledger/import';
import { cellText } from '../../shared/ledger/importValues';

/**
 * The bench's store operations: importing an old ledger from CSV (the import page's path: the
 * file's bytes parsed by importFile.ts, the header row and columns found, every row checked by
 * previewImport, then CarrierImportRepo.import), and backup and restore through the store's
 * DataSafetyService with a medium in memory.
 */

let csv: { rows: number; bytes: Uint8Array<ArrayBuffer> } | null = null;
let importN = 0;

/**
 * One import of `rows` rows into a fresh store of the side (its people copied as stored), from the
 * file's bytes to the committed transaction. The people list is loaded before the clock starts,
 * as the import page has it already.
 */
export async function importCsv(
  tag: string,
  rows: number,
  from: LedgerDb,
  source: (db: LedgerDb) => VaultSource,
): Promise<{ ms: number; imported: number; bytes: number }> {
  if (!csv || csv.rows !== rows) csv = { rows, bytes: ledgerCsv(rows) };
  const bytes = csv.bytes;
  const name = `bench-import-${tag}-${importN++}`;
  const db = openDatabase(name);
  await db.open();
  try {
    const peopleRows = await from.people.toArray();
    await db.transaction('rw', db.people, () => db.people.bulkAdd(peopleRows));
    const src = source(db);
    const people = await new PeopleRepo(src).list();
    if (!people.ok) throw new Error('bench: people refused');
    const clerk = people.value.find((p) => p.username) ?? people.value[0];
    if (!clerk) throw new Error('bench: no people');
    const t0 = performance.now();
    const file = await parseLedgerFile('旧台账.csv', bytes);
    if (!file.ok) throw new Error(`bench: csv refused ${file.error.code}`);
    const sheet = file.value.sheets[0]?.rows ?? [];
    const header = findHeaderRow(sheet);
    const mapping = suggestMapping((sheet[header] ?? []).map(cellText));
    const preview = previewImport(sheet, header, mapping, people.value, { custodianId: clerk.id, place: '保密柜1号', scopeNote: '按原台账' });
    if (!preview.ok) throw new Error(`bench: preview refused ${preview.error.code}`);
    if (preview.value.errors.length > 0) throw new Error(`bench: ${preview.value.errors.length} rows refused, first ${JSON.stringify(preview.value.errors[0])}`);
    const r = await new CarrierImportRepo(src).import(preview.value.rows);
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`bench: import refused ${r.error.code} ${JSON.stringify(r.error.params ?? {})}`);
    if (r.value.imported !== rows) throw new Error(`bench: imported ${r.value.imported} of ${rows}`);
    return { ms, imported: r.value.imported, bytes: bytes.length };
  } finally {
    db.close();
    await indexedDB.deleteDatabase(name);
  }
}

/** A backup medium in memory: the sink main's file channel would give, collecting the bytes. */
function memorySink(done: (bytes: Uint8Array) => void): (fileName: string) => Promise<BackupFileSink> {
  return async (fileName) => {
    const parts: Uint8Array[] = [];
    let size = 0;
    const path = `/media/usb/${fileName}`;
    return {
      path,
      async append(chunk) {
        parts.push(chunk);
        size += chunk.length;
      },
      async commit() {
        const out = new Uint8Array(size);
        let at = 0;
        for (const p of parts) {
          out.set(p, at);
          at += p.length;
        }
        done(out);
        return { path, bytes: size };
      },
      async abort() {
        parts.length = 0;
      },
    };
  };
}

function fileOf(bytes: Uint8Array): BackupFile {
  const path = '/media/usb/ledger-backup.slbackup';
  return { name: 'ledger-backup.slbackup', path, size: bytes.length, read: async (offset, length) => bytes.slice(offset, offset + length), close: async () => undefined };
}

export class BackupBench {
  private last: Uint8Array | null = null;

  constructor(
    private readonly store: EncryptedLedgerStore,
    private readonly admin: { username: string; password: string },
  ) {}

  private async signedIn(): Promise<void> {
    if (this.store.vault().ok) return;
    const r = await this.store.signIn(this.admin.username, this.admin.password);
    if (!r.ok) throw new Error(`bench: sign-in refused ${r.error.code}`);
  }

  /** The 系统管理员's backup (数据安全 → 备份) to a medium in memory. */
  async backup(): Promise<{ ms: number; bytes: number; rows: number }> {
    await this.signedIn();
    const t0 = performance.now();
    const r = await this.store.dataSafety.backup(memorySink((b) => (this.last = b)));
    const ms = performance.now() - t0;
    if (!r.ok || !r.value.saved) throw new Error(`bench: backup refused ${JSON.stringify(r)}`);
    return { ms, bytes: r.value.bytes, rows: r.value.rows };
  }

  /**
   * Restore of the last backup over the working store: open it with the password (Argon2id at the
   * bench's cheap cost), then write, upgrade, verify every record and the chain, and switch.
   */
  async restore(): Promise<{ ms: number; rows: number }> {
    const bytes = this.last;
    if (!bytes) throw new Error('bench: no backup yet');
    await this.signedIn();
    const t0 = performance.now();
    const opened = await this.store.dataSafety.openBackup(fileOf(bytes), { kind: 'password', ...this.admin });
    if (!opened.ok) throw new Error(`bench: backup not opened ${opened.error.code}`);
    const r = await this.store.dataSafety.restore(opened.value);
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`bench: restore refused ${r.error.code} ${JSON.stringify(r.error.params ?? {})}`);
    return { ms, rows: r.value.rows };
  }
}
