import type { Page } from 'playwright-core';
import { frameNav } from './ledgerApp';

/**
 * Page objects for the ledger table's views (issue 3 §4): column sorting, the filters, and saved
 * filters (已存筛选) — found by column names, field labels and button names, as a clerk sees them.
 */
export function ledgerTable(page: Page) {
  return page.getByRole('table', { name: '载体台账' });
}

/** The module from the frame's navigation, on its 载体台账 tab, once every carrier is read. */
export async function openLedgerTable(page: Page): Promise<void> {
  await frameNav(page).getByRole('button', { name: '载体台账' }).click({ timeout: 30_000 });
  await page.getByRole('tab', { name: '载体台账' }).click({ timeout: 30_000 });
  await page.getByRole('status').filter({ hasText: /显示 \d+ 件，共 \d+ 件/ }).waitFor({ timeout: 30_000 });
}

export function columnHeader(page: Page, name: string) {
  return ledgerTable(page).getByRole('columnheader', { name, exact: true });
}

/** Clicks a column's header (ascending first, then descending) and returns its aria-sort. */
export async function sortBy(page: Page, column: string): Promise<string | null> {
  await columnHeader(page, column).getByRole('button').click();
  return columnHeader(page, column).getAttribute('aria-sort');
}

/** The titles of the rows on screen, top to bottom. */
export async function shownTitles(page: Page): Promise<string[]> {
  return ledgerTable(page).locator('.vlist-row .col-title').allTextContents();
}

export async function shownCount(page: Page): Promise<string> {
  return (await page.getByRole('status').filter({ hasText: /^显示 / }).textContent()) ?? '';
}

export async function filterBy(page: Page, label: '保管人部门' | '存放位置' | '密级' | '状态' | '载体种类', option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option });
}

export async function saveFilter(page: Page, name: string): Promise<void> {
  await page.getByLabel('筛选名称', { exact: true }).fill(name);
  await page.getByRole('button', { name: '保存当前筛选' }).click();
  await page.getByRole('status').filter({ hasText: `已保存筛选“${name}”。` }).waitFor();
}

export async function applySavedFilter(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `应用筛选“${name}”` }).click({ timeout: 30_000 });
}
