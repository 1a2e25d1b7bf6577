import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { bootApp } from './boot';
import { cleanup, click, getByLabel, getByRole, queryByLabel, queryByRole, textOf, type, waitFor } from './dom';
import { createFakeApi, FakeLedgerStore } from './fakes';

afterEach(cleanup);

async function fillUnitStep(c: HTMLElement) {
  await type(getByLabel(c, '单位名称'), '  某某市保密局 ');
  await type(getByLabel(c, '单位代码'), 'BMJ-01');
  await click(getByRole(c, 'button', { name: '下一步' }));
}

async function fillAdminStep(c: HTMLElement, username: string, displayName: string, password: string, confirm = password) {
  await type(getByLabel(c, '登录名'), username);
  await type(getByLabel(c, '姓名'), displayName);
  await type(getByLabel(c, '密码'), password);
  await type(getByLabel(c, '确认密码'), confirm);
}

/** Steps 2–4 filled with three different people and passwords, ending on step 4. */
async function fillAllAdmins(c: HTMLElement) {
  await fillAdminStep(c, 'admin', '王五', 'abc12345');
  await click(getByRole(c, 'button', { name: '下一步' }));
  await fillAdminStep(c, 'anquan', '李四', 'anquan123');
  await click(getByRole(c, 'button', { name: '下一步' }));
  await fillAdminStep(c, 'shenji', '赵六', 'shenji123');
}

