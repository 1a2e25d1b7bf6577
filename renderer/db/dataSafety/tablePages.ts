import type { IndexableType, Table } from 'dexie';

/** One page of a table in primary-key order; `keys` only where the keys are not inside the rows. */
export interface TablePage {
  rows: unknown[];
  keys: IndexableType[] | null;
}

/**
 * Every row of any table, in primary-key order, `pageRows()` at a time (asked before each page,
 * so a reader can shrink pages of big rows). Each page is its own read; nothing holds a
 * transaction open across the caller's awaits (WebCrypto inside one would end it early). A table
 * whose keys are inside its rows is read a page per getAll (Dexie's toArray of a limited range);
 * one with keys outside them by cursor, which gives the keys too.
 */
export async function* tablePages(table: Table, pageRows: () => number): AsyncGenerator<TablePage> {
  const keyPath = table.schema.primKey.keyPath;
  const inbound = keyPath !== undefined && keyPath !== null;
  const keyOf = (row: unknown): IndexableType => {
    const r = row as Record<string, IndexableType>;
    return (Array.isArray(keyPath) ? keyPath.map((p) => r[p]) : r[keyPath as string]) as IndexableType;
  };
  let last: IndexableType | undefined;
  for (;;) {
    const n = Math.max(1, Math.floor(pageRows()));
    const collection = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
    let rows: unknown[];
    let keys: IndexableType[] | null = null;
    if (inbound) {
      rows = await collection.limit(n).toArray();
    } else {
      rows = [];
      const outbound: IndexableType[] = [];
      await collection.limit(n).each((row: unknown, cursor) => {
        rows.push(row);
        outbound.push(cursor.primaryKey);
      });
      keys = outbound;
    }
    if (rows.length === 0) return;
    yield { rows, keys };
    last = keys ? keys[keys.length - 1] : keyOf(rows[rows.length - 1]);
    if (rows.length < n) return;
  }
}

/** Dexie's declaration of a table as it stands: primary key first, then the indexes. */
export function tableDeclaration(table: Table): string {
  const { primKey, indexes } = table.schema;
  return [primKey.src, ...indexes.map((i) => i.src)].join(', ');
}
