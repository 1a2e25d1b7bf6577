import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { PREAMBLE_BYTES, readU32 } from '../../../shared/backup/format';
import { encodeRow } from '../../../shared/backup/rowCodec';
import { LedgerPointer, pointerDbName } from '../../../renderer/db/dataSafety/pointer';
import { EncryptedLedgerStore } from '../../../renderer/db/ledgerStore';
import { openDatabase, SCHEMA_V1, SCHEMA_V1_STORES, SCHEMA_V5, type LedgerDb } from '../../../renderer/db/schema';
import { as, CHEAP, freshName, makeStore, setUpStore, THREE_ADMINS } from '../storeFixtures';
import { databaseNames, dumpDatabase, fileOf, fillStore, memoryMedium, onlyFile, sinkOn } from './helpers';

async function backupOf(s: EncryptedLedgerStore) {
  const medium = memoryMedium();
  const r = await s.dataSafety.backup(sinkOn(medium));
  if (!r.ok || !r.value.saved) throw new Error(`backup: ${JSON.stringify(r)}`);
  return { bytes: onlyFile(medium), outcome: r.value };
}

async function restoreOn(s: EncryptedLedgerStore, bytes: Uint8Array, credentials = { kind: 'password' as const, username: 'sysadmin', password: THREE_ADMINS.password }) {
  const opened = await s.dataSafety.openBackup(fileOf(bytes), credentials);
  if (!opened.ok) return opened;
  return s.dataSafety.restore(opened.value);
}

/** Frame offsets of a backup file: [start, end) of each frame, after the header. */
function frames(bytes: Uint8Array): [number, number][] {
  const headerLength = readU32(bytes, 12);
  const out: [number, number][] = [];
  for (let at = PREAMBLE_BYTES + headerLength; at < bytes.length; ) {
    const len = readU32(bytes, at);
    out.push([at, at + 4 + len]);
    at += 4 + len;
  }
  return out;
}

