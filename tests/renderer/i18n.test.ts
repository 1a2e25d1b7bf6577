import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { en } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';
import {
  formatLocalTime,
  getLocale,
  interpolate,
  LOCALE_STORAGE_KEY,
  setLocale,
  t,
  translate,
  type Translate,
} from '../../renderer/i18n';
import { describeRefusal } from '../../renderer/i18n/refusals';
import { refusalFromError } from '../../renderer/session/refusalFromError';

const zh: Translate = (key, params) => translate('zh-CN', key, params);

describe('locale catalogs', () => {
  it('en and zh-CN have identical key sets', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('every message is non-empty and uses the same placeholders in both locales', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('English messages quote with English quotes and brackets, never Chinese ones (data inside them stays as written)', () => {
    const chinese = /[「」『』〔〕（）【】《》]/;
    const wrong = (Object.keys(en) as (keyof typeof en)[]).filter((key) => chinese.test(en[key]));
    expect(wrong).toEqual([]);
  });
});

describe('t', () => {
  afterEach(() => setLocale('zh-CN'));

  it('fills {name} placeholders and leaves unknown ones visible', () => {
    expect(interpolate('还可尝试 {remaining} 次', { remaining: 3 })).toBe('还可尝试 3 次');
    expect(interpolate('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });

  it('defaults to zh-CN and remembers a switch in localStorage', () => {
    expect(getLocale()).toBe('zh-CN');
    expect(t('signin.heading')).toBe('登录');
    setLocale('en');
    expect(t('signin.heading')).toBe('Sign in');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('refusal messages', () => {
  it('says how many attempts are left after a wrong password', () => {
    expect(describeRefusal({ code: 'WRONG_CREDENTIALS', params: { remaining: 3 } }, zh)).toBe(
      '密码错误，还可尝试 3 次；次数用尽后账户将被锁定。',
    );
  });

  it('does not reveal whether the login name exists when no count is given', () => {
    expect(describeRefusal({ code: 'WRONG_CREDENTIALS' }, zh)).toBe('登录名或密码错误，请检查后重新输入。');
  });

  it('names the local time until which a locked account stays locked', () => {
    const until = new Date(2030, 0, 2, 9, 5).toISOString();
    const msg = describeRefusal({ code: 'ACCOUNT_LOCKED', params: { until } }, zh);
    expect(msg).toContain('2030-01-02 09:05');
    expect(msg).toContain('安全保密管理员');
    expect(formatLocalTime('not a date')).toBe('not a date');
  });

  it('maps every code of the store and the shell to its own Chinese message', () => {
    const cases: [Parameters<typeof describeRefusal>[0], string][] = [
      [{ code: 'SETUP_INVALID_FIELD', params: { field: 'unitCode' } }, '单位代码只能包含'],
      [{ code: 'SETUP_SOMETHING_NEW', params: { field: 'adminUsername' } }, '登录名'],
      [{ code: 'STORE_ALREADY_INITIALIZED' }, '不能再次进行初始设置'],
      [{ code: 'ACCOUNT_DISABLED' }, '该账户已停用'],
      [{ code: 'NOT_SIGNED_IN' }, '请重新登录'],
      [{ code: 'STORE_NOT_INITIALIZED' }, '尚未完成初始设置'],
      [{ code: 'STORE_TAMPERED', params: { table: 'carriers', id: 'c-7' } }, '“carriers”中的记录 c-7'],
      [{ code: 'PASSWORD_WEAK', params: { minLength: 10 } }, '至少 10 位'],
      [{ code: 'IPC_BAD_PAYLOAD' }, '格式有误'],
      [{ code: 'IPC_UNKNOWN_CHANNEL' }, '不存在的功能'],
      [{ code: 'WRONG_CREDENTIALS', params: { remaining: 0 } }, '账户已被锁定'],
      [{ code: 'SOMETHING_ELSE' }, '错误代码：SOMETHING_ELSE'],
    ];
    for (const [refusal, expected] of cases) expect(describeRefusal(refusal, zh), refusal.code).toContain(expected);
  });

  it('recognizes an IPC refusal inside a rejected invoke', () => {
    const e = new Error("Error invoking remote method 'net:check': IpcRefusal: IPC_BAD_PAYLOAD");
    expect(refusalFromError(e)).toEqual({ code: 'IPC_BAD_PAYLOAD' });
    expect(refusalFromError(new Error('boom'))).toEqual({ code: 'UNEXPECTED', params: { message: 'boom' } });
  });
});

describe('index.html', () => {
  it('carries the shell CSP (minus frame-ancestors) and nothing inline', () => {
    const html = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    const expected = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(expected);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<style|style="/);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
