import Dexie from 'dexie';
import { backupFileName } from '../../../shared/backup/format';
import { backupReminder, checkReminderDays, DEFAULT_BACKUP_REMINDER_DAYS } from '../../../shared/backup/reminder';
import { ok, refuse, type Result } from '../../../shared/result';
import { AuditRepo } from '../audit.repo';
import { randomBytes } from '../bytes';
import { TamperError, type Cipher } from '../cipher';
import { InstallSchema } from '../inspect';
import type { LedgerDb } from '../schema';
import { importSealPrivate } from '../sealedBox';
import { isStorageFull, StorageFullError } from '../storageErrors';
import type { StoreStatus } from '../storeApi';
import type { SignedIn, StoreInternals } from '../storeInternals';
import type {
  BackupFile,
  BackupFileSink,
  BackupOutcome,
  BackupPreview,
  BackupStatus,
  DataSafetyStore,
  PreparedRestore,
  RestoreOutcome,
  RestoreProgress,
} from './api';
import { FileIoError } from './api';
import { readBackupStart, readManifest, unlockBackup, type BackupCredentials, type UnlockedBackup } from './backupReader';
import { writeBackup, type BackupProgress } from './backupWriter';
import { checkIntegrity, type IntegrityProblem, type IntegrityProgress, type IntegrityReport } from './integrity';
import { LedgerPointer, stagingName } from './pointer';
import { stageBackup } from './staging';
import type { ManifestFrame } from '../../../shared/backup/format';

/** What the encrypted store lends this service beyond the shared internals (ledgerStore.ts). */
export interface DataSafetyHooks {
  internals: StoreInternals;
  /** The pointer's base name (the database name of an install without a pointer). */
  base: string;
  /** The active database's name. */
  activeName(): Promise<string>;
  /** What kind of store is active, without signing in and without changing anything. */
  inspect(): Promise<StoreStatus>;
  /** Opens a database by name with the app's schema (running its upgrades). */
  openDb(name: string): LedgerDb;
  /** The newest schema version this app declares (LATEST_SCHEMA unless a test adds one). */
  schemaVersion(): number;
  /** The signed-in session's key for sealed pre-sign-in events. */
  sealKey(): CryptoKey | null;
  /**
   * Makes `name` the store: the pointer is switched first (durably), then the current database
   * is closed and the session forgotten, then the old database deleted unless `keepOld`.
   */
  switchTo(name: string, keepOld: boolean): Promise<void>;
  now(): Date;
  appVersion: string;
}

const STATE_KEY = 'backupState';
const POLICY_KEY = 'backupPolicy';

interface BackupState {
  lastBackupAt: string;
  path: string;
  bytes: number;
  by: string;
}

interface Inner {
  file: BackupFile;
  unlocked: UnlockedBackup;
  manifest: ManifestFrame;
  credentials: BackupCredentials['kind'];
  username: string | null;
}

const prepared = new WeakMap<PreparedRestore, Inner>();

type Gate = { kind: 'ready'; ctx: SignedIn } | { kind: 'empty' } | { kind: 'unreadable' };

export class DataSafetyService implements DataSafetyStore {
  constructor(private readonly hooks: DataSafetyHooks) {}

  private get internals(): StoreInternals {
    return this.hooks.internals;
  }

  async backupStatus(): Promise<Result<BackupStatus>> {
    const ctx = await this.internals.signedIn('store.backup');
    if (!ctx.ok) return ctx;
    return ok(await this.readStatus(ctx.value));
  }

  async setReminderDays(days: number): Promise<Result<BackupStatus>> {
    const ctx = await this.internals.signedIn('store.backup');
    if (!ctx.ok) return ctx;
    const valid = checkReminderDays(days);
    if (!valid.ok) return valid;
    const c = ctx.value;
    const before = (await this.readStatus(c)).reminderDays;
    const row = { key: POLICY_KEY, ct: await c.cipher.seal('settings', POLICY_KEY, { reminderDays: valid.value }) };
    const written = await this.guardStorage(() =>
      this.internals.commit(c, [c.db.settings], async () => {
        await c.db.settings.put(row);
      }, [{ action: 'store.backup_reminder_changed', detail: { before, after: valid.value } }]),
    );
    if (!written.ok) return written;
    return ok(await this.readStatus(c));
  }

