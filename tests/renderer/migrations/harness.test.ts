import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { tableDeclaration } from '../../../renderer/db/dataSafety/tablePages';
import { EncryptedLedgerStore } from '../../../renderer/db/ledgerStore';
import { LATEST_SCHEMA, openDatabase } from '../../../renderer/db/schema';
import { CHEAP, freshName, makeStore, PASSWORDS } from '../storeFixtures';
import { dump, failingUpgrade as failing, oldStore, versionOf } from './fixtures';
import { SCHEMA_HISTORY, storesAt } from './history';

/**
 * The migration harness (issue 8): every earlier schema version is opened with data in every
 * table by the app as it is now, and must come out upgraded with nothing lost or changed, every
 * record still decrypting and the audit chain intact. An upgrade that fails must leave the old
 * database exactly as it was and say so.
 */

const latest = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1];
const previous = SCHEMA_HISTORY.slice(0, -1).map((s) => s.version);

/** Dexie's own reading of a declaration: the same string whichever way it was written (`&id` vs `id`). */
function normalized(stores: Record<string, string>): Record<string, string> {
  const db = new Dexie(`normalize-${Math.random()}`);
  db.version(1).stores(stores);
  return Object.fromEntries(db.tables.map((t) => [t.name, tableDeclaration(t)]));
}

describe('schema history', () => {
  it('adds up to the live schema exactly (a new version must be added to tests/renderer/migrations/history.ts)', () => {
    const live = openDatabase('declared-only');
    expect(latest?.version, 'the newest version in history.ts').toBe(LATEST_SCHEMA);
    expect(live.verno).toBe(LATEST_SCHEMA);
    expect(normalized(storesAt(LATEST_SCHEMA))).toEqual(Object.fromEntries(live.tables.map((t) => [t.name, tableDeclaration(t)])));
  });
});

describe.each(previous)('a store made at schema version %i', (version) => {
  it('is upgraded to the latest version with every row kept byte for byte, every record verifying, and the new tables empty', async () => {
    const base = freshName(`migrate-v${version}`);
    const old = await oldStore(base, version);
    expect(await versionOf(base)).toBe(version);
    for (const [table, rows] of Object.entries(old.dump)) {
      if (!['meta', 'keyslots', 'accounts', 'audit', 'settings', 'auditSealed'].includes(table)) expect(rows.length, table).toBeGreaterThan(0);
    }

    const store = makeStore(base);
    expect(await store.status()).toEqual({ kind: 'ready' });
    expect(await versionOf(base)).toBe(LATEST_SCHEMA);
    const signed = await store.signIn('shenji', PASSWORDS.shenji ?? '');
    expect(signed.ok).toBe(true);

    const after = await dump(base);
    for (const [table, rows] of Object.entries(old.dump)) {
      // Signing in appends to the chain and moves its head; everything that was there stays.
      if (table === 'audit') expect(after.audit?.slice(0, rows.length), table).toEqual(rows);
      else if (table === 'settings' || table === 'keyslots') expect(after[table]?.length, table).toBe(rows.length);
      else expect(after[table], table).toEqual(rows);
    }
    for (const table of Object.keys(storesAt(LATEST_SCHEMA))) {
      expect(after[table], `${table} exists after the upgrade`).toBeDefined();
      if (!(table in old.dump)) expect(after[table], `${table} is new and empty`).toEqual([]);
    }
    for (const step of SCHEMA_HISTORY) {
      if (step.version > version && step.check) {
        const db = openDatabase(base);
        await step.check((t) => db.table(t).toArray());
        db.close();
      }
    }
    const report = await store.dataSafety.checkIntegrity();
    expect(report.ok && { problems: report.value.problems, chain: report.value.chain.ok }).toEqual({ problems: [], chain: true });
    expect(await store.verifyAuditTrail()).toMatchObject({ ok: true, value: { ok: true } });
  });
});

describe('an upgrade that fails', () => {
  it.each([LATEST_SCHEMA, SCHEMA_HISTORY[0]?.version ?? 1])(
    'from version %i leaves the database at its version with every row as it was, and says so',
    async (version) => {
      const base = freshName(`fail-from-v${version}`);
      const old = await oldStore(base, version);
      const store = new EncryptedLedgerStore({ dbName: base, kdfCost: CHEAP, openDatabase: failing });
      const status = await store.status();
      expect(status).toMatchObject({ kind: 'unreadable', reason: 'upgradeFailed' });
      expect(status.kind === 'unreadable' && status.detail).toContain('the upgrade went wrong halfway');
      // The whole versionchange transaction was undone: not even the earlier, working upgrades stayed.
      expect(await versionOf(base)).toBe(version);
      expect(await dump(base)).toEqual(old.dump);
      // The app as it is opens it again, untouched.
      const fixed = makeStore(base);
      expect(await fixed.status()).toEqual({ kind: 'ready' });
      expect((await fixed.signIn('sysadmin', PASSWORDS.sysadmin ?? '')).ok).toBe(true);
    },
  );
});
