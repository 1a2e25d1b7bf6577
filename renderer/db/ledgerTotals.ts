import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { countCarrier, emptyCounts, isLedgerCounts, type CountedCarrier, type LedgerCounts } from '../../shared/exchange/statistics';
import type { LedgerDb } from './schema';

/**
 * The ledger's running counts (by level, kind, status and due date), kept in `meta` under
 * TOTALS_KEY by a Dexie middleware in the same transaction as every write to `carriers`, whichever
 * module makes it (a ledger action, an import, a destruction, a determination, the bench's seeder).
 * A delta bundle's statistics then read one row instead of counting 100,000 index entries 21 times
 * (docs/performance.md). The counts are of the carriers' plain index fields (codes and dates that
 * are in the clear anyway), so the row says nothing the indexes do not.
 *
 * A store without the row (made before it existed, or a restored older backup) is not counted as
 * it is written; `ensureLedgerCounts` counts it once on the indexes and from then on it is kept.
 * Restore copies `meta` with the tables it was counted from, in one consistent state.
 */
export const TOTALS_KEY = 'ledgerTotals';

type MetaValue = { key: string; value: unknown };

/** Writes in one transaction are counted one after another (each reads the row the previous wrote). */
const queues = new WeakMap<DBCoreTransaction, Promise<unknown>>();

function counted(row: unknown): CountedCarrier {
  const r = row as Record<string, unknown>;
  return { level: String(r.level), kind: String(r.kind), status: String(r.status), dueOn: typeof r.dueOn === 'string' ? r.dueOn : null };
}

async function countedMutate(down: DBCore, table: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const meta = down.table('meta');
  const { trans } = req;
  const row = (await meta.get({ trans, key: TOTALS_KEY })) as MetaValue | undefined;
  if (!row || !isLedgerCounts(row.value)) return table.mutate(req);
  let before: unknown[] = [];
  if (req.type === 'put') before = await table.getMany({ trans, keys: req.keys ?? req.values.map((v) => (v as { id: unknown }).id) });
  else if (req.type === 'delete') before = await table.getMany({ trans, keys: req.keys });
  else if (req.type === 'deleteRange') before = (await table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } })).result;
  const res = await table.mutate(req);
  const counts: LedgerCounts = structuredClone(row.value);
  const done = (i: number) => !Object.hasOwn(res.failures, i);
  if (req.type === 'add' || req.type === 'put') {
    req.values.forEach((v, i) => {
      if (!done(i)) return;
      const old = before[i];
      if (old) countCarrier(counts, counted(old), -1);
      countCarrier(counts, counted(v), 1);
    });
  } else {
    before.forEach((old, i) => {
      if (old && (req.type === 'deleteRange' || done(i))) countCarrier(counts, counted(old), -1);
    });
  }
  await meta.mutate({ trans, type: 'put', values: [{ key: TOTALS_KEY, value: counts }] });
  return res;
}

/** Registered by openDatabase: every read-write transaction on `carriers` also takes `meta`. */
export const ledgerTotalsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'ledgerTotals',
  create: (down) => ({
    ...down,
    transaction: (stores, mode, options) =>
      down.transaction(mode === 'readwrite' && stores.includes('carriers') && !stores.includes('meta') ? [...stores, 'meta'] : stores, mode, options),
    table: (name) => {
      const table = down.table(name);
      if (name !== 'carriers') return table;
      return {
        ...table,
        mutate: (req) => {
          const run = (queues.get(req.trans) ?? Promise.resolve()).then(() => countedMutate(down, table, req));
          queues.set(
            req.trans,
            run.catch(() => undefined),
          );
          return run;
        },
      };
    },
  }),
};

/** Counts the ledger on its plain indexes (every code present in the store, and the due dates). */
async function countOnIndexes(db: LedgerDb): Promise<LedgerCounts> {
  const counts = emptyCounts();
  const c = db.carriers;
  counts.total = await c.count();
  for (const [field, into] of [
    ['level', counts.level],
    ['kind', counts.kind],
    ['status', counts.status],
    ['dueOn', counts.dueOn],
  ] as const) {
    for (const key of await c.orderBy(field).uniqueKeys()) {
      const n = await c.where(field).equals(key).count();
      if (n > 0) into[String(key)] = n;
    }
  }
  return counts;
}

/** The running counts, or null where this store does not keep them yet. Inside a transaction that includes `meta`, or alone. */
export async function readLedgerCounts(db: LedgerDb): Promise<LedgerCounts | null> {
  const row = await db.meta.get(TOTALS_KEY);
  return row && isLedgerCounts(row.value) ? row.value : null;
}

/**
 * The running counts, counting the ledger once on its indexes (in one read-write transaction, so
 * no write falls between the count and the row) where the store does not keep them yet. A new
 * store starts them at set-up with nothing to count.
 */
export async function ensureLedgerCounts(db: LedgerDb): Promise<LedgerCounts> {
  const kept = await readLedgerCounts(db);
  if (kept) return kept;
  return db.transaction('rw', [db.carriers, db.meta], async () => {
    const again = await readLedgerCounts(db);
    if (again) return again;
    const counts = await countOnIndexes(db);
    await db.meta.put({ key: TOTALS_KEY, value: counts });
    return counts;
  });
}
