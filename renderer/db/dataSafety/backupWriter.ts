import type Dexie from 'dexie';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  encodePreamble,
  frameAad,
  HKDF_INFO,
  u32,
  type BackupHeader,
  type ManifestFrame,
} from '../../../shared/backup/format';
import { bytesToBase64, encodeRow } from '../../../shared/backup/rowCodec';
import { concatBytes, randomBytes, toHex, utf8 } from '../bytes';
import type { Cipher } from '../cipher';
import type { KeyslotRow } from '../schema';
import { tableDeclaration, tablePages } from './tablePages';

/** Where the file's bytes go (main's file channels, through the feature layer; a test's array). */
export interface BackupSink {
  append(bytes: Uint8Array<ArrayBuffer>): Promise<void>;
}

export interface BackupProgress {
  /** Rows written so far, of `total` (counted when the backup started). */
  done: number;
  total: number;
  table: string;
}

export interface WriteBackupInput {
  db: Dexie;
  cipher: Cipher;
  installId: string;
  unit: { name: string; code: string };
  createdBy: { accountId: string; username: string; displayName: string };
  createdAt: string;
  appVersion: string;
  auditHead: { seq: number; hash: string } | null;
  sink: BackupSink;
  onProgress?: (p: BackupProgress) => void;
}

export interface BackupSummary {
  bytes: number;
  frames: number;
  counts: Record<string, number>;
  /** SHA-256 of the header: names this file (it is in every frame's associated data). */
  fileId: string;
}

/** Plaintext per frame: big enough that frames cost little, small enough to hold a few in memory. */
export const FRAME_TARGET_BYTES = 1024 * 1024;
const FIRST_PAGE_ROWS = 64;
const MAX_PAGE_ROWS = 2000;

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * Writes the whole database — every table Dexie knows, so tables added later are included without
 * a change here — as one backup file (shared/backup/format.ts). Rows are copied as stored (their
 * content is already encrypted per record) and the file is encrypted again as a whole under a key
 * from the master secret. The caller makes sure nothing commits meanwhile (AuditRepo.exclusive).
 */
export async function writeBackup(input: WriteBackupInput): Promise<BackupSummary> {
  const { db, cipher, sink } = input;
  const slotRows = (await db.table('keyslots').toArray()) as KeyslotRow[];
  const salt = randomBytes(32);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    installId: input.installId,
    salt: bytesToBase64(salt),
    // A revoked slot (a disabled account) opens nothing; it is in the keyslots table all the same.
    slots: slotRows.filter((s) => s.wrapped.length > 0).map((s) => ({ slotId: s.slotId, kdf: s.kdf, wrapped: bytesToBase64(s.wrapped) })),
  };
  const headerBytes = utf8.encode(JSON.stringify(header));
  const fileId = await sha256Hex(headerBytes);
  const key = await cipher.fileKey(salt, HKDF_INFO);
  let bytes = 0;
  let index = 0;

  const emit = async (plaintext: string, final: boolean) => {
    const iv = randomBytes(12);
    const ct = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(frameAad(fileId, index, final)) }, key, utf8.encode(plaintext)),
    );
    const frame = concatBytes(u32(iv.length + ct.length), iv, ct);
    await sink.append(frame);
    bytes += frame.length;
    index += 1;
  };

  const start = concatBytes(encodePreamble(headerBytes.length), headerBytes);
  await sink.append(start);
  bytes += start.length;

  const tables = db.tables;
  const counts = await db.transaction('r', tables, () => Promise.all(tables.map((t) => t.count())));
  const total = counts.reduce((a, b) => a + b, 0);
  const manifest: ManifestFrame = {
    k: 'manifest',
    createdAt: input.createdAt,
    appVersion: input.appVersion,
    schemaVersion: db.verno,
    installId: input.installId,
    unit: input.unit,
    createdBy: input.createdBy,
    tables: tables.map((t, i) => ({ name: t.name, schema: tableDeclaration(t), count: counts[i] ?? 0 })),
    auditHead: input.auditHead,
  };
  await emit(JSON.stringify(manifest), false);

  const written: Record<string, number> = {};
  let done = 0;
  for (const table of tables) {
    written[table.name] = 0;
    let rows: string[] = [];
    let keys: string[] | null = null;
    let size = 0;
    const flush = async () => {
      if (rows.length === 0) return;
      const keyPart = keys ? `,"keys":[${keys.join(',')}]` : '';
      await emit(`{"k":"rows","t":${JSON.stringify(table.name)},"rows":[${rows.join(',')}]${keyPart}}`, false);
      rows = [];
      keys = null;
      size = 0;
    };
    // Pages shrink for big rows (printed PDFs are kept in 1 MiB pieces) and grow for small ones.
    let pageRows = FIRST_PAGE_ROWS;
    for await (const page of tablePages(table, () => pageRows)) {
      let pageBytes = 0;
      for (let i = 0; i < page.rows.length; i++) {
        const json = JSON.stringify(encodeRow(page.rows[i]));
        if (size > 0 && size + json.length > FRAME_TARGET_BYTES) await flush();
        rows.push(json);
        if (page.keys) (keys ??= []).push(JSON.stringify(encodeRow(page.keys[i])));
        size += json.length;
        pageBytes += json.length;
      }
      written[table.name] = (written[table.name] ?? 0) + page.rows.length;
      done += page.rows.length;
      input.onProgress?.({ done, total: Math.max(total, done), table: table.name });
      const perRow = pageBytes / page.rows.length;
      pageRows = Math.min(MAX_PAGE_ROWS, Math.max(1, Math.floor(FRAME_TARGET_BYTES / Math.max(1, perRow))));
    }
    await flush();
  }
  await emit(JSON.stringify({ k: 'end', frames: index + 1, counts: written }), true);
  return { bytes, frames: index, counts: written, fileId };
}
