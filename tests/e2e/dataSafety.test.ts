import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signOut } from './pages/admin';
import { launchTestApp, type TestApp } from './pages/app';
import { backUp, checkIntegrity, confirmRestore, openBackupForRestore, openDataSafety, previewCount, shot } from './pages/dataSafety';
import { ADMIN, AUDITOR, completeSetup, frameNav, signIn } from './pages/ledgerApp';

let apps: TestApp[] = [];
let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(apps.map((a) => a.dispose()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  apps = [];
  dirs = [];
});

async function medium(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'secrecy-ledger-usb-'));
  dirs.push(d);
  return d;
}

describe('backup and restore (real app in Chromium)', () => {
  it('backs up to the removable medium, restores it on a fresh install through 从备份恢复, and the auditor’s integrity check passes', async () => {
    const usb = await medium();
    const first = await launchTestApp({ exportDir: usb });
    apps.push(first);
    const code = await completeSetup(first.page);
    // Never backed up: the reminder is on every page for the 系统管理员.
    await first.page.getByRole('note', { name: '备份提醒' }).waitFor();
    await shot(first.page, '01-reminder');
    await openDataSafety(first.page);
    const saved = await backUp(first.page);
    await shot(first.page, '02-backup-done');
    expect(path.dirname(saved)).toBe(usb);
    expect(await readdir(usb)).toEqual([path.basename(saved)]);
    expect((await stat(saved)).size).toBeGreaterThan(1000);
    await frameNav(first.page).getByRole('button', { name: '系统管理' }).click();
    expect(await first.page.getByRole('note', { name: '备份提醒' }).count()).toBe(0);

    // Another PC: nothing set up. 从备份恢复 is offered above the wizard.
    const second = await launchTestApp({ openFile: async () => saved });
    apps.push(second);
    const { page } = second;
    await page.getByRole('heading', { name: '初始设置' }).waitFor();
    await shot(page, '03-setup-offer');
    await page.getByRole('button', { name: '从备份恢复' }).click();
    // A wrong password is refused before anything is shown.
    await page.getByRole('button', { name: '选择备份文件…' }).click();
    await page.getByLabel('登录名').fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill('Wrong2026abc');
    await page.getByRole('button', { name: '打开', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '与该备份不符' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '取消' }).click();
    const facts = await openBackupForRestore(page, { code });
    expect(facts['单位']).toBe(`${ADMIN.unitName}（${ADMIN.unitCode}）`);
    expect(facts['备份人']).toBe(`${ADMIN.displayName}（${ADMIN.username}）`);
    expect(await previewCount(page, '账户')).toBe(3);
    await shot(page, '04-restore-preview');
    expect(await confirmRestore(page)).toContain('恢复完成');
    await shot(page, '05-restore-done');
    await page.getByRole('button', { name: '进入登录' }).click();
    await signIn(page, AUDITOR.username, AUDITOR.password);
    await frameNav(page).waitFor({ timeout: 30_000 });
    await openDataSafety(page);
    const result = await checkIntegrity(page);
    expect(result).toMatch(/全部 [\d,]+ 条记录解密和验证通过，审计日志链完整/);
    await shot(page, '06-integrity-ok');
    await signOut(page);
  });
});
