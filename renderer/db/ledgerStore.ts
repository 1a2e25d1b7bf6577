import type { Table } from 'dexie';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { afterFailure, afterSuccess, canAttempt } from '../../shared/auth/lockout';
import { checkPassword } from '../../shared/auth/passwordRules';
import { ok, refuse, type Result } from '../../shared/result';
import { normalizeUsername, validateSetup } from '../../shared/setup';
import { AuditRepo } from './audit.repo';
import { randomBytes, toHex } from './bytes';
import { Cipher, TamperError, unwrapSecret, wrapSecret } from './cipher';
import { InstallSchema, defaultPolicy, inspectDatabase, type Install } from './inspect';
import { calibrateKdf, deriveKek, newSalt, type KdfCost, type KdfParams } from './kdf';
import { DB_NAME, openDatabase, type KeyslotRow, type LedgerDb } from './schema';
import { importSealPrivate, newSealKeyPair } from './sealedBox';
import type { LedgerStore, SessionInfo, SetupInput, StoreStatus, UnitInfo } from './storeApi';

/** See EncryptedLedgerStore.vault(). */
export interface Vault {
  db: LedgerDb;
  cipher: Cipher;
  session: SessionInfo;
  now: () => Date;
  commit(tables: Table[], write: () => Promise<void>, audit: { action: string; detail: Record<string, unknown> }[]): Promise<void>;
}

export interface StoreOptions {
  dbName?: string;
  /** Fixed Argon2id cost (tests use a cheap one); by default it is calibrated at set-up. */
  kdfCost?: KdfCost;
  now?: () => Date;
}

/** An account as stored (encrypted) in `accounts`. */
interface AccountPayload {
  id: string;
  status: 'active' | 'disabled';
  username: string;
  displayName: string;
  roles: string[];
  createdAt: string;
}

interface Unlocked {
  cipher: Cipher;
  sealPrivate: CryptoKey;
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
  private readonly name: string;
  private readonly now: () => Date;
  /** Events from before set-up (no seal key exists yet); they open the chain at set-up. */
  private early: { at: string; actor: string | null; action: string; detail: Record<string, unknown> }[] = [];

  constructor(private readonly options: StoreOptions = {}) {
    this.name = options.dbName ?? DB_NAME;
    this.now = options.now ?? (() => new Date());
  }

  async status(): Promise<StoreStatus> {
    const st = await inspectDatabase(this.name);
    if (st.kind === 'ready') await this.attach();
    return st;
  }

  private async attach(): Promise<LedgerDb> {
    if (this.db) return this.db;
    const db = openDatabase(this.name);
    await db.open();
    const row = await db.meta.get('install');
    if (row) this.install = InstallSchema.parse(row.value);
    this.db = db;
    this.audits = new AuditRepo(db);
    return db;
  }

  private slotIdFor(installId: string, username: string): string {
    return bytesToHex(sha256(utf8ToBytes(`keyslot\n${installId}\n${normalizeUsername(username)}`)));
  }

