import { z } from 'zod';
import { BACKUP_FILE_EXTENSION, BACKUP_FILE_PATTERN } from '../backup/format';
import { DEFAULT_TAR_LIMITS } from '../bundle/tar';

/**
 * Files on removable media, written and read in pieces (spread into ./contract.ts). General, so
 * that any feature can use it (backups now; bundles and imports later): add a purpose below with
 * its file-name rule and extension, and the dialogs' wording in electron/main/fileTransfer.ts.
 *
 * Writing: `file:saveBegin` asks where (a save dialog in Electron; the stand-in's folder) and opens
 * `<chosen>.partial`; `file:saveAppend` adds bytes; `file:saveCommit` flushes them to the disk and
 * only then renames the file to the chosen name, so an interrupted write never leaves a file under
 * the final name; `file:saveAbort` deletes the partial file. Reading: `file:open` (an open dialog),
 * `file:read` by offset, `file:close`. The renderer names no folder and no path, ever: only a file
 * name to propose, and handles main gave it.
 */
export const FILE_PURPOSES = ['backup', 'certificateScan', 'ledgerImport', 'bundle', 'publicKey'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/**
 * `pattern`: the names a save may propose; `extension`: what a save adds and an open looks for,
 * unless `openExtensions` lists the kinds an open offers (a scan comes as PDF or a picture).
 */
export const FILE_PURPOSE_RULES: Record<FilePurpose, { pattern: RegExp; extension: string; openExtensions?: readonly string[]; maxOpenBytes?: number }> = {
  backup: { pattern: BACKUP_FILE_PATTERN, extension: BACKUP_FILE_EXTENSION },
  // The scanned destruction certificate (issue 5) is only ever opened: no name fits for a save.
  certificateScan: { pattern: /(?!)/, extension: 'pdf', openExtensions: ['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff'] },
  // 数据交换 (issue 6): signed bundles written to and read from removable media (docs/bundle-format.md;
  // main refuses a bundle over the reader's archive limit, 2 GiB) and public keys as PEM files (a few
  // hundred bytes; main refuses anything over 16 KiB).
  bundle: { pattern: /^(unit|policy)-[A-Za-z0-9_-]{1,64}-\d{4,10}\.ledgerbundle$/, extension: 'ledgerbundle', maxOpenBytes: DEFAULT_TAR_LIMITS.maxArchiveBytes },
  publicKey: { pattern: /^[A-Za-z0-9_-]{1,64}\.pem$/, extension: 'pem', maxOpenBytes: 16 * 1024 },
  // An office's existing ledger to import (issue 3): only opened; main refuses a file over the limit
  // (100,000 rows of an .xlsx are about 10 MiB, of a CSV about 20 MiB) before the renderer reads it.
  ledgerImport: { pattern: /(?!)/, extension: 'xlsx', openExtensions: ['xlsx', 'csv'], maxOpenBytes: 64 * 1024 * 1024 },
};

/** The extensions an open dialog (or the stand-in's folder) offers for a purpose. */
export function openExtensionsFor(purpose: FilePurpose): readonly string[] {
  const rule = FILE_PURPOSE_RULES[purpose];
  return rule.openExtensions ?? [rule.extension];
}

/** The most bytes one append or read carries (as base64 it is a third more). */
export const MAX_FILE_CHUNK_BYTES = 32 * 1024 * 1024;
const MAX_FILE_CHUNK_CHARS = Math.ceil(MAX_FILE_CHUNK_BYTES / 3) * 4;

/**
 * Why main could not do it. DISK_FULL: no space left (ENOSPC, EDQUOT); NOT_WRITABLE: read-only or
 * no permission; TOO_LARGE: the opened file is over its purpose's `maxOpenBytes` (it was not opened).
 */
export const FILE_FAILURES = ['DISK_FULL', 'NOT_WRITABLE', 'WRITE_FAILED', 'READ_FAILED', 'NO_SUCH_HANDLE', 'TOO_MANY_OPEN', 'TOO_LARGE'] as const;
export type FileFailure = (typeof FILE_FAILURES)[number];

const handle = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const failure = z.object({ ok: z.literal(false), code: z.enum(FILE_FAILURES), reason: z.string().max(500).optional() });

export const fileContract = {
  'file:saveBegin': {
    request: z
      .object({ purpose: z.enum(FILE_PURPOSES), fileName: z.string().min(1).max(255) })
      .refine((r) => FILE_PURPOSE_RULES[r.purpose].pattern.test(r.fileName), { message: 'file name does not fit its purpose' }),
    response: z.union([
      /** The person cancelled the dialog: nothing was created. */
      z.object({ ok: z.literal(true), started: z.literal(false) }),
      z.object({ ok: z.literal(true), started: z.literal(true), handle, path: z.string() }),
      failure,
    ]),
  },
  'file:saveAppend': {
    request: z.object({ handle, data: z.base64().min(1).max(MAX_FILE_CHUNK_CHARS) }),
    /** `bytes`: the file's length so far. */
    response: z.union([z.object({ ok: z.literal(true), bytes: z.number().int().min(0) }), failure]),
  },
  'file:saveCommit': {
    request: z.object({ handle }),
    response: z.union([z.object({ ok: z.literal(true), path: z.string(), bytes: z.number().int().min(0) }), failure]),
  },
  'file:saveAbort': {
    request: z.object({ handle }),
    response: z.object({ ok: z.literal(true) }),
  },
  'file:open': {
    request: z.object({ purpose: z.enum(FILE_PURPOSES) }),
    response: z.union([
      z.object({ ok: z.literal(true), opened: z.literal(false) }),
      z.object({ ok: z.literal(true), opened: z.literal(true), handle, path: z.string(), name: z.string(), size: z.number().int().min(0) }),
      failure,
    ]),
  },
  'file:read': {
    request: z.object({ handle, offset: z.number().int().min(0), length: z.number().int().min(1).max(MAX_FILE_CHUNK_BYTES) }),
    /** Fewer bytes than asked only at the end of the file. */
    response: z.union([z.object({ ok: z.literal(true), data: z.base64() }), failure]),
  },
  'file:close': {
    request: z.object({ handle }),
    response: z.object({ ok: z.literal(true) }),
  },
} as const;
