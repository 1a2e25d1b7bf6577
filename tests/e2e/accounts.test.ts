import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditExport } from '../../shared/audit/exportFormat';
import { launchTestApp, type TestApp } from './pages/app';
import { accountRow, assignRoles, changePassword, createAccount, exportAuditTrail, navLabels, recoverWithCode, signOut, verifyAuditTrail } from './pages/admin';
import { ADMIN, AUDITOR, completeSetup, SECADMIN, sealRecoveryCode, signIn } from './pages/ledgerApp';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

const shots = fileURLToPath(new URL('../../test-results/accounts', import.meta.url));

const ZHANG = { username: 'zhangsan', displayName: '张三', password: 'Chushi2026a' };

describe('accounts, roles and the audit trail (三员, real app in Chromium)', () => {
  it('set-up makes three administrators; the system administrator creates a handler, the security administrator gives the roles, the handler changes the initial password, the auditor verifies and exports the trail', async () => {
    app = await launchTestApp();
    const { page } = app;
    const code = await completeSetup(page);
    expect(code).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);

    // 系统管理员: accounts only (and the store's backup and restore).
    expect(await navLabels(page)).toEqual(['系统管理', '数据安全']);
    await createAccount(page, ZHANG, ADMIN.password);
    await expect(accountRow(page, 'zhangsan').textContent()).resolves.toContain('待修改密码');
    // What the administrator sees right after 创建账户: the outcome under the button (viewport, not the whole page).
    await page.screenshot({ path: path.join(shots, '1-created.png') });
    await signOut(page);

    // 安全保密管理员: roles and policy only.
    await signIn(page, SECADMIN.username, SECADMIN.password);
    expect(await navLabels(page)).toEqual(['系统管理']);
    await expect(page.getByRole('region', { name: '新建账户' }).count()).resolves.toBe(0);
    await assignRoles(page, 'zhangsan', ['承办人'], '机密');
    await expect(accountRow(page, 'zhangsan').textContent()).resolves.toContain('承办人');
    await page.screenshot({ path: path.join(shots, '2-assigned.png') });
    await signOut(page);

    // The new handler: the initial password must be replaced before anything else.
    await signIn(page, ZHANG.username, ZHANG.password);
    await page.getByRole('heading', { name: '请修改密码' }).waitFor({ timeout: 30_000 });
    await changePassword(page, ZHANG.password, 'Zhang2026abc');
    expect(await navLabels(page)).toEqual(['载体台账', '定密', '销毁']);
    await signOut(page);
    await signIn(page, ZHANG.username, 'Zhang2026abc');
    expect(await navLabels(page)).toEqual(['载体台账', '定密', '销毁']);
    await signOut(page);

    // 安全审计员: the audit trail only (and the store's integrity check).
    await signIn(page, AUDITOR.username, AUDITOR.password);
    expect(await navLabels(page)).toEqual(['审计', '数据安全']);
    await page.getByRole('cell', { name: '分配角色' }).first().waitFor();
    expect(await verifyAuditTrail(page)).toMatch(/^审计日志完整：共 \d+ 条记录/);
    const saved = await exportAuditTrail(page);
    expect(path.dirname(saved)).toBe(path.join(app.profileDir, 'exports'));
    const text = await readFile(saved, 'utf8');
    const check = verifyAuditExport(text);
    expect(check).toMatchObject({ ok: true, header: { unit: { code: ADMIN.unitCode }, exportedBy: { username: AUDITOR.username } } });
    const actions = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { action?: string; detail?: Record<string, unknown> });
    expect(actions.filter((l) => l.action === 'account.created').map((l) => l.detail?.username)).toEqual(['sysadmin', 'anquan', 'shenji', 'zhangsan']);
    expect(actions.find((l) => l.action === 'account.roles_assigned')?.detail).toMatchObject({
      before: { roles: [], level: 'confidential' },
      after: { roles: ['handler'], level: 'secret' },
    });
    expect(actions.map((l) => l.action)).toEqual(expect.arrayContaining(['auth.password_change_required', 'auth.password_changed', 'audit.verified']));
  });

  it('names exactly the audit record that was changed behind the app’s back, in the auditor’s screen', async () => {
    app = await launchTestApp();
    const { page } = app;
    await completeSetup(page);
    await signOut(page);
    await signIn(page, AUDITOR.username, AUDITOR.password);
    await page.getByRole('cell', { name: '查阅审计日志' }).first().waitFor({ timeout: 30_000 });
    expect(await verifyAuditTrail(page)).toContain('审计日志完整');

    // One byte of the stored (encrypted) record no. 3, changed straight in IndexedDB, not through the app.
    await page.evaluate(
      (seq) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('secrecy-ledger');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction('audit', 'readwrite');
            const store = tx.objectStore('audit');
            const get = store.get(seq);
            get.onsuccess = () => {
              const row = get.result as { ct: Uint8Array };
              const ct = new Uint8Array(row.ct);
              ct[ct.length - 7] = (ct[ct.length - 7] ?? 0) ^ 0x10;
              store.put({ ...row, ct });
            };
            tx.oncomplete = () => {
              req.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      3,
    );
    const finding = await verifyAuditTrail(page);
    expect(finding).toContain('审计日志完整性校验未通过：第 3 条记录未通过完整性校验');
    expect(finding).toContain('在它之前的 2 条记录完整');
    const marked = page.locator('tr[aria-current="true"]');
    await expect(marked.getByRole('cell').first().textContent()).resolves.toBe('3');
    await expect(marked.textContent()).resolves.toContain('此记录未通过完整性校验');
  });

  it('shows each administrator only their own module, and no business module', async () => {
    app = await launchTestApp();
    const { page } = app;
    await completeSetup(page);
    const seen: Record<string, string[]> = { sysadmin: await navLabels(page) };
    for (const who of [SECADMIN, AUDITOR]) {
      await signOut(page);
      await signIn(page, who.username, who.password);
      seen[who.username] = await navLabels(page);
    }
    expect(seen).toEqual({ sysadmin: ['系统管理', '数据安全'], anquan: ['系统管理'], shenji: ['审计', '数据安全'] });
  });

  it('the recovery code gives the system administrator a new password, is replaced on use, and the use is on the record', async () => {
    app = await launchTestApp();
    const { page } = app;
    const code = await completeSetup(page);
    await signOut(page);
    await recoverWithCode(page, code.toLowerCase().replace(/-/g, ' '), 'Xinmima2026x');
    await page.getByText('恢复码已使用并随即作废').waitFor({ timeout: 30_000 });
    const fresh = await sealRecoveryCode(page);
    expect(fresh).not.toBe(code);
    expect(await navLabels(page)).toEqual(['系统管理', '数据安全']);
    await signOut(page);

    // The old code is void; the old password too; the new password works.
    await recoverWithCode(page, code, 'Another2026x');
    await page.getByRole('alert').filter({ hasText: '恢复码不正确' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '返回登录' }).click();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('alert').filter({ hasText: '密码错误' }).waitFor({ timeout: 30_000 });
    await signIn(page, ADMIN.username, 'Xinmima2026x');
    expect(await navLabels(page)).toEqual(['系统管理', '数据安全']);
    await signOut(page);

    await signIn(page, AUDITOR.username, AUDITOR.password);
    await page.getByLabel('操作类型').selectOption({ label: '恢复码（全部）' });
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('cell', { name: /使用恢复码/ }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('cell', { name: /恢复码错误/ }).count()).resolves.toBeGreaterThan(0);
  });
});
