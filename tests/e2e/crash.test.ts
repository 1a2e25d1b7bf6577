import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signOut } from './pages/admin';
import { launchTestApp, relaunchTestApp, type TestApp } from './pages/app';
import { bundleCrashHarness, harness, killBrowser } from './pages/crash';
import { CLERK, signInAsNewClerk } from './pages/carriers';
import { backUp, checkIntegrity, openDataSafety, shot } from './pages/dataSafety';
import { createKey, openExchange, savePublicKey, writeBundle } from './pages/exchange';
import { ADMIN, AUDITOR, completeSetup, frameNav, signIn } from './pages/ledgerApp';

/**
 * Crash safety (issue 8): the browser is killed (SIGKILL, as a crash or a power cut ends it) in the
 * middle of a large change, started again on the same profile, and the store must be consistent:
 * all of the change or none of it, every record verifying, the audit chain intact.
 */
let code: string;
let app: TestApp | null = null;
let dirs: string[] = [];
beforeAll(async () => {
  code = await bundleCrashHarness();
});
afterEach(async () => {
  await app?.dispose();
  app = null;
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

async function auditorChecks(a: TestApp): Promise<string> {
  await signIn(a.page, AUDITOR.username, AUDITOR.password);
  await frameNav(a.page).waitFor({ timeout: 30_000 });
  await openDataSafety(a.page);
  return checkIntegrity(a.page);
}

const ROWS = 20_000;
const IMPORT_ROWS = 10_000;

describe('killed in the middle of a large write through the Vault', () => {
  it('keeps none of a transaction that had not committed, and the store verifies', async () => {
    app = await launchTestApp();
    await completeSetup(app.page);
    expect(await harness(app.page, code, 'signIn', ADMIN.username, ADMIN.password)).toBe('ok');
    const before = await harness(app.page, code, 'counts');
    // Started, not awaited: the page carries on with it while the test watches.
    await app.page.evaluate((n) => {
      void (window as unknown as { __crashHarness: { bigWrite(n: number, p: string): Promise<void> } }).__crashHarness.bigWrite(n, 'crash');
    }, ROWS);
    for (;;) {
      const phase = (await harness(app.page, code, 'state')).phase;
      if (phase === 'writing') break;
      if (phase === 'done' || phase === 'failed') throw new Error(`the write ended before the kill: ${phase}`);
      await app.page.waitForTimeout(5);
    }
    await killBrowser(app);

    app = await relaunchTestApp(app);
    await app.page.getByRole('heading', { name: '登录' }).waitFor({ timeout: 30_000 });
    const after = await harness(app.page, code, 'counts');
    // All of it or none of it, with its audit entry or without. The kill lands while the transaction
    // runs (20,000 rows take far longer to write than the kill takes), so none is what to expect.
    expect(after.people).toBe(await harness(app.page, code, 'peopleWithPrefix', 'crash'));
    expect([0, ROWS]).toContain(after.people);
    expect(after.audit).toBe((before.audit ?? 0) + (after.people === ROWS ? 1 : 0));
    expect(after.people).toBe(0);
    const result = await auditorChecks(app);
    expect(result).toMatch(/全部 [\d,]+ 条记录解密和验证通过，审计日志链完整/);
    await shot(app.page, '10-after-crash-integrity');
  });

  it('keeps all of a transaction that had committed before the kill', async () => {
    app = await launchTestApp();
    await completeSetup(app.page);
    expect(await harness(app.page, code, 'signIn', ADMIN.username, ADMIN.password)).toBe('ok');
    await harness(app.page, code, 'bigWrite', 5_000, 'kept');
    expect((await harness(app.page, code, 'state')).phase).toBe('done');
    await killBrowser(app);
    app = await relaunchTestApp(app);
    await app.page.getByRole('heading', { name: '登录' }).waitFor({ timeout: 30_000 });
    expect(await harness(app.page, code, 'peopleWithPrefix', 'kept')).toBe(5_000);
    expect(await auditorChecks(app)).toMatch(/全部 [\d,]+ 条记录解密和验证通过，审计日志链完整/);
  });
});

describe('killed in the middle of a large import', () => {
  it('keeps all of the imported carriers or none, each with its registration event and the one audit entry', async () => {
    app = await launchTestApp();
    await completeSetup(app.page);
    await signInAsNewClerk(app.page);
    expect(await harness(app.page, code, 'signIn', CLERK.username, CLERK.newPassword)).toBe('ok');
    const before = await harness(app.page, code, 'counts');
    await app.page.evaluate((n) => {
      void (window as unknown as { __crashHarness: { bigImport(n: number): Promise<void> } }).__crashHarness.bigImport(n);
    }, IMPORT_ROWS);
    for (;;) {
      const st = await harness(app.page, code, 'state');
      if (st.phase === 'writing') break;
      if (st.phase === 'done' || st.phase === 'failed') throw new Error(`the import ended before the kill: ${st.phase} ${st.error ?? ''}`);
      await app.page.waitForTimeout(20);
    }
    // Everything is encrypted; the one transaction is being written now.
    await app.page.waitForTimeout(150);
    await killBrowser(app);

    app = await relaunchTestApp(app);
    await app.page.getByRole('heading', { name: '登录' }).waitFor({ timeout: 30_000 });
    const after = await harness(app.page, code, 'counts');
    const imported = (after.carriers ?? 0) - (before.carriers ?? 0);
    expect([0, IMPORT_ROWS]).toContain(imported);
    expect((after.carrierEvents ?? 0) - (before.carrierEvents ?? 0)).toBe(imported);
    expect(after.audit).toBe((before.audit ?? 0) + 1 /* the clerk's person */ + (imported > 0 ? 1 : 0));
    expect(await auditorChecks(app)).toMatch(/全部 [\d,]+ 条记录解密和验证通过，审计日志链完整/);
  });
});

describe('killed in the middle of a restore', () => {
  it('starts again on the data it had, with the half-written copy gone', async () => {
    const usb = await mkdtemp(path.join(os.tmpdir(), 'secrecy-ledger-usb-'));
    dirs.push(usb);
    app = await launchTestApp({ exportDir: usb });
    await completeSetup(app.page);
    expect(await harness(app.page, code, 'signIn', ADMIN.username, ADMIN.password)).toBe('ok');
    await harness(app.page, code, 'bigWrite', 30_000, 'backed');
    await openDataSafety(app.page);
    await backUp(app.page);
    const [file] = await readdir(usb);
    // Written after the backup: a restore would drop it, an interrupted one must not.
    await harness(app.page, code, 'bigWrite', 10, 'later');
    await signOut(app.page);
    await app.close();

    app = await relaunchTestApp(app, { exportDir: usb, openFile: async () => path.join(usb, file ?? '') });
    await signIn(app.page, ADMIN.username, ADMIN.password);
    await frameNav(app.page).waitFor({ timeout: 30_000 });
    await openDataSafety(app.page);
    const restore = app.page.getByRole('region', { name: '从备份恢复' });
    await restore.getByRole('button', { name: '选择备份文件…' }).click();
    await restore.getByLabel('登录名').fill(ADMIN.username);
    await restore.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await restore.getByRole('button', { name: '打开', exact: true }).click();
    await restore.getByRole('heading', { name: '备份内容' }).waitFor({ timeout: 60_000 });
    await shot(app.page, '11-restore-preview-replace');
    await restore.getByLabel('我已核对备份的单位和备份时间，确认恢复').check();
    await restore.getByRole('button', { name: '开始恢复' }).click();
    // Kill while the new database is being written.
    await restore.getByRole('status').filter({ hasText: /第 1 步.*[1-9][\d,]* \/ / }).waitFor({ timeout: 60_000 });
    await shot(app.page, '12-restore-writing');
    const staging = (await harness(app.page, code, 'pointer')).staging;
    expect(staging).toMatch(/^secrecy-ledger@[0-9a-f]{16}$/);
    await killBrowser(app);

    app = await relaunchTestApp(app, { exportDir: usb });
    await app.page.getByRole('heading', { name: '登录' }).waitFor({ timeout: 30_000 });
    expect(await harness(app.page, code, 'pointer')).toEqual({ active: 'secrecy-ledger', staging: null, retired: null });
    expect((await harness(app.page, code, 'databases')).filter((n) => n.includes('@'))).toEqual([]);
    expect(await harness(app.page, code, 'peopleWithPrefix', 'later')).toBe(10);
    expect(await harness(app.page, code, 'peopleWithPrefix', 'backed')).toBe(30_000);
    expect(await auditorChecks(app)).toMatch(/全部 [\d,]+ 条记录解密和验证通过，审计日志链完整/);
  });
});

describe('killed in the middle of an export', () => {
  it('records the bundle with its audit entry or not at all; the next export follows on and verifies', async () => {
    const usb = await mkdtemp(path.join(os.tmpdir(), 'secrecy-ledger-usb-'));
    dirs.push(usb);
    app = await launchTestApp({ exportDir: usb });
    await completeSetup(app.page);
    await signInAsNewClerk(app.page);
    expect(await harness(app.page, code, 'signIn', CLERK.username, CLERK.newPassword)).toBe('ok');
    // Enough carriers that reading and decrypting them for the bundle takes a while.
    await harness(app.page, code, 'bigImport', IMPORT_ROWS);
    expect(await harness(app.page, code, 'state')).toEqual({ phase: 'done', error: null });
    await openExchange(app.page, '签名密钥');
    await createKey(app.page);
    const pemPath = await savePublicKey(app.page);
    const before = await harness(app.page, code, 'counts');

    await app.page.getByRole('tab', { name: '上报数据包' }).click();
    await app.page.getByRole('button', { name: '生成并保存数据包' }).click();
    // Kill while the carriers are being read and decrypted for the bundle.
    await app.page.getByText(/正在解密记录：[1-9][\d,]* \/ /).first().waitFor({ timeout: 60_000 });
    await killBrowser(app);

    app = await relaunchTestApp(app, { exportDir: usb });
    await app.page.getByRole('heading', { name: '登录' }).waitFor({ timeout: 30_000 });
    const after = await harness(app.page, code, 'counts');
    // The chain position, the log entry and the audit entry move in one transaction: all or none.
    const recorded = (after.exchangeLog ?? 0) - (before.exchangeLog ?? 0);
    expect([0, 1]).toContain(recorded);
    expect((after.audit ?? 0) - (before.audit ?? 0)).toBe(recorded);
    expect(recorded).toBe(0);
    expect((await readdir(usb)).filter((f) => f.endsWith('.ledgerbundle'))).toEqual([]);

    // The next export takes the next sequence number and the CLI accepts it.
    await signIn(app.page, CLERK.username, CLERK.newPassword);
    await frameNav(app.page).waitFor({ timeout: 30_000 });
    await openExchange(app.page, '上报数据包');
    const bundlePath = await writeBundle(app.page);
    const sequence = 1 + recorded;
    expect(path.basename(bundlePath)).toBe(`unit-${ADMIN.unitCode}-${String(sequence).padStart(4, '0')}.ledgerbundle`);
    const verify = spawnSync(process.execPath, ['dist/cli/bundle.mjs', 'verify', bundlePath, '--key', pemPath, '--last-sequence', String(sequence - 1), '--json'], { encoding: 'utf8' });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    await signOut(app.page);
    expect(await auditorChecks(app)).toMatch(/全部 [\d,]+ 条记录解密和验证通过，审计日志链完整/);
  });
});