  async backup(openSink: (fileName: string) => Promise<BackupFileSink | null>, onProgress?: (p: BackupProgress) => void): Promise<Result<BackupOutcome>> {
    const ctx = await this.internals.signedIn('store.backup');
    if (!ctx.ok) return ctx;
    const c = ctx.value;
    let sink: BackupFileSink | null;
    try {
      sink = await openSink(backupFileName(c.session.unit.code, c.now));
    } catch (e) {
      return fileRefusal(e);
    }
    if (!sink) return ok({ saved: false });
    const createdAt = c.now.toISOString();
    let written: { path: string; bytes: number };
    let summary: Awaited<ReturnType<typeof writeBackup>>;
    try {
      // Nothing commits while the tables are read: the file holds one consistent state.
      summary = await c.audits.exclusive(async () =>
        writeBackup({
          db: c.db,
          cipher: c.cipher,
          installId: c.install.installId,
          unit: c.session.unit,
          createdBy: { accountId: c.session.accountId, username: c.session.username, displayName: c.session.displayName },
          createdAt,
          appVersion: this.hooks.appVersion,
          auditHead: await c.audits.readHead(c.cipher),
          sink: sink as BackupFileSink,
          onProgress,
        }),
      );
      written = await sink.commit();
    } catch (e) {
      await sink.abort().catch(() => undefined);
      const refusal = e instanceof TamperError ? refuse('STORE_TAMPERED', { table: e.table, id: e.id }) : fileRefusal(e);
      await this.internals
        .record(c, [{ action: 'store.backup_failed', detail: { path: sink.path, code: refusal.ok ? '' : refusal.error.code } }])
        .catch(() => undefined);
      return refusal;
    }
    const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
    const state: BackupState = { lastBackupAt: createdAt, path: written.path, bytes: written.bytes, by: c.session.username };
    const row = { key: STATE_KEY, ct: await c.cipher.seal('settings', STATE_KEY, state) };
    const recorded = await this.guardStorage(() =>
      this.internals.commit(c, [c.db.settings], async () => {
        await c.db.settings.put(row);
      }, [{ action: 'store.backup', detail: { path: written.path, bytes: written.bytes, rows, fileId: summary.fileId } }]),
    );
    if (!recorded.ok) return recorded;
    return ok({ saved: true, path: written.path, bytes: written.bytes, rows, counts: summary.counts, createdAt });
  }

  async checkIntegrity(onProgress?: (p: IntegrityProgress) => void): Promise<Result<IntegrityReport>> {
    const ctx = await this.internals.signedIn('store.integrityCheck');
    if (!ctx.ok) return ctx;
    const c = ctx.value;
    const report = await checkIntegrity(c.db, c.cipher, this.hooks.sealKey(), onProgress);
    try {
      await this.internals.record(c, [
        {
          action: 'store.integrity_checked',
          detail: { rows: report.rows, problems: report.problemCount, chain: report.chain.ok ? 'ok' : report.chain.firstBreak, first: report.problems.slice(0, 20) },
        },
      ]);
    } catch (e) {
      // A chain whose head was altered takes no entries; the finding still reaches the person.
      if (!(e instanceof TamperError) && !isStorageFull(e)) throw e;
    }
    return ok(report);
  }

  async openBackup(file: BackupFile, credentials: BackupCredentials): Promise<Result<PreparedRestore>> {
    const gate = await this.gate();
    if (!gate.ok) return gate;
    try {
      const start = await readBackupStart(file);
      if (!start.ok) return start;
      const unlocked = await unlockBackup(start.value, credentials);
      if (!unlocked.ok) return unlocked;
      const manifest = await readManifest(file, unlocked.value);
      if (!manifest.ok) return manifest;
      const m = manifest.value;
      if (m.installId !== start.value.header.installId) return refuse('BACKUP_DAMAGED', { where: 'frame 0' });
      const latest = this.hooks.schemaVersion();
      if (m.schemaVersion > latest) return refuse('BACKUP_NEWER_SCHEMA', { version: m.schemaVersion, latest });
      const preview: BackupPreview = {
        fileName: file.name,
        path: file.path,
        size: file.size,
        unit: m.unit,
        createdAt: m.createdAt,
        createdBy: { username: m.createdBy.username, displayName: m.createdBy.displayName },
        appVersion: m.appVersion,
        schemaVersion: m.schemaVersion,
        tables: m.tables.map((t) => ({ name: t.name, count: t.count })),
        rows: m.tables.reduce((n, t) => n + t.count, 0),
        sameInstall: gate.value.kind === 'ready' ? gate.value.ctx.install.installId === m.installId : null,
        viaRecoveryCode: credentials.kind === 'recovery',
      };
      const handle: PreparedRestore = {
        preview,
        discard: async () => {
          prepared.delete(handle);
          await file.close().catch(() => undefined);
        },
      };
      prepared.set(handle, {
        file,
        unlocked: unlocked.value,
        manifest: m,
        credentials: credentials.kind,
        username: credentials.kind === 'password' ? credentials.username : null,
      });
      return ok(handle);
    } catch (e) {
      return fileRefusal(e);
    }
  }

