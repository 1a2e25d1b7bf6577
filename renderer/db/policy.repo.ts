import type { LockPolicy } from '../../shared/auth/lockout';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from '../../shared/auth/policy';
import type { Cipher } from './cipher';
import type { Install } from './inspect';
import type { LedgerDb, SettingRow } from './schema';

/**
 * The security policy is stored encrypted (settings/policy, authoritative). Its lock part is
 * mirrored in the plain install record, because sign-in must apply it before any key exists; the
 * two are compared at every sign-in, so a mirror changed on disk is reported as tampering.
 */
export const POLICY_KEY = 'policy';

export async function readPolicy(db: LedgerDb, cipher: Cipher, install: Install): Promise<SecurityPolicy> {
  const row = await db.settings.get(POLICY_KEY);
  // A store set up before issue 7 has no policy record: the defaults, with its lock policy.
  if (!row) return { password: { ...DEFAULT_SECURITY_POLICY.password }, lock: { ...install.policy } };
  return cipher.open<SecurityPolicy>('settings', POLICY_KEY, row.ct);
}

export async function policyRow(cipher: Cipher, policy: SecurityPolicy): Promise<SettingRow> {
  return { key: POLICY_KEY, ct: await cipher.seal('settings', POLICY_KEY, policy) };
}

export function sameLockPolicy(a: LockPolicy, b: LockPolicy): boolean {
  return a.maxFailures === b.maxFailures && a.lockMinutes === b.lockMinutes && a.idleMinutes === b.idleMinutes;
}
