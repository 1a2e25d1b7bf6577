import type { Page } from 'playwright-core';
import { frameNav } from './ledgerApp';

/**
 * Page objects for the three administrators' screens (系统管理 and 审计), found the way a person
 * finds them: by region headings, row text, visible labels.
 */
export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
}

/** The visible module names in the left navigation, in order. */
export async function navLabels(page: Page): Promise<string[]> {
  await frameNav(page).waitFor({ timeout: 30_000 });
  return (await frameNav(page).getByRole('button').allTextContents()).map((s) => s.trim());
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '登录' }).waitFor();
}

/** 系统管理员: 新建账户, confirming with their own password. */
export async function createAccount(page: Page, a: NewAccount, adminPassword: string): Promise<void> {
  const form = page.getByRole('region', { name: '新建账户' });
  await form.getByLabel('登录名').fill(a.username);
  await form.getByLabel('姓名').fill(a.displayName);
  await form.getByLabel('初始密码', { exact: true }).fill(a.password);
  await form.getByLabel('确认初始密码').fill(a.password);
  await form.getByLabel('本人密码（确认身份）').fill(adminPassword);
  await form.getByRole('button', { name: '创建账户' }).click();
  await page.getByRole('status').filter({ hasText: `已创建账户${a.displayName}（${a.username}）` }).waitFor({ timeout: 30_000 });
  // The notice comes before the list is read again: wait for the new row.
  await accountRow(page, a.username).waitFor();
}

export function accountRow(page: Page, username: string) {
  return page.getByRole('row').filter({ has: page.getByRole('cell', { name: username, exact: true }) });
}

/** 安全保密管理员: 分配角色 — ticks exactly these business roles and picks the level. */
export async function assignRoles(page: Page, username: string, roles: string[], level: '秘密' | '机密' | '绝密'): Promise<void> {
  await accountRow(page, username).getByRole('button', { name: '分配角色' }).click();
  const panel = page.getByRole('region', { name: new RegExp(`^分配角色：.*（${username}）$`) });
  for (const role of ['承办人', '定密责任人', '保密员', '审批人（单位负责人）']) {
    await panel.getByLabel(role, { exact: true }).setChecked(roles.includes(role));
  }
  await panel.getByLabel('涉密等级').selectOption({ label: level });
  await panel.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '的角色和涉密等级' }).waitFor();
  // The notice comes before the list is read again: wait until the row shows the new roles and level.
  const first = roles[0]?.replace(/（.*$/, '');
  await accountRow(page, username).filter({ hasText: first ?? level }).filter({ hasText: level }).waitFor();
}

/** The forced 请修改密码 screen (or 修改密码 in the frame). */
export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel('当前密码').fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码').fill(next);
  await page.getByRole('button', { name: '修改密码', exact: true }).last().click();
}

/** 安全审计员: 验证审计日志; returns the text of the finding once shown. */
export async function verifyAuditTrail(page: Page): Promise<string> {
  const finding = page.getByText(/审计日志完整：|审计日志完整性校验未通过/).first();
  const before = (await finding.count()) > 0 ? await finding.textContent() : null;
  await page.getByRole('button', { name: '验证审计日志' }).click();
  // Every check is itself recorded, so a new finding never reads exactly like the one before.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = (await finding.count()) > 0 ? await finding.textContent() : null;
    if (now !== null && now !== before) return now;
    if (Date.now() > deadline) throw new Error(`no new audit verification finding (last: ${String(now)})`);
    await page.waitForTimeout(100);
  }
}

/** 安全审计员: 导出审计日志; returns the path the shell saved it to. */
export async function exportAuditTrail(page: Page): Promise<string> {
  await page.getByRole('button', { name: '导出审计日志' }).click();
  const done = page.getByRole('status').filter({ hasText: '已导出' });
  await done.waitFor({ timeout: 30_000 });
  const text = (await done.textContent()) ?? '';
  return text.slice(text.indexOf('：') + 1).trim();
}

/** At sign-in: 使用恢复码 for the 系统管理员's lost password. */
export async function recoverWithCode(page: Page, code: string, newPassword: string): Promise<void> {
  await page.getByRole('button', { name: '系统管理员忘记密码？使用恢复码' }).click();
  await page.getByLabel('恢复码').fill(code);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '恢复并登录' }).click();
}
