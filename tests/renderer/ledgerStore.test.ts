import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { EncryptedLedgerStore } from '../../renderer/db/ledgerStore';
import { openDatabase } from '../../renderer/db/schema';
import type { SetupInput } from '../../renderer/db/storeApi';

const CHEAP = { m: 256, t: 1, p: 1 };
let n = 0;
const freshName = () => `ledger-test-${Date.now()}-${n++}`;

const SETUP: SetupInput = {
  unitName: '某市档案局',
  unitCode: 'DAJ-001',
  adminUsername: 'sysadmin',
  adminDisplayName: '王系统',
  password: 'Secret1234',
  secadmin: { username: 'secadmin', displayName: '李安全', password: 'Anquan1234' },
  auditor: { username: 'auditor', displayName: '赵审计', password: 'Shenji1234' },
};

function makeStore(dbName: string, clock?: { t: number }) {
  return new EncryptedLedgerStore({ dbName, kdfCost: CHEAP, now: clock ? () => new Date(clock.t) : undefined });
}

describe('encrypted store: set-up and sign-in', () => {
  it('reports an empty store, sets it up, and signs the administrator in again after restart', async () => {
    const name = freshName();
    const s1 = makeStore(name);
    expect(await s1.status()).toEqual({ kind: 'empty' });
    const r = await s1.setup(SETUP);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.unit).toEqual({ name: '某市档案局', code: 'DAJ-001' });
    expect(r.value.roles).toEqual(['sysadmin']);
    s1.close();

    const s2 = makeStore(name);
    expect(await s2.status()).toEqual({ kind: 'ready' });
    const signed = await s2.signIn('SysAdmin', 'Secret1234');
    expect(signed.ok && signed.value.displayName).toBe('王系统');
    s2.close();
  });

  it('refuses a second set-up over existing data', async () => {
    const name = freshName();
    const s = makeStore(name);
    await s.setup(SETUP);
    const again = await makeStore(name).setup({ ...SETUP, unitName: '另一个单位' });
    expect(again).toEqual({ ok: false, error: { code: 'STORE_ALREADY_INITIALIZED' } });
  });

  it('refuses set-up with a weak password or a bad field, writing nothing', async () => {
    const name = freshName();
    const s = makeStore(name);
    expect(await s.setup({ ...SETUP, password: 'short1' })).toMatchObject({ ok: false, error: { code: 'PASSWORD_WEAK' } });
    expect(await s.setup({ ...SETUP, password: 'onlyletters' })).toMatchObject({ ok: false, error: { code: 'PASSWORD_WEAK' } });
    expect(await s.setup({ ...SETUP, unitCode: '代码' })).toMatchObject({ ok: false, error: { code: 'SETUP_INVALID_FIELD', params: { field: 'unitCode' } } });
    expect(await s.status()).toEqual({ kind: 'empty' });
  });

  it('counts wrong passwords, locks after the fifth, and unlocks when the lock period ends', async () => {
    const name = freshName();
    const clock = { t: Date.parse('2026-11-21T09:00:00Z') };
    const s = makeStore(name, clock);
    await s.setup(SETUP);
    await s.signOut();
    const remaining: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await s.signIn('sysadmin', 'Wrong12345');
      remaining.push(!r.ok && r.error.params?.remaining);
    }
    expect(remaining).toEqual([4, 3, 2, 1]);
    const fifth = await s.signIn('sysadmin', 'Wrong12345');
    expect(fifth).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED', params: { until: '2026-11-21T09:30:00.000Z' } } });
    // Even the right password is refused while locked.
    expect(await s.signIn('sysadmin', 'Secret1234')).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    clock.t += 31 * 60_000;
    expect((await s.signIn('sysadmin', 'Secret1234')).ok).toBe(true);
  });

  it('answers an unknown login name like a wrong password, without a count', async () => {
    const name = freshName();
    const s = makeStore(name);
    await s.setup(SETUP);
    await s.signOut();
    expect(await s.signIn('nobody', 'Secret1234')).toEqual({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
  });

  it('lock drops the keys; unlock needs the password of the same account', async () => {
    const s = makeStore(freshName());
    await s.setup(SETUP);
    expect(s.isUnlocked()).toBe(true);
    await s.lock('idle');
    expect(s.isUnlocked()).toBe(false);
    expect(await s.verifyAuditTrail()).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await s.unlock('Wrong12345')).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS', params: { remaining: 4 } } });
    expect((await s.unlock('Secret1234')).ok).toBe(true);
    expect(s.isUnlocked()).toBe(true);
  });

  it('changing the password rewraps the key: the new one opens the same data, the old one no longer does', async () => {
    const name = freshName();
    const s = makeStore(name);
    await s.setup(SETUP);
    expect(await s.changePassword('Wrong12345', 'NewSecret99')).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    expect(await s.changePassword('Secret1234', 'weak')).toMatchObject({ ok: false, error: { code: 'PASSWORD_WEAK' } });
    const db = openDatabase(name);
    const auditBefore = await db.audit.get(1);
    expect((await s.changePassword('Secret1234', 'NewSecret99')).ok).toBe(true);
    // Data is not re-encrypted: the first audit record is byte-for-byte the same.
    expect(await db.audit.get(1)).toEqual(auditBefore);
    db.close();
    await s.signOut();
    expect(await s.signIn('sysadmin', 'Secret1234')).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    const r = await s.signIn('sysadmin', 'NewSecret99');
    expect(r.ok && r.value.unit.name).toBe('某市档案局');
  });
});

