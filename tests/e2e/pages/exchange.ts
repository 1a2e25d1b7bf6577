import type { Page } from 'playwright-core';
import { frameNav } from './ledgerApp';

/**
 * Page objects for 数据交换, found the way a secrecy clerk finds things: the module in the frame's
 * navigation, the tabs, the buttons' Chinese names, and the status and alert lines.
 */
export async function openExchange(page: Page, tab: string): Promise<void> {
  await frameNav(page).getByRole('button', { name: '数据交换' }).click();
  await page.getByRole('heading', { name: '数据交换', level: 1 }).waitFor();
  await page.getByRole('tab', { name: tab }).click();
}

/** 签名密钥 → 生成签名密钥 with the chosen algorithm; returns the fingerprint as shown (16 groups). */
export async function createKey(page: Page, algorithm: 'Ed25519（默认）' | 'SM2/SM3（国密）' = 'Ed25519（默认）'): Promise<string> {
  await page.getByRole('tab', { name: '签名密钥' }).click();
  await page.getByLabel('签名算法').selectOption({ label: algorithm });
  await page.getByRole('button', { name: '生成签名密钥' }).click();
  await page.getByRole('status').filter({ hasText: '签名密钥已生成' }).waitFor({ timeout: 30_000 });
  return fingerprintShown(page);
}

export async function fingerprintShown(page: Page): Promise<string> {
  return ((await page.locator('.ex-fingerprint').first().textContent()) ?? '').trim();
}

/** 保存公钥文件（PEM）; returns the path the status line names. */
export async function savePublicKey(page: Page): Promise<string> {
  await page.getByRole('button', { name: '保存公钥文件（PEM）' }).first().click();
  const done = page.getByRole('status').filter({ hasText: '公钥文件已保存：' });
  await done.waitFor({ timeout: 30_000 });
  return ((await done.textContent()) ?? '').replace(/^.*公钥文件已保存：/, '').trim();
}

/** 上报数据包 → 生成并保存数据包; returns the path of the file written. */
export async function writeBundle(page: Page, scope?: '增量（上一数据包以来）' | '全量（全部台账）'): Promise<string> {
  await page.getByRole('tab', { name: '上报数据包' }).click();
  if (scope) await page.getByLabel('数据范围').selectOption({ label: scope });
  await page.getByRole('button', { name: '生成并保存数据包' }).click();
  const done = page.getByRole('status').filter({ hasText: '号数据包已保存：' });
  await done.waitFor({ timeout: 60_000 });
  const m = /号数据包已保存：(.+?\.ledgerbundle)/.exec((await done.textContent()) ?? '');
  if (!m?.[1]) throw new Error('no path in the confirmation');
  return m[1];
}

/** 登记单位: code, name, the PEM file (the stand-in opens the one the test named), fingerprint confirmed. */
export async function registerUnit(page: Page, code: string, name: string): Promise<string> {
  await page.getByRole('tab', { name: '登记单位' }).click();
  await page.getByLabel('单位代码').fill(code);
  await page.getByLabel('单位名称').fill(name);
  await page.getByRole('button', { name: '选择公钥文件（PEM）…' }).click();
  const shown = await page.locator('.ex-confirm .ex-fingerprint').textContent({ timeout: 30_000 });
  await page.getByRole('button', { name: '核对无误，登记该单位' }).click();
  await page.getByRole('status').filter({ hasText: `已登记 ${name}（${code}）。` }).waitFor({ timeout: 30_000 });
  return (shown ?? '').trim();
}

/** 导入数据包 → 选择数据包并导入; waits for the status or alert line that contains `expect`. */
export async function importBundle(page: Page, expect: string): Promise<{ ok: boolean; text: string }> {
  await page.getByRole('tab', { name: '导入数据包' }).click();
  await page.getByRole('button', { name: '选择数据包并导入…' }).click();
  const answer = page.locator('[role="status"].alert-ok, [role="alert"]').filter({ hasText: expect }).first();
  await answer.waitFor({ timeout: 60_000 });
  return { ok: (await answer.getAttribute('role')) === 'status', text: ((await answer.textContent()) ?? '').trim() };
}

/** 政策下发 (bureau): one designated destruction body and one form into the lists it sends. */
export async function addPolicyLists(page: Page, body: { name: string; licence: string }, form: { title: string; text: string }): Promise<void> {
  await page.getByRole('tab', { name: '政策下发' }).click();
  await page.getByLabel('机构名称').fill(body.name);
  await page.getByLabel('资质证书编号').fill(body.licence);
  await page.getByRole('button', { name: '加入名单' }).click();
  await page.getByRole('cell', { name: body.name, exact: true }).waitFor({ timeout: 30_000 });
  await page.getByLabel('表格名称').fill(form.title);
  await page.getByLabel('表格内容').fill(form.text);
  await page.getByRole('button', { name: '加入表格样式' }).click();
  await page.getByRole('button', { name: `移出表格样式：${form.title}` }).waitFor({ timeout: 30_000 });
}

/** 政策下发 → 生成并保存政策下发包 with every part; returns the path of the file written. */
export async function writePolicyBundle(page: Page, issue: string): Promise<string> {
  await page.getByRole('tab', { name: '政策下发' }).click();
  await page.getByLabel('文号').fill(issue);
  await page.getByRole('button', { name: '生成并保存政策下发包' }).click();
  const done = page.getByRole('status').filter({ hasText: '号政策下发包已保存：' });
  await done.waitFor({ timeout: 60_000 });
  const m = /号政策下发包已保存：(.+?\.ledgerbundle)/.exec((await done.textContent()) ?? '');
  if (!m?.[1]) throw new Error('no path in the confirmation');
  return m[1];
}

/** 上级部门与政策 (unit): pins the bureau's key from the PEM file the stand-in opens; returns the fingerprint shown. */
export async function pinBureauKey(page: Page, code: string, name: string): Promise<string> {
  await page.getByRole('tab', { name: '上级部门与政策' }).click();
  await page.getByLabel('上级部门代码').fill(code);
  await page.getByLabel('上级部门名称').fill(name);
  await page.getByRole('button', { name: '选择公钥文件（PEM）…' }).click();
  const shown = await page.locator('.ex-confirm .ex-fingerprint').textContent({ timeout: 30_000 });
  await page.getByRole('button', { name: '核对无误，固定此公钥' }).click();
  await page.getByRole('button', { name: '导入政策下发包…' }).waitFor({ timeout: 30_000 });
  return (shown ?? '').trim();
}

/** 导入政策下发包… ; waits for the status or alert line that contains `expect`. */
export async function importPolicyBundle(page: Page, expect: string): Promise<{ ok: boolean; text: string }> {
  await page.getByRole('button', { name: '导入政策下发包…' }).click();
  const answer = page.locator('[role="status"].alert-ok, [role="alert"]').filter({ hasText: expect }).first();
  await answer.waitFor({ timeout: 60_000 });
  return { ok: (await answer.getAttribute('role')) === 'status', text: ((await answer.textContent()) ?? '').trim() };
}
