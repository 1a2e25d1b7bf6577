import { describe, expect, it } from 'vitest';
import { ACTIONS, ADMIN_ROLES, isBusinessAction } from '../../shared/auth/permissions';
import { DEFAULT_SECURITY_POLICY } from '../../shared/auth/policy';
import { openSlot, RECOVERY_SLOT_ID } from '../../renderer/db/keyslots';
import { openDatabase } from '../../renderer/db/schema';
import type { EncryptedLedgerStore } from '../../renderer/db/ledgerStore';
import { as, freshName, makeStore, PASSWORDS, setUpStore, THREE_ADMINS } from './storeFixtures';

const NEW = { username: 'zhangsan', displayName: '张三', password: 'Chushi2026' };

async function actions(s: EncryptedLedgerStore): Promise<string[]> {
  const r = await s.auditEntries(1000);
  if (!r.ok) throw new Error('audit');
  return r.value.map((e) => e.action).reverse();
}

async function lastEntry(s: EncryptedLedgerStore, action: string) {
  const r = await s.auditEntries(1000);
  if (!r.ok) throw new Error('audit');
  return r.value.find((e) => e.action === action);
}

/** Set up, then the 系统管理员 creates 张三 and the 安全保密管理员 makes him a handler. */
async function withHandler() {
  const ctx = await setUpStore();
  const created = await ctx.s.admin.createAccount(NEW, PASSWORDS.sysadmin as string);
  if (!created.ok) throw new Error(created.error.code);
  await as(ctx.s, 'anquan');
  const assigned = await ctx.s.admin.assignRoles(created.value.id, ['handler'], 'confidential');
  if (!assigned.ok) throw new Error(assigned.error.code);
  await ctx.s.signOut();
  return { ...ctx, id: created.value.id };
}

describe('set-up creates the three administrators (三员)', () => {
  it('each signs in with their own password and holds only their own role', async () => {
    const { s, setup } = await setUpStore();
    expect(setup.roles).toEqual(['sysadmin']);
    expect(setup.recoveryCode).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    for (const [username, role] of [['anquan', 'secadmin'], ['shenji', 'auditor'], ['sysadmin', 'sysadmin']] as const) {
      await s.signOut();
      expect(await s.signIn(username, 'Xitong2026')).toMatchObject(username === 'sysadmin' ? { ok: true } : { ok: false, error: { code: 'WRONG_CREDENTIALS' } });
      await as(s, username);
      const list = await (role === 'auditor' ? Promise.resolve(null) : s.admin.listAccounts());
      if (list) expect(list.ok).toBe(true);
    }
    const accounts = await s.admin.listAccounts();
    expect(accounts.ok && accounts.value.map((a) => [a.username, a.roles])).toEqual([
      ['sysadmin', ['sysadmin']],
      ['anquan', ['secadmin']],
      ['shenji', ['auditor']],
    ]);
    expect(await actions(s)).toEqual(expect.arrayContaining(['store.setup', 'account.created', 'recovery.issued']));
  });

  it('refuses two administrators with one password, and writes nothing', async () => {
    const s = makeStore();
    const r = await s.setup({ ...THREE_ADMINS, auditor: { ...THREE_ADMINS.auditor, password: 'Anquan2026' } });
    expect(r).toEqual({ ok: false, error: { code: 'SETUP_PASSWORD_REPEATED', params: { field: 'auditor.password' } } });
    expect(await s.status()).toEqual({ kind: 'empty' });
  });
});

