import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { launchTestApp, type TestApp } from './pages/app';
import { addPerson, openTab, signInAsNewClerk } from './pages/carriers';
import { importLedgerFile } from './pages/ledgerImport';
import { completeSetup } from './pages/ledgerApp';

let app: TestApp | null = null;
let dir: string | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

/** `登记号,标题,密级,保密期限,页数,责任人` + `2024-秘-0007,年度保密工作要点,秘密,5年,6,张三`, as Chinese Excel saves CSV: GBK. */
const GBK_CSV = Buffer.from(
  'b5c7bcc7bac52cb1eacce22cc3dcbcb62cb1a3c3dcc6dacfde2cd2b3cafd2cd4f0c8cec8cb0d0a323032342dc3d82d303030372cc4eab6c8b1a3c3dcb9a4d7f7d2aab5e32cc3d8c3dc2c35c4ea2c362cd5c5c8fd0d0a',
  'hex',
);

describe('importing an existing ledger (real app in Chromium)', () => {
  it('imports a GBK CSV and an .xlsx through the screen, shows the rows in the ledger, and creates no duplicates the second time', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'imp-e2e-'));
    const csv = path.join(dir, '旧台账.csv');
    const xlsx = path.join(dir, '旧台账.xlsx');
    await writeFile(csv, GBK_CSV);
    await writeXlsxFile(
      [
        ['某局涉密载体台账'],
        ['编号', '文件名称', '文号', '密级', '份号', '页数', '保管人', '存放位置', '知悉范围'],
        ['2023-机-0101', '关于保密检查的通报', '某保发〔2023〕9号', '机密★10年', 1, 12, '赵保密', '保密柜2号', '办公室'],
        ['', '内部会议记录', '', '内部', '', 4, '', '', ''],
        ['', '无名氏文件', '', '绝密', '', 2, '刘六', '', ''],
      ],
      { sheet: '台账' },
    ).toFile(xlsx);
    let next = csv;
    app = await launchTestApp({ openFile: async (purpose) => (purpose === 'ledgerImport' ? next : null) });
    const { page } = app;
    await completeSetup(page);
    await signInAsNewClerk(page);
    await addPerson(page, { name: '赵保密', department: '办公室', post: '保密员', clearance: '核心涉密人员', username: 'baomi' });
    await addPerson(page, { name: '张三', department: '办公室', post: '科员', clearance: '重要涉密人员' });

    const first = await importLedgerFile(page, { custodian: '赵保密（办公室）', place: '保密柜1号', scope: '按原台账' });
    expect(first.preview).toContain('可导入 1 行');
    expect(first.result).toContain('已导入 1 条');

    next = xlsx;
    await page.getByRole('button', { name: '导入另一个文件' }).click();
    const region = page.getByRole('region', { name: '导入已有台账' });
    await region.getByLabel('默认保管人').selectOption({ label: '赵保密（办公室）' });
    await region.getByLabel('默认存放位置').fill('保密柜1号');
    await expect.poll(() => region.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^第 5 行“保管人”：人员名录中没有“刘六”/)]);
    await region.getByRole('button', { name: '导入 2 行' }).click();
    await region.getByRole('status').filter({ hasText: '已导入 2 条' }).waitFor({ timeout: 60_000 });

    await openTab(page, '载体台账');
    const table = page.getByRole('table', { name: '载体台账' });
    for (const text of ['2024-秘-0007', '年度保密工作要点', '2023-机-0101', '关于保密检查的通报', '内部会议记录']) await table.getByText(text, { exact: true }).first().waitFor({ timeout: 30_000 });

    next = csv;
    const again = await importLedgerFile(page, { custodian: '赵保密（办公室）', place: '保密柜1号', scope: '按原台账' });
    expect(again.result).toContain('已导入 0 条');
    expect(again.result).toContain('跳过已在台账中的 1 条');
  }, 240_000);
});
