import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { inspectDatabase } from '../../renderer/db/inspect';
import { openDatabase, SCHEMA_V1, SCHEMA_V1_STORES, SCHEMA_V2, SCHEMA_V2_STORES } from '../../renderer/db/schema';

/**
 * The upgrade from version 1 (the foundation) to version 2 (the carrier ledger) only adds tables.
 * A store written by version 1, with data in it, opens as version 2 with every row as it was.
 */
describe('schema v1 → v2', () => {
  it('keeps every v1 row and adds the ledger tables, empty', async () => {
    const name = `schema-upgrade-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(SCHEMA_V1).stores(SCHEMA_V1_STORES);
    await v1.open();
    const install = { magic: 'secrecy-ledger/store', installId: 'a'.repeat(32), createdAt: '2026-01-05T01:00:00.000Z', sealPublicKey: { kty: 'EC' }, policy: { maxFailures: 5, lockMinutes: 30, idleMinutes: 10 } };
    await v1.table('meta').put({ key: 'install', value: install });
    await v1.table('keyslots').put({ slotId: 's1', accountId: 'acc-1', kdf: { alg: 'argon2id', m: 256, t: 1, p: 1, salt: 'x' }, wrapped: new Uint8Array([1, 2, 3]), failures: 2, lockedUntil: null });
    await v1.table('accounts').put({ id: 'acc-1', status: 'active', ct: new Uint8Array([4, 5, 6]) });
    await v1.table('audit').bulkPut([
      { seq: 1, at: '2026-01-05T01:00:00.000Z', ct: new Uint8Array([7]) },
      { seq: 2, at: '2026-01-05T01:00:01.000Z', ct: new Uint8Array([8]) },
    ]);
    await v1.table('settings').put({ key: 'unit', ct: new Uint8Array([9]) });
    v1.close();

    // The start-up check looks without upgrading and finds a store of ours.
    expect(await inspectDatabase(name)).toEqual({ kind: 'ready' });

    const db = openDatabase(name);
    await db.open();
    // At least version 2: later versions (other modules' tables) may follow.
    expect(db.verno).toBeGreaterThanOrEqual(SCHEMA_V2);
    expect(await db.meta.get('install')).toEqual({ key: 'install', value: install });
    expect(await db.keyslots.get('s1')).toMatchObject({ accountId: 'acc-1', failures: 2, wrapped: new Uint8Array([1, 2, 3]) });
    expect(await db.accounts.get('acc-1')).toEqual({ id: 'acc-1', status: 'active', ct: new Uint8Array([4, 5, 6]) });
    expect((await db.audit.orderBy('seq').toArray()).map((r) => r.seq)).toEqual([1, 2]);
    expect(await db.settings.get('unit')).toEqual({ key: 'unit', ct: new Uint8Array([9]) });
    for (const table of Object.keys(SCHEMA_V2_STORES)) expect(await db.table(table).count(), table).toBe(0);
    // …with their indexes: the unique blinded registry number among them.
    expect(db.carriers.schema.indexes.find((i) => i.name === 'regToken')?.unique).toBe(true);
    expect(db.carriers.schema.indexes.find((i) => i.name === 'docTokens')?.multi).toBe(true);
    db.close();

    // Opened again after the upgrade, it is still a store of ours.
    expect(await inspectDatabase(name)).toEqual({ kind: 'ready' });
  });
});
