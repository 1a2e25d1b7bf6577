import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { launchTestApp, relaunchTestApp, type TestApp } from './pages/app';
import { addPerson, CLERK, registerPaper, signInAsNewClerk } from './pages/carriers';
import { completeSetup, signIn } from './pages/ledgerApp';
import { applySavedFilter, columnHeader, filterBy, openLedgerTable, saveFilter, shownCount, shownTitles, sortBy } from './pages/ledgerViews';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

const SHOTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'test-results', 'ledgerViews');

/** The screen as it was, to look at (test-results/ledgerViews). */
async function shot(a: TestApp, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await a.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('the ledger table’s views (real app in Chromium)', () => {
  it('sorts by a column, filters by department, saves the view, and applies it after the app is restarted', async () => {
    app = await launchTestApp();
    const { page } = app;
    await completeSetup(page);
    await signInAsNewClerk(page);

    await addPerson(page, { name: '赵保密', department: '办公室', post: '保密员', clearance: '核心涉密人员', username: 'baomi' });
    await addPerson(page, { name: '李四', department: '信息科', post: '工程师', clearance: '重要涉密人员' });
    await addPerson(page, { name: '王五', department: '信息科', post: '科员', clearance: '重要涉密人员' });
    const paper = { docNumber: '', pages: 2, scopePeople: [] as string[], from: '市保密局', copyNumber: '000001' };
    // Code-point order 中 < 会 < 保 < 安; pinyin order (zhong, hui, bao, an) the reverse.
    await registerPaper(page, { ...paper, title: '中心工作方案', scopePeople: ['李四（信息科）'], custodian: '赵保密（办公室）', place: '保密柜1号' });
    await registerPaper(page, { ...paper, title: '会议纪要', scopePeople: ['李四（信息科）'], custodian: '李四（信息科）', place: '保密柜2号' });
    await registerPaper(page, { ...paper, title: '保密工作要点', scopePeople: ['王五（信息科）'], custodian: '王五（信息科）', place: '保密柜1号' });
    await registerPaper(page, { ...paper, title: '安全检查通知', scopePeople: ['李四（信息科）'], custodian: '赵保密（办公室）', place: '保密柜3号' });

    await openLedgerTable(page);
    expect(await shownTitles(page)).toEqual(['安全检查通知', '保密工作要点', '会议纪要', '中心工作方案']);
    // The table fits: at 1,280 px its places and markings are whole; at 1,024 px the table scrolls
    // inside its own box and the page is never wider than the window.
    const cut = () => page.locator('.ledger-grid [role="cell"].col-place, .ledger-grid [role="cell"].col-marking').evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
    expect(await cut()).toEqual([]);
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    expect(await page.locator('.ledger-grid').evaluate((g) => g.scrollWidth > g.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await sortBy(page, '标题')).toBe('ascending');
    expect(await shownTitles(page)).toEqual(['安全检查通知', '保密工作要点', '会议纪要', '中心工作方案']);
    expect(await sortBy(page, '标题')).toBe('descending');
    expect(await shownTitles(page)).toEqual(['中心工作方案', '会议纪要', '保密工作要点', '安全检查通知']);

    await filterBy(page, '保管人部门', '信息科');
    await page.getByRole('status').filter({ hasText: '显示 2 件，共 4 件' }).waitFor();
    expect(await shownTitles(page)).toEqual(['会议纪要', '保密工作要点']);
    await saveFilter(page, '信息科 标题倒序');
    await page.getByRole('list', { name: '本账户保存的筛选' }).getByText('信息科；按“标题”降序排列').waitFor();
    await shot(app, 'ledger-views-saved');

    // A second save under the same name is refused, in Chinese, and nothing is added.
    await page.getByLabel('筛选名称', { exact: true }).fill('信息科 标题倒序');
    await page.getByRole('button', { name: '保存当前筛选' }).click();
    await page.getByRole('alert').filter({ hasText: '已有名为“信息科 标题倒序”的筛选。请换一个名称，或先删除原有的筛选。' }).waitFor();
    expect(await page.getByRole('list', { name: '本账户保存的筛选' }).getByRole('listitem').count()).toBe(1);

    app = await relaunchTestApp(app);
    await signIn(app.page, CLERK.username, CLERK.newPassword);
    await openLedgerTable(app.page);
    expect(await shownCount(app.page)).toContain('显示 4 件，共 4 件');
    expect(await columnHeader(app.page, '标题').getAttribute('aria-sort')).toBe('none');
    await applySavedFilter(app.page, '信息科 标题倒序');
    await app.page.getByRole('status').filter({ hasText: '显示 2 件，共 4 件' }).waitFor();
    expect(await shownTitles(app.page)).toEqual(['会议纪要', '保密工作要点']);
    expect(await columnHeader(app.page, '标题').getAttribute('aria-sort')).toBe('descending');
    expect(await app.page.getByLabel('保管人部门', { exact: true }).inputValue()).toBe('信息科');
    await shot(app, 'ledger-views-applied');
  });
});
