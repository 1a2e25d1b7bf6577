import type { BackupReminder } from '../../../shared/backup/reminder';
import type { Result } from '../../../shared/result';
import type { BackupCredentials, BackupSource } from './backupReader';
import type { BackupProgress, BackupSink } from './backupWriter';
import type { IntegrityProgress, IntegrityReport } from './integrity';

/**
 * What the UI may ask of the store about its own safety (数据安全): backup, restore, integrity
 * check. Implemented in ./dataSafetyService.ts; the files themselves come from the shell's file
 * channels, which the feature layer turns into the sink and source below.
 *
 * Refusal codes (each has a sentence in the locale files, `refusal.<code>`):
 * - NOT_PERMITTED (params.action), NOT_SIGNED_IN, PASSWORD_CHANGE_REQUIRED — as everywhere
 * - BACKUP_DISK_FULL, BACKUP_NOT_WRITABLE, BACKUP_WRITE_FAILED, BACKUP_READ_FAILED — the medium
 * - BACKUP_NOT_A_BACKUP, BACKUP_VERSION_UNSUPPORTED, BACKUP_DAMAGED (params.where), BACKUP_TRUNCATED,
 *   BACKUP_WRONG_CREDENTIALS, RECOVERY_CODE_INVALID — the file
 * - BACKUP_NEWER_SCHEMA: made by a newer version of the app
 * - BACKUP_UPGRADE_FAILED (params.detail): the backup's data could not be brought to this version
 * - BACKUP_VERIFY_FAILED (params.problems, table, id, reason): the restored copy did not verify
 * - RESTORE_CANCELLED; STORAGE_FULL: the browser storage (the disk under the profile) is full
 * - BACKUP_REMINDER_INVALID (params.min, max)
 */

/** Where a backup is being written: main's partial file until commit. */
export interface BackupFileSink extends BackupSink {
  readonly path: string;
  /** Flushes the file to the medium and gives it its name. */
  commit(): Promise<{ path: string; bytes: number }>;
  /** Deletes the partial file. */
  abort(): Promise<void>;
}

/** A backup file opened for reading. */
export interface BackupFile extends BackupSource {
  readonly name: string;
  readonly path: string;
  close(): Promise<void>;
}

/** A failure of the medium, as main named it (shared/ipc/fileContract.ts FILE_FAILURES). */
export class FileIoError extends Error {
  override name = 'FileIoError';
  constructor(
    readonly code: string,
    readonly reason?: string,
  ) {
    super(`FILE_${code}`);
  }
}

export interface BackupStatus {
  lastBackupAt: string | null;
  lastBackupPath: string | null;
  reminderDays: number;
  reminder: BackupReminder;
}

export type BackupOutcome =
  | { saved: false }
  | { saved: true; path: string; bytes: number; rows: number; counts: Record<string, number>; createdAt: string };

/** What a backup file holds, shown before anything is restored. */
export interface BackupPreview {
  fileName: string;
  path: string;
  size: number;
  unit: { name: string; code: string };
  createdAt: string;
  createdBy: { username: string; displayName: string };
  appVersion: string;
  schemaVersion: number;
  tables: { name: string; count: number }[];
  rows: number;
  /** The backup is of the store now on this PC (same install); null when there is none. */
  sameInstall: boolean | null;
  /** Opened with the recovery code rather than a password. */
  viaRecoveryCode: boolean;
}

export type RestoreStage = 'writing' | 'upgrading' | 'verifying' | 'switching';

export interface RestoreProgress {
  stage: RestoreStage;
  done: number;
  total: number;
}

export interface RestoreOutcome {
  rows: number;
  /** A damaged store that was replaced is kept, under its old name, for the secrecy office. */
  keptDamaged: boolean;
}

/** An opened, previewed backup, ready to restore (keeps the file open and its key in memory). */
export interface PreparedRestore {
  readonly preview: BackupPreview;
  /** Closes the file and forgets the key (cancel). */
  discard(): Promise<void>;
}

export interface DataSafetyStore {
  /** The last backup and the reminder (store.backup). */
  backupStatus(): Promise<Result<BackupStatus>>;
  /** How old the last backup may get before the reminder shows, in days (store.backup). */
  setReminderDays(days: number): Promise<Result<BackupStatus>>;
  /**
   * Writes a backup (store.backup): `openSink` asks the shell where (null: cancelled); nothing else
   * commits while it is written; the file gets its name only when complete; then it is audited.
   */
  backup(openSink: (fileName: string) => Promise<BackupFileSink | null>, onProgress?: (p: BackupProgress) => void): Promise<Result<BackupOutcome>>;
  /** Decrypts and verifies every record and the audit chain (store.integrityCheck); audited. */
  checkIntegrity(onProgress?: (p: IntegrityProgress) => void): Promise<Result<IntegrityReport>>;
  /**
   * Opens a backup with a password or the recovery code it was made with and reads what it holds.
   * On a fresh install or an unreadable store anyone may; over a working store only store.restore.
   */
  openBackup(file: BackupFile, credentials: BackupCredentials): Promise<Result<PreparedRestore>>;
  /**
   * Restores into a new database, verifies it, and only then switches to it and deletes the old
   * one. A failure or cancel (signal) at any point leaves the current store as it was.
   */
  restore(prepared: PreparedRestore, onProgress?: (p: RestoreProgress) => void, signal?: AbortSignal): Promise<Result<RestoreOutcome>>;
}
