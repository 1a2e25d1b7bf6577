import type { Account } from '../../shared/auth/accounts';
import { isClearanceLevel } from '../../shared/auth/policy';
import { ADMIN_ROLES, type Role } from '../../shared/auth/permissions';
import type { Cipher } from './cipher';
import { defineEncryptedTable } from './encryptedTable';
import type { AccountRow, LedgerDb } from './schema';

/** Accounts at rest: id and status in the clear (status is checked against the encrypted copy). */
export const accountsTable = defineEncryptedTable<Account, 'status'>('accounts', ['status']);

/**
 * Accounts written by the first version (set-up before issue 7) have no level, no forced-change
 * flag and no password date; they read as 秘密, no change pending, password set when created.
 */
function withDefaults(a: Partial<Account> & Pick<Account, 'id' | 'status' | 'username' | 'displayName' | 'createdAt'>): Account {
  return {
    id: a.id,
    status: a.status,
    username: a.username,
    displayName: a.displayName,
    roles: (a.roles ?? []) as Role[],
    level: isClearanceLevel(a.level) ? a.level : 'confidential',
    createdAt: a.createdAt,
    mustChangePassword: a.mustChangePassword === true,
    passwordChangedAt: a.passwordChangedAt ?? a.createdAt,
  };
}

/** Throws TamperError for a record that fails authentication. */
export async function readAccount(db: LedgerDb, cipher: Cipher, id: string): Promise<Account | null> {
  const row = await db.accounts.get(id);
  return row ? fromRow(cipher, row) : null;
}

export async function readAllAccounts(db: LedgerDb, cipher: Cipher): Promise<Account[]> {
  const rows = await db.accounts.toArray();
  const out: Account[] = [];
  for (const row of rows) out.push(await fromRow(cipher, row));
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || rank(a) - rank(b) || a.username.localeCompare(b.username));
}

/** The three made at set-up share a time: list them as 系统管理员, 安全保密管理员, 安全审计员. */
function rank(a: Account): number {
  const i = ADMIN_ROLES.findIndex((r) => a.roles.includes(r));
  return i === -1 ? ADMIN_ROLES.length : i;
}

async function fromRow(cipher: Cipher, row: AccountRow): Promise<Account> {
  return withDefaults(await accountsTable.fromRow(cipher, { ...row }));
}

export async function accountRow(cipher: Cipher, account: Account): Promise<AccountRow> {
  const row = await accountsTable.toRow(cipher, account);
  return { id: row.id, status: row.status, ct: row.ct };
}
