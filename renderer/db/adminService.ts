import {
  checkAssignRoles,
  checkDisable,
  checkEnable,
  checkReset,
  validateNewAccount,
  type Account,
  type NewAccountFields,
} from '../../shared/auth/accounts';
import { checkPassword } from '../../shared/auth/passwordRules';
import { isClearanceLevel, passwordRuleFor, policyChanges, validatePolicy, type ClearanceLevel, type SecurityPolicy } from '../../shared/auth/policy';
import { formatRecoveryCode, RECOVERY_CODE_BYTES } from '../../shared/auth/recoveryCode';
import { ok, refuse, type Result } from '../../shared/result';
import { accountRow, readAccount, readAllAccounts } from './accounts.repo';
import { randomBytes } from './bytes';
import { TamperError } from './cipher';
import type { Install } from './inspect';
import { costOf, makeSlot, RECOVERY_SLOT_ID, revokedSlot, slotIdFor } from './keyslots';
import { policyRow, readPolicy } from './policy.repo';
import type { KeyslotRow } from './schema';
import type { AccountView, AdminStore, RecoveryCodePrint } from './storeApi';
import type { SignedIn, StoreInternals } from './storeInternals';

/**
 * Accounts, roles and policy (三员). Every method first asks the store for the signed-in context
 * of its action, which applies the role check of shared/auth/permissions (and audits a refusal);
 * the rules themselves are the pure functions of shared/auth/accounts.ts and policy.ts. Each change
 * and its audit entry (with before/after) are written in one transaction.
 */
export class AdminService implements AdminStore {
  constructor(private readonly store: StoreInternals) {}

  async listAccounts(): Promise<Result<AccountView[]>> {
    return this.run('account.read', async (ctx) => ok(await this.views(ctx, await readAllAccounts(ctx.db, ctx.cipher))));
  }

  async createAccount(input: NewAccountFields, adminPassword: string): Promise<Result<AccountView>> {
    return this.run('account.create', async (ctx) => {
      const accounts = await readAllAccounts(ctx.db, ctx.cipher);
      const policy = await readPolicy(ctx.db, ctx.cipher, ctx.install);
      // New accounts start at 秘密; the 安全保密管理员 raises the level with the roles.
      const valid = validateNewAccount(input, accounts.map((a) => a.username), passwordRuleFor('confidential', policy));
      if (!valid.ok) return valid;
      const v = valid.value;
      const slotId = slotIdFor(ctx.install.installId, v.username);
      if (await ctx.db.keyslots.get(slotId)) return refuse('USERNAME_TAKEN', { username: v.username });
      const slot = await this.slotFor(ctx, adminPassword, slotId, crypto.randomUUID(), v.password);
      if (!slot.ok) return slot;
      const at = ctx.now.toISOString();
      const account: Account = {
        id: slot.value.accountId,
        status: 'active',
        username: v.username,
        displayName: v.displayName,
        roles: [],
        level: 'confidential',
        createdAt: at,
        // The 系统管理员 chose this password: the person chooses their own at the first sign-in.
        mustChangePassword: true,
        passwordChangedAt: at,
      };
      const row = await accountRow(ctx.cipher, account);
      await this.store.commit(ctx, [ctx.db.keyslots, ctx.db.accounts], async () => {
        await ctx.db.keyslots.add(slot.value);
        await ctx.db.accounts.add(row);
      }, [{ action: 'account.created', detail: { accountId: account.id, username: account.username, displayName: account.displayName, roles: [], level: account.level } }]);
      return ok({ ...account, lockedUntil: null });
    });
  }

  async resetPassword(accountId: string, newPassword: string, adminPassword: string): Promise<Result<void>> {
    return this.run('account.resetPassword', async (ctx) => {
      const target = await this.target(ctx, accountId);
      if (!target.ok) return target;
      const allowed = checkReset(ctx.session.accountId, target.value);
      if (!allowed.ok) return allowed;
      return this.setPassword(ctx, target.value, newPassword, adminPassword, 'account.password_reset');
    });
  }

