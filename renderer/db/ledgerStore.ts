import Dexie, { type Table } from 'dexie';
import { passwordChangeNeeded, type Account, type PasswordChangeReason } from '../../shared/auth/accounts';
import { afterFailure, afterSuccess, canAttempt } from '../../shared/auth/lockout';
import { checkNewPassword, checkPassword } from '../../shared/auth/passwordRules';
import { authorize, type Action } from '../../shared/auth/permissions';
import { DEFAULT_SECURITY_POLICY, passwordRuleFor, type SecurityPolicy } from '../../shared/auth/policy';
import { formatRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_BYTES } from '../../shared/auth/recoveryCode';
import { ok, refuse, type Result } from '../../shared/result';
import { normalizeUsername, validateSetup } from '../../shared/setup';
import { emptyCounts } from '../../shared/exchange/statistics';
import { accountRow, readAccount, readAllAccounts } from './accounts.repo';
import { AdminService } from './adminService';
import { AuditRepo } from './audit.repo';
import { AuditService } from './auditService';
import { randomBytes, toHex } from './bytes';
import { Cipher, TamperError } from './cipher';
import { InstallSchema, inspectDatabase, type Install } from './inspect';
import { calibrateKdf, type KdfCost } from './kdf';
import { costOf, isRevoked, makeSlot, openSlot, RECOVERY_SLOT_ID, slotIdFor } from './keyslots';
import { policyRow, readPolicy, sameLockPolicy } from './policy.repo';
import { DataSafetyService } from './dataSafety/dataSafetyService';
import { LedgerPointer } from './dataSafety/pointer';
import { DB_NAME, openDatabase, type KeyslotRow, type LedgerDb } from './schema';
import { TOTALS_KEY } from './ledgerTotals';
import { importSealPrivate, newSealKeyPair } from './sealedBox';
import type { AdminStore, AuditStore, LedgerStore, SessionInfo, SessionWithRecoveryCode, SetupInput, StoreStatus, UnitInfo } from './storeApi';
import type { AuditEvent, SignedIn, StoreInternals } from './storeInternals';

/** See EncryptedLedgerStore.vault(). */
export interface Vault {
  db: LedgerDb;
  cipher: Cipher;
  session: SessionInfo;
  now: () => Date;
  commit(tables: Table[], write: () => Promise<void>, audit: { action: string; detail: Record<string, unknown> }[]): Promise<void>;
}

export interface StoreOptions {
  /**
   * The store's base name: its database, or the pointer `<dbName>-pointer` naming the database a
   * restore switched to (dataSafety/pointer.ts).
   */
  dbName?: string;
  /** Opens a database with the app's schema; tests pass one whose upgrade fails. */
  openDatabase?: (name: string) => LedgerDb;
  /** Fixed Argon2id cost (tests use a cheap one); by default it is calibrated at set-up. */
  kdfCost?: KdfCost;
  now?: () => Date;
}

interface Unlocked {
  cipher: Cipher;
  sealPrivate: CryptoKey;
}

type PendingEvent = { at: string; actor: string | null; action: string; detail: Record<string, unknown> };

function sessionOf(account: Account, unit: UnitInfo, mustChangePassword: PasswordChangeReason | null, policy: SecurityPolicy): SessionInfo {
  return {
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    roles: [...account.roles],
    unit,
    level: account.level,
    mustChangePassword,
    idleMinutes: policy.lock.idleMinutes,
    passwordMinLength: passwordRuleFor(account.level, policy).minLength,
  };
}

/**
 * The encrypted store. Keys exist only while unlocked, as non-extractable CryptoKeys in `keys`;
 * `lock()` drops them. Every multi-record change is encrypted first and then written in one
 * Dexie transaction (WebCrypto calls inside a transaction would let IndexedDB commit it early).
 */