describe('backup and restore on a fresh install', () => {
  it('restores every table of the store byte for byte, shows what the file holds first, and signs in with the old password', async () => {
    const { s, dbName } = await setUpStore();
    await fillStore(s, 1200, 2);
    await s.signOut();
    await s.signIn('WrongUser', 'nope').catch(() => undefined); // a sealed event waiting in auditSealed
    await as(s, 'sysadmin');
    const before = await dumpDatabase(dbName);
    const { bytes, outcome } = await backupOf(s);
    expect(outcome.rows).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));
    expect(frames(bytes).length).toBeGreaterThan(3);

    // A fresh install: another profile, nothing set up.
    const freshBase = freshName('fresh');
    const fresh = makeStore(freshBase);
    expect(await fresh.status()).toEqual({ kind: 'empty' });
    const opened = await fresh.dataSafety.openBackup(fileOf(bytes), { kind: 'password', username: 'SysAdmin', password: THREE_ADMINS.password });
    if (!opened.ok) throw new Error(opened.error.code);
    const p = opened.value.preview;
    expect(p.unit).toEqual({ name: THREE_ADMINS.unitName, code: THREE_ADMINS.unitCode });
    expect(p.createdBy).toEqual({ username: 'sysadmin', displayName: '王系统' });
    expect(p.tables.find((t) => t.name === 'people')?.count).toBe(1200);
    expect(p.tables.find((t) => t.name === 'printoutChunks')?.count).toBe(2);
    expect(p.sameInstall).toBeNull();
    const progress: string[] = [];
    const restored = await fresh.dataSafety.restore(opened.value, (x) => progress.push(x.stage));
    expect(restored).toMatchObject({ ok: true, value: { keptDamaged: false } });
    expect(new Set(progress)).toEqual(new Set(['writing', 'upgrading', 'verifying', 'switching']));

    // The app starts again on the same profile: the pointer names the restored database.
    const again = makeStore(freshBase);
    expect(await again.status()).toEqual({ kind: 'ready' });
    const active = await new LedgerPointer(freshBase).read();
    const after = await dumpDatabase(active.active);
    for (const table of Object.keys(before)) {
      if (table === 'audit' || table === 'settings' || table === 'auditSealed') continue;
      expect(after[table], table).toEqual(before[table]);
    }
    // The audit trail is the backed-up one plus the restore (and the sealed event it absorbed).
    expect((after.audit ?? []).slice(0, before.audit?.length)).toEqual(before.audit);
    const signed = await again.signIn('sysadmin', THREE_ADMINS.password);
    expect(signed.ok).toBe(true);
    const verify = await again.verifyAuditTrail();
    expect(verify).toMatchObject({ ok: true, value: { ok: true } });
    const entries = await again.auditEntries(20);
    const restoredEntry = entries.ok ? entries.value.find((e) => e.action === 'store.restored') : undefined;
    expect(restoredEntry?.detail).toMatchObject({ backupCreatedBy: 'sysadmin', via: 'password', username: 'SysAdmin', replaced: null });
    // The restored backup counts as the last one.
    const status = await again.dataSafety.backupStatus();
    expect(status).toMatchObject({ ok: true, value: { lastBackupAt: outcome.createdAt, reminder: { due: false } } });
  });

  it('opens with the recovery code as well, and refuses a wrong password or a later one', async () => {
    const { s, setup } = await setUpStore();
    const { bytes } = await backupOf(s);
    expect((await s.changePassword(THREE_ADMINS.password, 'Changed2026x')).ok).toBe(true);
    const fresh = makeStore(freshName('fresh'));
    await fresh.status();
    const file = () => fileOf(bytes);
    expect(await fresh.dataSafety.openBackup(file(), { kind: 'password', username: 'sysadmin', password: 'Changed2026x' })).toEqual({
      ok: false,
      error: { code: 'BACKUP_WRONG_CREDENTIALS' },
    });
    expect(await fresh.dataSafety.openBackup(file(), { kind: 'password', username: 'nobody', password: 'x' })).toEqual({ ok: false, error: { code: 'BACKUP_WRONG_CREDENTIALS' } });
    expect(await fresh.dataSafety.openBackup(file(), { kind: 'recovery', code: 'not a code' })).toEqual({ ok: false, error: { code: 'RECOVERY_CODE_INVALID' } });
    // The auditor's password opens it too: any account valid then.
    expect((await fresh.dataSafety.openBackup(file(), { kind: 'password', username: 'shenji', password: 'Shenji2026' })).ok).toBe(true);
    const viaCode = await fresh.dataSafety.openBackup(file(), { kind: 'recovery', code: setup.recoveryCode.toLowerCase() });
    if (!viaCode.ok) throw new Error(viaCode.error.code);
    expect(viaCode.value.preview.viaRecoveryCode).toBe(true);
    expect((await fresh.dataSafety.restore(viaCode.value)).ok).toBe(true);
  });

  it('includes tables added by a later schema without being told about them', async () => {
    const withExtra = (name: string): LedgerDb => {
      const db = openDatabase(name);
      db.version(SCHEMA_V5 + 90).stores({ scans: '&id, carrierId' });
      return db;
    };
    const base = freshName('extra');
    const s = new EncryptedLedgerStore({ dbName: base, kdfCost: CHEAP, openDatabase: withExtra });
    expect((await s.setup(THREE_ADMINS)).ok).toBe(true);
    const v = s.vault();
    if (!v.ok) throw new Error(v.error.code);
    const scan = { id: 'scan-1', carrierId: 'c-1', ct: await v.value.cipher.seal('scans', 'scan-1', { id: 'scan-1', carrierId: 'c-1', page: 1 }) };
    await v.value.commit([v.value.db.table('scans')], async () => {
      await v.value.db.table('scans').add(scan);
    }, [{ action: 'scan.added', detail: {} }]);
    const { bytes } = await backupOf(s);
    const freshBase = freshName('extra-fresh');
    const fresh = new EncryptedLedgerStore({ dbName: freshBase, kdfCost: CHEAP, openDatabase: withExtra });
    await fresh.status();
    const r = await restoreOn(fresh, bytes);
    expect(r.ok ? r : JSON.stringify(r)).toMatchObject({ ok: true });
    const active = await new LedgerPointer(freshBase).read();
    expect((await dumpDatabase(active.active)).scans).toEqual([JSON.stringify(encodeRow(scan))]);
  });
});

