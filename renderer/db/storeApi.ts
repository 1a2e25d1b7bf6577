import type { Result } from '../../shared/result';

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
      /** foreign: not ours; corrupt: ours but damaged; newer: written by a newer version of the app. */
      reason: 'foreign' | 'corrupt' | 'newer';
      detail: string;
    };

export interface UnitInfo {
  name: string;
  code: string;
}

export interface SessionInfo {
  accountId: string;
  username: string;
  displayName: string;
  roles: string[];
  unit: UnitInfo;
}

export interface SetupInput {
  unitName: string;
  unitCode: string;
  adminUsername: string;
  adminDisplayName: string;
  password: string;
}

/**
 * Refusal codes (the UI maps each to a Chinese message in the locale file):
 * - SETUP_*: invalid set-up field (params.field names it)
 * - STORE_ALREADY_INITIALIZED: set-up refused because data exists
 * - WRONG_CREDENTIALS: params.remaining (attempts left before lock) when the account exists
 * - ACCOUNT_LOCKED: params.until (ISO time)
 * - ACCOUNT_DISABLED
 * - STORE_TAMPERED: params.table, params.id — a record failed authentication
 * - PASSWORD_WEAK: params.minLength
 */
export interface LedgerStore {
  status(): Promise<StoreStatus>;
  setup(input: SetupInput): Promise<Result<SessionInfo>>;
  signIn(username: string, password: string): Promise<Result<SessionInfo>>;
  /**
   * Drops every key from memory; the session stays known so unlock can ask for its password.
   * The reason goes into the audit trail.
   */
  lock(reason?: 'manual' | 'idle'): Promise<void>;
  /** Re-derives the key for the locked session's account. */
  unlock(password: string): Promise<Result<SessionInfo>>;
  signOut(): Promise<void>;
  changePassword(oldPassword: string, newPassword: string): Promise<Result<void>>;
  /** Records an audit event; before sign-in it is sealed and joins the chain at the next unlock. */
  audit(action: string, detail: Record<string, unknown>): Promise<void>;
  isUnlocked(): boolean;
  close(): void;
}
