import { z } from 'zod';
import { ok, refuse, type Result } from '../result';

/**
 * The backup file (备份文件): everything in the store, encrypted and authenticated as a whole.
 *
 *   preamble   "SLBACKUP" | version (1 byte) | 3 zero bytes | header length (u32, big-endian)
 *   header     JSON: install id, a random salt, and the store's key slots (the master secret
 *              wrapped under Argon2id of each password and of the recovery code), so the file
 *              opens on a fresh install with any password that opened the store, or the code
 *   frames     length (u32, big-endian) | iv (12 bytes) | AES-256-GCM ciphertext and tag
 *
 * The file key is HKDF-SHA-256(master secret, salt, "secrecy-ledger/backup/v1"). Each frame's
 * associated data names the header's SHA-256, the frame's index and whether it is the last one
 * (frameAad), so frames cannot be moved, dropped, swapped between files, or cut off at the end
 * without the reader noticing. Frame 0 is the manifest, then rows frames in table order, then
 * the end frame with the counts. docs/decisions.md ("Data safety") says why it looks like this.
 */

export const BACKUP_MAGIC = 'SLBACKUP';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_FORMAT = 'secrecy-ledger/backup';
export const BACKUP_FILE_EXTENSION = 'slbackup';
export const PREAMBLE_BYTES = 16;
export const MAX_HEADER_BYTES = 1024 * 1024;
/** Bigger than any frame the writer makes (one row over its target is the most it goes over). */
export const MAX_FRAME_BYTES = 48 * 1024 * 1024;
export const FRAME_IV_BYTES = 12;
export const FRAME_TAG_BYTES = 16;
export const HKDF_INFO = 'secrecy-ledger/backup/v1';

/** `ledger-backup-BM-0001-20261121-093000.slbackup`: the unit code and the local time it was made. */
export function backupFileName(unitCode: string, at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}`;
  const time = `${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  return `ledger-backup-${unitCode.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 32)}-${day}-${time}.${BACKUP_FILE_EXTENSION}`;
}

export const BACKUP_FILE_PATTERN = /^ledger-backup-[A-Za-z0-9-]{1,32}-\d{8}-\d{6}\.slbackup$/;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const BackupSlotSchema = z.object({
  slotId: z.string().regex(/^([0-9a-f]{64}|recovery)$/),
  kdf: z.object({
    alg: z.literal('argon2id'),
    m: z.number().int().min(8).max(4 * 1024 * 1024),
    t: z.number().int().min(1).max(100),
    p: z.number().int().min(1).max(16),
    salt: base64,
  }),
  wrapped: base64.min(1),
});
export type BackupSlot = z.infer<typeof BackupSlotSchema>;

export const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_FORMAT_VERSION),
  installId: z.string().regex(/^[0-9a-f]{32}$/),
  /** base64 of 32 random bytes: the HKDF salt of this file's key. */
  salt: base64,
  slots: z.array(BackupSlotSchema).min(1).max(10_000),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

export const TableSpecSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
  /** Dexie's declaration of the table at `schemaVersion` (primary key first, then the indexes). */
  schema: z.string().max(2000),
  /** Rows when the backup started (the end frame has the rows actually written). */
  count: z.number().int().min(0),
});
export type TableSpec = z.infer<typeof TableSpecSchema>;

export const ManifestFrameSchema = z.object({
  k: z.literal('manifest'),
  createdAt: z.string(),
  appVersion: z.string().max(100),
  schemaVersion: z.number().int().min(1),
  installId: z.string().regex(/^[0-9a-f]{32}$/),
  unit: z.object({ name: z.string(), code: z.string() }),
  createdBy: z.object({ accountId: z.string(), username: z.string(), displayName: z.string() }),
  tables: z.array(TableSpecSchema).min(1),
  auditHead: z.object({ seq: z.number().int().min(0), hash: z.string() }).nullable(),
});
export type ManifestFrame = z.infer<typeof ManifestFrameSchema>;

export const RowsFrameSchema = z.object({
  k: z.literal('rows'),
  t: z.string(),
  rows: z.array(z.unknown()).min(1),
  /** Primary keys, only for a table whose keys are not inside its rows. */
  keys: z.array(z.unknown()).optional(),
});
export type RowsFrame = z.infer<typeof RowsFrameSchema>;

export const EndFrameSchema = z.object({
  k: z.literal('end'),
  /** Every frame, this one included. */
  frames: z.number().int().min(2),
  counts: z.record(z.string(), z.number().int().min(0)),
});
export type EndFrame = z.infer<typeof EndFrameSchema>;

export type Frame = ManifestFrame | RowsFrame | EndFrame;

/** The associated data of frame `index`: binds it to this file's header, its place, and whether it ends the file. */
export function frameAad(headerSha256: string, index: number, final: boolean): string {
  return `${HKDF_INFO}\n${headerSha256}\n${index}\n${final ? 'end' : 'more'}`;
}

export function u32(n: number): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`u32 out of range: ${n}`);
  const out = new Uint8Array(new ArrayBuffer(4));
  new DataView(out.buffer).setUint32(0, n, false);
  return out;
}

export function readU32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, false);
}

