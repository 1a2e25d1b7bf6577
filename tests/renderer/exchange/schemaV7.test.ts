import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { inspectDatabase } from '../../../renderer/db/inspect';
import {
  LATEST_SCHEMA,
  openDatabase,
  SCHEMA_V1,
  SCHEMA_V1_STORES,
  SCHEMA_V2,
  SCHEMA_V2_STORES,
  SCHEMA_V4,
  SCHEMA_V4_STORES,
  SCHEMA_V5,
  SCHEMA_V5_STORES,
  SCHEMA_V7,
  SCHEMA_V7_STORES,
} from '../../../renderer/db/schema';

/**
 * SCHEMA_V7 (data exchange) only adds tables. A store written before it — with a ledger, settings
 * and printouts in it — opens with every row as it was and the exchange tables empty.
 */
describe('schema → v7 (数据交换)', () => {
  it('keeps every earlier row and adds the exchange tables, empty, with their indexes', async () => {
    expect(LATEST_SCHEMA).toBeGreaterThanOrEqual(SCHEMA_V7);
    const name = `schema-v7-upgrade-${Date.now()}`;
    const old = new Dexie(name);
    old.version(SCHEMA_V1).stores(SCHEMA_V1_STORES);
    old.version(SCHEMA_V2).stores(SCHEMA_V2_STORES);
    old.version(SCHEMA_V4).stores(SCHEMA_V4_STORES);
    old.version(SCHEMA_V5).stores(SCHEMA_V5_STORES);
    await old.open();
    const install = { magic: 'secrecy-ledger/store', installId: 'b'.repeat(32), createdAt: '2026-01-05T01:00:00.000Z', sealPublicKey: { kty: 'EC' }, policy: { maxFailures: 5, lockMinutes: 30, idleMinutes: 10 } };
    await old.table('meta').put({ key: 'install', value: install });
    await old.table('keyslots').put({ slotId: 's1', accountId: 'acc-1', kdf: { alg: 'argon2id', m: 256, t: 1, p: 1, salt: 'x' }, wrapped: new Uint8Array([9]), failures: 0, lockedUntil: null });
    await old.table('settings').bulkPut([
      { key: 'unit', ct: new Uint8Array([1, 2]) },
      { key: 'auditHead', ct: new Uint8Array([3]) },
    ]);
    const carrier = { id: 'c-1', status: 'in_custody', level: 'secret', kind: 'paper', custodianId: 'p-1', registeredAt: '2026-01-06T00:00:00.000Z', updatedAt: '2026-01-06T00:00:00.000Z', dueOn: null, version: 1, regToken: 'r1', docTokens: [], ct: new Uint8Array([4]) };
    await old.table('carriers').put(carrier);
    await old.table('carrierEvents').put({ id: 'e-1', carrierId: 'c-1', seq: 1, at: '2026-01-06T00:00:00.000Z', ct: new Uint8Array([5]) });
    await old.table('printouts').put({ id: 'p-1', at: '2026-01-07T00:00:00.000Z', kind: 'ledger', ct: new Uint8Array([6]) });
    old.close();

    expect(await inspectDatabase(name)).toEqual({ kind: 'ready' });
    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(SCHEMA_V7);
    expect(await db.meta.get('install')).toEqual({ key: 'install', value: install });
    expect(await db.settings.get('unit')).toEqual({ key: 'unit', ct: new Uint8Array([1, 2]) });
    expect(await db.carriers.get('c-1')).toEqual(carrier);
    expect(await db.carrierEvents.count()).toBe(1);
    expect(await db.printouts.count()).toBe(1);
    for (const table of Object.keys(SCHEMA_V7_STORES)) expect(await db.table(table).count(), table).toBe(0);
    expect(db.bureauRecords.schema.indexes.map((i) => i.name).sort()).toEqual(['[unitId+part]', 'unitId']);
    expect(db.bureauImports.schema.indexes.map((i) => i.name)).toEqual(['unitId']);
    // The new tables take rows at once.
    await db.bureauUnits.add({ id: 'u-1', version: 1, ct: new Uint8Array([7]) });
    expect(await db.bureauUnits.count()).toBe(1);
    db.close();
    expect(await inspectDatabase(name)).toEqual({ kind: 'ready' });
  });
});
