import type { ScanType } from '../../shared/destruction/scan';
import { ok, refuse, type Result } from '../../shared/result';
import { concatBytes, fromBase64, own, toBase64, toHex } from './bytes';
import { TamperError } from './cipher';
import { rowOf, scansTable, type ScanRecord } from './destructionAccess';
import { asRow } from './ledgerAccess';
import type { Vault } from './ledgerStore';
import type { CertificateScanChunkRow, CertificateScanRow } from './schema';

/**
 * The scanned destruction certificate, kept like a printout: the record (name, type, size,
 * SHA-256) encrypted, the bytes encrypted in pieces of at most 1 MiB whose associated data names
 * the scan and the position, so pieces cannot be swapped or moved to another scan. Reading checks
 * the number, order and size of the pieces and the SHA-256 the batch's hand-over refers to.
 */
export const SCAN_CHUNK_BYTES = 1024 * 1024;

interface ChunkDoc {
  scanId: string;
  n: number;
  data: string;
}

const chunkId = (scanId: string, n: number) => `${scanId}/${n}`;

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/** A scan encrypted and ready to be written inside the hand-over's transaction. */
export interface SealedScan {
  record: ScanRecord;
  write(): Promise<void>;
  audit: { action: string; detail: Record<string, unknown> };
}

/** Encrypts a checked scan (outside any transaction: WebCrypto must not run inside one). */
export async function sealScan(v: Vault, batchId: string, checked: { name: string; type: ScanType }, bytes: Uint8Array): Promise<SealedScan> {
  const data = own(bytes);
  const id = crypto.randomUUID();
  const pieces: Uint8Array<ArrayBuffer>[] = [];
  for (let at = 0; at < data.length; at += SCAN_CHUNK_BYTES) pieces.push(data.subarray(at, at + SCAN_CHUNK_BYTES));
  const record: ScanRecord = {
    id,
    batchId,
    at: v.now().toISOString(),
    name: checked.name,
    type: checked.type,
    bytes: data.length,
    sha256: await sha256Hex(data),
    chunks: pieces.length,
    actorId: v.session.accountId,
    actorName: v.session.displayName,
  };
  const row = rowOf<CertificateScanRow>(await scansTable.toRow(v.cipher, record));
  const chunks: CertificateScanChunkRow[] = [];
  for (const [n, piece] of pieces.entries()) {
    const doc: ChunkDoc = { scanId: id, n, data: toBase64(piece) };
    chunks.push({ scanId: id, n, ct: await v.cipher.seal('certificateScanChunks', chunkId(id, n), doc) });
  }
  return {
    record,
    async write() {
      await v.db.certificateScans.add(row);
      await v.db.certificateScanChunks.bulkAdd(chunks);
    },
    audit: { action: 'destruction.certificateScan.kept', detail: { scanId: id, batchId, type: record.type, bytes: record.bytes, sha256: record.sha256 } },
  };
}

export async function readScan(v: Vault, scanId: string): Promise<Result<{ record: ScanRecord; bytes: Uint8Array<ArrayBuffer> }>> {
  const row = await v.db.certificateScans.get(scanId);
  if (!row) return refuse('CERTIFICATE_SCAN_NOT_FOUND');
  const record = await scansTable.fromRow(v.cipher, asRow(row));
  const rows = await v.db.certificateScanChunks.where('scanId').equals(scanId).sortBy('n');
  if (rows.length !== record.chunks) throw new TamperError('certificateScanChunks', scanId);
  const pieces: Uint8Array<ArrayBuffer>[] = [];
  for (const [n, r] of rows.entries()) {
    const doc = await v.cipher.open<ChunkDoc>('certificateScanChunks', chunkId(scanId, n), own(r.ct));
    if (doc.scanId !== scanId || doc.n !== n || r.n !== n) throw new TamperError('certificateScanChunks', chunkId(scanId, n));
    pieces.push(fromBase64(doc.data));
  }
  const bytes = concatBytes(...pieces);
  if (bytes.length !== record.bytes || (await sha256Hex(bytes)) !== record.sha256) throw new TamperError('certificateScans', scanId);
  return ok({ record, bytes });
}