/** The preamble for a header of `headerLength` bytes. */
export function encodePreamble(headerLength: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(PREAMBLE_BYTES));
  for (let i = 0; i < BACKUP_MAGIC.length; i++) out[i] = BACKUP_MAGIC.charCodeAt(i);
  out[8] = BACKUP_FORMAT_VERSION;
  out.set(u32(headerLength), 12);
  return out;
}

/**
 * Refusal codes of reading a backup file (the UI has a Chinese sentence for each):
 * BACKUP_NOT_A_BACKUP, BACKUP_VERSION_UNSUPPORTED, BACKUP_DAMAGED (params.where),
 * BACKUP_TRUNCATED, BACKUP_WRONG_CREDENTIALS, BACKUP_NEWER_SCHEMA.
 */
export function parsePreamble(bytes: Uint8Array): Result<{ headerLength: number }> {
  if (bytes.length < PREAMBLE_BYTES) return refuse('BACKUP_NOT_A_BACKUP');
  for (let i = 0; i < BACKUP_MAGIC.length; i++) if (bytes[i] !== BACKUP_MAGIC.charCodeAt(i)) return refuse('BACKUP_NOT_A_BACKUP');
  if (bytes[8] !== BACKUP_FORMAT_VERSION) return refuse('BACKUP_VERSION_UNSUPPORTED', { version: bytes[8] ?? 0 });
  if (bytes[9] !== 0 || bytes[10] !== 0 || bytes[11] !== 0) return refuse('BACKUP_DAMAGED', { where: 'preamble' });
  const headerLength = readU32(bytes, 12);
  if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) return refuse('BACKUP_DAMAGED', { where: 'header' });
  return ok({ headerLength });
}

export function parseHeader(text: string): Result<BackupHeader> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse('BACKUP_DAMAGED', { where: 'header' });
  }
  const parsed = BackupHeaderSchema.safeParse(json);
  if (!parsed.success) {
    const v = (json as { version?: unknown } | null)?.version;
    if (typeof v === 'number' && v !== BACKUP_FORMAT_VERSION) return refuse('BACKUP_VERSION_UNSUPPORTED', { version: v });
    return refuse('BACKUP_DAMAGED', { where: 'header' });
  }
  return ok(parsed.data);
}

/** One frame's plaintext, checked against the shape its position requires. */
export function parseFrame(text: string, index: number, final: boolean): Result<Frame> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse('BACKUP_DAMAGED', { where: `frame ${index}` });
  }
  const schema = index === 0 ? ManifestFrameSchema : final ? EndFrameSchema : RowsFrameSchema;
  const parsed = schema.safeParse(json);
  if (!parsed.success) return refuse('BACKUP_DAMAGED', { where: `frame ${index}` });
  return ok(parsed.data);
}

/**
 * Checks the order of what the frames say, as they are read: the manifest names the tables, rows
 * come table by table in the manifest's order, and the end frame's counts and frame count are
 * exactly what was read. A file that fails here was not written by the app (the frames are
 * authenticated, so nobody without the key can make one).
 */
export class FrameOrder {
  private manifest: ManifestFrame | null = null;
  private tableIndex = -1;
  private readonly counts = new Map<string, number>();
  private ended = false;
  private frames = 0;

  push(frame: Frame): Result<void> {
    const where = { where: `frame ${this.frames}` };
    this.frames += 1;
    if (this.ended) return refuse('BACKUP_DAMAGED', where);
    switch (frame.k) {
      case 'manifest': {
        if (this.manifest) return refuse('BACKUP_DAMAGED', where);
        const names = frame.tables.map((t) => t.name);
        if (new Set(names).size !== names.length) return refuse('BACKUP_DAMAGED', where);
        this.manifest = frame;
        for (const n of names) this.counts.set(n, 0);
        return ok(undefined);
      }
      case 'rows': {
        if (!this.manifest) return refuse('BACKUP_DAMAGED', where);
        const at = this.manifest.tables.findIndex((t) => t.name === frame.t);
        if (at < this.tableIndex || at < 0) return refuse('BACKUP_DAMAGED', where);
        if (frame.keys !== undefined && frame.keys.length !== frame.rows.length) return refuse('BACKUP_DAMAGED', where);
        this.tableIndex = at;
        this.counts.set(frame.t, (this.counts.get(frame.t) ?? 0) + frame.rows.length);
        return ok(undefined);
      }
      case 'end': {
        if (!this.manifest) return refuse('BACKUP_DAMAGED', where);
        this.ended = true;
        if (frame.frames !== this.frames) return refuse('BACKUP_DAMAGED', where);
        const said = Object.entries(frame.counts);
        if (said.length !== this.counts.size) return refuse('BACKUP_DAMAGED', where);
        for (const [name, n] of said) if (this.counts.get(name) !== n) return refuse('BACKUP_DAMAGED', where);
        return ok(undefined);
      }
      default: {
        const never: never = frame;
        return never;
      }
    }
  }

  /** After the last frame: was the end frame there? */
  finish(): Result<{ counts: Record<string, number> }> {
    if (!this.ended) return refuse('BACKUP_TRUNCATED');
    return ok({ counts: Object.fromEntries(this.counts) });
  }
}