  async restore(handle: PreparedRestore, onProgress?: (p: RestoreProgress) => void, signal?: AbortSignal): Promise<Result<RestoreOutcome>> {
    const inner = prepared.get(handle);
    if (!inner) return refuse('RESTORE_CANCELLED');
    const gate = await this.gate();
    if (!gate.ok) return gate;
    const pointer = new LedgerPointer(this.hooks.base);
    const old = await this.hooks.activeName();
    const name = stagingName(this.hooks.base, randomBytes(8));
    const failed = async (r: Result<never>): Promise<Result<never>> => {
      await Dexie.delete(name).catch(() => undefined);
      await pointer.write({ active: old, staging: null, retired: null }).catch(() => undefined);
      if (gate.value.kind === 'ready' && !r.ok) {
        await this.internals
          .record(gate.value.ctx, [{ action: 'store.restore_failed', detail: { file: inner.file.path, code: r.error.code, ...(r.error.params ?? {}) } }])
          .catch(() => undefined);
      }
      return r;
    };
    // From here until the switch, a crash leaves `staging` in the pointer: deleted at the next start.
    await pointer.write({ active: old, staging: name, retired: null });
    try {
      const staged = await stageBackup(name, inner.file, inner.unlocked, inner.manifest, (p) => onProgress?.({ stage: 'writing', done: p.done, total: p.total }), signal);
      if (!staged.ok) return await failed(staged);
      if (signal?.aborted) return await failed(refuse('RESTORE_CANCELLED'));
      onProgress?.({ stage: 'upgrading', done: 0, total: 1 });
      const db = this.hooks.openDb(name);
      try {
        try {
          await db.open();
        } catch (e) {
          if (isStorageFull(e)) throw new StorageFullError(e);
          return await failed(refuse('BACKUP_UPGRADE_FAILED', { detail: describe(e) }));
        }
        const verified = await this.verifyRestored(db, inner, (p) => onProgress?.({ stage: 'verifying', done: p.done, total: p.total }));
        if (!verified.ok) return await failed(verified);
        if (signal?.aborted) return await failed(refuse('RESTORE_CANCELLED'));
        await this.recordRestore(db, inner, verified.value, gate.value);
      } finally {
        db.close();
      }
      onProgress?.({ stage: 'switching', done: 0, total: 1 });
      // A store that could not be read is kept for the secrecy office to examine; any other is replaced.
      const keepOld = gate.value.kind === 'unreadable';
      await this.hooks.switchTo(name, keepOld);
      prepared.delete(handle);
      await inner.file.close().catch(() => undefined);
      return ok({ rows: inner.manifest.tables.reduce((n, t) => n + t.count, 0), keptDamaged: keepOld });
    } catch (e) {
      if (e instanceof StorageFullError || isStorageFull(e)) return failed(refuse('STORAGE_FULL'));
      if (e instanceof FileIoError) return failed(fileRefusal(e));
      await failed(refuse('UNEXPECTED', { message: describe(e) }));
      throw e;
    }
  }

  /** The restored copy, decrypted and checked record by record, with its own chain, before anything switches. */
  private async verifyRestored(db: LedgerDb, inner: Inner, onProgress: (p: IntegrityProgress) => void): Promise<Result<{ sealPrivate: CryptoKey }>> {
    const cipher: Cipher = inner.unlocked.cipher;
    const install = InstallSchema.safeParse((await db.meta.get('install'))?.value);
    if (!install.success || install.data.installId !== inner.manifest.installId) {
      return refuse('BACKUP_VERIFY_FAILED', { problems: 1, table: 'meta', id: 'install', reason: 'installInvalid' });
    }
    let sealPrivate: CryptoKey;
    try {
      const row = await db.settings.get('sealPrivate');
      if (!row) throw new TamperError('settings', 'sealPrivate');
      sealPrivate = await importSealPrivate(await cipher.open<JsonWebKey>('settings', 'sealPrivate', row.ct));
    } catch (e) {
      if (!(e instanceof TamperError)) throw e;
      return refuse('BACKUP_VERIFY_FAILED', { problems: 1, table: 'settings', id: 'sealPrivate', reason: 'unreadable' });
    }
    const report = await checkIntegrity(db, cipher, sealPrivate, onProgress);
    if (report.problemCount > 0 || !report.chain.ok) {
      const first: IntegrityProblem = report.problems[0] ?? { table: 'audit', id: '', reason: 'chain' };
      return refuse('BACKUP_VERIFY_FAILED', { problems: Math.max(1, report.problemCount), table: first.table, id: first.id, reason: first.reason });
    }
    return ok({ sealPrivate });
  }

