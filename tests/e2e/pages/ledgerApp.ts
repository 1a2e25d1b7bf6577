import type { Page } from 'playwright-core';

/**
 * Page objects for the screens a person goes through: set-up, sign-in, the frame, the lock
 * screen. They find things the way a person does — by visible Chinese labels and roles.
 */
export const ADMIN = {
  unitName: '某市保密测试单位',
  unitCode: 'BM-0001',
  username: 'sysadmin',
  displayName: '王管理',
  password: 'Mima2026abc',
};

/** The other two administrators (三员) the set-up wizard creates, each with their own password. */
export const SECADMIN = { username: 'anquan', displayName: '李安全', password: 'Anquan2026x' };
export const AUDITOR = { username: 'shenji', displayName: '赵审计', password: 'Shenji2026x' };

type Person = { username: string; displayName: string; password: string };

async function fillAdminStep(page: Page, heading: string, p: Person): Promise<void> {
  await page.getByRole('heading', { name: heading }).waitFor();
  await page.getByLabel('登录名').fill(p.username);
  await page.getByLabel('姓名').fill(p.displayName);
  await page.getByLabel('密码', { exact: true }).fill(p.password);
  await page.getByLabel('确认密码').fill(p.password);
}

/**
 * 初始设置: the unit (step 1), the 系统管理员 (2), the 安全保密管理员 (3), the 安全审计员 (4), then the
 * recovery code (5), which is read, confirmed as sealed, and returned. Ends in the 系统管理员's frame.
 */
export async function completeSetup(page: Page, a = ADMIN, sec: Person = SECADMIN, aud: Person = AUDITOR, mode?: 'bureau'): Promise<string> {
  await setUpUntilRecoveryCode(page, a, sec, aud, mode);
  const code = await sealRecoveryCode(page);
  await frameNav(page).waitFor({ timeout: 30_000 });
  return code;
}

/** Set-up's steps 1–4; ends on step 5, the recovery code shown once, not yet sealed. */
export async function setUpUntilRecoveryCode(page: Page, a = ADMIN, sec: Person = SECADMIN, aud: Person = AUDITOR, mode?: 'bureau'): Promise<void> {
  await page.getByRole('heading', { name: '初始设置' }).waitFor();
  await page.getByLabel('单位名称').fill(a.unitName);
  await page.getByLabel('单位代码').fill(a.unitCode);
  // 工作模式: 单位模式 unless the test sets up the bureau (数据交换, issue 6).
  if (mode === 'bureau') await page.getByLabel('工作模式').selectOption({ label: '上级部门模式（上级保密行政管理部门使用）' });
  await page.getByRole('button', { name: '下一步' }).click();
  await fillAdminStep(page, '系统管理员账户', a);
  await page.getByRole('button', { name: '下一步' }).click();
  await fillAdminStep(page, '安全保密管理员账户', sec);
  await page.getByRole('button', { name: '下一步' }).click();
  await fillAdminStep(page, '安全审计员账户', aud);
  await page.getByRole('button', { name: '完成设置' }).click();
}

/** The recovery code on screen (after set-up or after a use): read it, tick 已打印或抄录，并已封存, go on. */
export async function sealRecoveryCode(page: Page): Promise<string> {
  const output = page.getByLabel('恢复码', { exact: true });
  await output.waitFor({ timeout: 60_000 });
  const code = ((await output.textContent()) ?? '').trim();
  await page.getByLabel('已打印或抄录，并已封存').check();
  await page.getByRole('button', { name: '继续' }).click();
  return code;
}

export function frameNav(page: Page) {
  return page.getByRole('navigation', { name: '功能导航' });
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: '登录' }).waitFor();
  await page.getByLabel('登录名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The text of the visible error (role=alert), once one is shown. */
export async function alertText(page: Page, containing: string): Promise<string> {
  const alert = page.getByRole('alert').filter({ hasText: containing });
  await alert.first().waitFor({ timeout: 30_000 });
  return (await alert.first().textContent()) ?? '';
}

export async function lockNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: '锁定' }).click();
  await page.getByRole('heading', { name: '已锁定' }).waitFor();
}

export async function unlock(page: Page, password: string): Promise<void> {
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '解锁' }).click();
}
