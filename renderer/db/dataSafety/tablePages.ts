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
 * one with keys outside them by cursor, which gives the keys too. With `readAhead`, the next page
 * is already being read while the caller works on this one (its size asked before this one is
 * handed over).
 */
export async function* tablePages(table: Table, pageRows: () => number, readAhead = false): AsyncGenerator<TablePage> {
  const keyPath = table.schema.primKey.keyPath;
  const inbound = keyPath !== undefined && keyPath !== null;
  const keyOf = (row: unknown): IndexableType => {
    const r = row as Record<string, IndexableType>;
    return (Array.isArray(keyPath) ? keyPath.map((p) => r[p]) : r[keyPath as string]) as IndexableType;
  };
  const read = async (after: IndexableType | undefined, n: number): Promise<TablePage> => {
    const collection = (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(n);
    if (inbound) return { rows: await collection.toArray(), keys: null };
    const rows: unknown[] = [];
    const keys: IndexableType[] = [];
    await collection.each((row: unknown, cursor) => {
      rows.push(row);
      keys.push(cursor.primaryKey);
    });
    return { rows, keys };
  };
  const size = () => Math.max(1, Math.floor(pageRows()));
  let n = size();
  let next: Promise<TablePage> | null = read(undefined, n);
  while (next) {
    const page = await next;
    next = null;
    if (page.rows.length === 0) return;
    const full = page.rows.length === n;
    if (full && readAhead) {
      n = size();
      next = read(page.keys ? page.keys[page.keys.length - 1] : keyOf(page.rows[page.rows.length - 1]), n);
      // Seen at the next step; a caller that stops early leaves it unread.
      next.catch(() => undefined);
    }
    yield page;
    if (!full) return;
    if (!readAhead) {
      n = size();
      next = read(page.keys ? page.keys[page.keys.length - 1] : keyOf(page.rows[page.rows.length - 1]), n);
    }
  }
}

/** Dexie's declaration of a table as it stands: primary key first, then the indexes. */
export function tableDeclaration(table: Table): string {
  const { primKey, indexes } = table.schema;
  return [primKey.src, ...indexes.map((i) => i.src)].join(', ');
}
