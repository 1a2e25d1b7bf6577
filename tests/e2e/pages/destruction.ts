import type { Page } from 'playwright-core';
import { assignRoles, changePassword, createAccount, signOut } from './admin';
import { ADMIN, frameNav, SECADMIN, signIn } from './ledgerApp';

/**
 * Page objects for 销毁, found the way the secrecy office finds things: by tab names, field labels,
 * button texts and the registry numbers on the rows.
 */
export interface Account {
  username: string;
  displayName: string;
  password: string;
  newPassword: string;
}
export const DST_CLERK: Account = { username: 'baomi', displayName: '赵保密', password: 'Chushi2026a', newPassword: 'Baomi2026xyz' };
export const APPROVER: Account = { username: 'lingdao', displayName: '周领导', password: 'Chushi2026d', newPassword: 'Lingdao2026x' };

/**
 * From a fresh set-up (signed in as 系统管理员): the clerk (保密员 and 承办人) and the unit's approver
 * (审批人) are created, given their roles by the 安全保密管理员, and each replaces the initial
 * password. Ends signed out.
 */
export async function setUpDestructionAccounts(page: Page): Promise<void> {
  for (const p of [DST_CLERK, APPROVER]) await createAccount(page, p, ADMIN.password);
  await signOut(page);
  await signIn(page, SECADMIN.username, SECADMIN.password);
  await assignRoles(page, DST_CLERK.username, ['保密员', '承办人'], '机密');
  await assignRoles(page, APPROVER.username, ['审批人（单位负责人）'], '机密');
  await signOut(page);
  for (const p of [DST_CLERK, APPROVER]) {
    await signIn(page, p.username, p.password);
    await page.getByRole('heading', { name: '请修改密码' }).waitFor({ timeout: 30_000 });
    await changePassword(page, p.password, p.newPassword);
    await frameNav(page).waitFor({ timeout: 30_000 });
    await signOut(page);
  }
}

export async function signInAs(page: Page, a: Account): Promise<void> {
  await signIn(page, a.username, a.newPassword);
  await frameNav(page).waitFor({ timeout: 30_000 });
}

export type DestructionTab = '销毁批次' | '申请销毁' | '设备停用/报废' | '销毁机构与消除工具';

/** Opens 销毁 from the navigation, on a tab. */
export async function openDestruction(page: Page, tab: DestructionTab = '销毁批次'): Promise<void> {
  await frameNav(page).getByRole('button', { name: '销毁' }).click();
  await page.getByRole('heading', { name: '销毁', level: 1 }).waitFor();
  await page.getByRole('tab', { name: tab }).click();
}

/** The clerk adds a designated destruction body or an approved erasure tool. */
export async function addToList(page: Page, list: '指定销毁机构' | '经批准的信息消除工具', name: string): Promise<void> {
  const form = page.getByRole('form', { name: `添加到${list}` });
  await form.getByRole('textbox').fill(name);
  await form.getByRole('button', { name: '添加' }).click();
  await page.getByRole('status').filter({ hasText: `已添加“${name}”。` }).waitFor();
}

/** 申请销毁: ticks the carriers by registry number, gives the reason, submits. */
export async function requestDestruction(page: Page, registryNumbers: string[], reason: string): Promise<void> {
  const form = page.getByRole('form', { name: '申请销毁' });
  await form.getByRole('table', { name: '选择载体' }).waitFor({ timeout: 30_000 });
  for (const n of registryNumbers) await form.getByRole('table', { name: '选择载体' }).getByRole('checkbox', { name: n, exact: true }).check();
  await form.getByLabel('申请事由').fill(reason);
  await form.getByRole('button', { name: /^提交销毁申请/ }).click();
}

/** The reason shown beside a carrier in the choice table. */
export async function eligibilityOf(page: Page, registryNumber: string): Promise<string> {
  const row = page.getByRole('table', { name: '选择载体' }).getByRole('row').filter({ has: page.getByRole('checkbox', { name: registryNumber, exact: true }) });
  return ((await row.locator('td').last().textContent()) ?? '').trim();
}

export function batchHeading(page: Page) {
  return page.getByRole('heading', { name: /^销毁批次 [0-9A-F]{8}$/ });
}