export class EncryptedLedgerStore implements LedgerStore {
  private db: LedgerDb | null = null;
  private install: Install | null = null;
  private keys: Unlocked | null = null;
  private session: SessionInfo | null = null;
  private audits: AuditRepo | null = null;
  /** The pointer's base name; `active` is the database it names, resolved at the first status(). */
  private readonly base: string;
  private active: string | null = null;
  private readonly openDb: (name: string) => LedgerDb;
  private readonly now: () => Date;
  /** Events from before set-up (no seal key exists yet); they open the chain at set-up. */
  private early: PendingEvent[] = [];
  readonly admin: AdminStore;
  readonly auditTrail: AuditStore;
  /** Backup, restore and the integrity check (数据安全); each call checks roles. */
  readonly dataSafety: DataSafetyService;

  constructor(private readonly options: StoreOptions = {}) {
    this.base = options.dbName ?? DB_NAME;
    this.openDb = options.openDatabase ?? openDatabase;
    this.now = options.now ?? (() => new Date());
    const internals = this.internals();
    this.admin = new AdminService(internals);
    this.auditTrail = new AuditService(internals);
    this.dataSafety = new DataSafetyService({
      internals,
      base: this.base,
      activeName: () => this.dbName(),
      inspect: async () => inspectDatabase(await this.dbName()),
      openDb: (name) => this.openDb(name),
      // Declared, not opened: Dexie knows the newest version before anything is created.
      schemaVersion: () => this.openDb(this.base).verno,
      sealKey: () => this.keys?.sealPrivate ?? null,
      switchTo: (name, keepOld) => this.switchTo(name, keepOld),
      now: this.now,
      appVersion: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev',
    });
  }

  /** The active database's name, once an interrupted restore's leftovers are cleared (pointer.ts). */
  private async dbName(): Promise<string> {
    this.active ??= await new LedgerPointer(this.base).resolve();
    return this.active;
  }

