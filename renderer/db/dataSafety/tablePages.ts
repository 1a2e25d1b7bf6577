import type { IndexableType, Table } from 'dexie';

/** One page of a table in primary-key order; `keys` only where the keys are not inside the rows. */
export interface TablePage {
  rows: unknown[];
  keys: IndexableType[] | null;
}

/**
 * Every row of any table, in primary-key order, `pageRows()` at a time (asked before each page,
 * so a reader can shrink pages of big rows). Each page is its own read; nothing holds a
 * transaction open across the caller's awaits (WebCrypto inside one would end it early).
 */
export async function* tablePages(table: Table, pageRows: () => number): AsyncGenerator<TablePage> {
  const inbound = table.schema.primKey.keyPath !== undefined && table.schema.primKey.keyPath !== null;
  let last: IndexableType | undefined;
  for (;;) {
    const n = Math.max(1, Math.floor(pageRows()));
    const collection = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
    const rows: unknown[] = [];
    const keys: IndexableType[] = [];
    await collection.limit(n).each((row: unknown, cursor) => {
      rows.push(row);
      keys.push(cursor.primaryKey);
    });
    if (rows.length === 0) return;
    yield { rows, keys: inbound ? null : keys };
    last = keys[keys.length - 1];
    if (rows.length < n) return;
  }
}

/** Dexie's declaration of a table as it stands: primary key first, then the indexes. */
export function tableDeclaration(table: Table): string {
  const { primKey, indexes } = table.schema;
  return [primKey.src, ...indexes.map((i) => i.src)].join(', ');
}
