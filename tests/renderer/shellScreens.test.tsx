import { afterEach, describe, expect, it } from 'vitest';
import { databaseLocation } from '../../renderer/features/shell/UnreadableStore';
import { bootApp } from './boot';
import { cleanup, getByRole, queryAllByRole, textOf } from './dom';
import { createFakeApi, FakeLedgerStore } from './fakes';

afterEach(cleanup);

const BANNER_START = '违规外联风险：检测到以下网络接口处于启用状态：';

describe('network banner', () => {
  it('names the exposed interfaces on the sign-in screen and audits them', async () => {
    const ledger = new FakeLedgerStore();
    const interfaces = [
      { name: 'eth0', addresses: ['10.0.0.5'] },
      { name: 'wlan0', addresses: ['192.168.1.7', 'fe80::1'] },
    ];
    const { container: c } = await bootApp(ledger, createFakeApi({ interfaces }));
    const banner = getByRole(c, 'alert');
    expect(banner.textContent).toBe(
      `${BANNER_START}eth0 (10.0.0.5)、wlan0 (192.168.1.7, fe80::1)。涉密计算机严禁连接任何网络，请立即断开并报告保密办。`,
    );
    expect(getByRole(c, 'heading', { name: '登录' })).toBeTruthy();
    expect(ledger.audits.map((a) => a.action)).toEqual(['network.exposed']);
    expect(ledger.audits[0]?.detail.interfaces).toEqual(interfaces);
  });

  it('is shown on the set-up wizard too', async () => {
    const api = createFakeApi({ interfaces: [{ name: 'eth0', addresses: ['10.0.0.5'] }] });
    const { container: c } = await bootApp(new FakeLedgerStore({ kind: 'empty' }), api);
    expect(getByRole(c, 'heading', { name: '初始设置' })).toBeTruthy();
    expect(getByRole(c, 'alert').textContent).toContain('eth0 (10.0.0.5)');
  });

  it('is absent when no interface is up', async () => {
    const ledger = new FakeLedgerStore();
    const { container: c } = await bootApp(ledger, createFakeApi());
    expect(queryAllByRole(c, 'alert')).toHaveLength(0);
    expect(ledger.audits).toHaveLength(0);
  });
});

describe('unreadable store', () => {
  it('explains, shows where the database is, and offers nothing that deletes', async () => {
    const ledger = new FakeLedgerStore({ kind: 'unreadable', reason: 'corrupt', detail: 'meta record failed authentication' });
    const { container: c } = await bootApp(ledger, createFakeApi({ userDataDir: '/home/bmy/.config/保密台账' }));
    expect(getByRole(c, 'heading', { name: '数据库无法读取' })).toBeTruthy();
    const text = textOf(c);
    expect(text).toContain('数据库已损坏或被篡改');
    expect(text).toContain('meta record failed authentication');
    expect(text).toContain('/home/bmy/.config/保密台账/IndexedDB');
    expect(text).toContain('没有修改、删除或覆盖');
    expect(text).toContain('保密办');
    const buttons = queryAllByRole(c, 'button').map((b) => b.textContent ?? '');
    expect(buttons.filter((b) => /删除|清空|重置|重新|delete|reset|clear/i.test(b))).toEqual([]);
    expect(buttons).toEqual(['中文', 'English']);
  });

  it('names the other reasons', async () => {
    for (const [reason, text] of [
      ['foreign', '该数据库不是本应用创建的'],
      ['newer', '数据库由更新版本的应用创建'],
    ] as const) {
      const { container: c } = await bootApp(new FakeLedgerStore({ kind: 'unreadable', reason, detail: 'x' }), createFakeApi());
      expect(textOf(c)).toContain(text);
      await cleanup();
    }
  });

  it('writes the location in the style of a Windows profile path', () => {
    expect(databaseLocation('C:\\Users\\bmy\\AppData\\Roaming\\保密台账')).toBe('C:\\Users\\bmy\\AppData\\Roaming\\保密台账\\IndexedDB');
    expect(databaseLocation('/tmp/p/')).toBe('/tmp/p/IndexedDB');
  });
});