  async disableAccount(accountId: string): Promise<Result<void>> {
    return this.run('account.disable', async (ctx) => {
      const target = await this.target(ctx, accountId);
      if (!target.ok) return target;
      const allowed = checkDisable(ctx.session.accountId, target.value);
      if (!allowed.ok) return allowed;
      const slotId = slotIdFor(ctx.install.installId, target.value.username);
      const slot = await ctx.db.keyslots.get(slotId);
      if (!slot) return refuse('STORE_TAMPERED', { table: 'keyslots', id: slotId });
      const row = await accountRow(ctx.cipher, { ...target.value, status: 'disabled' });
      // The password's wrapping of the key is thrown away: a disabled account's password opens nothing.
      await this.store.commit(ctx, [ctx.db.keyslots, ctx.db.accounts], async () => {
        await ctx.db.keyslots.put(revokedSlot(slot));
        await ctx.db.accounts.put(row);
      }, [{ action: 'account.disabled', detail: { accountId, username: target.value.username, before: { status: 'active' }, after: { status: 'disabled' } } }]);
      return ok(undefined);
    });
  }

  async enableAccount(accountId: string, newPassword: string, adminPassword: string): Promise<Result<void>> {
    return this.run('account.enable', async (ctx) => {
      const target = await this.target(ctx, accountId);
      if (!target.ok) return target;
      const allowed = checkEnable(target.value);
      if (!allowed.ok) return allowed;
      return this.setPassword(ctx, target.value, newPassword, adminPassword, 'account.enabled');
    });
  }

  async assignRoles(accountId: string, roles: string[], level: ClearanceLevel): Promise<Result<AccountView>> {
    return this.run('account.assignRoles', async (ctx) => {
      const target = await this.target(ctx, accountId);
      if (!target.ok) return target;
      const checked = checkAssignRoles(target.value, roles);
      if (!checked.ok) return checked;
      if (!isClearanceLevel(level)) return refuse('ACCOUNT_INVALID_FIELD', { field: 'level' });
      const before = { roles: target.value.roles, level: target.value.level };
      const after = { roles: checked.value, level };
      const updated: Account = { ...target.value, roles: checked.value, level };
      if (before.level !== after.level || before.roles.join() !== after.roles.join()) {
        const row = await accountRow(ctx.cipher, updated);
        await this.store.commit(ctx, [ctx.db.accounts], async () => {
          await ctx.db.accounts.put(row);
        }, [{ action: 'account.roles_assigned', detail: { accountId, username: updated.username, before, after } }]);
      }
      const [view] = await this.views(ctx, [updated]);
      return ok(view as AccountView);
    });
  }

  async getPolicy(): Promise<Result<SecurityPolicy>> {
    return this.run('policy.read', async (ctx) => ok(await readPolicy(ctx.db, ctx.cipher, ctx.install)));
  }

  async updatePolicy(policy: SecurityPolicy): Promise<Result<SecurityPolicy>> {
    return this.run('policy.update', async (ctx) => {
      const valid = validatePolicy(policy);
      if (!valid.ok) return valid;
      const before = await readPolicy(ctx.db, ctx.cipher, ctx.install);
      const changes = policyChanges(before, valid.value);
      if (Object.keys(changes).length === 0) return ok(before);
      const row = await policyRow(ctx.cipher, valid.value);
      const install: Install = { ...ctx.install, policy: { ...valid.value.lock } };
      // The encrypted policy and its plain lock mirror change together, or neither does.
      await this.store.commit(ctx, [ctx.db.settings, ctx.db.meta], async () => {
        await ctx.db.settings.put(row);
        await ctx.db.meta.put({ key: 'install', value: install });
      }, [{ action: 'policy.updated', detail: { changes } }]);
      this.store.installChanged(install);
      return ok(valid.value);
    });
  }

  async replaceRecoveryCode(adminPassword: string): Promise<Result<string>> {
    return this.run('recovery.replace', async (ctx) => {
      const master = await this.store.reauthenticate(ctx, adminPassword);
      if (!master.ok) return master;
      const code = formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
      let slot: Result<KeyslotRow>;
      try {
        slot = await this.newSlot(ctx, master.value, RECOVERY_SLOT_ID, '', code);
      } finally {
        master.value.fill(0);
      }
      if (!slot.ok) return slot;
      await this.store.commit(ctx, [ctx.db.keyslots], async () => {
        await ctx.db.keyslots.put(slot.value);
      }, [{ action: 'recovery.issued', detail: { reason: 'replaced' } }]);
      return ok(code);
    });
  }