  /** The restore joins the restored chain (who, from which file, what it replaced), and the backup counts as the last one. */
  private async recordRestore(db: LedgerDb, inner: Inner, v: { sealPrivate: CryptoKey }, gate: Gate): Promise<void> {
    const cipher = inner.unlocked.cipher;
    const at = this.hooks.now().toISOString();
    const slot = await db.keyslots.get(inner.unlocked.slotId);
    const actor = slot && slot.accountId !== '' ? slot.accountId : null;
    let replaced: Record<string, unknown> | null = null;
    if (gate.kind === 'ready') {
      const head = await gate.ctx.audits.readHead(gate.ctx.cipher).catch(() => null);
      replaced = { installId: gate.ctx.install.installId, auditHead: head, by: gate.ctx.session.username };
    } else if (gate.kind === 'unreadable') {
      replaced = { unreadable: true };
    }
    const state: BackupState = { lastBackupAt: inner.manifest.createdAt, path: inner.file.path, bytes: inner.file.size, by: inner.manifest.createdBy.username };
    const stateRow = { key: STATE_KEY, ct: await cipher.seal('settings', STATE_KEY, state) };
    await new AuditRepo(db).commit(
      cipher,
      v.sealPrivate,
      [
        {
          at,
          actor,
          action: 'store.restored',
          detail: {
            file: inner.file.path,
            backupCreatedAt: inner.manifest.createdAt,
            backupCreatedBy: inner.manifest.createdBy.username,
            backupAuditHead: inner.manifest.auditHead,
            via: inner.credentials,
            ...(inner.username ? { username: inner.username } : {}),
            replaced,
          },
        },
      ],
      [db.settings],
      async () => {
        await db.settings.put(stateRow);
      },
    );
  }

  /** Over a working store only a signed-in account with store.restore; on a fresh install or an unreadable store, whoever holds the backup's credentials. */
  private async gate(): Promise<Result<Gate>> {
    const st = await this.hooks.inspect();
    if (st.kind === 'ready') {
      const ctx = await this.internals.signedIn('store.restore');
      if (!ctx.ok) return ctx;
      return ok({ kind: 'ready', ctx: ctx.value });
    }
    return ok({ kind: st.kind });
  }

  private async readStatus(c: SignedIn): Promise<BackupStatus> {
    const stateRow = await c.db.settings.get(STATE_KEY);
    const policyRow = await c.db.settings.get(POLICY_KEY);
    const state = stateRow ? await c.cipher.open<BackupState>('settings', STATE_KEY, stateRow.ct) : null;
    const policy = policyRow ? await c.cipher.open<{ reminderDays: number }>('settings', POLICY_KEY, policyRow.ct) : null;
    const reminderDays = policy?.reminderDays ?? DEFAULT_BACKUP_REMINDER_DAYS;
    return {
      lastBackupAt: state?.lastBackupAt ?? null,
      lastBackupPath: state?.path ?? null,
      reminderDays,
      reminder: backupReminder(state?.lastBackupAt ?? null, this.hooks.now(), reminderDays),
    };
  }

  private async guardStorage(write: () => Promise<void>): Promise<Result<void>> {
    try {
      await write();
      return ok(undefined);
    } catch (e) {
      if (e instanceof StorageFullError || isStorageFull(e)) return refuse('STORAGE_FULL');
      throw e;
    }
  }
}

function describe(e: unknown): string {
  return (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 300);
}

/** A failure of the medium (or of the browser storage) as a refusal. */
function fileRefusal(e: unknown): Result<never> {
  if (e instanceof StorageFullError || isStorageFull(e)) return refuse('STORAGE_FULL');
  if (e instanceof FileIoError) {
    switch (e.code) {
      case 'DISK_FULL':
        return refuse('BACKUP_DISK_FULL');
      case 'NOT_WRITABLE':
        return refuse('BACKUP_NOT_WRITABLE');
      case 'READ_FAILED':
        return refuse('BACKUP_READ_FAILED');
      default:
        return e.reason ? refuse('BACKUP_WRITE_FAILED', { reason: e.reason }) : refuse('BACKUP_WRITE_FAILED');
    }
  }
  throw e;
}