describe('restore over a working store', () => {
  it('replaces the current data only when the restore succeeded, deletes the old database, and records what it replaced', async () => {
    const { s, dbName } = await setUpStore();
    await fillStore(s, 10);
    const { bytes } = await backupOf(s);
    await fillStore(s, 0, 1); // written after the backup: gone after the restore
    const oldHead = await s.auditEntries(1);
    expect(await restoreOn(s, bytes)).toMatchObject({ ok: true, value: { keptDamaged: false } });
    // The session ends with the switch; the old database is gone, the pointer names the new one.
    expect(s.isUnlocked()).toBe(false);
    const pointer = await new LedgerPointer(dbName).read();
    expect(pointer.active).not.toBe(dbName);
    expect(pointer.staging).toBeNull();
    expect(pointer.retired).toBeNull();
    expect(await Dexie.exists(dbName)).toBe(false);
    expect(await s.status()).toEqual({ kind: 'ready' });
    await as(s, 'sysadmin');
    const restored = await dumpDatabase(pointer.active);
    expect(restored.printouts).toEqual([]);
    expect(restored.people).toHaveLength(10);
    const entries = await s.auditEntries(5);
    const e = entries.ok ? entries.value.find((x) => x.action === 'store.restored') : undefined;
    expect(e?.detail.replaced).toMatchObject({ by: 'sysadmin', auditHead: { seq: oldHead.ok ? oldHead.value[0]?.seq : -1 } });
    expect(await s.verifyAuditTrail()).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('only the 系统管理员 restores over a working store; others are refused and it is audited', async () => {
    const { s } = await setUpStore();
    const { bytes } = await backupOf(s);
    await as(s, 'shenji');
    expect(await s.dataSafety.openBackup(fileOf(bytes), { kind: 'password', username: 'sysadmin', password: THREE_ADMINS.password })).toEqual({
      ok: false,
      error: { code: 'NOT_PERMITTED', params: { action: 'store.restore' } },
    });
    await s.signOut();
    expect(await s.dataSafety.openBackup(fileOf(bytes), { kind: 'password', username: 'sysadmin', password: THREE_ADMINS.password })).toEqual({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    await as(s, 'anquan');
    expect(await s.dataSafety.backup(sinkOn(memoryMedium()))).toEqual({ ok: false, error: { code: 'NOT_PERMITTED', params: { action: 'store.backup' } } });
  });

  it('a backup file with a damaged byte, cut short, lengthened or not a backup at all is refused, and the store is left as it was', async () => {
    const { s, dbName } = await setUpStore();
    await fillStore(s, 3000);
    const { bytes } = await backupOf(s);
    const f = frames(bytes);
    const middle = f[Math.floor(f.length / 2)] as [number, number];
    const last = f[f.length - 1] as [number, number];
    const flipped = bytes.slice();
    flipped[middle[0] + 40] = (flipped[middle[0] + 40] ?? 0) ^ 1;
    const swapped = new Uint8Array(bytes.length);
    const [a, b] = [f[1] as [number, number], f[2] as [number, number]];
    swapped.set(bytes.subarray(0, a[0]));
    swapped.set(bytes.subarray(b[0], b[1]), a[0]);
    swapped.set(bytes.subarray(a[0], a[1]), a[0] + (b[1] - b[0]));
    swapped.set(bytes.subarray(b[1]), a[0] + (b[1] - b[0]) + (a[1] - a[0]));
    const header = bytes.slice();
    header[PREAMBLE_BYTES + 20] = header[PREAMBLE_BYTES + 20] === 0x30 ? 0x31 : 0x30;
    const cases: [string, Uint8Array, string][] = [
      ['a flipped bit', flipped, 'BACKUP_DAMAGED'],
      ['two frames swapped', swapped, 'BACKUP_DAMAGED'],
      ['cut after a frame', bytes.slice(0, last[0]), 'BACKUP_TRUNCATED'],
      ['cut inside a frame', bytes.slice(0, middle[0] + 100), 'BACKUP_TRUNCATED'],
      ['bytes appended', new Uint8Array([...bytes, 0, 0, 0, 0]), 'BACKUP_DAMAGED'],
      ['not a backup', new TextEncoder().encode('{"just":"json"}'.padEnd(400, ' ')), 'BACKUP_NOT_A_BACKUP'],
    ];
    const before = await dumpDatabase(dbName);
    for (const [what, file, code] of cases) {
      await as(s, 'sysadmin');
      const opened = await s.dataSafety.openBackup(fileOf(file), { kind: 'password', username: 'sysadmin', password: THREE_ADMINS.password });
      const r = opened.ok ? await s.dataSafety.restore(opened.value) : opened;
      expect(r, what).toMatchObject({ ok: false, error: { code } });
      expect(await new LedgerPointer(dbName).read(), what).toEqual({ active: dbName, staging: null, retired: null });
      expect((await databaseNames()).filter((n) => n.startsWith(`${dbName}@`)), what).toEqual([]);
    }
    const after = await dumpDatabase(dbName);
    for (const t of Object.keys(before)) if (t !== 'audit' && t !== 'settings') expect(after[t], t).toEqual(before[t]);
    // Refusals that got as far as the restore are on the record.
    const entries = await s.auditEntries(200);
    expect(entries.ok && entries.value.filter((e) => e.action === 'store.restore_failed').length).toBeGreaterThan(0);
  });

  it('a backup of a store with a damaged record does not verify: nothing is switched, and the problem is named', async () => {
    const { s, dbName } = await setUpStore();
    await fillStore(s, 5);
    const db = openDatabase(dbName);
    const row = await db.people.get('p-000003');
    if (!row) throw new Error('no row');
    const ct = row.ct.slice();
    ct[20] = (ct[20] ?? 0) ^ 0xff;
    await db.people.put({ ...row, ct });
    db.close();
    const { bytes } = await backupOf(s);
    expect(await restoreOn(s, bytes)).toEqual({
      ok: false,
      error: { code: 'BACKUP_VERIFY_FAILED', params: { problems: 1, table: 'people', id: 'p-000003', reason: 'unreadable' } },
    });
    expect(await new LedgerPointer(dbName).read()).toEqual({ active: dbName, staging: null, retired: null });
    expect(s.isUnlocked()).toBe(true);
  });

  it('a restore cancelled while it writes leaves everything as it was', async () => {
    const { s, dbName } = await setUpStore();
    await fillStore(s, 3000);
    const { bytes } = await backupOf(s);
    const opened = await s.dataSafety.openBackup(fileOf(bytes), { kind: 'password', username: 'sysadmin', password: THREE_ADMINS.password });
    if (!opened.ok) throw new Error(opened.error.code);
    const controller = new AbortController();
    const r = await s.dataSafety.restore(opened.value, (p) => {
      if (p.stage === 'writing' && p.done > 100) controller.abort();
    }, controller.signal);
    expect(r).toEqual({ ok: false, error: { code: 'RESTORE_CANCELLED' } });
    expect(await new LedgerPointer(dbName).read()).toEqual({ active: dbName, staging: null, retired: null });
    expect((await databaseNames()).filter((n) => n.startsWith(`${dbName}@`))).toEqual([]);
  });
});

describe('an interrupted restore, at start', () => {
  it('deletes a half-written staging database and keeps the active one', async () => {
    const { s, dbName } = await setUpStore();
    s.close();
    const staging = `${dbName}@00000000deadbeef`;
    const half = new Dexie(staging);
    half.version(1).stores({ people: '&id' });
    await half.open();
    await half.table('people').add({ id: 'x' });
    half.close();
    await new LedgerPointer(dbName).write({ active: dbName, staging, retired: null });
    const again = makeStore(dbName);
    expect(await again.status()).toEqual({ kind: 'ready' });
    expect(await Dexie.exists(staging)).toBe(false);
    expect(await new LedgerPointer(dbName).read()).toEqual({ active: dbName, staging: null, retired: null });
    expect((await again.signIn('sysadmin', THREE_ADMINS.password)).ok).toBe(true);
  });

  it('after the switch, deletes the old database it did not get to delete', async () => {
    const { s, dbName } = await setUpStore();
    const { bytes } = await backupOf(s);
    const otherBase = freshName('other');
    const fresh = makeStore(otherBase);
    await fresh.status();
    expect((await restoreOn(fresh, bytes)).ok).toBe(true);
    const restoredName = (await new LedgerPointer(otherBase).read()).active;
    // As if the app died between switching the pointer and deleting: this profile's pointer says so.
    s.close();
    await new LedgerPointer(dbName).write({ active: restoredName, staging: null, retired: dbName });
    const again = makeStore(dbName);
    expect(await again.status()).toEqual({ kind: 'ready' });
    expect(await Dexie.exists(dbName)).toBe(false);
    expect(await new LedgerPointer(dbName).read()).toEqual({ active: restoredName, staging: null, retired: null });
  });

  it('keeps its pointer in a database of its own', async () => {
    const { s, dbName } = await setUpStore();
    await s.status();
    expect(await databaseNames()).toContain(pointerDbName(dbName));
  });
});

describe('backup', () => {
  it('holds every other commit until the file is complete, so the file is one consistent state', async () => {
    const { s } = await setUpStore();
    await fillStore(s, 2000);
    const medium = memoryMedium();
    let appends = 0;
    let auditDone = false;
    let auditStarted: Promise<void> | null = null;
    medium.beforeAppend = async () => {
      appends += 1;
      if (appends === 3) auditStarted = s.audit('test.during_backup', {}).then(() => void (auditDone = true));
      if (appends > 3) expect(auditDone).toBe(false);
    };
    const r = await s.dataSafety.backup(sinkOn(medium));
    expect(r.ok).toBe(true);
    await auditStarted;
    expect(auditDone).toBe(true);
    // The file restores and verifies: its chain and head agree.
    const fresh = makeStore(freshName('consistent'));
    await fresh.status();
    expect((await restoreOn(fresh, onlyFile(medium))).ok).toBe(true);
  });

  it('says the medium is full, leaves no file, keeps the last backup date, and records the failure', async () => {
    const { s } = await setUpStore();
    await fillStore(s, 2000);
    const medium = memoryMedium(20_000);
    expect(await s.dataSafety.backup(sinkOn(medium))).toEqual({ ok: false, error: { code: 'BACKUP_DISK_FULL' } });
    expect(medium.files.size).toBe(0);
    expect(medium.aborted).toBe(1);
    expect(await s.dataSafety.backupStatus()).toMatchObject({ ok: true, value: { lastBackupAt: null, reminder: { due: true, reason: 'never' } } });
    const entries = await s.auditEntries(3);
    expect(entries.ok && entries.value.map((e) => e.action)).toContain('store.backup_failed');
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const { s } = await setUpStore();
    expect(await s.dataSafety.backup(async () => null)).toEqual({ ok: true, value: { saved: false } });
  });

  it('reminds when there is no backup or it is older than the interval, which can be changed', async () => {
    const clock = { t: Date.parse('2026-11-21T09:00:00+08:00') };
    const { s } = await setUpStore(freshName(), clock);
    expect(await s.dataSafety.backupStatus()).toMatchObject({ ok: true, value: { reminderDays: 30, reminder: { due: true, reason: 'never' } } });
    await backupOf(s);
    expect(await s.dataSafety.backupStatus()).toMatchObject({ ok: true, value: { reminder: { due: false, days: 0 }, lastBackupPath: expect.stringContaining('/media/usb/ledger-backup-BM-0001-') } });
    clock.t += 31 * 24 * 3600_000;
    expect(await s.dataSafety.backupStatus()).toMatchObject({ ok: true, value: { reminder: { due: true, reason: 'old', days: 31 } } });
    expect(await s.dataSafety.setReminderDays(60)).toMatchObject({ ok: true, value: { reminderDays: 60, reminder: { due: false } } });
    expect(await s.dataSafety.setReminderDays(0)).toEqual({ ok: false, error: { code: 'BACKUP_REMINDER_INVALID', params: { min: 1, max: 365 } } });
    const entries = await s.auditEntries(5);
    expect(entries.ok && entries.value.find((e) => e.action === 'store.backup_reminder_changed')?.detail).toEqual({ before: 30, after: 60 });
  });
});

describe('old schema versions in a backup', () => {
  it('restores a backup made at schema 1 through the same upgrades an old store gets', async () => {
    // A v1 store: only the v1 tables, made by set-up on a database declared at version 1.
    const v1 = (name: string): LedgerDb => {
      const db = new Dexie(name) as LedgerDb;
      db.version(SCHEMA_V1).stores(SCHEMA_V1_STORES);
      return db;
    };
    const old = new EncryptedLedgerStore({ dbName: freshName('v1'), kdfCost: CHEAP, openDatabase: v1 });
    expect((await old.setup(THREE_ADMINS)).ok).toBe(true);
    const { bytes } = await backupOf(old);
    const latestBase = freshName('to-latest');
    const fresh = makeStore(latestBase);
    await fresh.status();
    const opened = await fresh.dataSafety.openBackup(fileOf(bytes), { kind: 'password', username: 'sysadmin', password: THREE_ADMINS.password });
    expect(opened.ok && opened.value.preview.schemaVersion).toBe(SCHEMA_V1);
    if (!opened.ok) return;
    expect((await fresh.dataSafety.restore(opened.value)).ok).toBe(true);
    const active = (await new LedgerPointer(latestBase).read()).active;
    const probe = new Dexie(active);
    await probe.open();
    const latest = openDatabase('declared-only');
    expect(probe.verno).toBe(latest.verno);
    expect(probe.tables.map((t) => t.name).sort()).toEqual(latest.tables.map((t) => t.name).sort());
    probe.close();
    expect((await fresh.signIn('sysadmin', THREE_ADMINS.password)).ok).toBe(true);
  });
});
