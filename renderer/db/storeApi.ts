import type { Account, NewAccountFields, PasswordChangeReason } from '../../shared/auth/accounts';
import type { ChainBreak } from '../../shared/audit/chain';
import type { ClearanceLevel, SecurityPolicy } from '../../shared/auth/policy';
import type { Result } from '../../shared/result';
import type { OfficeMode, SetupFields } from '../../shared/setup';

/**
 * What the UI may ask of the encrypted store before and around sign-in. Implemented in
 * ./ledgerStore.ts (Dexie + WebCrypto); the UI never touches Dexie or keys itself.
 */

/** What the store found when the app opened it. */
export type StoreStatus =
  | { kind: 'empty' } // no database yet: run the set-up wizard
  | { kind: 'ready' } // initialized; sign-in needed
  | {
      kind: 'unreadable';
      /**
       * foreign: not ours; corrupt: ours but damaged; newer: written by a newer version of the app;
       * upgradeFailed: bringing it to this version failed, and it was left as it was.
       */
      reason: 'foreign' | 'corrupt' | 'newer' | 'upgradeFailed';
      detail: string;
    };

export interface UnitInfo {
  name: string;
  code: string;
  /** 单位模式 or 上级部门模式, chosen at set-up; stores set up before it existed are units. */
  mode?: OfficeMode;
}

export interface SessionInfo {
  accountId: string;
  username: string;
  displayName: string;
  roles: string[];
  unit: UnitInfo;
  level: ClearanceLevel;
  /** Set when the account must choose a new password before it may do anything else. */
  mustChangePassword: PasswordChangeReason | null;
  /** The security policy's idle lock, in minutes. */
  idleMinutes: number;
  /** The minimum length of this account's password, by its level and the policy. */
  passwordMinLength: number;
}

/** Set-up (and a use of the recovery code) hand out a new recovery code, shown once. */
export type SessionWithRecoveryCode = SessionInfo & { recoveryCode: string };

/** The unit and the three administrators (三员), each with a password of their own. */
export type SetupInput = SetupFields;

/**
 * Refusal codes (the UI maps each to a Chinese message in the locale file):
 * - SETUP_*: invalid set-up field (params.field names it)
 * - STORE_ALREADY_INITIALIZED: set-up refused because data exists
 * - WRONG_CREDENTIALS: params.remaining (attempts left before lock) when the account exists
 * - ACCOUNT_LOCKED: params.until (ISO time)
 * - ACCOUNT_DISABLED
 * - STORE_TAMPERED: params.table, params.id — a record failed authentication
 * - PASSWORD_WEAK: params.minLength; PASSWORD_UNCHANGED
 * - PASSWORD_CHANGE_REQUIRED: nothing else is allowed until the password is changed
 * - NOT_PERMITTED: params.action — the account's roles do not allow it (audited)
 * - RECOVERY_CODE_INVALID / RECOVERY_CODE_WRONG (params.remaining) / RECOVERY_NOT_AVAILABLE
 * - ACCOUNT_*, USERNAME_TAKEN, ROLES_*, POLICY_*: see shared/auth/accounts.ts and policy.ts
 */
export interface LedgerStore {
  status(): Promise<StoreStatus>;
  setup(input: SetupInput): Promise<Result<SessionWithRecoveryCode>>;
  signIn(username: string, password: string): Promise<Result<SessionInfo>>;
  /**
   * Drops every key from memory; the session stays known so unlock can ask for its password.
   * The reason goes into the audit trail.
   */
  lock(reason?: 'manual' | 'idle'): Promise<void>;
  /** Re-derives the key for the locked session's account. */
  unlock(password: string): Promise<Result<SessionInfo>>;
  signOut(): Promise<void>;
  /** The signed-in account's own password; clears a pending forced change. */
  changePassword(oldPassword: string, newPassword: string): Promise<Result<void>>;
  /**
   * Lost password: the recovery code gives the 系统管理员 account a new password and signs it in.
   * Every use is audited, and the code is replaced by a new one (returned, to be shown once).
   */
  recover(code: string, newPassword: string): Promise<Result<SessionWithRecoveryCode>>;
  /** Records an audit event; before sign-in it is sealed and joins the chain at the next unlock. */
  audit(action: string, detail: Record<string, unknown>): Promise<void>;
  isUnlocked(): boolean;
  close(): void;
  /** Accounts, roles and policy (三员): each call checks the signed-in account's roles. */
  readonly admin: AdminStore;
  /** The audit trail for the 安全审计员: each call checks the signed-in account's roles. */
  readonly auditTrail: AuditStore;
}