  async setup(input: SetupInput): Promise<Result<SessionInfo>> {
    const st = await inspectDatabase(this.name);
    if (st.kind !== 'empty') return refuse('STORE_ALREADY_INITIALIZED');
    const valid = validateSetup(input);
    if (!valid.ok) return valid;
    const v = valid.value;
    const at = this.now().toISOString();
    const cost = this.options.kdfCost ?? (await calibrateKdf());
    const installId = toHex(randomBytes(16));
    const accountId = crypto.randomUUID();
    const slotId = this.slotIdFor(installId, v.adminUsername);
    const kdf: KdfParams = { alg: 'argon2id', ...cost, salt: newSalt() };

    const master = randomBytes(32);
    const kek = await deriveKek(v.password, kdf);
    const wrapped = await wrapSecret(kek, master, `keyslot/${slotId}`);
    kek.fill(0);
    const cipher = await Cipher.fromMaster(master);
    master.fill(0);
    const sealPair = await newSealKeyPair();

    const install: Install = { magic: 'secrecy-ledger/store', installId, createdAt: at, sealPublicKey: sealPair.publicJwk as Record<string, unknown>, policy: defaultPolicy() };
    const account: AccountPayload = { id: accountId, status: 'active', username: v.adminUsername, displayName: v.adminDisplayName, roles: ['sysadmin'], createdAt: at };
    const unit: UnitInfo = { name: v.unitName, code: v.unitCode };
    const accountCt = await cipher.seal('accounts', accountId, account);
    const unitCt = await cipher.seal('settings', 'unit', unit);
    const sealPrivCt = await cipher.seal('settings', 'sealPrivate', sealPair.privateJwk);
    const slot: KeyslotRow = { slotId, accountId, kdf, wrapped, failures: 0, lockedUntil: null };

    const db = openDatabase(this.name);
    await db.open();
    await db.transaction('rw', [db.meta, db.keyslots, db.accounts, db.settings], async () => {
      if (await db.meta.get('install')) throw new Error('STORE_ALREADY_INITIALIZED');
      await db.meta.put({ key: 'install', value: install });
      await db.keyslots.add(slot);
      await db.accounts.add({ id: accountId, status: 'active', ct: accountCt });
      await db.settings.bulkPut([
        { key: 'unit', ct: unitCt },
        { key: 'sealPrivate', ct: sealPrivCt },
      ]);
    });
    this.db = db;
    this.install = install;
    this.audits = new AuditRepo(db);
    this.keys = { cipher, sealPrivate: await importSealPrivate(sealPair.privateJwk) };
    this.session = { accountId, username: v.adminUsername, displayName: v.adminDisplayName, roles: account.roles, unit };
    const early = this.early;
    this.early = [];
    await this.audits.append(cipher, this.keys.sealPrivate, [
      ...early,
      { at, actor: accountId, action: 'store.setup', detail: { unitCode: v.unitCode, kdf: { m: kdf.m, t: kdf.t, p: kdf.p } } },
      { at, actor: accountId, action: 'account.created', detail: { accountId, username: v.adminUsername, roles: account.roles } },
    ]);
    return ok(this.session);
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
    const name = normalizeUsername(username);
    const slot = await db.keyslots.get(this.slotIdFor(install.installId, name));
    if (!slot) {
      await this.sealed({ at: now.toISOString(), actor: null, action: 'auth.signin_failed', detail: { username: name, reason: 'unknown-account' } });
      return refuse('WRONG_CREDENTIALS');
    }
    const allowed = canAttempt(slot, now);
    if (!allowed.ok) {
      await this.sealed({ at: now.toISOString(), actor: slot.accountId, action: 'auth.signin_refused_locked', detail: { username: name } });
      return allowed;
    }
    const kek = await deriveKek(password, slot.kdf);
    const master = await unwrapSecret(kek, slot.wrapped, `keyslot/${slot.slotId}`);
    kek.fill(0);
    if (!master) {
      const out = afterFailure(allowed.value, install.policy, now);
      await db.keyslots.update(slot.slotId, { failures: out.state.failures, lockedUntil: out.state.lockedUntil });
      await this.sealed({ at: now.toISOString(), actor: slot.accountId, action: 'auth.signin_failed', detail: { username: name, failures: out.state.failures, during: action } });
      if (out.lockedNow && out.state.lockedUntil) {
        await this.sealed({ at: now.toISOString(), actor: slot.accountId, action: 'auth.account_locked', detail: { username: name, until: out.state.lockedUntil } });
        return refuse('ACCOUNT_LOCKED', { until: out.state.lockedUntil });
      }
      return refuse('WRONG_CREDENTIALS', { remaining: out.remaining });
    }
    const cipher = await Cipher.fromMaster(master);
    master.fill(0);
    try {
      const accRow = await db.accounts.get(slot.accountId);
      if (!accRow) return refuse('STORE_TAMPERED', { table: 'accounts', id: slot.accountId });
      const account = await cipher.open<AccountPayload>('accounts', accRow.id, accRow.ct);
      if (account.status !== accRow.status || account.id !== slot.accountId) return refuse('STORE_TAMPERED', { table: 'accounts', id: accRow.id });
      if (account.status !== 'active') {
        await this.sealed({ at: now.toISOString(), actor: account.id, action: 'auth.signin_refused_disabled', detail: { username: name } });
        return refuse('ACCOUNT_DISABLED');
      }
      const unit = await this.readSetting<UnitInfo>(cipher, 'unit');
      const sealJwk = await this.readSetting<JsonWebKey>(cipher, 'sealPrivate');
      const sealPrivate = await importSealPrivate(sealJwk);
      await db.keyslots.update(slot.slotId, afterSuccess());
      this.keys = { cipher, sealPrivate };
      this.session = { accountId: account.id, username: account.username, displayName: account.displayName, roles: account.roles, unit };
      await this.audits?.append(cipher, sealPrivate, [{ at: now.toISOString(), actor: account.id, action, detail: { username: name } }]);
      return ok(this.session);
    } catch (e) {
      if (e instanceof TamperError) return refuse('STORE_TAMPERED', { table: e.table, id: e.id });
      throw e;
    }
  }

