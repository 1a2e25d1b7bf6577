import type { Level } from '../../shared/ledger/classification';
import type { PrintKind } from '../../shared/print/document';
import { ok, refuse, type Result } from '../../shared/result';
import { concatBytes, fromBase64, own, toBase64, toHex } from './bytes';
import { TamperError } from './cipher';
import { defineEncryptedTable } from './encryptedTable';
import { asRow, withVault, type VaultSource } from './ledgerAccess';
import type { PrintoutChunkRow, PrintoutRow } from './schema';

/** A print as kept (打印记录): what, who, when, how, and the PDF's fingerprint. */
export interface PrintoutRecord {
  id: string;
  at: string;
  kind: PrintKind;
  title: string;
  /** The highest level in the printout. */
  level: Level;
  pages: number;
  bytes: number;
  sha256: string;
  chunks: number;
  /** `pdf`: kept only (保存为PDF); `printer`: also sent to a local printer. */
  output: 'pdf' | 'printer';
  copies: number;
  printer: string | null;
  actorId: string;
  actorName: string;
}

export interface KeepPrintout {
  /** Chosen before the PDF is made: its number is printed in every page's footer. */
  id: string;
  kind: PrintKind;
  title: string;
  level: Level;
  pages: number;
  pdf: Uint8Array<ArrayBuffer>;
  output: 'pdf' | 'printer';
  copies: number;
  printer: string | null;
}

/** Pieces small enough that no single encryption or IndexedDB value holds a whole large PDF. */
export const PRINTOUT_CHUNK_BYTES = 1024 * 1024;

const printoutsTable = defineEncryptedTable<PrintoutRecord, 'at' | 'kind'>('printouts', ['at', 'kind']);

interface ChunkDoc {
  printoutId: string;
  n: number;
  data: string;
}

/** The associated data of a piece names the printout and the position, so pieces cannot be swapped. */
const chunkId = (printoutId: string, n: number) => `${printoutId}/${n}`;

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * Every print kept as a PDF inside the encrypted store and noted in the audit trail (SPEC §6):
 * the record, the PDF's pieces and the `print.document` audit entry are written in one
 * transaction, before anything reaches a printer. The audit entry names the printout, its kind,
 * level, pages, copies, printer and SHA-256, but not its title: the auditor is not necessarily
 * within the scope of what was printed (the title is in the encrypted record).
 */
export class PrintoutsRepo {
  constructor(private readonly source: VaultSource) {}

  keep(input: KeepPrintout): Promise<Result<PrintoutRecord>> {
    return withVault(this.source, async (v) => {
      if (!/^[0-9a-f-]{8,64}$/i.test(input.id)) return refuse('PRINTOUT_ID_INVALID');
      if (input.output === 'printer' ? input.copies < 1 || input.printer === null : input.copies !== 0) return refuse('PRINTOUT_COPIES_INVALID');
      const sha256 = await sha256Hex(input.pdf);
      const pieces: Uint8Array<ArrayBuffer>[] = [];
      for (let at = 0; at < input.pdf.length; at += PRINTOUT_CHUNK_BYTES) pieces.push(input.pdf.subarray(at, at + PRINTOUT_CHUNK_BYTES));
      const record: PrintoutRecord = {
        id: input.id,
        at: v.now().toISOString(),
        kind: input.kind,
        title: input.title,
        level: input.level,
        pages: input.pages,
        bytes: input.pdf.length,
        sha256,
        chunks: pieces.length,
        output: input.output,
        copies: input.copies,
        printer: input.printer,
        actorId: v.session.accountId,
        actorName: v.session.displayName,
      };
      const row = (await printoutsTable.toRow(v.cipher, record)) as unknown as PrintoutRow;
      const chunkRows: PrintoutChunkRow[] = [];
      for (const [n, piece] of pieces.entries()) {
        const doc: ChunkDoc = { printoutId: input.id, n, data: toBase64(piece) };
        chunkRows.push({ printoutId: input.id, n, ct: await v.cipher.seal('printoutChunks', chunkId(input.id, n), doc) });
      }
      await v.commit(
        [v.db.printouts, v.db.printoutChunks],
        async () => {
          await v.db.printouts.add(row);
          await v.db.printoutChunks.bulkAdd(chunkRows);
        },
        [
          {
            action: 'print.document',
            detail: {
              printoutId: record.id,
              kind: record.kind,
              level: record.level,
              pages: record.pages,
              output: record.output,
              copies: record.copies,
              printer: record.printer,
              sha256,
              bytes: record.bytes,
            },
          },
        ],
      );
      return ok(record);
    });
  }

  /** The printer refused or cancelled a job already kept: noted, the PDF stays. */
  recordFailure(printoutId: string, code: string, reason?: string): Promise<Result<void>> {
    return withVault(this.source, async (v) => {
      await v.commit([], async () => undefined, [{ action: 'print.failed', detail: { printoutId, code, ...(reason ? { reason: reason.slice(0, 200) } : {}) } }]);
      return ok(undefined);
    });
  }

  /** Printouts kept, newest first. */
  list(limit = 200): Promise<Result<PrintoutRecord[]>> {
    return withVault(this.source, async (v) => {
      const rows = await v.db.printouts.orderBy('at').reverse().limit(limit).toArray();
      return ok(await Promise.all(rows.map((r) => printoutsTable.fromRow(v.cipher, asRow(r)))));
    });
  }

  /** The PDF of a printout, checked piece by piece and against its recorded size and SHA-256. */
  pdf(printoutId: string): Promise<Result<Uint8Array<ArrayBuffer>>> {
    return withVault(this.source, async (v) => {
      const row = await v.db.printouts.get(printoutId);
      if (!row) return refuse('PRINTOUT_NOT_FOUND');
      const record = await printoutsTable.fromRow(v.cipher, asRow(row));
      const rows = await v.db.printoutChunks.where('printoutId').equals(printoutId).sortBy('n');
      if (rows.length !== record.chunks) throw new TamperError('printoutChunks', printoutId);
      const pieces: Uint8Array<ArrayBuffer>[] = [];
      for (const [n, r] of rows.entries()) {
        const doc = await v.cipher.open<ChunkDoc>('printoutChunks', chunkId(printoutId, n), own(r.ct));
        if (doc.printoutId !== printoutId || doc.n !== n || r.n !== n) throw new TamperError('printoutChunks', chunkId(printoutId, n));
        pieces.push(fromBase64(doc.data));
      }
      const pdf = concatBytes(...pieces);
      if (pdf.length !== record.bytes || (await sha256Hex(pdf)) !== record.sha256) throw new TamperError('printouts', printoutId);
      return ok(pdf);
    });
  }
}
