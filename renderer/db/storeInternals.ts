import type { Table } from 'dexie';
import type { Action } from '../../shared/auth/permissions';
import type { Result } from '../../shared/result';
import type { AuditRepo } from './audit.repo';
import type { Cipher } from './cipher';
import type { Install } from './inspect';
import type { LedgerDb } from './schema';
import type { SessionInfo } from './storeApi';

/**
 * What the administration and audit services (adminService.ts, auditService.ts) get from the
 * encrypted store: the signed-in context after the role check, re-authentication, and the one
 * transaction for rows plus audit entries. Only renderer/db sees this; the UI sees storeApi.ts.
 */
export interface SignedIn {
  db: LedgerDb;
  cipher: Cipher;
  session: SessionInfo;
  install: Install;
  audits: AuditRepo;
  now: Date;
}

export interface AuditEvent {
  action: string;
  detail: Record<string, unknown>;
}

export interface StoreInternals {
  /**
   * The signed-in context for `action`. Refuses NOT_SIGNED_IN while locked, PASSWORD_CHANGE_REQUIRED
   * while a forced change is pending, and NOT_PERMITTED (audited as access.refused) when the
   * account's roles do not allow the action.
   */
  signedIn(action: Action): Promise<Result<SignedIn>>;
  /**
   * Asks the signed-in account's own password again and returns the master secret (the caller
   * zeroes it). A wrong password counts towards the lock like a failed sign-in.
   */
  reauthenticate(ctx: SignedIn, password: string): Promise<Result<Uint8Array<ArrayBuffer>>>;
  /** Writes pre-encrypted rows (Dexie calls only) and the audit entries in one transaction. */
  commit(ctx: SignedIn, tables: Table[], write: () => Promise<void>, events: AuditEvent[]): Promise<void>;
  /** Appends audit entries on their own. */
  record(ctx: SignedIn, events: AuditEvent[]): Promise<void>;
  /** The install record changed (policy mirror): keep the store's copy current. */
  installChanged(install: Install): void;
}
