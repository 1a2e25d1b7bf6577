import type { Page } from 'playwright-core';

/**
 * Page objects for the ledger's 看板, 送修 / 修复返回 and 更正, found the way the secrecy office
 * finds them: by tab and button names, field labels and the registry number.
 */
export type Board = '借出中' | '逾期未还' | '携带外出' | '维修中' | '待审批';

/** Opens 看板 on the ledger (the ledger module must be open). */
export async function openDashboard(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '看板' }).click({ timeout: 30_000 });
  await page.getByRole('heading', { name: '看板', level: 2 }).waitFor();
}

/** The count on a board's card. */
export async function boardCount(page: Page, board: Board): Promise<number> {
  const card = page.getByRole('button', { name: new RegExp(`^${board}：\\d+ 件$`) });
  const label = (await card.getAttribute('aria-label')) ?? '';
  return Number(/：(\d+) 件$/.exec(label)?.[1] ?? NaN);
}

/** All five counts at once. */
export async function boardCounts(page: Page): Promise<Record<Board, number>> {
  const out = {} as Record<Board, number>;
  for (const b of ['借出中', '逾期未还', '携带外出', '维修中', '待审批'] as const) out[b] = await boardCount(page, b);
  return out;
}

/** Opens a board's list; returns its rows' text, one string per carrier. */
export async function boardRows(page: Page, board: Board): Promise<string[]> {
  await page.getByRole('button', { name: new RegExp(`^${board}：\\d+ 件$`) }).click();
  await page.getByRole('heading', { name: new RegExp(`^${board}（\\d+ 件）$`) }).waitFor();
  return page.locator('.dash-table tbody tr').allTextContents();
}

function actions(page: Page) {
  return page.getByRole('group', { name: '办理' });
}

/** 申请审批 → 送外维修 to a named repairer, with the reason. */
export async function requestOutsideRepair(page: Page, repairer: string, reason: string): Promise<void> {
  await actions(page).getByRole('button', { name: '申请审批' }).click();
  const form = page.getByRole('form', { name: '申请审批' });
  await form.getByLabel('审批事项').selectOption({ label: '送外维修' });
  await form.getByLabel('维修单位').fill(repairer);
  await form.getByLabel('事由').fill(reason);
  await form.getByRole('button', { name: '提交申请' }).click();
  await page.getByText(`送 ${repairer} 维修 · 待审批`).first().waitFor();
}

export interface OutsideRepair {
  slipNumber: string;
  /** Escorts by the name shown in the list (姓名（部门）); the signed-in person is ticked already. */
  escorts: string[];
  storageRemoved: boolean;
}

/** 送修 → 送外维修 under the approved request (chosen and its repairer filled in by the form). */
export async function sendOutside(page: Page, r: OutsideRepair): Promise<void> {
  const form = page.getByRole('form', { name: '送修' });
  if (!(await form.isVisible())) await actions(page).getByRole('button', { name: '送修' }).click();
  await form.getByLabel('维修方式').selectOption({ label: '送外维修（须经审批）' });
  await form.getByLabel('维修单位签收单号').fill(r.slipNumber);
  const escorts = form.getByRole('group', { name: '陪同人员' });
  for (const box of await escorts.getByRole('checkbox').all()) await box.uncheck();
  for (const name of r.escorts) await escorts.getByLabel(name).check();
  await form.getByLabel('已拆除存储部件（硬盘等），由本单位留存保管').setChecked(r.storageRemoved);
  await form.getByRole('button', { name: '确认办理' }).click();
}

export interface ReturnChecks {
  identityVerified: boolean;
  noStorageRetained: boolean;
  storageRefitted: boolean;
  note?: string;
}

/** 修复返回, received by the signed-in clerk in person, with the checks on return. */
export async function returnFromRepair(page: Page, checks: ReturnChecks): Promise<void> {
  const form = page.getByRole('form', { name: '修复返回' });
  // Still open after a refusal: fill it again rather than closing it.
  if (!(await form.isVisible())) await actions(page).getByRole('button', { name: '修复返回' }).click();
  await form.getByLabel('接收确认方式').selectOption({ label: '接收人本人当场确认（接收人即当前登录人）' });
  await form.getByLabel('型号、序列号（资产编号）与送修时一致').setChecked(checks.identityVerified);
  await form.getByLabel('维修单位未留存、未加装任何存储部件').setChecked(checks.noStorageRetained);
  await form.getByLabel('送修前拆下的存储部件已装回（未装回的仍由本单位单独保管）').setChecked(checks.storageRefitted);
  if (checks.note) await form.getByLabel(/^查验情况说明/).fill(checks.note);
  await form.getByRole('button', { name: '确认办理' }).click();
}

/** 更正登记内容: one item, the right value and the reason. */
export async function correct(page: Page, item: string, value: string, reason: string): Promise<void> {
  await page.getByRole('button', { name: '更正登记内容', exact: true }).click();
  const form = page.getByRole('form', { name: '更正登记内容' });
  await form.getByLabel('更正项目').selectOption({ label: item });
  await form.getByLabel('更正为').fill(value);
  await form.getByLabel('更正事由').fill(reason);
  await form.getByRole('button', { name: '确认更正' }).click();
}
