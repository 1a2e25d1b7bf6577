import { TamperError, type Cipher } from './cipher';

/**
 * How a domain record becomes a stored row: the fields named in `plain` stay in the clear so Dexie
 * can index them (dates, status codes, ids — never names or titles), everything is also inside the
 * encrypted `ct`, and on reading the two are compared so that a plain field changed on disk is
 * reported as tampering, not believed. Blinded index values (keyed HMAC) can be added per row.
 */
export type StoredRow<T, P extends keyof T> = Pick<T, P> & { id: string; ct: Uint8Array } & Record<string, unknown>;

export interface EncryptedTable<T extends { id: string }, P extends keyof T> {
  readonly table: string;
  toRow(cipher: Cipher, record: T, blinded?: Record<string, string | string[]>): Promise<StoredRow<T, P>>;
  fromRow(cipher: Cipher, row: { id: string; ct: Uint8Array } & Record<string, unknown>): Promise<T>;
}

export function defineEncryptedTable<T extends { id: string }, P extends keyof T>(table: string, plain: readonly P[]): EncryptedTable<T, P> {
  return {
    table,
    async toRow(cipher, record, blinded = {}) {
      const row: Record<string, unknown> = { ...blinded, id: record.id, ct: await cipher.seal(table, record.id, record) };
      for (const key of plain) row[key as string] = record[key];
      return row as StoredRow<T, P>;
    },
    async fromRow(cipher, row) {
      const record = await cipher.open<T>(table, row.id, row.ct);
      if (record.id !== row.id) throw new TamperError(table, row.id);
      for (const key of plain) {
        if (!sameValue(record[key], row[key as string])) throw new TamperError(table, row.id);
      }
      return record;
    },
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // A missing optional field reads back as undefined from IndexedDB and null from JSON.
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
