import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';
import type { Cell } from '../../../shared/ledger/importValues';
import { MAX_FILE_CHUNK_BYTES } from '../../../shared/ipc/fileContract';
import { ok, refuse, type Result } from '../../../shared/result';
import type { Api } from '../../api';
import { concatBytes, fromBase64 } from '../../db/bytes';

/**
 * The office's old ledger as sheets of cells. The file comes through the shell's file channels
 * (an open dialog in Electron, the stand-in's folder otherwise; main refuses one over the size
 * limit); the renderer names no path. `.xlsx` is read by read-excel-file (its "universal" build:
 * no Web Worker, no eval, so it runs under the page's CSP), CSV by papaparse after decoding:
 * UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), else GBK/GB18030, which is what
 * Chinese Excel writes when it saves "CSV (逗号分隔)".
 */
export interface LedgerFile {
  name: string;
  sheets: { name: string; rows: Cell[][] }[];
}

type FileApi = Pick<Api, 'fileOpen' | 'fileRead' | 'fileClose'>;

/** Opens and reads the file the person chooses; null when they cancel. */
export async function pickLedgerFile(api: FileApi): Promise<Result<LedgerFile | null>> {
  const opened = await api.fileOpen({ purpose: 'ledgerImport' });
  if (!opened.ok) return opened.code === 'TOO_LARGE' ? refuse('IMPORT_FILE_TOO_LARGE') : refuse('IMPORT_FILE_UNREADABLE', { code: opened.code });
  if (!opened.opened) return ok(null);
  const { handle } = opened;
  try {
    const pieces: Uint8Array[] = [];
    for (let offset = 0; offset < opened.size; ) {
      const r = await api.fileRead({ handle, offset, length: Math.min(MAX_FILE_CHUNK_BYTES, opened.size - offset) });
      if (!r.ok) return refuse('IMPORT_FILE_UNREADABLE', { code: r.code });
      const bytes = fromBase64(r.data);
      if (bytes.length === 0) break;
      pieces.push(bytes);
      offset += bytes.length;
    }
    return await parseLedgerFile(opened.name, concatBytes(...pieces));
  } finally {
    await api.fileClose({ handle });
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Reads the bytes as .xlsx (a zip, whatever the name says) or as CSV. */
export async function parseLedgerFile(name: string, bytes: Uint8Array<ArrayBuffer>): Promise<Result<LedgerFile>> {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    try {
      const sheets = await readXlsxFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      return ok({ name, sheets: sheets.map((s) => ({ name: s.sheet, rows: s.data as unknown as Cell[][] })) });
    } catch {
      return refuse('IMPORT_FILE_NOT_XLSX');
    }
  }
  // An old .xls (OLE compound file) is not read: the person saves it as .xlsx first.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return refuse('IMPORT_FILE_XLS');
  const text = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows = parsed.data.filter((r, i) => !(i === parsed.data.length - 1 && r.length === 1 && r[0] === ''));
  return ok({ name, sheets: [{ name: 'CSV', rows }] });
}

/** UTF-8 (BOM or valid without), UTF-16 with its BOM, else GB18030 (a superset of GBK). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