  private async readSetting<T>(cipher: Cipher, key: string): Promise<T> {
    const row = await this.db?.settings.get(key);
    if (!row) throw new TamperError('settings', key);
    return cipher.open<T>('settings', key, row.ct);
  }

  private async sealed(ev: { at: string; actor: string | null; action: string; detail: Record<string, unknown> }): Promise<void> {
    if (!this.install || !this.audits) {
      this.early.push(ev);
      return;
    }
    await this.audits.appendSealed(this.install.sealPublicKey as JsonWebKey, ev);
  }

  async lock(reason: 'manual' | 'idle' = 'manual'): Promise<void> {
    if (this.keys && this.session) {
      await this.audit('auth.lock', { reason });
    }
    this.keys = null;
  }

  async signOut(): Promise<void> {
    if (this.keys && this.session) await this.audit('auth.signout', {});
    this.keys = null;
    this.session = null;
  }

  async changePassword(oldPassword: string, newPassword: string): Promise<Result<void>> {
    const db = this.db;
    if (!db || !this.keys || !this.session || !this.install) return refuse('NOT_SIGNED_IN');
    const rule = checkPassword(newPassword);
    if (!rule.ok) return rule;
    const slotId = this.slotIdFor(this.install.installId, this.session.username);
    const slot = await db.keyslots.get(slotId);
    if (!slot) return refuse('STORE_TAMPERED', { table: 'keyslots', id: slotId });
    const oldKek = await deriveKek(oldPassword, slot.kdf);
    const master = await unwrapSecret(oldKek, slot.wrapped, `keyslot/${slotId}`);
    oldKek.fill(0);
    if (!master) {
      const out = afterFailure(slot, this.install.policy, this.now());
      await db.keyslots.update(slotId, { failures: out.state.failures, lockedUntil: out.state.lockedUntil });
      await this.audit('auth.password_change_failed', { failures: out.state.failures });
      return refuse('WRONG_CREDENTIALS', { remaining: out.remaining });
    }
    // Only the wrapping changes: the data stays encrypted under the same master secret.
    const kdf: KdfParams = { ...slot.kdf, salt: newSalt() };
    const newKek = await deriveKek(newPassword, kdf);
    const wrapped = await wrapSecret(newKek, master, `keyslot/${slotId}`);
    newKek.fill(0);
    master.fill(0);
    await db.keyslots.update(slotId, { kdf, wrapped, failures: 0, lockedUntil: null });
    await this.audit('auth.password_changed', {});
    return ok(undefined);
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
    if ((await inspectDatabase(this.name)).kind === 'ready') await this.attach();
  }

  /**
   * What feature repositories (carriers, determinations, …) work through: the open database, the
   * session's cipher, and `commit`, which writes their pre-encrypted rows and the audit entries
   * describing the change in one transaction. Refused while locked.
   */
  vault(): Result<Vault> {
    const { keys, session, db, audits } = this;
    if (!keys || !session || !db || !audits) return refuse('NOT_SIGNED_IN');
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

  /** For the auditor and the integrity check: verify the whole chain. */
  async verifyAuditTrail() {
    if (!this.keys || !this.audits) return refuse('NOT_SIGNED_IN');
    return ok(await this.audits.verify(this.keys.cipher));
  }

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
}

export async function openLedgerStore(options: StoreOptions = {}): Promise<EncryptedLedgerStore> {
  return new EncryptedLedgerStore(options);
}
