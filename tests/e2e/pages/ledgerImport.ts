import type { Page } from 'playwright-core';

/**
 * 导入台账 as a clerk does it: the tab, 选择文件… (the stand-in opens the file the test names),
 * the defaults, the preview, 导入, the result.
 */
export async function importLedgerFile(page: Page, defaults: { custodian: string; place: string; scope?: string }): Promise<{ preview: string; result: string }> {
  await page.getByRole('tab', { name: '导入台账' }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: /选择文件|导入另一个文件/ }).click();
  const region = page.getByRole('region', { name: '导入已有台账' });
  await region.getByLabel('默认保管人').selectOption({ label: defaults.custodian });
  await region.getByLabel('默认存放位置').fill(defaults.place);
  if (defaults.scope) await region.getByLabel('默认知悉范围').fill(defaults.scope);
  const preview = (await region.getByRole('status').filter({ hasText: '可导入' }).textContent()) ?? '';
  await region.getByRole('button', { name: /^导入 \d+ 行$/ }).click();
  const done = region.getByRole('status').filter({ hasText: '已导入' });
  await done.waitFor({ timeout: 60_000 });
  return { preview, result: (await done.textContent()) ?? '' };
}

/** The errors the preview lists, one sentence per bad row. */
export async function importErrors(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: '有问题的行（不会导入）' }).getByRole('listitem').allTextContents();
}
