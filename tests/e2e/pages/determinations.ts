import type { Page } from 'playwright-core';
import { assignRoles, changePassword, createAccount, signOut } from './admin';
import { ADMIN, SECADMIN, signIn } from './ledgerApp';

/**
 * Page objects for 定密, found the way the secrecy office finds things: by tab names, field labels
 * and the item's title on buttons.
 */
export interface Person {
  username: string;
  displayName: string;
  password: string;
  newPassword: string;
}
export const DET_CLERK: Person = { username: 'baomiyuan', displayName: '孙保密', password: 'Chushi2026a', newPassword: 'Baomi2026xyz' };
export const HANDLER: Person = { username: 'chengban', displayName: '李承办', password: 'Chushi2026b', newPassword: 'Chengban2026x' };
export const DETERMINER: Person = { username: 'dingmi', displayName: '张定密', password: 'Chushi2026c', newPassword: 'Dingmi2026xy' };

/**
 * From a fresh set-up (signed in as 系统管理员): the clerk, the handler and the determiner are
 * created, given their roles by the 安全保密管理员, and each replaces the initial password. Ends signed out.
 */
export async function setUpDeterminationAccounts(page: Page): Promise<void> {
  for (const p of [DET_CLERK, HANDLER, DETERMINER]) await createAccount(page, p, ADMIN.password);
  await signOut(page);
  await signIn(page, SECADMIN.username, SECADMIN.password);
  await assignRoles(page, DET_CLERK.username, ['保密员'], '机密');
  await assignRoles(page, HANDLER.username, ['承办人'], '机密');
  await assignRoles(page, DETERMINER.username, ['定密责任人'], '机密');
  await signOut(page);
  for (const p of [DET_CLERK, HANDLER, DETERMINER]) {
    await signIn(page, p.username, p.password);
    await page.getByRole('heading', { name: '请修改密码' }).waitFor({ timeout: 30_000 });
    await changePassword(page, p.password, p.newPassword);
    await page.getByRole('navigation', { name: '功能导航' }).waitFor({ timeout: 30_000 });
    await signOut(page);
  }
}

/** Signs in and opens 定密 on the given tab. */
export async function openDeterminations(page: Page, who: Person, tab: '待办' | '定密事项' | '拟定定密' | '审核提醒' | '事项一览表'): Promise<void> {
  await signIn(page, who.username, who.newPassword);
  await page.getByRole('navigation', { name: '功能导航' }).getByRole('button', { name: '定密' }).click({ timeout: 30_000 });
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
}

export interface CatalogueEntry {
  code: string;
  title: string;
  level: '绝密' | '机密' | '秘密';
  years: number;
  scopeHint: string;
}

/** 保密员: 事项一览表 → 新增条目. */
export async function addCatalogueEntry(page: Page, e: CatalogueEntry): Promise<void> {
  await page.getByRole('button', { name: '新增条目' }).click();
  const form = page.getByRole('form', { name: '新增事项一览表条目' });
  await form.getByLabel('条目编号').fill(e.code);
  await form.getByLabel('事项名称').fill(e.title);
  await form.getByLabel('密级').selectOption({ label: e.level });
  await form.getByLabel('年数').fill(String(e.years));
  await form.getByLabel('知悉范围提示').fill(e.scopeHint);
  await form.getByRole('button', { name: '保存条目' }).click();
  await page.getByRole('cell', { name: e.title, exact: true }).waitFor();
}

export interface DraftEntry {
  title: string;
  entry: string;
  posts: string;
  years: number;
  processDraft?: boolean;
}

/** 承办人: 拟定定密 — fills the form; returns the 密级标志 shown as it was typed. Does not submit. */
export async function fillDraft(page: Page, d: DraftEntry): Promise<string> {
  const form = page.getByRole('form', { name: '拟定定密' });
  await form.getByLabel('事项或文件名称').fill(d.title);
  if (d.processDraft) await form.getByLabel('过程稿（正式文件尚未形成）').check();
  await form.getByLabel('事项一览表条目').selectOption({ label: d.entry });
  await form.getByLabel('知悉岗位').fill(d.posts);
  await form.getByLabel('年数').fill(String(d.years));
  return ((await form.getByRole('status').filter({ hasText: '密级标志' }).textContent()) ?? '').replace('密级标志：', '').trim();
}

/** The records of the open determination: one line per record (序号, 办理人, 记录, 意见或理由). */
export async function history(page: Page): Promise<string[]> {
  const rows = page.getByRole('region', { name: '办理记录' }).getByRole('row');
  const out: string[] = [];
  for (const row of (await rows.all()).slice(1)) {
    const cells = (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
    out.push([cells[0], cells[2], cells[3], cells[4]].filter(Boolean).join(' | '));
  }
  return out;
}