/** The facts of the open batch, as `label → value`. */
export async function batchFacts(page: Page): Promise<Record<string, string>> {
  const items = await page.locator('.dst-facts > div').all();
  const out: Record<string, string> = {};
  for (const item of items) out[(await item.locator('dt').textContent()) ?? ''] = (await item.locator('dd').textContent()) ?? '';
  return out;
}

/** Opens a batch from the list by its row (the only one with that status, or the first). */
export async function openBatch(page: Page, status?: string): Promise<void> {
  const rows = page.getByRole('table', { name: '销毁批次' }).getByRole('row');
  const row = status ? rows.filter({ hasText: status }).first() : rows.nth(1);
  await row.getByRole('button').first().click();
  await batchHeading(page).waitFor();
}

/** 清点登记: ticks every carrier of the batch and submits, then 提交审批. */
export async function countAndSubmit(page: Page): Promise<void> {
  const count = page.getByRole('form', { name: '清点登记' });
  for (const box of await count.getByRole('checkbox').all()) await box.check();
  await count.getByRole('button', { name: /^清点完成/ }).click();
  await page.getByRole('button', { name: '提交审批' }).click();
  await page.getByText('待审批', { exact: true }).first().waitFor();
}

export interface HandoverEntry {
  body: string;
  escorts: string[];
  certificateNumber: string;
  attachScan: boolean;
}

/** 登记移交销毁 with the given escorts (names as listed: 姓名（部门）). */
export async function recordHandover(page: Page, h: HandoverEntry): Promise<void> {
  const form = page.getByRole('form', { name: '登记移交销毁' });
  await form.getByLabel('销毁机构').selectOption({ label: h.body });
  for (const box of await form.getByRole('group', { name: /^监销人/ }).getByRole('checkbox').all()) await box.uncheck();
  for (const name of h.escorts) await form.getByRole('checkbox', { name, exact: true }).check();
  await form.getByLabel('销毁证明编号').fill(h.certificateNumber);
  if (h.attachScan) {
    await form.getByRole('button', { name: '选择扫描件…' }).click();
    await form.getByText(/^已选择：/).waitFor();
  }
  await form.getByRole('button', { name: /^登记移交并销毁/ }).click();
}

export interface DeviceEntry {
  kind: '涉密计算机' | '硬盘';
  title: string;
  /** Asset number (computer) or serial number (disk). */
  number: string;
  diskSerials?: string;
  scopePeople: string[];
  custodian: string;
  place: string;
}

/** 登记载体 for a device produced here (机密★20年 by default); returns its registry number. */
export async function registerDevice(page: Page, e: DeviceEntry): Promise<string> {
  await page.getByRole('tab', { name: '登记载体' }).click({ timeout: 30_000 });
  await page.getByLabel('载体种类').selectOption({ label: e.kind });
  await page.getByLabel('标题').fill(e.title);
  if (e.kind === '涉密计算机') {
    await page.getByLabel('资产编号').fill(e.number);
    await page.getByLabel('内置硬盘序列号').fill(e.diskSerials ?? '');
  } else {
    await page.getByLabel('序列号').fill(e.number);
  }
  await page.getByLabel('型号').fill('某型');
  for (const name of e.scopePeople) await page.getByRole('group', { name: '知悉人员' }).getByLabel(name).check();
  await page.getByLabel('来源').selectOption({ label: '本单位制作' });
  await page.getByLabel('制作部门').fill('信息科');
  await page.getByLabel('保管人').selectOption({ label: e.custodian });
  await page.getByLabel('存放位置').fill(e.place);
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const done = page.getByRole('status').filter({ hasText: '已登记，登记编号' });
  await done.waitFor({ timeout: 30_000 });
  const m = /登记编号 (\S+?)。/.exec((await done.textContent()) ?? '');
  if (!m?.[1]) throw new Error('no registry number in the confirmation');
  return m[1];
}

/** Opens a device's panel under 设备停用/报废. */
export async function openDevice(page: Page, registryNumber: string): Promise<void> {
  await page.getByRole('button', { name: `办理 ${registryNumber}` }).click();
  await page.getByRole('heading', { name: new RegExp(`^设备 ${registryNumber}`) }).waitFor();
}
