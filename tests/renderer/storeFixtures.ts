import { EncryptedLedgerStore } from '../../renderer/db/ledgerStore';
import type { SessionWithRecoveryCode, SetupInput } from '../../renderer/db/storeApi';

/** A cheap Argon2id cost, so that a test derives keys in milliseconds. */
export const CHEAP = { m: 256, t: 1, p: 1 };

let n = 0;
export const freshName = (prefix = 'store-test') => `${prefix}-${Date.now()}-${n++}`;

/** The unit and its three administrators (三员), each with a password of their own. */
export const THREE_ADMINS: SetupInput = {
  unitName: '某市保密测试单位',
  unitCode: 'BM-0001',
  adminUsername: 'sysadmin',
  adminDisplayName: '王系统',
  password: 'Xitong2026',
  secadmin: { username: 'anquan', displayName: '李安全', password: 'Anquan2026' },
  auditor: { username: 'shenji', displayName: '赵审计', password: 'Shenji2026' },
};

export const PASSWORDS: Record<string, string> = { sysadmin: 'Xitong2026', anquan: 'Anquan2026', shenji: 'Shenji2026' };

export function makeStore(dbName = freshName(), clock?: { t: number }): EncryptedLedgerStore {
  return new EncryptedLedgerStore({ dbName, kdfCost: CHEAP, now: clock ? () => new Date(clock.t) : undefined });
}

/** A set-up store, signed in as the 系统管理员. */
export async function setUpStore(dbName = freshName(), clock?: { t: number }): Promise<{ s: EncryptedLedgerStore; dbName: string; setup: SessionWithRecoveryCode }> {
  const s = makeStore(dbName, clock);
  const r = await s.setup(THREE_ADMINS);
  if (!r.ok) throw new Error(`setup refused: ${r.error.code}`);
  return { s, dbName, setup: r.value };
}

/** Signs out whoever is in and signs `username` in; throws on a refusal. */
export async function as(s: EncryptedLedgerStore, username: string, password = PASSWORDS[username] ?? ''): Promise<void> {
  await s.signOut();
  const r = await s.signIn(username, password);
  if (!r.ok) throw new Error(`sign-in of ${username} refused: ${r.error.code}`);
}
