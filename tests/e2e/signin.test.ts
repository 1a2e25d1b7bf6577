import { afterEach, describe, expect, it } from 'vitest';
import { launchTestApp, relaunchTestApp, type TestApp } from './pages/app';
import { ADMIN, alertText, completeSetup, frameNav, lockNow, signIn, unlock } from './pages/ledgerApp';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

describe('set-up, sign-in, lock (real app in Chromium)', () => {
  it('walks a new user through set-up into the frame (the 系统管理员 sees 系统管理 only), and signs in again after a restart', async () => {
    app = await launchTestApp();
    const { page } = app;
    await completeSetup(page);
    const nav = frameNav(page);
    await expect(nav.getByText('系统管理', { exact: true }).count()).resolves.toBe(1);
    for (const label of ['载体台账', '定密', '销毁', '数据交换', '审计']) {
      await expect(nav.getByText(label, { exact: true }).count()).resolves.toBe(0);
    }
    await expect(page.getByText(ADMIN.unitName).count()).resolves.toBeGreaterThan(0);

    app = await relaunchTestApp(app);
    await signIn(app.page, ADMIN.username, ADMIN.password);
    await frameNav(app.page).waitFor({ timeout: 30_000 });
    await expect(app.page.getByText(ADMIN.displayName).count()).resolves.toBeGreaterThan(0);
  });

  it('says a wrong password is wrong, counts it, and locks the account after the fifth', async () => {
    app = await launchTestApp();
    const { page } = app;
    await completeSetup(page);
    await page.getByRole('button', { name: '退出登录' }).click();
    await signIn(page, ADMIN.username, 'Wrong2026abc');
    expect(await alertText(page, '还可尝试 4 次')).toContain('密码错误');
    for (let i = 0; i < 3; i++) await signIn(page, ADMIN.username, 'Wrong2026abc');
    expect(await alertText(page, '还可尝试 1 次')).toContain('密码错误');
    await signIn(page, ADMIN.username, 'Wrong2026abc');
    expect(await alertText(page, '锁定')).toContain('账户已被锁定');
    // The right password does not get through while the lock runs.
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.waitForTimeout(500);
    expect(await frameNav(page).count()).toBe(0);
    expect(await alertText(page, '锁定')).toContain('锁定');
  });

  it('locks on demand and unlocks only with the password', async () => {
    app = await launchTestApp();
    const { page } = app;
    await completeSetup(page);
    await lockNow(page);
    expect(await frameNav(page).count()).toBe(0);
    await unlock(page, 'Wrong2026abc');
    expect(await alertText(page, '还可尝试')).toContain('密码错误');
    await unlock(page, ADMIN.password);
    await frameNav(page).waitFor({ timeout: 30_000 });
  });

  it('locks by itself after ten idle minutes', async () => {
    app = await launchTestApp();
    const { page, context } = app;
    await context.clock.install();
    await page.reload();
    await completeSetup(page);
    await context.clock.fastForward('09:00');
    expect(await page.getByRole('heading', { name: '已锁定' }).count()).toBe(0);
    await context.clock.fastForward('01:30');
    await page.getByRole('heading', { name: '已锁定' }).waitFor({ timeout: 10_000 });
    await unlock(page, ADMIN.password);
    await frameNav(page).waitFor({ timeout: 30_000 });
  });

  it('shows the red network warning, naming the interface, on every screen', async () => {
    app = await launchTestApp({
      networkInterfaces: () => ({
        lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
        eth0: [{ address: '192.0.2.15', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.0.2.15/24' }],
      }),
    });
    const { page } = app;
    expect(await alertText(page, '违规外联')).toContain('eth0');
    await completeSetup(page);
    expect(await alertText(page, '违规外联')).toContain('192.0.2.15');
  });
});
