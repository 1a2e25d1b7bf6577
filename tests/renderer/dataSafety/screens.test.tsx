import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/App';
import type { Api } from '../../../renderer/api';
import { createDataSafetyServices, DataSafetyServicesProvider } from '../../../renderer/features/dataSafety/dataSafetyServices';
import { EncryptedLedgerStore } from '../../../renderer/db/ledgerStore';
import { LATEST_SCHEMA, openDatabase } from '../../../renderer/db/schema';
import { createSessionStore } from '../../../renderer/session/session.store';
import { cleanup, click, getByLabel, getByRole, render, textOf, type, waitFor } from '../dom';
import { createFakeApi, type FakeLedgerStore } from '../fakes';
import type { FakeMedium } from '../fakeFiles';
import { failingUpgrade, oldStore } from '../migrations/fixtures';
import { fullDisk } from './helpers';
import { CHEAP, freshName, makeStore, PASSWORDS, setUpStore, THREE_ADMINS } from '../storeFixtures';

afterEach(cleanup);

/** The whole app on the real store, with the data-safety services over the fake shell (main.tsx's wiring). */
async function boot(store: EncryptedLedgerStore | FakeLedgerStore, api = createFakeApi()) {
  const restarts: number[] = [];
  const session = createSessionStore(store, api);
  const services = createDataSafetyServices(store as EncryptedLedgerStore, api as Api, () => restarts.push(1));
  const c = await render(
    <DataSafetyServicesProvider services={services}>
      <App session={session} />
    </DataSafetyServicesProvider>,
  );
  await act(async () => {
    await session.getState().start();
  });
  return { c, api, medium: (api as unknown as { medium: FakeMedium }).medium, restarts };
}

async function bootSetUp() {
  const { s, dbName } = await setUpStore(freshName('safety-screens'));
  s.close();
  return { ...(await boot(makeStore(dbName))), dbName };
}

async function signInAs(c: HTMLElement, username: string) {
  await waitFor(() => getByRole(c, 'heading', { name: '登录' }));
  await type(getByLabel(c, '登录名'), username);
  await type(getByLabel(c, '密码'), PASSWORDS[username] ?? '');
  await click(getByRole(c, 'button', { name: '登录' }));
  await waitFor(() => getByRole(c, 'navigation'));
}

/** The reminder (role=note, named by aria-label), or null. */
function reminder(c: HTMLElement): HTMLElement | null {
  return c.querySelector('[role="note"][aria-label="备份提醒"]');
}

/** A section named by its heading (role=region), or null. */
function region(c: HTMLElement, name: string): HTMLElement | null {
  for (const section of c.querySelectorAll<HTMLElement>('section[aria-labelledby]')) {
    const id = section.getAttribute('aria-labelledby') ?? '';
    if (c.ownerDocument.getElementById(id)?.textContent?.trim() === name) return section;
  }
  return null;
}

async function openSafety(c: HTMLElement) {
  await click(getByRole(getByRole(c, 'navigation'), 'button', { name: '数据安全' }));
  await waitFor(() => getByRole(c, 'heading', { name: '数据安全' }));
}