/** An account as the administrators' screens list it. */
export interface AccountView extends Account {
  /** ISO time until which sign-in is refused after too many wrong passwords, or null. */
  lockedUntil: string | null;
}

export interface AdminStore {
  listAccounts(): Promise<Result<AccountView[]>>;
  /** `adminPassword`: the 系统管理员 confirms with their own password (the key must be unwrapped). */
  createAccount(input: NewAccountFields, adminPassword: string): Promise<Result<AccountView>>;
  resetPassword(accountId: string, newPassword: string, adminPassword: string): Promise<Result<void>>;
  disableAccount(accountId: string): Promise<Result<void>>;
  /** A disabled account's old password was thrown away: enabling gives it a new one. */
  enableAccount(accountId: string, newPassword: string, adminPassword: string): Promise<Result<void>>;
  assignRoles(accountId: string, roles: string[], level: ClearanceLevel): Promise<Result<AccountView>>;
  getPolicy(): Promise<Result<SecurityPolicy>>;
  updatePolicy(policy: SecurityPolicy): Promise<Result<SecurityPolicy>>;
  replaceRecoveryCode(adminPassword: string): Promise<Result<string>>;
  /**
   * Notes in the audit trail that the recovery code sheet was sent to a printer (or failed to
   * be). The sheet itself is never kept and the entry never holds the code (docs/decisions.md).
   */
  recordRecoveryCodePrint(print: RecoveryCodePrint): Promise<Result<void>>;
}

/** A print of the recovery code sheet as the audit trail notes it: how, not what. */
export interface RecoveryCodePrint {
  /** The printout number on the sheet's footer. */
  printoutId: string;
  level: ClearanceLevel;
  pages: number;
  copies: number;
  printer: string;
  /** Set when the printer refused it (the code of the refusal). */
  failure?: string;
}

export interface AuditFilter {
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
  /** An account id, or 'system' for entries without an actor. */
  actor?: string;
  /** An action code; with a trailing dot, every action under it (`auth.`). */
  action?: string;
  /** Newest first, at most this many (default 500). */
  limit?: number;
}

export type AuditListItem =
  | { seq: number; at: string; actor: string | null; action: string; detail: Record<string, unknown>; hash: string }
  | { seq: number; at: string; unreadable: true };

export interface AuditQueryResult {
  entries: AuditListItem[];
  /** How many matched in all (entries holds the newest `limit`). */
  matched: number;
  /** Every account, so that actors can be named (disabled ones too). */
  actors: { id: string; username: string; displayName: string }[];
}

export type AuditVerification = { ok: true; count: number } | { ok: false; count: number; firstBreak: ChainBreak };

export interface AuditExport {
  fileName: string;
  /** JSON Lines: a header, every entry in order, the chain head (docs/audit-export.md). */
  content: string;
  count: number;
  head: { seq: number; hash: string } | null;
  verification: AuditVerification;
}

export interface AuditStore {
  query(filter: AuditFilter): Promise<Result<AuditQueryResult>>;
  verify(): Promise<Result<AuditVerification>>;
  /** Builds the export; `recordExport` audits where it was saved once the file is written. */
  exportTrail(): Promise<Result<AuditExport>>;
  recordExport(saved: { path: string; count: number; head: { seq: number; hash: string } | null }): Promise<Result<void>>;
}