describe('encrypted store: audit trail', () => {
  it('records set-up, failed sign-in (sealed while locked) and sign-in in one verified chain', async () => {
    const name = freshName();
    const s = makeStore(name);
    await s.audit('network.exposed', { interfaces: [{ name: 'eth0', addresses: ['10.0.0.5'] }] }); // before set-up
    await s.setup(SETUP);
    await s.signOut();
    await s.signIn('sysadmin', 'Wrong12345');
    await s.audit('network.exposed', { interfaces: [] }); // locked: sealed
    await s.signIn('sysadmin', 'Secret1234');
    const entries = await s.auditEntries();
    expect(entries.ok).toBe(true);
    if (!entries.ok) return;
    expect(entries.value.map((e) => e.action).reverse()).toEqual([
      'network.exposed',
      'store.setup',
      'account.created',
      'account.created',
      'account.created',
      'recovery.issued',
      'auth.signout',
      'auth.signin_failed',
      'network.exposed',
      'auth.signin',
    ]);
    expect(await s.verifyAuditTrail()).toEqual({ ok: true, value: { ok: true, count: 10 } });
    const db = openDatabase(name);
    expect(await db.auditSealed.count()).toBe(0);
    db.close();
  });

  it('names exactly the audit record whose bytes were changed on disk', async () => {
    const name = freshName();
    const s = makeStore(name);
    await s.setup(SETUP);
    for (let i = 0; i < 5; i++) await s.audit('test.event', { i });
    const db = openDatabase(name);
    const row = await db.audit.get(4);
    if (!row) throw new Error('no row');
    const ct = new Uint8Array(row.ct);
    ct[ct.length - 20] = (ct[ct.length - 20] ?? 0) ^ 0x01;
    await db.audit.put({ ...row, ct });
    db.close();
    expect(await s.verifyAuditTrail()).toEqual({ ok: true, value: { ok: false, count: 3, firstBreak: { seq: 4, reason: 'unreadable' } } });
  });

  it('detects a deleted audit record as a gap', async () => {
    const name = freshName();
    const s = makeStore(name);
    await s.setup(SETUP);
    for (let i = 0; i < 3; i++) await s.audit('test.event', { i });
    const db = openDatabase(name);
    await db.audit.delete(3);
    db.close();
    expect(await s.verifyAuditTrail()).toMatchObject({ ok: true, value: { ok: false, firstBreak: { seq: 3, reason: 'missing' } } });
  });
});

describe('encrypted store: tampering and foreign data', () => {
  it('reports a changed account record instead of returning it', async () => {
    const name = freshName();
    const s = makeStore(name);
    const r = await s.setup(SETUP);
    if (!r.ok) throw new Error('setup');
    await s.signOut();
    const db = openDatabase(name);
    const row = await db.accounts.get(r.value.accountId);
    if (!row) throw new Error('no row');
    const ct = new Uint8Array(row.ct);
    ct[20] = (ct[20] ?? 0) ^ 0xff;
    await db.accounts.put({ ...row, ct });
    db.close();
    expect(await s.signIn('sysadmin', 'Secret1234')).toEqual({ ok: false, error: { code: 'STORE_TAMPERED', params: { table: 'accounts', id: r.value.accountId } } });
  });

  it('reports a plain status field changed on disk (it is checked against the encrypted copy)', async () => {
    const name = freshName();
    const s = makeStore(name);
    const r = await s.setup(SETUP);
    if (!r.ok) throw new Error('setup');
    await s.signOut();
    const db = openDatabase(name);
    await db.accounts.update(r.value.accountId, { status: 'disabled' });
    db.close();
    expect(await s.signIn('sysadmin', 'Secret1234')).toMatchObject({ ok: false, error: { code: 'STORE_TAMPERED' } });
  });

  it('reports a foreign database with the same name and leaves it untouched', async () => {
    const name = freshName();
    const foreign = new Dexie(name);
    foreign.version(3).stores({ notes: '++id' });
    await foreign.table('notes').add({ text: 'someone else' });
    foreign.close();
    const s = makeStore(name);
    const st = await s.status();
    expect(st).toMatchObject({ kind: 'unreadable', reason: 'foreign' });
    expect(await s.setup(SETUP)).toEqual({ ok: false, error: { code: 'STORE_ALREADY_INITIALIZED' } });
    const again = new Dexie(name);
    await again.open();
    expect(await again.table('notes').toArray()).toEqual([{ id: 1, text: 'someone else' }]);
    again.close();
  });

  it('reports a store written by a newer app version without upgrading or downgrading it', async () => {
    const name = freshName();
    const newer = new Dexie(name);
    newer.version(99).stores({ meta: '&key' });
    await newer.open();
    newer.close();
    expect(await makeStore(name).status()).toMatchObject({ kind: 'unreadable', reason: 'newer' });
  });

  it('reports a store whose install record is damaged', async () => {
    const name = freshName();
    const s = makeStore(name);
    await s.setup(SETUP);
    s.close();
    const db = openDatabase(name);
    await db.meta.put({ key: 'install', value: { magic: 'secrecy-ledger/store', installId: 'xyz' } });
    db.close();
    expect(await makeStore(name).status()).toMatchObject({ kind: 'unreadable', reason: 'corrupt' });
  });
});
