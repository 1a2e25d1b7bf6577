import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { frameNav } from './ledgerApp';

/**
 * Page objects for 数据安全 (backup, restore, integrity check) and 从备份恢复 on a fresh install,
 * found by the region headings, button names and visible labels a person uses.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
export const SHOTS_DIR = path.join(root, 'test-results', 'dataSafety');

export async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

export async function openDataSafety(page: Page): Promise<void> {
  await frameNav(page).getByRole('button', { name: '数据安全' }).click();
  await page.getByRole('heading', { name: '数据安全', level: 1 }).waitFor();
}

/** 备份到…: the stand-in saves into its export folder; returns the path the page names. */
export async function backUp(page: Page): Promise<string> {
  const region = page.getByRole('region', { name: '备份' });
  await region.getByRole('button', { name: '备份到…' }).click();
  const done = region.getByRole('status').filter({ hasText: '备份完成' });
  await done.waitFor({ timeout: 120_000 });
  const text = (await done.textContent()) ?? '';
  const m = /已保存到 (.+?\.slbackup)/.exec(text);
  if (!m?.[1]) throw new Error(`no path in: ${text}`);
  return m[1];
}

/** 完整性检查 → 开始检查; returns the result sentence. */
export async function checkIntegrity(page: Page): Promise<string> {
  const region = page.getByRole('region', { name: '完整性检查' });
  await region.getByRole('button', { name: '开始检查' }).click();
  const result = region.locator('.alert').filter({ hasText: '检查完成' });
  await result.waitFor({ timeout: 120_000 });
  return (await result.textContent()) ?? '';
}

export type BackupCredentials = { username: string; password: string } | { code: string };

/**
 * From 选择备份文件… (the stand-in opens the file its launch options name) to the preview: the
 * file is opened with the credentials, and the preview's facts are returned.
 */
export async function openBackupForRestore(page: Page, creds: BackupCredentials): Promise<Record<string, string>> {
  await page.getByRole('button', { name: '选择备份文件…' }).click();
  if ('code' in creds) {
    await page.getByLabel('恢复码', { exact: true }).check();
    await page.getByRole('textbox', { name: '恢复码' }).fill(creds.code);
  } else {
    await page.getByLabel('登录名').fill(creds.username);
    await page.getByLabel('密码', { exact: true }).fill(creds.password);
  }
  await page.getByRole('button', { name: '打开', exact: true }).click();
  await page.getByRole('heading', { name: '备份内容' }).waitFor({ timeout: 60_000 });
  const facts: Record<string, string> = {};
  const terms = await page.locator('.safety-facts dt').allTextContents();
  const values = await page.locator('.safety-facts dd').allTextContents();
  terms.forEach((t, i) => (facts[t] = values[i] ?? ''));
  return facts;
}

/** Confirms and restores; waits for 恢复完成 (or returns the refusal shown). */
export async function confirmRestore(page: Page, timeout = 180_000): Promise<string> {
  await page.getByLabel('我已核对备份的单位和备份时间，确认恢复').check();
  await page.getByRole('button', { name: '开始恢复' }).click();
  const outcome = page.getByRole('status').filter({ hasText: '恢复完成' }).or(page.getByRole('alert'));
  await outcome.first().waitFor({ timeout });
  return (await outcome.first().textContent()) ?? '';
}

/** The record count a row of the preview's table shows (by its Chinese kind). */
export async function previewCount(page: Page, kind: string): Promise<number> {
  const row = page.locator('.safety-counts tr').filter({ has: page.getByRole('cell', { name: kind, exact: true }) });
  return Number(((await row.locator('td').nth(1).textContent()) ?? '').replace(/,/g, ''));
}