  async recordRecoveryCodePrint(print: RecoveryCodePrint): Promise<Result<void>> {
    return this.run('recovery.print', async (ctx) => {
      const valid =
        /^[0-9a-f-]{8,64}$/i.test(print.printoutId) &&
        isClearanceLevel(print.level) &&
        Number.isInteger(print.pages) &&
        print.pages >= 1 &&
        Number.isInteger(print.copies) &&
        print.copies >= 1 &&
        typeof print.printer === 'string' &&
        print.printer.length > 0 &&
        print.printer.length <= 200 &&
        (print.failure === undefined || (typeof print.failure === 'string' && print.failure.length <= 200));
      if (!valid) return refuse('RECOVERY_PRINT_INVALID');
      const detail: Record<string, unknown> = { printoutId: print.printoutId, level: print.level, pages: print.pages, copies: print.copies, printer: print.printer };
      if (print.failure !== undefined) detail.failure = print.failure;
      await this.store.commit(ctx, [], async () => {}, [{ action: print.failure === undefined ? 'recovery.printed' : 'recovery.print_failed', detail }]);
      return ok(undefined);
    });
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Runs `work` in the signed-in context of `action`; a record failing authentication is reported. */
  private async run<T>(action: Parameters<StoreInternals['signedIn']>[0], work: (ctx: SignedIn) => Promise<Result<T>>): Promise<Result<T>> {
    const ctx = await this.store.signedIn(action);
    if (!ctx.ok) return ctx;
    try {
      return await work(ctx.value);
    } catch (e) {
      if (e instanceof TamperError) return refuse('STORE_TAMPERED', { table: e.table, id: e.id });
      throw e;
    }
  }

  private async target(ctx: SignedIn, accountId: string): Promise<Result<Account>> {
    const account = await readAccount(ctx.db, ctx.cipher, accountId);
    return account ? ok(account) : refuse('ACCOUNT_NOT_FOUND');
  }

  private async views(ctx: SignedIn, accounts: Account[]): Promise<AccountView[]> {
    const nowMs = ctx.now.getTime();
    const out: AccountView[] = [];
    for (const a of accounts) {
      const slot = await ctx.db.keyslots.get(slotIdFor(ctx.install.installId, a.username));
      const until = slot?.lockedUntil ?? null;
      out.push({ ...a, lockedUntil: until !== null && Date.parse(until) > nowMs ? until : null });
    }
    return out;
  }

  /** A key slot for `accountId` under `password`, after the administrator re-enters their own. */
  private async slotFor(ctx: SignedIn, adminPassword: string, slotId: string, accountId: string, password: string): Promise<Result<KeyslotRow>> {
    const master = await this.store.reauthenticate(ctx, adminPassword);
    if (!master.ok) return master;
    try {
      return await this.newSlot(ctx, master.value, slotId, accountId, password);
    } finally {
      master.value.fill(0);
    }
  }

  /** New slots get the Argon2id cost calibrated at set-up, which the administrator's own slot carries. */
  private async newSlot(ctx: SignedIn, master: Uint8Array<ArrayBuffer>, slotId: string, accountId: string, secret: string): Promise<Result<KeyslotRow>> {
    const ownId = slotIdFor(ctx.install.installId, ctx.session.username);
    const own = await ctx.db.keyslots.get(ownId);
    if (!own) return refuse('STORE_TAMPERED', { table: 'keyslots', id: ownId });
    return ok(await makeSlot(slotId, accountId, secret, master, costOf(own)));
  }

  /** Reset and re-enable: a new password chosen by the 系统管理员, to be changed at the next sign-in. */
  private async setPassword(
    ctx: SignedIn,
    target: Account,
    newPassword: string,
    adminPassword: string,
    action: 'account.password_reset' | 'account.enabled',
  ): Promise<Result<void>> {
    const policy = await readPolicy(ctx.db, ctx.cipher, ctx.install);
    const rule = checkPassword(newPassword, passwordRuleFor(target.level, policy));
    if (!rule.ok) return rule;
    const slotId = slotIdFor(ctx.install.installId, target.username);
    const slot = await this.slotFor(ctx, adminPassword, slotId, target.id, newPassword);
    if (!slot.ok) return slot;
    const updated: Account = { ...target, status: 'active', mustChangePassword: true, passwordChangedAt: ctx.now.toISOString() };
    const row = await accountRow(ctx.cipher, updated);
    const detail =
      action === 'account.enabled'
        ? { accountId: target.id, username: target.username, before: { status: target.status }, after: { status: 'active', mustChangePassword: true } }
        : { accountId: target.id, username: target.username, before: { mustChangePassword: target.mustChangePassword }, after: { mustChangePassword: true } };
    await this.store.commit(ctx, [ctx.db.keyslots, ctx.db.accounts], async () => {
      await ctx.db.keyslots.put(slot.value);
      await ctx.db.accounts.put(row);
    }, [{ action, detail }]);
    return ok(undefined);
  }
}
