import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeBundleRefusal } from '../../shared/bundle/messages';
import { launchTestApp, type TestApp } from './pages/app';
import { addPerson, registerPaper, signInAsNewClerk } from './pages/carriers';
import { addCatalogueEntry } from './pages/determinations';
import { addPolicyLists, createKey, importBundle, importPolicyBundle, openExchange, pinBureauKey, registerUnit, savePublicKey, writeBundle, writePolicyBundle } from './pages/exchange';
import { ADMIN, AUDITOR, completeSetup, frameNav, SECADMIN } from './pages/ledgerApp';
import { allFiles, findInFiles, writePlainControl } from './pages/profileFiles';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.dispose();
});

const SHOTS = path.resolve('test-results/exchange');
async function shot(app: TestApp, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await app.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

const BUREAU = { ...ADMIN, unitName: '某市国家保密局', unitCode: 'SJ-BMJ' };
const TITLE = '关于开展年度保密检查的通知';

describe('数据交换 (real app in Chromium)', () => {
  it('a unit exports a signed bundle; the bureau registers its key and imports it, the same again changes nothing, a changed byte is refused; the CLI verifies the app’s bundle', async () => {
    const unit = await launchTestApp();
    apps.push(unit);
    const { page } = unit;
    await completeSetup(page);
    await signInAsNewClerk(page);
    await addPerson(page, { name: '赵保密', department: '办公室', post: '保密员', clearance: '核心涉密人员', username: 'baomi' });
    await registerPaper(page, { title: TITLE, docNumber: '某保发〔2026〕3号', pages: 8, scopePeople: ['赵保密（办公室）'], from: '市保密局', copyNumber: '000001', custodian: '赵保密（办公室）', place: '保密柜3号' });

    await openExchange(page, '签名密钥');
    const fingerprint = await createKey(page);
    expect(fingerprint.split(' ')).toHaveLength(16);
    const pemPath = await savePublicKey(page);
    expect(pemPath).toMatch(/BM-0001-public-key\.pem$/);
    await shot(unit, '1-unit-keys');
    const bundlePath = await writeBundle(page);
    expect(path.basename(bundlePath)).toBe('unit-BM-0001-0001.ledgerbundle');
    await shot(unit, '2-unit-export');
    // The hand-over receipt goes with the disc: it opens in the print preview.
    await page.getByRole('button', { name: '打印交接回执' }).click();
    const preview = page.getByRole('dialog', { name: '打印预览' });
    await preview.getByText('共 1 页（A4）').waitFor({ timeout: 30_000 });
    await shot(unit, '2b-unit-receipt');
    await preview.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('tab', { name: '签名密钥' }).click();
    await page.getByRole('button', { name: '打印公钥登记表' }).click();
    await preview.getByText(/共 \d 页（A4）/).waitFor({ timeout: 30_000 });
    await shot(unit, '2c-unit-key-sheet');
    await preview.getByRole('button', { name: '关闭' }).click();

    // The command line and the app share the code: the app's own bundle verifies.
    const verify = spawnSync(process.execPath, ['dist/cli/bundle.mjs', 'verify', bundlePath, '--key', pemPath, '--last-sequence', '0', '--json'], { encoding: 'utf8' });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    // …including the audit segment's hash chain, from the unit's first entry (its trail since set-up).
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, auditChain: { checked: true, first: 1, continuityChecked: false } });
    expect(execFileSync(process.execPath, ['dist/cli/bundle.mjs', 'verify', bundlePath, '--key', pemPath], { encoding: 'utf8' })).toBeTruthy();

    // The bureau: its own profile, the disc's files opened where the test says.
    const files: Record<string, string> = { publicKey: pemPath, bundle: bundlePath };
    const bureau = await launchTestApp({ openFile: async (purpose) => files[purpose] ?? null });
    apps.push(bureau);
    const b = bureau.page;
    await completeSetup(b, BUREAU, SECADMIN, AUDITOR, 'bureau');
    await signInAsNewClerk(b);
    await openExchange(b, '登记单位');
    expect(await registerUnit(b, ADMIN.unitCode, ADMIN.unitName)).toBe(fingerprint);

    const first = await importBundle(b, '第 1 号数据包');
    expect(first).toMatchObject({ ok: true });
    expect(first.text).toContain(`已导入 ${ADMIN.unitName}（${ADMIN.unitCode}）第 1 号数据包。`);
    await shot(bureau, '3-bureau-imported');
    const again = await importBundle(b, '此前已导入');
    expect(again).toEqual({ ok: true, text: `${ADMIN.unitName} 第 1 号数据包此前已导入，本次未作任何改动。` });

    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'secrecy-ledger-e2e-disc-'));
    const changed = path.join(elsewhere, 'changed.ledgerbundle');
    const bytes = await readFile(bundlePath);
    // One byte inside the carriers file (its tar header names it; the content follows the 512-byte header).
    const at = bytes.indexOf(Buffer.from('content/carriers.jsonl\0')) + 512 + 40;
    bytes[at] = (bytes[at] as number) ^ 0x01;
    await writeFile(changed, bytes);
    files.bundle = changed;
    const refused = await importBundle(b, '文件内容与清单不符');
    expect(refused).toEqual({ ok: false, text: describeBundleRefusal({ code: 'BUNDLE_FILE_CHANGED', params: { path: 'content/carriers.jsonl' } }, 'zh-CN') });
    await shot(bureau, '4-bureau-refused');

    await b.getByRole('tab', { name: '各单位情况' }).click();
    await b.getByRole('button', { name: `查看：${ADMIN.unitName}` }).click();
    await b.getByRole('heading', { name: `${ADMIN.unitName}（${ADMIN.unitCode}）` }).waitFor();
    await b.getByRole('cell', { name: TITLE }).waitFor();
    // The unit destroyed nothing yet: its batches and decommissions are reported as none.
    await b.getByRole('heading', { name: '销毁批次（0）' }).waitFor();
    await b.getByRole('heading', { name: '设备停用/报废与信息消除（0）' }).waitFor();
    await shot(bureau, '5-bureau-unit');
    await b.getByRole('button', { name: '← 返回单位列表' }).click();
    await b.getByRole('figure', { name: '按密级' }).waitFor();
    await shot(bureau, '6-bureau-units');

    // What the bureau stored of the unit is encrypted like everything else (the files in its exports
    // folder and the disc are the bundles themselves, signed carriers, and are not searched).
    await writePlainControl(b, '明文对照值');
    await bureau.close(); // Chromium flushes its files on close
    const stored = (await allFiles(bureau.profileDir)).filter((f) => !f.includes(`${path.sep}exports${path.sep}`));
    const hits = await findInFiles(stored, [TITLE, '某保发〔2026〕3号', '保密柜3号', ADMIN.unitName, '明文对照值']);
    expect([...hits.keys()]).toEqual(['明文对照值']);
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('the bureau issues a policy bundle (catalogue, destruction body, form); the unit pins the bureau’s key and imports it into 定密 and 销毁; again changes nothing', async () => {
    const bureau = await launchTestApp();
    apps.push(bureau);
    const b = bureau.page;
    await completeSetup(b, BUREAU, SECADMIN, AUDITOR, 'bureau');
    await signInAsNewClerk(b);
    await frameNav(b).getByRole('button', { name: '定密' }).click();
    await b.getByRole('tab', { name: /^事项一览表/ }).click();
    await addCatalogueEntry(b, { code: '1.1', title: '年度保密检查工作方案', level: '秘密', years: 10, scopeHint: '办公室主任' });
    await openExchange(b, '签名密钥');
    const fingerprint = await createKey(b, 'SM2/SM3（国密）');
    const pemPath = await savePublicKey(b);
    await addPolicyLists(b, { name: '某市涉密载体销毁中心', licence: 'XH-2026-01' }, { title: '涉密载体销毁审批表（2026版）', text: '申请单位：\n审批意见：' });
    const policyPath = await writePolicyBundle(b, '某保发〔2026〕7号');
    expect(path.basename(policyPath)).toBe('policy-SJ-BMJ-0001.ledgerbundle');
    await shot(bureau, '7-bureau-policy');

    const files: Record<string, string> = { publicKey: pemPath, bundle: policyPath };
    const unit = await launchTestApp({ openFile: async (purpose) => files[purpose] ?? null });
    apps.push(unit);
    const u = unit.page;
    await completeSetup(u);
    await signInAsNewClerk(u);
    await openExchange(u, '上级部门与政策');
    expect(await pinBureauKey(u, BUREAU.unitCode, BUREAU.unitName)).toBe(fingerprint);
    const imported = await importPolicyBundle(u, '第 1 号政策下发包');
    expect(imported).toEqual({ ok: true, text: '已导入第 1 号政策下发包（某保发〔2026〕7号）：事项一览表 1 条（见“定密 → 事项一览表”）、指定销毁机构 1 个、表格样式 1 份。' });
    await u.getByText('涉密载体销毁审批表（2026版）').waitFor();
    await shot(unit, '8-unit-policy');
    expect((await importPolicyBundle(u, '此前已导入')).text).toBe('第 1 号政策下发包此前已导入，未作任何改动。');

    await frameNav(u).getByRole('button', { name: '定密' }).click();
    await u.getByRole('tab', { name: /^事项一览表/ }).click();
    await u.getByRole('cell', { name: '年度保密检查工作方案', exact: true }).waitFor();
    await frameNav(u).getByRole('button', { name: '销毁' }).click();
    await u.getByRole('tab', { name: '销毁机构与消除工具' }).click();
    await u.getByText('某市涉密载体销毁中心').first().waitFor();
  });
});