describe('accounts (系统管理员)', () => {
  it('creates an account after the administrator confirms their own password; the person must then choose their own', async () => {
    const { s } = await setUpStore();
    expect(await s.admin.createAccount(NEW, 'Wrong2026x')).toEqual({ ok: false, error: { code: 'WRONG_CREDENTIALS', params: { remaining: 4 } } });
    expect(await lastEntry(s, 'auth.reauth_failed')).toMatchObject({ detail: { failures: 1 } });
    const created = await s.admin.createAccount(NEW, 'Xitong2026');
    expect(created).toMatchObject({ ok: true, value: { username: 'zhangsan', roles: [], level: 'confidential', mustChangePassword: true, status: 'active' } });
    expect(await lastEntry(s, 'account.created')).toMatchObject({ detail: { username: 'zhangsan', displayName: '张三', roles: [] } });

    await s.signOut();
    const first = await s.signIn('zhangsan', 'Chushi2026');
    expect(first).toMatchObject({ ok: true, value: { mustChangePassword: 'reset', roles: [] } });
    // Nothing else until the password is changed: not even the vault.
    expect(s.vault()).toEqual({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    expect(await s.changePassword('Chushi2026', 'Chushi2026')).toEqual({ ok: false, error: { code: 'PASSWORD_UNCHANGED' } });
    expect(await s.changePassword('Chushi2026', 'Zhang2026x')).toEqual({ ok: true, value: undefined });
    expect(s.vault().ok).toBe(true);
    await s.signOut();
    expect(await s.signIn('zhangsan', 'Zhang2026x')).toMatchObject({ ok: true, value: { mustChangePassword: null } });
    expect(await s.signIn('zhangsan', 'Chushi2026')).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
  });

  it('refuses a login name that is taken, a disabled account’s included', async () => {
    const { s } = await withHandler();
    await as(s, 'sysadmin');
    const list = await s.admin.listAccounts();
    const id = list.ok ? list.value.find((a) => a.username === 'zhangsan')?.id : undefined;
    expect((await s.admin.disableAccount(id ?? '')).ok).toBe(true);
    expect(await s.admin.createAccount({ ...NEW, username: 'ZhangSan' }, 'Xitong2026')).toEqual({ ok: false, error: { code: 'USERNAME_TAKEN', params: { username: 'zhangsan' } } });
    expect(await s.admin.createAccount({ ...NEW, username: 'Anquan' }, 'Xitong2026')).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN' } });
  });

  it('disabling throws the key wrapping away: the old password opens nothing, even offline', async () => {
    const { s, dbName, id } = await withHandler();
    await as(s, 'zhangsan', 'Chushi2026');
    await s.changePassword('Chushi2026', 'Zhang2026x');
    await as(s, 'sysadmin');
    expect(await s.admin.disableAccount(id)).toEqual({ ok: true, value: undefined });
    expect(await lastEntry(s, 'account.disabled')).toMatchObject({ detail: { username: 'zhangsan', before: { status: 'active' }, after: { status: 'disabled' } } });

    const db = openDatabase(dbName);
    const slot = (await db.keyslots.toArray()).find((k) => k.accountId === id);
    db.close();
    expect(slot?.wrapped.length).toBe(0);
    expect(slot && (await openSlot(slot, 'Zhang2026x'))).toBeNull();
    await s.signOut();
    expect(await s.signIn('zhangsan', 'Zhang2026x')).toEqual({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });

    // Enabling gives a new password, to be changed at the next sign-in; the roles are kept.
    await as(s, 'sysadmin');
    expect(await s.admin.enableAccount(id, 'Qiyong2026', 'Xitong2026')).toEqual({ ok: true, value: undefined });
    await s.signOut();
    expect(await s.signIn('zhangsan', 'Qiyong2026')).toMatchObject({ ok: true, value: { mustChangePassword: 'reset', roles: ['handler'] } });
  });

  it('never disables its own account or one of the three administrators', async () => {
    const { s, setup } = await setUpStore();
    const list = await s.admin.listAccounts();
    if (!list.ok) throw new Error('list');
    expect(await s.admin.disableAccount(setup.accountId)).toEqual({ ok: false, error: { code: 'ACCOUNT_SELF' } });
    for (const a of list.value.filter((x) => x.id !== setup.accountId)) {
      expect(await s.admin.disableAccount(a.id)).toEqual({ ok: false, error: { code: 'ACCOUNT_ADMIN_FIXED' } });
    }
    expect(await s.admin.resetPassword(setup.accountId, 'Another2026', 'Xitong2026')).toEqual({ ok: false, error: { code: 'ACCOUNT_SELF' } });
  });

  it('a reset lifts a lock and sets a password to be changed at the next sign-in', async () => {
    const clock = { t: Date.parse('2026-11-21T09:00:00Z') };
    const { s, id } = await (async () => {
      const ctx = await setUpStore(freshName(), clock);
      const created = await ctx.s.admin.createAccount(NEW, 'Xitong2026');
      if (!created.ok) throw new Error('create');
      return { ...ctx, id: created.value.id };
    })();
    await s.signOut();
    for (let i = 0; i < 5; i++) await s.signIn('zhangsan', 'Wrong2026x');
    expect(await s.signIn('zhangsan', 'Chushi2026')).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    await as(s, 'sysadmin');
    const locked = await s.admin.listAccounts();
    expect(locked.ok && locked.value.find((a) => a.id === id)?.lockedUntil).toBe('2026-11-21T09:30:00.000Z');
    expect(await s.admin.resetPassword(id, 'Chongzhi2026', 'Xitong2026')).toEqual({ ok: true, value: undefined });
    expect(await lastEntry(s, 'account.password_reset')).toMatchObject({ detail: { username: 'zhangsan', after: { mustChangePassword: true } } });
    await s.signOut();
    expect(await s.signIn('zhangsan', 'Chongzhi2026')).toMatchObject({ ok: true, value: { mustChangePassword: 'reset' } });
  });
});

describe('roles and levels (安全保密管理员)', () => {
  it('assigns business roles and a level, audited with before and after', async () => {
    const { s } = await setUpStore();
    const created = await s.admin.createAccount(NEW, 'Xitong2026');
    if (!created.ok) throw new Error('create');
    await as(s, 'anquan');
    expect(await s.admin.assignRoles(created.value.id, ['clerk', 'handler'], 'secret')).toMatchObject({
      ok: true,
      value: { roles: ['handler', 'clerk'], level: 'secret' },
    });
    expect(await lastEntry(s, 'account.roles_assigned')).toMatchObject({
      actor: expect.any(String),
      detail: { username: 'zhangsan', before: { roles: [], level: 'confidential' }, after: { roles: ['handler', 'clerk'], level: 'secret' } },
    });
    // The initial password (10 characters) meets 机密 too; at the first sign-in a change is due anyway.
    await s.signOut();
    expect(await s.signIn('zhangsan', 'Chushi2026')).toMatchObject({ ok: true, value: { roles: ['handler', 'clerk'], level: 'secret', passwordMinLength: 10 } });
  });

  it('refuses administrator roles, and any change to the three administrator accounts', async () => {
    const { s, id } = await withHandler();
    await as(s, 'anquan');
    expect(await s.admin.assignRoles(id, ['auditor'], 'confidential')).toEqual({ ok: false, error: { code: 'ROLES_NOT_ASSIGNABLE' } });
    expect(await s.admin.assignRoles(id, ['handler', 'secadmin'], 'confidential')).toEqual({ ok: false, error: { code: 'ROLES_ADMIN_WITH_BUSINESS' } });
    const list = await s.admin.listAccounts();
    const auditor = list.ok ? list.value.find((a) => a.username === 'shenji') : undefined;
    expect(await s.admin.assignRoles(auditor?.id ?? '', ['handler'], 'confidential')).toEqual({ ok: false, error: { code: 'ACCOUNT_ADMIN_FIXED' } });
  });
});

describe('三员分立 in the store: each administrator is refused the others’ work, and every refusal is audited', () => {
  it.each([
    ['sysadmin', 'account.assignRoles', (s: EncryptedLedgerStore) => s.admin.assignRoles('x', ['handler'], 'confidential')],
    ['sysadmin', 'policy.update', (s: EncryptedLedgerStore) => s.admin.updatePolicy(DEFAULT_SECURITY_POLICY)],
    ['sysadmin', 'audit.read', (s: EncryptedLedgerStore) => s.auditTrail.query({})],
    ['anquan', 'account.create', (s: EncryptedLedgerStore) => s.admin.createAccount(NEW, 'Anquan2026')],
    ['anquan', 'account.disable', (s: EncryptedLedgerStore) => s.admin.disableAccount('x')],
    ['anquan', 'audit.verify', (s: EncryptedLedgerStore) => s.auditTrail.verify()],
    ['shenji', 'account.read', (s: EncryptedLedgerStore) => s.admin.listAccounts()],
    ['shenji', 'recovery.replace', (s: EncryptedLedgerStore) => s.admin.replaceRecoveryCode('Shenji2026')],
    ['zhangsan', 'audit.export', (s: EncryptedLedgerStore) => s.auditTrail.exportTrail()],
    ['zhangsan', 'policy.read', (s: EncryptedLedgerStore) => s.admin.getPolicy()],
  ] as const)('%s is refused %s', async (who, action, call) => {
    const { s } = await withHandler();
    if (who === 'zhangsan') {
      await as(s, 'zhangsan', 'Chushi2026');
      await s.changePassword('Chushi2026', 'Zhang2026x');
    } else {
      await as(s, who);
    }
    expect(await call(s)).toEqual({ ok: false, error: { code: 'NOT_PERMITTED', params: { action } } });
    expect(await lastEntry(s, 'access.refused')).toMatchObject({ detail: { action } });
  });

  it('no administrator gets the vault for any business action (ledger, determination, destruction, exchange)', async () => {
    const { s } = await withHandler();
    const business = ACTIONS.filter(isBusinessAction);
    expect(business.length).toBeGreaterThan(10);
    for (const [username, role] of [['sysadmin', 'sysadmin'], ['anquan', 'secadmin'], ['shenji', 'auditor']] as const) {
      expect(ADMIN_ROLES).toContain(role);
      await as(s, username);
      for (const action of business) {
        expect(await s.vaultFor(action), `${role} ${action}`).toEqual({ ok: false, error: { code: 'NOT_PERMITTED', params: { action } } });
      }
      const me = s.vault();
      const entries = await s.auditEntries(10_000);
      const refused = entries.ok && me.ok ? entries.value.filter((e) => e.action === 'access.refused' && e.actor === me.value.session.accountId) : [];
      expect(refused.map((e) => e.detail.action).sort()).toEqual([...business].sort());
    }
    await as(s, 'zhangsan', 'Chushi2026');
    await s.changePassword('Chushi2026', 'Zhang2026x');
    expect((await s.vaultFor('carrier.register')).ok).toBe(true);
    expect(await s.vaultFor('carrier.decideApproval')).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED' } });
  });
});

describe('security policy (安全保密管理员)', () => {
  it('is audited with before and after, and the lock rule applies to the next sign-ins', async () => {
    const { s } = await withHandler();
    await as(s, 'anquan');
    const policy = structuredClone(DEFAULT_SECURITY_POLICY);
    policy.lock.maxFailures = 3;
    policy.lock.idleMinutes = 5;
    expect(await s.admin.updatePolicy(policy)).toEqual({ ok: true, value: policy });
    expect(await lastEntry(s, 'policy.updated')).toMatchObject({ detail: { changes: { maxFailures: [5, 3], idleMinutes: [10, 5] } } });
    await s.signOut();
    for (let i = 0; i < 3; i++) await s.signIn('zhangsan', 'Wrong2026x');
    expect(await s.signIn('zhangsan', 'Chushi2026')).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect(await s.signIn('anquan', 'Anquan2026')).toMatchObject({ ok: true, value: { idleMinutes: 5 } });
  });

  it('refuses a policy out of bounds, naming the field', async () => {
    const { s } = await setUpStore();
    await as(s, 'anquan');
    const policy = structuredClone(DEFAULT_SECURITY_POLICY);
    policy.password.minLength.confidential = 4;
    expect(await s.admin.updatePolicy(policy)).toEqual({ ok: false, error: { code: 'POLICY_INVALID', params: { field: 'minLength.confidential', min: 8, max: 64 } } });
  });

  it('a raised minimum, and an expired password, each ask for a new password at the next sign-in', async () => {
    const clock = { t: Date.parse('2026-11-21T09:00:00Z') };
    const { s } = await setUpStore(freshName(), clock);
    await as(s, 'anquan');
    const policy = structuredClone(DEFAULT_SECURITY_POLICY);
    policy.password.minLength.confidential = 12;
    policy.password.minLength.secret = 12;
    await s.admin.updatePolicy(policy);
    await s.signOut();
    expect(await s.signIn('shenji', 'Shenji2026')).toMatchObject({ ok: true, value: { mustChangePassword: 'weak', passwordMinLength: 12 } });
    expect(await s.changePassword('Shenji2026', 'Shenji2026a')).toMatchObject({ ok: false, error: { code: 'PASSWORD_WEAK', params: { minLength: 12 } } });
    expect((await s.changePassword('Shenji2026', 'Shenji2026abc')).ok).toBe(true);
    clock.t += 31 * 86_400_000;
    await s.signOut();
    expect(await s.signIn('shenji', 'Shenji2026abc')).toMatchObject({ ok: true, value: { mustChangePassword: 'expired' } });
  });

  it('reports the plain lock-policy mirror changed on disk as tampering', async () => {
    const { s, dbName } = await setUpStore();
    await s.signOut();
    const db = openDatabase(dbName);
    const install = await db.meta.get('install');
    await db.meta.put({ key: 'install', value: { ...(install?.value as object), policy: { maxFailures: 100, lockMinutes: 1, idleMinutes: 10 } } });
    db.close();
    const again = makeStore(dbName);
    await again.status();
    expect(await again.signIn('sysadmin', 'Xitong2026')).toEqual({ ok: false, error: { code: 'STORE_TAMPERED', params: { table: 'meta', id: 'install' } } });
  });
});

describe('recovery code (恢复码)', () => {
  it('gives the 系统管理员 a new password, is audited, and is replaced by a new code', async () => {
    const { s, setup, dbName } = await setUpStore();
    await s.signOut();
    const wrong = '0000-0000-0000-0000-0000-0000';
    expect(await s.recover('not a code', 'Xinmima2026')).toEqual({ ok: false, error: { code: 'RECOVERY_CODE_INVALID' } });
    expect(await s.recover(wrong, 'Xinmima2026')).toEqual({ ok: false, error: { code: 'RECOVERY_CODE_WRONG', params: { remaining: 4 } } });
    const typed = setup.recoveryCode.toLowerCase().replace(/-/g, ' ');
    const used = await s.recover(typed, 'Xinmima2026');
    expect(used).toMatchObject({ ok: true, value: { username: 'sysadmin', roles: ['sysadmin'], mustChangePassword: null } });
    if (!used.ok) return;
    expect(used.value.recoveryCode).not.toBe(setup.recoveryCode);
    expect(await actions(s)).toEqual(expect.arrayContaining(['recovery.failed', 'recovery.used', 'recovery.issued']));
    expect(await s.verifyAuditTrail()).toMatchObject({ ok: true, value: { ok: true } });

    await s.signOut();
    expect(await s.signIn('sysadmin', 'Xitong2026')).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    expect((await s.signIn('sysadmin', 'Xinmima2026')).ok).toBe(true);
    await s.signOut();
    // The old code is void; the new one works (once).
    expect(await s.recover(setup.recoveryCode, 'Another2026')).toMatchObject({ ok: false, error: { code: 'RECOVERY_CODE_WRONG' } });
    expect((await s.recover(used.value.recoveryCode, 'Another2026')).ok).toBe(true);
    const db = openDatabase(dbName);
    expect((await db.keyslots.get(RECOVERY_SLOT_ID))?.failures).toBe(0);
    db.close();
  });

  it('refuses a weak new password without using the code up', async () => {
    const { s, setup } = await setUpStore();
    await s.signOut();
    expect(await s.recover(setup.recoveryCode, 'short')).toMatchObject({ ok: false, error: { code: 'PASSWORD_WEAK' } });
    expect((await s.recover(setup.recoveryCode, 'Xinmima2026')).ok).toBe(true);
  });

  it('the 系统管理员 replaces it after confirming their password; the old one is void at once', async () => {
    const { s, setup } = await setUpStore();
    expect(await s.admin.replaceRecoveryCode('Wrong2026x')).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    const fresh = await s.admin.replaceRecoveryCode('Xitong2026');
    expect(fresh.ok && fresh.value).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    expect(await lastEntry(s, 'recovery.issued')).toMatchObject({ detail: { reason: 'replaced' } });
    await s.signOut();
    expect(await s.recover(setup.recoveryCode, 'Xinmima2026')).toMatchObject({ ok: false, error: { code: 'RECOVERY_CODE_WRONG' } });
    expect((await s.recover(fresh.ok ? fresh.value : '', 'Xinmima2026')).ok).toBe(true);
  });
});

describe('a store set up before accounts had levels, a policy and a recovery code', () => {
  it('still signs in, with the defaults, and says there is no recovery code', async () => {
    const { s, dbName, setup } = await setUpStore();
    const v = s.vault();
    if (!v.ok) throw new Error('vault');
    // What the first version wrote: no level, no password date, no policy record, no recovery slot.
    const old = { id: setup.accountId, status: 'active', username: 'sysadmin', displayName: '王系统', roles: ['sysadmin'], createdAt: '2026-01-01T00:00:00.000Z' };
    const ct = await v.value.cipher.seal('accounts', setup.accountId, old);
    await s.signOut();
    const db = openDatabase(dbName);
    await db.accounts.put({ id: setup.accountId, status: 'active', ct });
    await db.settings.delete('policy');
    await db.keyslots.delete(RECOVERY_SLOT_ID);
    db.close();
    expect(await s.signIn('sysadmin', 'Xitong2026')).toMatchObject({ ok: true, value: { level: 'confidential', idleMinutes: 10, mustChangePassword: 'expired' } });
    await s.signOut();
    expect(await s.recover(setup.recoveryCode, 'Xinmima2026')).toEqual({ ok: false, error: { code: 'RECOVERY_NOT_AVAILABLE' } });
  });
});
