import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { bootApp } from './boot';
import { cleanup, click, getByLabel, getByRole, queryByRole, textOf, type, waitFor } from './dom';
import { createFakeApi, FakeLedgerStore } from './fakes';

afterEach(cleanup);

/** 0.005 minutes = 300 ms: long enough to sign in, short enough to wait for. */
const TINY_IDLE = 0.005;

async function signedIn() {
  const ledger = new FakeLedgerStore().addAccount('zhang', { password: 'abc12345', displayName: '张三' });
  const booted = await bootApp(ledger, createFakeApi(), { idleMinutes: TINY_IDLE });
  const c = booted.container;
  await type(getByLabel(c, '登录名'), 'zhang');
  await type(getByLabel(c, '密码'), 'abc12345');
  await click(getByRole(c, 'button', { name: '登录' }));
  await waitFor(() => getByRole(c, 'navigation'));
  return { ...booted, ledger };
}

describe('idle lock', () => {
  it('locks after the idle time, names the user, and unlocks with the password', async () => {
    const { container: c, ledger } = await signedIn();
    await waitFor(() => getByRole(c, 'heading', { name: '已锁定' }), 3000);
    expect(queryByRole(c, 'navigation')).toBeNull();
    expect(textOf(c)).toContain('张三（zhang）');
    expect(ledger.isUnlocked()).toBe(false);

    await type(getByLabel(c, '密码'), 'wrong-pass1');
    await click(getByRole(c, 'button', { name: '解锁' }));
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toContain('还可尝试 4 次'));

    await type(getByLabel(c, '密码'), 'abc12345');
    await click(getByRole(c, 'button', { name: '解锁' }));
    await waitFor(() => getByRole(c, 'navigation'));
    expect(ledger.isUnlocked()).toBe(true);
  });

  it('stays unlocked while the user keeps working', async () => {
    const { container: c, session } = await signedIn();
    for (let i = 0; i < 6; i++) {
      await act(async () => {
        window.dispatchEvent(new Event('mousemove'));
        await new Promise((r) => setTimeout(r, 100));
      });
    }
    expect(session.getState().phase).toBe('unlocked');
    expect(getByRole(c, 'navigation')).toBeTruthy();
  });

  it('切换用户 on the lock screen signs out', async () => {
    const { container: c, ledger } = await signedIn();
    await click(getByRole(c, 'button', { name: '锁定' }));
    await waitFor(() => getByRole(c, 'heading', { name: '已锁定' }));
    await click(getByRole(c, 'button', { name: '切换用户' }));
    await waitFor(() => getByRole(c, 'heading', { name: '登录' }));
    expect(ledger.calls).toContain('signOut');
  });
});
