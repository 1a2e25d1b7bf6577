import type { Page } from 'playwright-core';
import { assignRoles, changePassword, createAccount, signOut } from './admin';
import { ADMIN, SECADMIN, signIn } from './ledgerApp';

/**
 * Page objects for the carrier ledger (载体台账), found the way a secrecy clerk finds things: by
 * tab names, field labels and the registry number on the row.
 */
export const CLERK = { username: 'baomi', displayName: '赵保密', password: 'Chushi2026a', newPassword: 'Baomi2026xyz' };

/**
 * From a fresh set-up (signed in as 系统管理员) to the clerk's own session: the 系统管理员 creates
 * the account, the 安全保密管理员 gives it 保密员 and 承办人 at 机密, the clerk replaces the
 * initial password. Ends on the ledger, signed in as the clerk.
 */
export async function signInAsNewClerk(page: Page): Promise<void> {
  await createAccount(page, CLERK, ADMIN.password);
  await signOut(page);
  await signIn(page, SECADMIN.username, SECADMIN.password);
  await assignRoles(page, CLERK.username, ['保密员', '承办人'], '机密');
  await signOut(page);
  await signIn(page, CLERK.username, CLERK.password);
  await page.getByRole('heading', { name: '请修改密码' }).waitFor({ timeout: 30_000 });
  await changePassword(page, CLERK.password, CLERK.newPassword);
  await openTab(page, '载体台账');
}

export async function openTab(page: Page, name: '载体台账' | '登记载体' | '人员名录' | '审批'): Promise<void> {
  await page.getByRole('tab', { name }).click({ timeout: 30_000 });
}

export interface PersonEntry {
  name: string;
  department: string;
  post: string;
  clearance: '核心涉密人员' | '重要涉密人员' | '一般涉密人员' | '非涉密人员';
  username?: string;
}

export async function addPerson(page: Page, p: PersonEntry): Promise<void> {
  await openTab(page, '人员名录');
  await page.getByLabel('姓名').fill(p.name);
  await page.getByLabel('部门').fill(p.department);
  await page.getByLabel('岗位').fill(p.post);
  await page.getByLabel('涉密人员类别').selectOption({ label: p.clearance });
  await page.getByLabel('登录名（可选）').fill(p.username ?? '');
  await page.getByRole('button', { name: '新增', exact: true }).click();
  await page.getByRole('status').filter({ hasText: `已保存 ${p.name} 的信息。` }).waitFor();
}

export interface PaperEntry {
  title: string;
  docNumber: string;
  pages: number;
  /** People in the 知悉范围, by the name shown in the list (姓名（部门）). */
  scopePeople: string[];
  from: string;
  copyNumber: string;
  custodian: string;
  place: string;
}

/** 登记载体 (a received paper document, 机密★20年 by default); returns its registry number. */
export async function registerPaper(page: Page, e: PaperEntry): Promise<string> {
  await openTab(page, '登记载体');
  await page.getByLabel('标题').fill(e.title);
  await page.getByLabel('文号').fill(e.docNumber);
  await page.getByLabel('页数').fill(String(e.pages));
  for (const name of e.scopePeople) await page.getByRole('group', { name: '知悉人员' }).getByLabel(name).check();
  await page.getByLabel('来文单位').fill(e.from);
  await page.getByLabel('份号').fill(e.copyNumber);
  await page.getByLabel('保管人').selectOption({ label: e.custodian });
  await page.getByLabel('存放位置').fill(e.place);
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const done = page.getByRole('status').filter({ hasText: '已登记，登记编号' });
  await done.waitFor({ timeout: 30_000 });
  const m = /登记编号 (\S+?)。/.exec((await done.textContent()) ?? '');
  if (!m?.[1]) throw new Error('no registry number in the confirmation');
  return m[1];
}

/** Finds the carrier in the ledger table by its registry number and opens its page. */
export async function openCarrier(page: Page, registryNumber: string): Promise<void> {
  await openTab(page, '载体台账');
  await page.getByLabel('搜索').fill(registryNumber);
  await page.getByRole('button', { name: registryNumber, exact: true }).click();
  await page.getByRole('heading', { name: `载体 ${registryNumber}` }).waitFor();
}

/** 借出 to a borrower, confirmed by the signed paper slip (借阅单) whose number is entered. */
export async function lend(page: Page, borrower: string, slipNumber: string): Promise<void> {
  await page.getByRole('group', { name: '办理' }).getByRole('button', { name: '借出' }).click();
  const form = page.getByRole('form', { name: '借出' });
  await form.getByLabel('借阅人').selectOption({ label: borrower });
  await form.getByLabel('接收确认方式').selectOption({ label: '纸质签收单（双方签字，填写单号）' });
  await form.getByLabel('签收单号').fill(slipNumber);
  await form.getByRole('button', { name: '确认办理' }).click();
}

/** 归还, received by the clerk in their own session. */
export async function takeBack(page: Page): Promise<void> {
  await page.getByRole('group', { name: '办理' }).getByRole('button', { name: '归还' }).click();
  const form = page.getByRole('form', { name: '归还' });
  await form.getByLabel('接收确认方式').selectOption({ label: '接收人本人当场确认（接收人即当前登录人）' });
  await form.getByRole('button', { name: '确认办理' }).click();
}

/** The facts list of the carrier page, as `label → value`. */
export async function carrierFacts(page: Page): Promise<Record<string, string>> {
  const items = await page.locator('.carrier-facts > div').all();
  const out: Record<string, string> = {};
  for (const item of items) out[(await item.locator('dt').textContent()) ?? ''] = (await item.locator('dd').textContent()) ?? '';
  return out;
}

export function timeline(page: Page) {
  return page.getByRole('list').filter({ has: page.locator('.timeline-what') });
}
