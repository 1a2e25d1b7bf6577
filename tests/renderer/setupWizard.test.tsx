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

async function fillAdminStep(c: HTMLElement, password = 'abc12345', confirm = password) {
  await type(getByLabel(c, '登录名'), 'admin');
  await type(getByLabel(c, '姓名'), '王五');
  await type(getByLabel(c, '密码'), password);
  await type(getByLabel(c, '确认密码'), confirm);
}

describe('setup wizard', () => {
  it('asks for the unit first and will not go on with empty fields', async () => {
    const { container: c } = await bootApp(new FakeLedgerStore({ kind: 'empty' }), createFakeApi());
    expect(getByRole(c, 'heading', { name: '初始设置' })).toBeTruthy();
    await click(getByRole(c, 'button', { name: '下一步' }));
    expect(textOf(c)).toContain('请填写单位名称。');
    expect(textOf(c)).toContain('请填写单位代码。');
    expect(getByLabel(c, '单位名称').getAttribute('aria-invalid')).toBe('true');
    expect(queryByLabel(c, '登录名')).toBeNull();
  });

  it('checks password strength and the confirmation before calling the store', async () => {
    const ledger = new FakeLedgerStore({ kind: 'empty' });
    const { container: c } = await bootApp(ledger, createFakeApi());
    await fillUnitStep(c);
    expect(textOf(c)).toContain('系统管理员账户');
    expect(textOf(c)).toContain('加密密钥');
    expect(textOf(c)).toContain('安全保密管理员和安全审计员');

    await fillAdminStep(c, 'short1', 'short1');
    await click(getByRole(c, 'button', { name: '完成设置' }));
    expect(textOf(c)).toContain('密码至少 8 位，且须同时包含字母和数字。');

    await fillAdminStep(c, 'abc12345', 'abc12346');
    await click(getByRole(c, 'button', { name: '完成设置' }));
    expect(textOf(c)).toContain('两次输入的密码不一致，请重新输入。');
    expect(ledger.setupInputs).toHaveLength(0);
  });

  it('goes back to the unit step with 上一步 and keeps what was typed', async () => {
    const { container: c } = await bootApp(new FakeLedgerStore({ kind: 'empty' }), createFakeApi());
    await fillUnitStep(c);
    await click(getByRole(c, 'button', { name: '上一步' }));
    expect(getByLabel(c, '单位代码').value).toBe('BMJ-01');
  });

  it('shows progress while the key is derived, then opens the ledger', async () => {
    const ledger = new FakeLedgerStore({ kind: 'empty' });
    let release = () => {};
    ledger.gate = new Promise((r) => (release = r));
    const { container: c, session } = await bootApp(ledger, createFakeApi());
    await fillUnitStep(c);
    await fillAdminStep(c);
    await click(getByRole(c, 'button', { name: '完成设置' }));

    expect(getByRole(c, 'status').textContent).toBe('正在生成加密密钥…');
    expect((getByRole(c, 'button', { name: '完成设置' }) as HTMLButtonElement).disabled).toBe(true);
    expect(ledger.setupInputs).toEqual([
      { unitName: '某某市保密局', unitCode: 'BMJ-01', adminUsername: 'admin', adminDisplayName: '王五', password: 'abc12345' },
    ]);

    release();
    await waitFor(() => expect(session.getState().phase).toBe('unlocked'));
    expect(getByRole(c, 'navigation')).toBeTruthy();
    expect(textOf(c)).toContain('单位：某某市保密局');
  });

  it("shows the store's refusal, which is authoritative", async () => {
    const ledger = new FakeLedgerStore({ kind: 'empty' });
    ledger.nextSetupRefusal = { ok: false, error: { code: 'SETUP_INVALID_FIELD', params: { field: 'adminUsername' } } };
    const { container: c } = await bootApp(ledger, createFakeApi());
    await fillUnitStep(c);
    await fillAdminStep(c);
    await click(getByRole(c, 'button', { name: '完成设置' }));
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toContain('登录名应为 3–32 位'));
    expect(queryByRole(c, 'status')).toBeNull();
  });

  it('returns to the unit step when the store refuses a unit field', async () => {
    const ledger = new FakeLedgerStore({ kind: 'empty' });
    ledger.nextSetupRefusal = { ok: false, error: { code: 'SETUP_INVALID_FIELD', params: { field: 'unitCode' } } };
    const { container: c } = await bootApp(ledger, createFakeApi());
    await fillUnitStep(c);
    await fillAdminStep(c);
    await click(getByRole(c, 'button', { name: '完成设置' }));
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toContain('单位代码只能包含'));
    expect(getByLabel(c, '单位代码')).toBeTruthy();
  });
});
