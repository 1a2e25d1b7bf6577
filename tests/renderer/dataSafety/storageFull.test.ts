import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerPointer } from '../../../renderer/db/dataSafety/pointer';
import { PeopleRepo } from '../../../renderer/db/people.repo';
import { describeRefusal } from '../../../renderer/i18n/refusals';
import { translate, type Translate } from '../../../renderer/i18n';
import { createSessionStore } from '../../../renderer/session/session.store';
import { createFakeApi } from '../fakes';
import { SESSIONS, testLedger } from '../ledgerVault';
import { as, makeStore, PASSWORDS, setUpStore, THREE_ADMINS } from '../storeFixtures';
import { databaseNames, dumpDatabase, fileOf, fillStore, fullDisk, memoryMedium, onlyFile, sinkOn } from './helpers';

/** A full disk (issue 8): every refusal leaves the store as it was (fullDisk: ./helpers.ts). */
let disk: ReturnType<typeof fullDisk> | null = null;
afterEach(() => {
  disk?.restore();
  disk = null;
});

const zh: Translate = (key, params) => translate('zh-CN', key, params);

describe('a full disk', () => {
  it('refuses a change with STORAGE_FULL, writes none of it, keeps what was saved, and works again once there is room', async () => {
    const ledger = await testLedger();
    const people = new PeopleRepo(ledger.as(SESSIONS.clerk));
    const first = await people.create({ name: '王一', department: '保密办', post: '保密员', clearance: 'core', status: 'active' });
    expect(first.ok).toBe(true);
    const before = { people: await ledger.db.people.count(), audit: await ledger.db.audit.count() };
    disk = fullDisk();
    disk.full();
    expect(await people.create({ name: '李二', department: '保密办', post: '干部', clearance: 'core', status: 'active' })).toEqual({
      ok: false,
      error: { code: 'STORAGE_FULL' },
    });
    expect({ people: await ledger.db.people.count(), audit: await ledger.db.audit.count() }).toEqual(before);
    expect(await ledger.audits.verify(ledger.cipher)).toMatchObject({ ok: true });
    disk.room();
    expect((await people.create({ name: '李二', department: '保密办', post: '干部', clearance: 'core', status: 'active' })).ok).toBe(true);
    expect(await ledger.audits.verify(ledger.cipher)).toMatchObject({ ok: true, count: before.audit + 1 });
  });

  it('says so in Chinese, and that nothing already saved was lost', () => {
    const text = describeRefusal({ code: 'STORAGE_FULL' }, zh);
    expect(text).toContain('本机存储空间已满');
    expect(text).toContain('已保存的数据没有丢失');
  });

  it('refuses a sign-in that cannot be recorded with STORAGE_FULL, and a lock still drops the keys', async () => {
    const { s, dbName } = await setUpStore();
    await s.signOut();
    const session = createSessionStore(makeStore(dbName), createFakeApi());
    await session.getState().start();
    disk = fullDisk();
    disk.full();
    expect(await session.getState().signIn('sysadmin', THREE_ADMINS.password)).toEqual({ ok: false, error: { code: 'STORAGE_FULL' } });
    expect(session.getState().phase).toBe('signin');
    disk.room();
    await as(s, 'shenji');
    disk.full();
    await s.lock('idle').catch(() => undefined);
    expect(s.isUnlocked()).toBe(false);
    disk.room();
    expect((await s.unlock(PASSWORDS.shenji ?? '')).ok).toBe(true);
    expect(await s.verifyAuditTrail()).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('stops a restore that runs out of room and leaves the store as it was', async () => {
    const { s, dbName } = await setUpStore();
    await fillStore(s, 2000);
    const medium = memoryMedium();
    expect((await s.dataSafety.backup(sinkOn(medium))).ok).toBe(true);
    const before = await dumpDatabase(dbName);
    const opened = await s.dataSafety.openBackup(fileOf(onlyFile(medium)), { kind: 'password', username: 'sysadmin', password: THREE_ADMINS.password });
    if (!opened.ok) throw new Error(opened.error.code);
    disk = fullDisk();
    disk.after(500);
    expect(await s.dataSafety.restore(opened.value)).toEqual({ ok: false, error: { code: 'STORAGE_FULL' } });
    disk.room();
    expect((await databaseNames()).filter((n) => n.startsWith(`${dbName}@`))).toEqual([]);
    // The pointer may still name the deleted copy as staging (its last write found no room either);
    // the next start clears it, and the store is the one it was.
    const again = makeStore(dbName);
    expect(await again.status()).toEqual({ kind: 'ready' });
    expect(await new LedgerPointer(dbName).read()).toEqual({ active: dbName, staging: null, retired: null });
    expect(await Dexie.exists(dbName)).toBe(true);
    const after = await dumpDatabase(dbName);
    for (const t of Object.keys(before)) if (t !== 'audit' && t !== 'settings') expect(after[t], t).toEqual(before[t]);
    expect((await again.signIn('sysadmin', THREE_ADMINS.password)).ok).toBe(true);
  });
});
