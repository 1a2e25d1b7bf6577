import { describe, expect, it } from 'vitest';
import { countCarrier, emptyCounts, overdueFromCounts, totalsFromCounts, type LedgerCounts } from '../../shared/exchange/statistics';
import { LEVELS as KNOWN_LEVELS } from '../../shared/ledger/classification';
import { ensureLedgerCounts, readLedgerCounts, TOTALS_KEY } from '../../renderer/db/ledgerTotals';
import { openDatabase, type CarrierRow, type LedgerDb } from '../../renderer/db/schema';

/**
 * The ledger's running counts (renderer/db/ledgerTotals.ts): kept in `meta` with every write to
 * `carriers`, whatever makes it, so that a delta bundle's statistics read one row. After every kind
 * of write the kept counts must equal a count of the rows themselves.
 */

let n = 0;
async function freshDb(): Promise<LedgerDb> {
  const db = openDatabase(`ledger-totals-${n++}`);
  await db.open();
  return db;
}

const LEVELS = ['top_secret', 'secret', 'confidential', 'internal', 'some_future_level'];
const KINDS = ['paper', 'disc', 'usb', 'disk', 'computer'];
const STATUSES = ['in_custody', 'on_loan', 'taken_out', 'destroyed'];
const DATES = [null, null, '2026-11-01', '2026-11-20', '2026-11-21', '2026-12-30'];

function row(id: string, pick: (xs: readonly (string | null)[]) => string | null): CarrierRow {
  return {
    id,
    status: pick(STATUSES) as string,
    level: pick(LEVELS) as string,
    kind: pick(KINDS) as string,
    custodianId: null,
    registeredAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    dueOn: pick(DATES),
    version: 1,
    regToken: `reg-${id}`,
    docTokens: [],
    ct: new Uint8Array([1, 2, 3]),
  };
}

/** What the rows say, counted one by one. */
async function recount(db: LedgerDb): Promise<LedgerCounts> {
  const counts = emptyCounts();
  for (const r of await db.carriers.toArray()) countCarrier(counts, r, 1);
  return counts;
}

function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the ledger’s running counts', () => {
  it('a store without them counts itself once on its indexes, then keeps them', async () => {
    const db = await freshDb();
    const r = prng(1);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
    await db.carriers.bulkAdd(Array.from({ length: 40 }, (_, i) => row(`c${i}`, pick)));
    // Not kept yet: the writes above were not counted.
    expect(await readLedgerCounts(db)).toBeNull();
    const counted = await ensureLedgerCounts(db);
    expect(counted).toEqual(await recount(db));
    expect(counted.level.some_future_level).toBeGreaterThan(0);
    await db.carriers.put({ ...row('c0', pick), level: 'secret', status: 'on_loan', dueOn: '2026-11-02' });
    expect(await readLedgerCounts(db)).toEqual(await recount(db));
    db.close();
  });

  it('after every kind of write — add, put, bulk, delete, clear, writes in parallel in one transaction — the kept counts equal the rows', async () => {
    const db = await freshDb();
    await ensureLedgerCounts(db);
    const r = prng(20261121);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
    let next = 0;
    const ids = () => db.carriers.toCollection().primaryKeys();
    const steps: [string, () => Promise<unknown>][] = [
      ['add', () => db.carriers.add(row(`c${next++}`, pick))],
      ['bulkAdd', () => db.carriers.bulkAdd(Array.from({ length: 1 + Math.floor(r() * 60) }, () => row(`c${next++}`, pick)))],
      ['put an existing one', async () => {
        const all = await ids();
        if (all.length > 0) await db.carriers.put(row(pick(all), pick));
      }],
      ['bulkPut, new and existing', async () => {
        const all = await ids();
        await db.carriers.bulkPut([...all.slice(0, 5).map((id) => row(id, pick)), row(`c${next++}`, pick)]);
      }],
      ['delete', async () => {
        const all = await ids();
        if (all.length > 0) await db.carriers.delete(pick(all));
      }],
      ['bulkDelete with a missing key', async () => {
        const all = await ids();
        await db.carriers.bulkDelete([...all.slice(0, 3), 'no-such-carrier']);
      }],
      ['where().delete()', () => db.carriers.where('status').equals(pick(STATUSES)).delete()],
      ['modify', () => db.carriers.where('level').equals(pick(LEVELS)).modify({ status: 'destroyed', dueOn: null })],
      ['parallel puts in one transaction', () =>
        db.transaction('rw', db.carriers, async () => {
          const all = await ids();
          await Promise.all(all.slice(0, 8).flatMap((id) => [db.carriers.put(row(id, pick)), db.carriers.put(row(id, pick))]));
        })],
      ['a transaction that fails leaves the counts as they were', async () => {
        await db
          .transaction('rw', db.carriers, async () => {
            await db.carriers.add(row(`c${next++}`, pick));
            throw new Error('abort');
          })
          .catch(() => undefined);
      }],
      ['a duplicate add refused inside a transaction that goes on', () =>
        db.transaction('rw', db.carriers, async () => {
          const all = await ids();
          if (all.length > 0) await db.carriers.add(row(all[0] as string, pick)).catch(() => undefined);
          await db.carriers.add(row(`c${next++}`, pick));
        })],
    ];
    for (let i = 0; i < 120; i++) {
      const [name, step] = pick(steps);
      await step();
      expect(await readLedgerCounts(db), `after step ${i}: ${name}`).toEqual(await recount(db));
    }
    await db.carriers.clear();
    expect(await readLedgerCounts(db)).toEqual(emptyCounts());
    db.close();
  });

  it('gives the statistics record and the overdue count as counting the index fields did', async () => {
    const db = await freshDb();
    await ensureLedgerCounts(db);
    const r = prng(7);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
    await db.carriers.bulkAdd(Array.from({ length: 200 }, (_, i) => row(`c${i}`, pick)));
    const counts = (await readLedgerCounts(db)) as LedgerCounts;
    const totals = totalsFromCounts(counts);
    expect(totals.total).toBe(200);
    expect(totals.byLevel.secret).toBe(await db.carriers.where('level').equals('secret').count());
    expect(totals.byStatus.on_loan).toBe(await db.carriers.where('status').equals('on_loan').count());
    // An unknown level is in the total only (as before), every known code is present.
    expect(Object.keys(totals.byLevel).sort()).toEqual([...KNOWN_LEVELS].sort());
    expect(totals.total).toBeGreaterThan(Object.values(totals.byLevel).reduce((a, b) => a + b, 0));
    const today = '2026-11-21';
    expect(overdueFromCounts(counts, today)).toBe(await db.carriers.where('dueOn').between('', today, false, false).count());
    db.close();
  });

  it('kept counts that are damaged are counted again, not used', async () => {
    const db = await freshDb();
    await db.carriers.bulkAdd([row('a', (xs) => xs[0] ?? null), row('b', (xs) => xs[1] ?? null)]);
    await db.meta.put({ key: TOTALS_KEY, value: { total: -3 } });
    expect(await readLedgerCounts(db)).toBeNull();
    expect(await ensureLedgerCounts(db)).toEqual(await recount(db));
    db.close();
  });
});
