import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../renderer/i18n';
import { bootApp } from './boot';
import { cleanup, click, getByLabel, getByRole, queryAllByRole, queryByRole, textOf, type, waitFor } from './dom';
import { createFakeApi, FakeLedgerStore } from './fakes';

afterEach(async () => {
  await cleanup();
  setLocale('zh-CN');
});

function ledgerWithZhang() {
  return new FakeLedgerStore().addAccount('zhang', { password: 'abc12345', displayName: '张三' });
}

async function signIn(c: HTMLElement, username: string, password: string) {
  await type(getByLabel(c, '登录名'), username);
  await type(getByLabel(c, '密码'), password);
  await click(getByRole(c, 'button', { name: '登录' }));
}

describe('sign-in', () => {
  it('says how many attempts are left after a wrong password', async () => {
    const { container: c } = await bootApp(ledgerWithZhang(), createFakeApi());
    expect(getByRole(c, 'heading', { name: '登录' })).toBeTruthy();
    await signIn(c, 'zhang', 'wrong-pass1');
    await waitFor(() =>
      expect(getByRole(c, 'alert').textContent).toBe('密码错误，还可尝试 4 次；次数用尽后账户将被锁定。'),
    );
    expect(getByLabel(c, '密码').value).toBe('');
    expect(getByLabel(c, '登录名').value).toBe('zhang');
  });

  it('says the account is locked, and until when', async () => {
    const ledger = new FakeLedgerStore().addAccount('li', {
      password: 'abc12345',
      displayName: '李四',
      lockedUntil: new Date(2030, 0, 2, 9, 5).toISOString(),
    });
    const { container: c } = await bootApp(ledger, createFakeApi());
    await signIn(c, 'li', 'abc12345');
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toContain('账户已被锁定至 2030-01-02 09:05'));
  });

  it('says a disabled account cannot sign in', async () => {
    const ledger = new FakeLedgerStore().addAccount('old', { password: 'abc12345', displayName: '老王', disabled: true });
    const { container: c } = await bootApp(ledger, createFakeApi());
    await signIn(c, 'old', 'abc12345');
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toContain('该账户已停用'));
  });

  it('asks for empty fields instead of calling the store', async () => {
    const ledger = ledgerWithZhang();
    const { container: c } = await bootApp(ledger, createFakeApi());
    await click(getByRole(c, 'button', { name: '登录' }));
    expect(textOf(c)).toContain('请填写登录名。');
    expect(ledger.calls.some((x) => x.startsWith('signIn'))).toBe(false);
  });

  it('disables the button while the password is checked', async () => {
    const ledger = ledgerWithZhang();
    let release = () => {};
    ledger.gate = new Promise((r) => (release = r));
    const { container: c, session } = await bootApp(ledger, createFakeApi());
    await signIn(c, 'zhang', 'abc12345');
    expect((getByRole(c, 'button', { name: '登录' }) as HTMLButtonElement).disabled).toBe(true);
    expect(getByRole(c, 'status').textContent).toBe('正在验证…');
    release();
    await waitFor(() => expect(session.getState().phase).toBe('unlocked'));
  });
});

describe('the frame', () => {
  it('shows the unit, the user and the modules the roles allow, each with its placeholder page', async () => {
    const { container: c } = await bootApp(ledgerWithZhang(), createFakeApi());
    await signIn(c, 'zhang', 'abc12345');
    await waitFor(() => getByRole(c, 'navigation'));
    expect(textOf(c)).toContain('保密台账');
    expect(textOf(c)).toContain('某某市保密局');
    expect(textOf(c)).toContain('当前用户：张三');

    const nav = getByRole(c, 'navigation');
    const names = queryAllByRole(nav, 'button').map((b) => b.textContent);
    // Business roles only: no 审计 and no 系统管理 (三员分立); 数据安全 for the clerk's backup.
    expect(names).toEqual(['载体台账', '定密', '销毁', '数据交换', '数据安全']);
    expect(getByRole(nav, 'button', { name: '载体台账' }).getAttribute('aria-current')).toBe('page');

    for (const name of names) {
      await click(getByRole(nav, 'button', { name: name ?? '' }));
      expect(getByRole(nav, 'button', { name: name ?? '' }).getAttribute('aria-current')).toBe('page');
      expect(getByRole(c, 'heading', { name: name ?? '' })).toBeTruthy();
      // 数据安全 is built (tests/renderer/dataSafety); the others show their placeholder here.
      if (name !== '数据安全') expect(textOf(c)).toContain('本模块将在后续版本提供：');
    }
  });

  it('锁定 locks on demand and 退出登录 signs out', async () => {
    const ledger = ledgerWithZhang();
    const { container: c, session } = await bootApp(ledger, createFakeApi());
    await signIn(c, 'zhang', 'abc12345');
    await waitFor(() => getByRole(c, 'navigation'));
    await click(getByRole(c, 'button', { name: '锁定' }));
    await waitFor(() => getByRole(c, 'heading', { name: '已锁定' }));
    expect(ledger.isUnlocked()).toBe(false);

    await type(getByLabel(c, '密码'), 'abc12345');
    await click(getByRole(c, 'button', { name: '解锁' }));
    await waitFor(() => getByRole(c, 'navigation'));
    await click(getByRole(c, 'button', { name: '退出登录' }));
    await waitFor(() => getByRole(c, 'heading', { name: '登录' }));
    expect(session.getState().session).toBeNull();
    expect(ledger.calls).toContain('signOut');
  });

  it('switches to English and back', async () => {
    const { container: c } = await bootApp(ledgerWithZhang(), createFakeApi());
    await signIn(c, 'zhang', 'abc12345');
    await waitFor(() => getByRole(c, 'navigation'));
    await click(getByRole(c, 'button', { name: 'English' }));
    expect(getByRole(c, 'button', { name: 'Carrier ledger' })).toBeTruthy();
    expect(localStorage.getItem('ledger.locale')).toBe('en');
    await click(getByRole(c, 'button', { name: '中文' }));
    expect(getByRole(c, 'button', { name: '载体台账' })).toBeTruthy();
    expect(queryByRole(c, 'button', { name: 'Carrier ledger' })).toBeNull();
  });
});
