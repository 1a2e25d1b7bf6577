import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { signOut } from './pages/admin';
import { launchTestApp, type TestApp } from './pages/app';
import { addCatalogueEntry, DET_CLERK, DETERMINER, fillDraft, HANDLER, history, openDeterminations, setUpDeterminationAccounts } from './pages/determinations';
import { alertText, completeSetup } from './pages/ledgerApp';
import { allFiles, findInFiles } from './pages/profileFiles';
import { rowTextMisalignment } from './pages/rowLayout';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

const TITLE = '关于2027年度专项保密检查的工作方案（征求意见稿）';
const shotsDir = fileURLToPath(new URL('../../test-results/determinations', import.meta.url));

describe('定密 (real app in Chromium)', () => {
  it('takes a determination from the catalogue through the handler’s draft to the determiner’s correction, then a change; nothing readable on disk', async () => {
    app = await launchTestApp();
    const { page } = app;
    await completeSetup(page);
    await setUpDeterminationAccounts(page);

    await openDeterminations(page, DET_CLERK, '事项一览表');
    await addCatalogueEntry(page, { code: '2.1', title: '年度保密检查工作方案', level: '秘密', years: 10, scopeHint: '办公室主任' });
    await signOut(page);

    await openDeterminations(page, HANDLER, '拟定定密');
    const marking = await fillDraft(page, { title: TITLE, entry: '2.1 年度保密检查工作方案（秘密，10年）', posts: '办公室主任、保密办主任', years: 12, processDraft: true });
    expect(marking).toBe('秘密★12年');
    await page.getByRole('button', { name: '提交定密责任人审批' }).click();
    expect(await alertText(page, '法定最长期限')).toBe('保密期限超过该密级的法定最长期限（10 年）。请缩短期限，或在“其他规定依据”中写明允许超过的规定。');
    await page.getByLabel('年数').fill('5');
    await page.getByRole('button', { name: '提交定密责任人审批' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await signOut(page);

    await openDeterminations(page, DETERMINER, '待办');
    await page.getByRole('button', { name: `审批：${TITLE}` }).click();
    await page.getByRole('button', { name: '修改', exact: true }).click();
    await page.getByLabel('年数').fill('3');
    await page.getByRole('textbox', { name: '意见' }).fill('方案执行后即失去保密价值，期限改为3年。');
    await page.getByRole('button', { name: '修改后同意' }).click();
    await page.getByText('保密期内').first().waitFor();
    expect(await history(page)).toEqual([
      '1 | 李承办 | 拟定定密：秘密★5年',
      '2 | 张定密 | 修改后同意定密：秘密★3年保密期限：5年 → 3年（缩短） | 方案执行后即失去保密价值，期限改为3年。',
    ]);
    await signOut(page);

    await openDeterminations(page, HANDLER, '定密事项');
    // 查看 reads on its row's line, level with the title and the marking.
    expect(await rowTextMisalignment(page.getByRole('button', { name: `查看：${TITLE}` }))).toBeLessThanOrEqual(1);
    await page.getByRole('button', { name: `查看：${TITLE}` }).click();
    await page.getByRole('button', { name: '拟定变更' }).click();
    // An empty reason is asked for by the field's label.
    await page.getByRole('button', { name: '提交定密责任人审批' }).click();
    expect(await alertText(page, '变更理由')).toBe('请填写变更理由。');
    mkdirSync(shotsDir, { recursive: true });
    await page.getByRole('alert').filter({ hasText: '变更理由' }).screenshot({ path: path.join(shotsDir, 'change-reason-required.png') });
    await page.getByLabel('年数').fill('2');
    await page.getByRole('textbox', { name: '变更理由' }).fill('检查提前完成。');
    await page.getByRole('button', { name: '提交定密责任人审批' }).click();
    await page.getByText('待审批的变更拟定稿').waitFor();
    await signOut(page);

    await openDeterminations(page, DETERMINER, '待办');
    await page.getByRole('button', { name: `审批：${TITLE}` }).click();
    await page.getByRole('button', { name: '同意', exact: true }).click();
    await page.getByRole('cell', { name: '同意变更 秘密★2年' }).waitFor();
    expect((await history(page)).slice(2)).toEqual(['3 | 李承办 | 拟定变更：秘密★2年保密期限：3年 → 2年（缩短） | 检查提前完成。', '4 | 张定密 | 同意变更 秘密★2年']);

    await app.close(); // Chromium flushes its files on close
    const files = await allFiles(app.profileDir);
    const hits = await findInFiles(files, [TITLE, '年度保密检查工作方案', '方案执行后即失去保密价值', '保密办主任']);
    expect(Object.fromEntries(hits)).toEqual({});
    expect(files.some((f) => f.includes(`${path.sep}IndexedDB${path.sep}`))).toBe(true);
  });
});