  /** After a verified restore: the pointer names `name` (durably) before anything is closed or deleted. */
  private async switchTo(name: string, keepOld: boolean): Promise<void> {
    const old = await this.dbName();
    const pointer = new LedgerPointer(this.base);
    await pointer.write({ active: name, staging: null, retired: keepOld ? null : old }, this.now().toISOString());
    this.close();
    this.install = null;
    this.audits = null;
    this.session = null;
    this.active = name;
    if (keepOld) return;
    // Deleting waits for other connections to the old database to close; the next start finishes it otherwise.
    const deleted = await Promise.race([Dexie.delete(old).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
    if (deleted) await pointer.write({ active: name, staging: null, retired: null });
  }

  async status(): Promise<StoreStatus> {
    const st = await inspectDatabase(await this.dbName());
    if (st.kind !== 'ready') return st;
    const name = await this.dbName();
    try {
      await this.attach();
    } catch (e) {
      // Dexie runs every upgrade in one versionchange transaction and aborts all of it when one
      // fails: the database stays at its old version with its data. Say so, and touch nothing.
      const declared = this.openDb(name).verno;
      const probe = new Dexie(name);
      const installed = await probe.open().then(
        () => probe.verno,
        () => declared,
      );
      probe.close();
      if (installed < declared) {
        const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        return { kind: 'unreadable', reason: 'upgradeFailed', detail: `${what} (${installed} → ${declared})`.slice(0, 300) };
      }
      throw e;
    }
    return st;
  }

  private async attach(): Promise<LedgerDb> {
    if (this.db) return this.db;
    const db = this.openDb(await this.dbName());
    await db.open();
    const row = await db.meta.get('install');
    if (row) this.install = InstallSchema.parse(row.value);
    this.db = db;
    this.audits = new AuditRepo(db);
    return db;
  }

  /**
   * Creates the store: the unit, the three administrators (三员) each with a key slot under their own
   * password, the recovery code's key slot, and the default security policy. Signs the 系统管理员 in
   * and hands back the recovery code, which exists nowhere else and is shown once.
   */
  async setup(input: SetupInput): Promise<Result<SessionWithRecoveryCode>> {
    const st = await inspectDatabase(await this.dbName());
    if (st.kind !== 'empty') return refuse('STORE_ALREADY_INITIALIZED');
    const valid = validateSetup(input);
    if (!valid.ok) return valid;
    const v = valid.value;
    const at = this.now().toISOString();
    const cost = this.options.kdfCost ?? (await calibrateKdf());
    const installId = toHex(randomBytes(16));
    const master = randomBytes(32);
    const people = [
      { role: 'sysadmin', username: v.adminUsername, displayName: v.adminDisplayName, password: v.password },
      { role: 'secadmin', ...v.secadmin },
      { role: 'auditor', ...v.auditor },
    ] as const;
    const accounts: Account[] = [];
    const slots: KeyslotRow[] = [];
    for (const p of people) {
      const id = crypto.randomUUID();
      accounts.push({ id, status: 'active', username: p.username, displayName: p.displayName, roles: [p.role], level: 'confidential', createdAt: at, mustChangePassword: false, passwordChangedAt: at });
      slots.push(await makeSlot(slotIdFor(installId, p.username), id, p.password, master, cost));
    }
    const recoveryCode = formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
    slots.push(await makeSlot(RECOVERY_SLOT_ID, '', recoveryCode, master, cost));
    const cipher = await Cipher.fromMaster(master);
    master.fill(0);
    const sealPair = await newSealKeyPair();
    const policy: SecurityPolicy = structuredClone(DEFAULT_SECURITY_POLICY);

    const install: Install = { magic: 'secrecy-ledger/store', installId, createdAt: at, sealPublicKey: sealPair.publicJwk as Record<string, unknown>, policy: { ...policy.lock } };
    // A unit's store keeps no mode (as before modes existed); only the bureau's says so.
    const unit: UnitInfo = { name: v.unitName, code: v.unitCode, ...(v.mode === 'bureau' ? { mode: v.mode } : {}) };
    const accountRows = await Promise.all(accounts.map((a) => accountRow(cipher, a)));
    const settings = [
      { key: 'unit', ct: await cipher.seal('settings', 'unit', unit) },
      { key: 'sealPrivate', ct: await cipher.seal('settings', 'sealPrivate', sealPair.privateJwk) },
      await policyRow(cipher, policy),
    ];

    const db = this.openDb(await this.dbName());
    await db.open();
    await db.transaction('rw', [db.meta, db.keyslots, db.accounts, db.settings], async () => {
      if (await db.meta.get('install')) throw new Error('STORE_ALREADY_INITIALIZED');
      await db.meta.put({ key: 'install', value: install });
      // The ledger's running counts start here, with nothing to count (ledgerTotals.ts).
      await db.meta.put({ key: TOTALS_KEY, value: emptyCounts() });
      await db.keyslots.bulkAdd(slots);
      await db.accounts.bulkAdd(accountRows);
      await db.settings.bulkPut(settings);
    });
    this.db = db;
    this.install = install;
    this.audits = new AuditRepo(db);
    this.keys = { cipher, sealPrivate: await importSealPrivate(sealPair.privateJwk) };
    const sysadmin = accounts[0] as Account;
    this.session = sessionOf(sysadmin, unit, null, policy);
    const early = this.early;
    this.early = [];
    await this.audits.append(cipher, this.keys.sealPrivate, [
      ...early,
      { at, actor: sysadmin.id, action: 'store.setup', detail: { unitCode: v.unitCode, mode: v.mode ?? 'unit', kdf: { m: cost.m, t: cost.t, p: cost.p } } },
      ...accounts.map((a) => ({
        at,
        actor: sysadmin.id,
        action: 'account.created',
        detail: { accountId: a.id, username: a.username, displayName: a.displayName, roles: a.roles, level: a.level },
      })),
      { at, actor: sysadmin.id, action: 'recovery.issued', detail: { reason: 'setup' } },
    ]);
    return ok({ ...this.session, recoveryCode });
  }

  async signIn(username: string, password: string): Promise<Result<SessionInfo>> {
    return this.open(username, password, 'auth.signin');
  }

  async unlock(password: string): Promise<Result<SessionInfo>> {
    if (!this.session) return refuse('NOT_SIGNED_IN');
    return this.open(this.session.username, password, 'auth.unlock');
  }

  /** Password check shared by sign-in and unlock: lockout rules, then unwrap, then load the account. */
  private async open(username: string, password: string, action: 'auth.signin' | 'auth.unlock'): Promise<Result<SessionInfo>> {
    const db = await this.attach();
    const install = this.install;
    if (!install) return refuse('STORE_NOT_INITIALIZED');
    const now = this.now();
    const at = now.toISOString();
    const name = normalizeUsername(username);
    const slot = await db.keyslots.get(slotIdFor(install.installId, name));
    if (!slot) {
      await this.sealed({ at, actor: null, action: 'auth.signin_failed', detail: { username: name, reason: 'unknown-account' } });
      return refuse('WRONG_CREDENTIALS');
    }
    if (isRevoked(slot)) {
      await this.sealed({ at, actor: slot.accountId, action: 'auth.signin_refused_disabled', detail: { username: name } });
      return refuse('ACCOUNT_DISABLED');
    }
    const allowed = canAttempt(slot, now);
    if (!allowed.ok) {
      await this.sealed({ at, actor: slot.accountId, action: 'auth.signin_refused_locked', detail: { username: name } });
      return allowed;
    }
    const master = await openSlot(slot, password);
    if (!master) {
      const out = afterFailure(allowed.value, install.policy, now);
      await db.keyslots.update(slot.slotId, { failures: out.state.failures, lockedUntil: out.state.lockedUntil });
      await this.sealed({ at, actor: slot.accountId, action: 'auth.signin_failed', detail: { username: name, failures: out.state.failures, during: action } });
      if (out.lockedNow && out.state.lockedUntil) {
        await this.sealed({ at, actor: slot.accountId, action: 'auth.account_locked', detail: { username: name, until: out.state.lockedUntil } });
        return refuse('ACCOUNT_LOCKED', { until: out.state.lockedUntil });
      }
      return refuse('WRONG_CREDENTIALS', { remaining: out.remaining });
    }
    const cipher = await Cipher.fromMaster(master);
    master.fill(0);
    try {
      const account = await readAccount(db, cipher, slot.accountId);
      if (!account) return refuse('STORE_TAMPERED', { table: 'accounts', id: slot.accountId });
      if (account.status !== 'active') {
        await this.sealed({ at, actor: account.id, action: 'auth.signin_refused_disabled', detail: { username: name } });
        return refuse('ACCOUNT_DISABLED');
      }
      const policy = await readPolicy(db, cipher, install);
      // The plain lock-policy mirror must say what the encrypted policy says.
      if (!sameLockPolicy(policy.lock, install.policy)) return refuse('STORE_TAMPERED', { table: 'meta', id: 'install' });
      const unit = await this.readSetting<UnitInfo>(cipher, 'unit');
      const sealJwk = await this.readSetting<JsonWebKey>(cipher, 'sealPrivate');
      const sealPrivate = await importSealPrivate(sealJwk);
      await db.keyslots.update(slot.slotId, afterSuccess());
      // Unlocking keeps what the sign-in found; a sign-in checks the password it was just given.
      const pending =
        action === 'auth.unlock' && this.session?.accountId === account.id
          ? this.session.mustChangePassword
          : passwordChangeNeeded(account, password, policy, now);
      this.keys = { cipher, sealPrivate };
      this.session = sessionOf(account, unit, pending, policy);
      const events: PendingEvent[] = [{ at, actor: account.id, action, detail: { username: name } }];
      if (pending && action === 'auth.signin') events.push({ at, actor: account.id, action: 'auth.password_change_required', detail: { reason: pending } });
      await this.audits?.append(cipher, sealPrivate, events);
      return ok(this.session);
    } catch (e) {
      if (e instanceof TamperError) return refuse('STORE_TAMPERED', { table: e.table, id: e.id });
      throw e;
    }
  }

  /**
   * The recovery code opens its own key slot; the 系统管理员 account gets a key slot under the new
   * password and is signed in; the code is replaced by a new one in the same transaction.
   */
  async recover(code: string, newPassword: string): Promise<Result<SessionWithRecoveryCode>> {
    const db = await this.attach();
    const install = this.install;
    if (!install) return refuse('STORE_NOT_INITIALIZED');
    const now = this.now();
    const at = now.toISOString();
    const normalized = normalizeRecoveryCode(code);
    if (!normalized) return refuse('RECOVERY_CODE_INVALID');
    // The floor rule first, so a weak password does not cost a derivation; the level's rule below.
    const floor = checkPassword(newPassword);
    if (!floor.ok) return floor;
    const slot = await db.keyslots.get(RECOVERY_SLOT_ID);
    if (!slot) return refuse('RECOVERY_NOT_AVAILABLE');
    const allowed = canAttempt(slot, now);
    if (!allowed.ok) {
      await this.sealed({ at, actor: null, action: 'recovery.refused_locked', detail: {} });
      return allowed;
    }
    const master = await openSlot(slot, normalized);
    if (!master) {
      const out = afterFailure(allowed.value, install.policy, now);
      await db.keyslots.update(RECOVERY_SLOT_ID, { failures: out.state.failures, lockedUntil: out.state.lockedUntil });
      await this.sealed({ at, actor: null, action: 'recovery.failed', detail: { failures: out.state.failures } });
      if (out.lockedNow && out.state.lockedUntil) return refuse('ACCOUNT_LOCKED', { until: out.state.lockedUntil });
      return refuse('RECOVERY_CODE_WRONG', { remaining: out.remaining });
    }
    try {
      const cipher = await Cipher.fromMaster(master);
      const accounts = await readAllAccounts(db, cipher);
      const sysadmin = accounts.find((a) => a.roles.includes('sysadmin') && a.status === 'active');
      if (!sysadmin) return refuse('RECOVERY_NOT_AVAILABLE');
      const policy = await readPolicy(db, cipher, install);
      if (!sameLockPolicy(policy.lock, install.policy)) return refuse('STORE_TAMPERED', { table: 'meta', id: 'install' });
      const rule = checkPassword(newPassword, passwordRuleFor(sysadmin.level, policy));
      if (!rule.ok) return rule;
      const sysSlotId = slotIdFor(install.installId, sysadmin.username);
      const oldSlot = await db.keyslots.get(sysSlotId);
      const cost = costOf(oldSlot ?? slot);
      const newSysSlot = await makeSlot(sysSlotId, sysadmin.id, newPassword, master, cost);
      const recoveryCode = formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
      const newRecoverySlot = await makeSlot(RECOVERY_SLOT_ID, '', recoveryCode, master, cost);
      const account: Account = { ...sysadmin, mustChangePassword: false, passwordChangedAt: at };
      const row = await accountRow(cipher, account);
      const unit = await this.readSetting<UnitInfo>(cipher, 'unit');
      const sealPrivate = await importSealPrivate(await this.readSetting<JsonWebKey>(cipher, 'sealPrivate'));
      const audits = this.audits ?? new AuditRepo(db);
      await audits.commit(
        cipher,
        sealPrivate,
        [
          { at, actor: sysadmin.id, action: 'recovery.used', detail: { accountId: sysadmin.id, username: sysadmin.username } },
          { at, actor: sysadmin.id, action: 'auth.signin', detail: { username: sysadmin.username, via: 'recovery' } },
          { at, actor: sysadmin.id, action: 'recovery.issued', detail: { reason: 'used' } },
        ],
        [db.keyslots, db.accounts],
        async () => {
          await db.keyslots.bulkPut([newSysSlot, newRecoverySlot]);
          await db.accounts.put(row);
        },
      );
      this.keys = { cipher, sealPrivate };
      this.session = sessionOf(account, unit, null, policy);
      return ok({ ...this.session, recoveryCode });
    } catch (e) {
      if (e instanceof TamperError) return refuse('STORE_TAMPERED', { table: e.table, id: e.id });
      throw e;
    } finally {
      master.fill(0);
    }
  }

  private async readSetting<T>(cipher: Cipher, key: string): Promise<T> {
    const row = await this.db?.settings.get(key);
    if (!row) throw new TamperError('settings', key);
    return cipher.open<T>('settings', key, row.ct);
  }

  private async sealed(ev: PendingEvent): Promise<void> {
    if (!this.install || !this.audits) {
      this.early.push(ev);
      return;
    }
    await this.audits.appendSealed(this.install.sealPublicKey as JsonWebKey, ev);
  }

  async lock(reason: 'manual' | 'idle' = 'manual'): Promise<void> {
    try {
      if (this.keys && this.session) await this.audit('auth.lock', { reason });
    } finally {
      // Also when the entry could not be written (a full disk): a lock must always drop the keys.
      this.keys = null;
    }
  }

  async signOut(): Promise<void> {
    try {
      if (this.keys && this.session) await this.audit('auth.signout', {});
    } finally {
      this.keys = null;
      this.session = null;
    }
  }

  /** One's own password: allowed (and required) while a forced change is pending. */
  async changePassword(oldPassword: string, newPassword: string): Promise<Result<void>> {
    const base = this.signedInContext();
    if (!base.ok) return base;
    const ctx = base.value;
    try {
      const account = await readAccount(ctx.db, ctx.cipher, ctx.session.accountId);
      if (!account) return refuse('STORE_TAMPERED', { table: 'accounts', id: ctx.session.accountId });
      const policy = await readPolicy(ctx.db, ctx.cipher, ctx.install);
      const rule = checkNewPassword(oldPassword, newPassword, passwordRuleFor(account.level, policy));
      if (!rule.ok) return rule;
      const master = await this.reauthenticate(ctx, oldPassword);
      if (!master.ok) return master;
      const slotId = slotIdFor(ctx.install.installId, account.username);
      const oldSlot = await ctx.db.keyslots.get(slotId);
      if (!oldSlot) return refuse('STORE_TAMPERED', { table: 'keyslots', id: slotId });
      // Only the wrapping changes: the data stays encrypted under the same master secret.
      const slot = await makeSlot(slotId, account.id, newPassword, master.value, costOf(oldSlot));
      master.value.fill(0);
      const row = await accountRow(ctx.cipher, { ...account, mustChangePassword: false, passwordChangedAt: ctx.now.toISOString() });
      const reason = ctx.session.mustChangePassword;
      await this.commitFor(ctx, [ctx.db.keyslots, ctx.db.accounts], async () => {
        await ctx.db.keyslots.put(slot);
        await ctx.db.accounts.put(row);
      }, [{ action: 'auth.password_changed', detail: reason ? { required: reason } : {} }]);
      if (this.session?.accountId === account.id) this.session = { ...this.session, mustChangePassword: null };
      return ok(undefined);
    } catch (e) {
      if (e instanceof TamperError) return refuse('STORE_TAMPERED', { table: e.table, id: e.id });
      throw e;
    }
  }

  async audit(action: string, detail: Record<string, unknown>): Promise<void> {
    const at = this.now().toISOString();
    if (this.keys && this.audits) {
      await this.audits.append(this.keys.cipher, this.keys.sealPrivate, [{ at, actor: this.session?.accountId ?? null, action, detail }]);
      return;
    }
    if (!this.install) await this.attachIfReady();
    await this.sealed({ at, actor: this.session?.accountId ?? null, action, detail });
  }

  private async attachIfReady(): Promise<void> {
    if ((await inspectDatabase(await this.dbName())).kind === 'ready') await this.attach();
  }

  /**
   * What feature repositories (carriers, determinations, …) work through: the open database, the
   * session's cipher, and `commit`, which writes their pre-encrypted rows and the audit entries
   * describing the change in one transaction. Refused while locked and while the account must
   * change its password. Prefer vaultFor(action), which checks the account's roles as well.
   */
  vault(): Result<Vault> {
    const { keys, session, db, audits } = this;
    if (!keys || !session || !db || !audits) return refuse('NOT_SIGNED_IN');
    if (session.mustChangePassword) return refuse('PASSWORD_CHANGE_REQUIRED');
    return ok({
      db,
      cipher: keys.cipher,
      session,
      now: this.now,
      commit: async (tables, write, events) => {
        if (this.keys !== keys) throw new Error('NOT_SIGNED_IN');
        const at = this.now().toISOString();
        await audits.commit(
          keys.cipher,
          keys.sealPrivate,
          events.map((e) => ({ at, actor: session.accountId, action: e.action, detail: e.detail })),
          tables,
          write,
        );
      },
    });
  }

  /**
   * The vault for one business action, after the domain's role check (shared/auth/permissions):
   * an account whose roles do not allow it — any of the three administrators for a ledger action —
   * gets NOT_PERMITTED, and the attempt is audited as access.refused.
   */
  async vaultFor(action: Action): Promise<Result<Vault>> {
    const vault = this.vault();
    if (!vault.ok) return vault;
    const allowed = authorize(vault.value.session.roles, action);
    if (!allowed.ok) {
      await this.audit('access.refused', { action });
      return allowed;
    }
    return vault;
  }

  /** For integrity checks and tests: verify the whole chain (the auditor's screen uses auditTrail). */
  async verifyAuditTrail() {
    if (!this.keys || !this.audits) return refuse('NOT_SIGNED_IN');
    return ok(await this.audits.verify(this.keys.cipher));
  }

  /** For tests: the newest entries (the auditor's screen uses auditTrail, which checks roles). */
  async auditEntries(limit?: number) {
    if (!this.keys || !this.audits) return refuse('NOT_SIGNED_IN');
    return ok(await this.audits.list(this.keys.cipher, limit));
  }

  isUnlocked(): boolean {
    return this.keys !== null;
  }

  close(): void {
    this.keys = null;
    this.db?.close();
    this.db = null;
  }

  // --- what adminService.ts and auditService.ts work through (storeInternals.ts) -----------------

  private signedInContext(): Result<SignedIn> {
    const { keys, session, db, audits, install } = this;
    if (!keys || !session || !db || !audits || !install) return refuse('NOT_SIGNED_IN');
    return ok({ db, cipher: keys.cipher, session, install, audits, now: this.now() });
  }

  private async commitFor(ctx: SignedIn, tables: Table[], write: () => Promise<void>, events: AuditEvent[]): Promise<void> {
    const keys = this.keys;
    if (!keys || keys.cipher !== ctx.cipher) throw new Error('NOT_SIGNED_IN');
    const at = this.now().toISOString();
    await ctx.audits.commit(
      keys.cipher,
      keys.sealPrivate,
      events.map((e) => ({ at, actor: ctx.session.accountId, action: e.action, detail: e.detail })),
      tables,
      write,
    );
  }

  private async reauthenticate(ctx: SignedIn, password: string): Promise<Result<Uint8Array<ArrayBuffer>>> {
    const slotId = slotIdFor(ctx.install.installId, ctx.session.username);
    const slot = await ctx.db.keyslots.get(slotId);
    if (!slot) return refuse('STORE_TAMPERED', { table: 'keyslots', id: slotId });
    const allowed = canAttempt(slot, ctx.now);
    if (!allowed.ok) return allowed;
    const master = await openSlot(slot, password);
    if (!master) {
      const out = afterFailure(allowed.value, ctx.install.policy, ctx.now);
      await ctx.db.keyslots.update(slotId, { failures: out.state.failures, lockedUntil: out.state.lockedUntil });
      await this.commitFor(ctx, [], async () => undefined, [{ action: 'auth.reauth_failed', detail: { failures: out.state.failures } }]);
      if (out.lockedNow && out.state.lockedUntil) return refuse('ACCOUNT_LOCKED', { until: out.state.lockedUntil });
      return refuse('WRONG_CREDENTIALS', { remaining: out.remaining });
    }
    if (slot.failures > 0 || slot.lockedUntil !== null) await ctx.db.keyslots.update(slotId, afterSuccess());
    return ok(master);
  }

  private internals(): StoreInternals {
    return {
      signedIn: async (action) => {
        const base = this.signedInContext();
        if (!base.ok) return base;
        const ctx = base.value;
        if (ctx.session.mustChangePassword) return refuse('PASSWORD_CHANGE_REQUIRED');
        const allowed = authorize(ctx.session.roles, action);
        if (!allowed.ok) {
          await this.commitFor(ctx, [], async () => undefined, [{ action: 'access.refused', detail: { action } }]);
          return allowed;
        }
        return ok(ctx);
      },
      reauthenticate: (ctx, password) => this.reauthenticate(ctx, password),
      commit: (ctx, tables, write, events) => this.commitFor(ctx, tables, write, events),
      record: (ctx, events) => this.commitFor(ctx, [], async () => undefined, events),
      installChanged: (install) => {
        this.install = install;
      },
    };
  }
}

export async function openLedgerStore(options: StoreOptions = {}): Promise<EncryptedLedgerStore> {
  return new EncryptedLedgerStore(options);
}
