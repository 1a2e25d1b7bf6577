import 'fake-indexeddb/auto';
import { ok } from '../../shared/result';
import { AuditRepo } from '../../renderer/db/audit.repo';
import { randomBytes } from '../../renderer/db/bytes';
import { Cipher } from '../../renderer/db/cipher';
import type { VaultSource } from '../../renderer/db/ledgerAccess';
import type { Vault } from '../../renderer/db/ledgerStore';
import { openDatabase, type LedgerDb } from '../../renderer/db/schema';

/**
 * A real encrypted database (fake-indexeddb, real AES-GCM, the real audit chain) with sessions of
 * our choosing: the ledger repositories see exactly what EncryptedLedgerStore.vault() gives them,
 * so the tests can act as a clerk, a handler and an approver on one store without going through
 * account administration.
 */
export interface TestSession {
  accountId: string;
  username: string;
  displayName: string;
  roles: string[];
}

export const SESSIONS = {
  clerk: { accountId: 'acc-clerk', username: 'clerk1', displayName: '赵保密', roles: ['clerk', 'handler'] },
  handler: { accountId: 'acc-zhang', username: 'zhang', displayName: '张三', roles: ['handler'] },
  approver: { accountId: 'acc-boss', username: 'boss', displayName: '周领导', roles: ['approver'] },
  sysadmin: { accountId: 'acc-sys', username: 'sysadmin', displayName: '王系统', roles: ['sysadmin'] },
} satisfies Record<string, TestSession>;

let n = 0;

export interface TestLedger {
  db: LedgerDb;
  cipher: Cipher;
  audits: AuditRepo;
  clock: { t: number };
  as(session: TestSession): VaultSource;
  /** Stops the vault, as a lock does. */
  lock(): void;
}

export async function testLedger(start = '2026-03-02T08:00:00+08:00'): Promise<TestLedger> {
  const db = openDatabase(`ledger-repo-test-${Date.now()}-${n++}`);
  await db.open();
  const cipher = await Cipher.fromMaster(randomBytes(32));
  const audits = new AuditRepo(db);
  const clock = { t: Date.parse(start) };
  let locked = false;
  const now = () => new Date(clock.t);
  return {
    db,
    cipher,
    audits,
    clock,
    lock: () => {
      locked = true;
    },
    as(session) {
      return {
        vault() {
          if (locked) return { ok: false, error: { code: 'NOT_SIGNED_IN' } };
          const vault: Vault = {
            db,
            cipher,
            session: { ...session, unit: { name: '某市保密测试单位', code: 'BM-01' } } as Vault['session'],
            now,
            commit: async (tables, write, events) => {
              const at = now().toISOString();
              await audits.commit(cipher, null, events.map((e) => ({ at, actor: session.accountId, action: e.action, detail: e.detail })), tables, write);
            },
          };
          return ok(vault);
        },
      };
    },
  };
}