describe('数据安全 screens', () => {
  it('reminds the 系统管理员 there is no backup, backs up to the medium, and the reminder goes', async () => {
    const { c, medium } = await bootSetUp();
    await signInAs(c, 'sysadmin');
    await waitFor(() => expect(reminder(c)?.textContent).toContain('尚未备份过'));
    await click(getByRole(c, 'button', { name: '去备份' }));
    await waitFor(() => expect(region(c, '备份')).not.toBeNull());
    expect(textOf(region(c, '备份') as HTMLElement)).toContain('尚未备份');
    await click(getByRole(c, 'button', { name: '备份到…' }));
    await waitFor(() => expect(textOf(c)).toContain('备份完成：已保存到 /media/usb/ledger-backup-BM-0001-'), 5000);
    expect([...medium.files.keys()]).toHaveLength(1);
    await click(getByRole(getByRole(c, 'navigation'), 'button', { name: '系统管理' }));
    await waitFor(() => getByRole(c, 'heading', { name: '账户管理' }));
    expect(reminder(c)).toBeNull();
  });

  it('says so in Chinese when the medium is full, and no file is left', async () => {
    const { c, medium } = await bootSetUp();
    medium.capacity = 2000;
    await signInAs(c, 'sysadmin');
    await openSafety(c);
    await click(getByRole(c, 'button', { name: '备份到…' }));
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toContain('备份介质空间不足，备份未完成，未留下不完整的文件'), 5000);
    expect(medium.files.size).toBe(0);
  });

  it('restores over the working store only after the preview is confirmed, then starts the app afresh', async () => {
    const { c, medium, restarts } = await bootSetUp();
    await signInAs(c, 'sysadmin');
    await openSafety(c);
    await click(getByRole(c, 'button', { name: '备份到…' }));
    await waitFor(() => expect(textOf(c)).toContain('备份完成'), 5000);
    medium.openNext = [...medium.files.keys()][0] ?? null;
    await click(getByRole(c, 'button', { name: '选择备份文件…' }));
    await waitFor(() => getByLabel(c, '登录名'));
    await type(getByLabel(c, '登录名'), 'sysadmin');
    await type(getByLabel(c, '密码'), THREE_ADMINS.password);
    await click(getByRole(c, 'button', { name: '打开' }));
    await waitFor(() => getByRole(c, 'heading', { name: '备份内容' }), 5000);
    expect(textOf(c)).toContain('某市保密测试单位（BM-0001）');
    expect(textOf(c)).toContain('备份时间之后新增或修改的记录和审计日志都不再保留');
    const start = getByRole(c, 'button', { name: '开始恢复' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    await click(getByLabel(c, '我已核对备份的单位和备份时间，确认恢复'));
    await click(start);
    await waitFor(() => expect(textOf(c)).toContain('恢复完成'), 10_000);
    expect(restarts).toEqual([]);
    await click(getByRole(c, 'button', { name: '进入登录' }));
    expect(restarts).toEqual([1]);
  });

  it('shows the auditor each problem by table and record', async () => {
    const { c, dbName } = await bootSetUp();
    await signInAs(c, 'shenji');
    await openSafety(c);
    expect(region(c, '完整性检查')).not.toBeNull();
    expect(region(c, '备份')).toBeNull();
    expect(region(c, '从备份恢复')).toBeNull();
    await click(getByRole(c, 'button', { name: '开始检查' }));
    await waitFor(() => expect(textOf(c)).toContain('检查完成'), 5000);
    expect(textOf(c)).toMatch(/检查完成：全部 \d+ 条记录解密和验证通过，审计日志链完整/);
    const db = openDatabase(dbName);
    await db.audit.delete(2);
    db.close();
    await click(getByRole(c, 'button', { name: '开始检查' }));
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toContain('发现 1 处问题'), 5000);
    const table = c.querySelector('table') as HTMLElement;
    expect(textOf(table)).toContain('审计日志');
    expect(textOf(table)).toContain('审计日志链在此断开：缺少该序号的记录');
  });

  it('the sign-in screen says plainly when the disk is full', async () => {
    const { c } = await bootSetUp();
    const disk = fullDisk();
    try {
      disk.full();
      await waitFor(() => getByRole(c, 'heading', { name: '登录' }));
      await type(getByLabel(c, '登录名'), 'sysadmin');
      await type(getByLabel(c, '密码'), PASSWORDS.sysadmin ?? '');
      await click(getByRole(c, 'button', { name: '登录' }));
      await waitFor(() => expect(getByRole(c, 'alert').textContent).toContain('本机存储空间已满，本次操作未保存（已保存的数据没有丢失）'), 5000);
    } finally {
      disk.restore();
    }
  });

  it('offers 从备份恢复 above the set-up wizard, and goes back to it', async () => {
    const { c } = await boot(makeStore(freshName('fresh-screen')));
    await waitFor(() => getByRole(c, 'heading', { name: '初始设置' }));
    await click(getByRole(c, 'button', { name: '从备份恢复' }));
    await waitFor(() => getByRole(c, 'heading', { name: '从备份恢复' }));
    expect(textOf(c)).toContain('需要备份时有效的某个账户的登录名和密码');
    await click(getByRole(c, 'button', { name: '返回' }));
    await waitFor(() => getByRole(c, 'heading', { name: '初始设置' }));
  });

  it('says an upgrade failed and left the data alone, and offers a restore beside it', async () => {
    const base = freshName('upgrade-fails');
    await oldStore(base, LATEST_SCHEMA);
    const { c } = await boot(new EncryptedLedgerStore({ dbName: base, kdfCost: CHEAP, openDatabase: failingUpgrade }));
    await waitFor(() => expect(textOf(c)).toContain('将数据库升级到当前版本时出错，升级已撤销，原有数据保持不变。'));
    expect(textOf(c)).toContain('the upgrade went wrong halfway');
    expect(textOf(c)).toContain('本应用没有修改、删除或覆盖其中的任何数据。');
    await click(getByRole(c, 'button', { name: '从备份恢复' }));
    await waitFor(() => getByRole(c, 'button', { name: '选择备份文件…' }));
  });
});