describe('setup wizard', () => {
  it('asks for the unit first and will not go on with empty fields', async () => {
    const { container: c } = await bootApp(new FakeLedgerStore({ kind: 'empty' }), createFakeApi());
    expect(getByRole(c, 'heading', { name: '初始设置' })).toBeTruthy();
    expect(textOf(c)).toContain('第 1 步，共 5 步');
    await click(getByRole(c, 'button', { name: '下一步' }));
    expect(textOf(c)).toContain('请填写单位名称。');
    expect(textOf(c)).toContain('请填写单位代码。');
    expect(getByLabel(c, '单位名称').getAttribute('aria-invalid')).toBe('true');
    expect(queryByLabel(c, '登录名')).toBeNull();
  });

  it('checks password strength and the confirmation before going on', async () => {
    const ledger = new FakeLedgerStore({ kind: 'empty' });
    const { container: c } = await bootApp(ledger, createFakeApi());
    await fillUnitStep(c);
    expect(getByRole(c, 'heading', { name: '系统管理员账户' })).toBeTruthy();
    expect(textOf(c)).toContain('加密密钥');
    expect(textOf(c)).toContain('不能分配角色');

    await fillAdminStep(c, 'admin', '王五', 'short1');
    await click(getByRole(c, 'button', { name: '下一步' }));
    expect(textOf(c)).toContain('密码至少 8 位，且须同时包含字母和数字。');

    await fillAdminStep(c, 'admin', '王五', 'abc12345', 'abc12346');
    await click(getByRole(c, 'button', { name: '下一步' }));
    expect(textOf(c)).toContain('两次输入的密码不一致，请重新输入。');
    expect(getByRole(c, 'heading', { name: '系统管理员账户' })).toBeTruthy();
    expect(ledger.setupInputs).toHaveLength(0);
  });

  it('takes the three administrators one step each, and refuses a login name or password used twice', async () => {
    const ledger = new FakeLedgerStore({ kind: 'empty' });
    const { container: c } = await bootApp(ledger, createFakeApi());
    await fillUnitStep(c);
    await fillAdminStep(c, 'admin', '王五', 'abc12345');
    await click(getByRole(c, 'button', { name: '下一步' }));
    expect(getByRole(c, 'heading', { name: '安全保密管理员账户' })).toBeTruthy();
    expect(textOf(c)).toContain('第 3 步，共 5 步');

    await fillAdminStep(c, 'Admin', '李四', 'abc12345');
    await click(getByRole(c, 'button', { name: '下一步' }));
    expect(textOf(c)).toContain('与前面管理员的登录名相同');
    expect(textOf(c)).toContain('与前面管理员的密码相同');

    await fillAdminStep(c, 'anquan', '李四', 'anquan123');
    await click(getByRole(c, 'button', { name: '下一步' }));
    expect(getByRole(c, 'heading', { name: '安全审计员账户' })).toBeTruthy();
    expect(getByRole(c, 'button', { name: '完成设置' })).toBeTruthy();
    await click(getByRole(c, 'button', { name: '上一步' }));
    expect(getByLabel(c, '登录名').value).toBe('anquan');
  });

  it('goes back to the unit step with 上一步 and keeps what was typed', async () => {
    const { container: c } = await bootApp(new FakeLedgerStore({ kind: 'empty' }), createFakeApi());
    await fillUnitStep(c);
    await click(getByRole(c, 'button', { name: '上一步' }));
    expect(getByLabel(c, '单位代码').value).toBe('BMJ-01');
  });

  it('shows progress while the keys are derived, then the recovery code once, then the frame', async () => {
    const ledger = new FakeLedgerStore({ kind: 'empty' });
    let release = () => {};
    ledger.gate = new Promise((r) => (release = r));
    const { container: c, session } = await bootApp(ledger, createFakeApi());
    await fillUnitStep(c);
    await fillAllAdmins(c);
    await click(getByRole(c, 'button', { name: '完成设置' }));

    expect(getByRole(c, 'status').textContent).toBe('正在生成加密密钥…');
    expect((getByRole(c, 'button', { name: '完成设置' }) as HTMLButtonElement).disabled).toBe(true);
    expect(ledger.setupInputs).toEqual([
      {
        unitName: '某某市保密局',
        unitCode: 'BMJ-01',
        adminUsername: 'admin',
        adminDisplayName: '王五',
        password: 'abc12345',
        secadmin: { username: 'anquan', displayName: '李四', password: 'anquan123' },
        auditor: { username: 'shenji', displayName: '赵六', password: 'shenji123' },
      },
    ]);

    release();
    await waitFor(() => expect(session.getState().phase).toBe('unlocked'));
    // Step 5: the recovery code, and no way on until it is confirmed as sealed.
    expect(textOf(c)).toContain('第 5 步，共 5 步');
    expect(textOf(c)).toContain(ledger.recoveryCode);
    expect(queryByRole(c, 'navigation')).toBeNull();
    const go = getByRole(c, 'button', { name: '继续' }) as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    await click(getByLabel(c, '已打印或抄录，并已封存'));
    expect(go.disabled).toBe(false);
    // The sheet was read scrolled down; the frame after it starts at its top.
    const scrolls: unknown[][] = [];
    const scrollTo = window.scrollTo;
    window.scrollTo = ((...args: unknown[]) => void scrolls.push(args)) as typeof window.scrollTo;
    try {
      await click(go);
    } finally {
      window.scrollTo = scrollTo;
    }
    expect(scrolls).toContainEqual([0, 0]);
    expect(session.getState().recoveryCode).toBeNull();
    expect(textOf(c)).not.toContain(ledger.recoveryCode);
    expect(getByRole(c, 'navigation')).toBeTruthy();
    expect(textOf(c)).toContain('单位：某某市保密局');
  });

  it("shows the store's refusal, which is authoritative, on the step of the field it names", async () => {
    const ledger = new FakeLedgerStore({ kind: 'empty' });
    ledger.nextSetupRefusal = { ok: false, error: { code: 'SETUP_INVALID_FIELD', params: { field: 'secadmin.username' } } };
    const { container: c } = await bootApp(ledger, createFakeApi());
    await fillUnitStep(c);
    await fillAllAdmins(c);
    await click(getByRole(c, 'button', { name: '完成设置' }));
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toContain('登录名应为 3–32 位'));
    expect(getByRole(c, 'heading', { name: '安全保密管理员账户' })).toBeTruthy();
    expect(queryByRole(c, 'status')).toBeNull();
  });

  it('returns to the unit step when the store refuses a unit field', async () => {
    const ledger = new FakeLedgerStore({ kind: 'empty' });
    ledger.nextSetupRefusal = { ok: false, error: { code: 'SETUP_INVALID_FIELD', params: { field: 'unitCode' } } };
    const { container: c } = await bootApp(ledger, createFakeApi());
    await fillUnitStep(c);
    await fillAllAdmins(c);
    await click(getByRole(c, 'button', { name: '完成设置' }));
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toContain('单位代码只能包含'));
    expect(getByLabel(c, '单位代码')).toBeTruthy();
  });
});
