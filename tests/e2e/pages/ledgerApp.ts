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

export async function completeSetup(page: Page, a = ADMIN): Promise<void> {
  await page.getByRole('heading', { name: '初始设置' }).waitFor();
  await page.getByLabel('单位名称').fill(a.unitName);
  await page.getByLabel('单位代码').fill(a.unitCode);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('登录名').fill(a.username);
  await page.getByLabel('姓名').fill(a.displayName);
  await page.getByLabel('密码', { exact: true }).fill(a.password);
  await page.getByLabel('确认密码').fill(a.password);
  await page.getByRole('button', { name: '完成设置' }).click();
  await frameNav(page).waitFor({ timeout: 30_000 });
}

export function frameNav(page: Page) {
  return page.getByRole('navigation');
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
