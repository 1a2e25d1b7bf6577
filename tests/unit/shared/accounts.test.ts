import { describe, expect, it } from 'vitest';
import {
  checkAssignRoles,
  checkDisable,
  checkEnable,
  checkReset,
  passwordChangeNeeded,
  validateNewAccount,
  type Account,
} from '../../../shared/auth/accounts';
import { checkNewPassword } from '../../../shared/auth/passwordRules';
import { DEFAULT_SECURITY_POLICY, passwordExpired, passwordRuleFor, policyChanges, validatePolicy, type SecurityPolicy } from '../../../shared/auth/policy';
import { formatRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_BYTES } from '../../../shared/auth/recoveryCode';
import { validateSetup, type SetupFields } from '../../../shared/setup';

const NOW = new Date('2026-11-21T09:00:00Z');

function account(over: Partial<Account> = {}): Account {
  return {
    id: 'a1',
    status: 'active',
    username: 'zhangsan',
    displayName: '张三',
    roles: [],
    level: 'confidential',
    createdAt: '2026-11-01T00:00:00Z',
    mustChangePassword: false,
    passwordChangedAt: '2026-11-20T00:00:00Z',
    ...over,
  };
}

describe('password rule by clearance level', () => {
  it('asks 8 / 10 / 12 characters for 秘密 / 机密 / 绝密 by default, letters and digits always', () => {
    expect(passwordRuleFor('confidential', DEFAULT_SECURITY_POLICY)).toEqual({ minLength: 8 });
    expect(passwordRuleFor('secret', DEFAULT_SECURITY_POLICY)).toEqual({ minLength: 10 });
    expect(passwordRuleFor('top_secret', DEFAULT_SECURITY_POLICY)).toEqual({ minLength: 12 });
  });

  it('refuses a new password equal to the old one, and a weak one with the minimum to meet', () => {
    expect(checkNewPassword('Abcdefg123', 'Abcdefg123', { minLength: 8 })).toEqual({ ok: false, error: { code: 'PASSWORD_UNCHANGED' } });
    expect(checkNewPassword('Abcdefg123', 'Abc123456', { minLength: 10 })).toEqual({ ok: false, error: { code: 'PASSWORD_WEAK', params: { minLength: 10 } } });
    expect(checkNewPassword('Abcdefg123', '1234567890', { minLength: 10 }).ok).toBe(false);
    expect(checkNewPassword('Abcdefg123', 'Newpass2026', { minLength: 10 }).ok).toBe(true);
  });
});

describe('security policy', () => {
  const with_ = (f: (p: SecurityPolicy) => void) => {
    const p = structuredClone(DEFAULT_SECURITY_POLICY);
    f(p);
    return p;
  };

  it('accepts the defaults', () => {
    expect(validatePolicy(DEFAULT_SECURITY_POLICY)).toEqual({ ok: true, value: DEFAULT_SECURITY_POLICY });
  });

  it.each([
    ['a 秘密 minimum below 8', (p: SecurityPolicy) => (p.password.minLength.confidential = 6), 'minLength.confidential'],
    ['a fractional lock duration', (p: SecurityPolicy) => (p.lock.lockMinutes = 1.5), 'lockMinutes'],
    ['no failures allowed before the lock', (p: SecurityPolicy) => (p.lock.maxFailures = 0), 'maxFailures'],
    ['an idle lock longer than an hour', (p: SecurityPolicy) => (p.lock.idleMinutes = 120), 'idleMinutes'],
    ['a negative password age', (p: SecurityPolicy) => (p.password.maxAgeDays = -1), 'maxAgeDays'],
    ['a value that is not a number', (p: SecurityPolicy) => (p.lock.maxFailures = Number.NaN), 'maxFailures'],
  ])('refuses %s, naming the field and its bounds', (_what, change, field) => {
    const r = validatePolicy(with_(change));
    expect(r).toMatchObject({ ok: false, error: { code: 'POLICY_INVALID', params: { field } } });
  });

  it('refuses a higher level with a shorter minimum than a lower one', () => {
    expect(validatePolicy(with_((p) => (p.password.minLength.top_secret = 9)))).toEqual({ ok: false, error: { code: 'POLICY_LENGTH_ORDER' } });
  });

  it('expires a password at the maximum age, and never with 0', () => {
    const p = DEFAULT_SECURITY_POLICY; // 30 days
    expect(passwordExpired('2026-10-22T09:00:00.001Z', p, NOW)).toBe(false);
    expect(passwordExpired('2026-10-22T09:00:00.000Z', p, NOW)).toBe(true);
    expect(passwordExpired('2000-01-01T00:00:00Z', with_((x) => (x.password.maxAgeDays = 0)), NOW)).toBe(false);
  });

  it('lists what changed as before/after pairs for the audit trail', () => {
    const after = with_((p) => {
      p.lock.maxFailures = 3;
      p.password.minLength.top_secret = 14;
    });
    expect(policyChanges(DEFAULT_SECURITY_POLICY, after)).toEqual({ maxFailures: [5, 3], 'minLength.top_secret': [12, 14] });
    expect(policyChanges(DEFAULT_SECURITY_POLICY, DEFAULT_SECURITY_POLICY)).toEqual({});
  });
});

describe('account rules', () => {
  it('validates a new account: login name, name, unique name, password', () => {
    const rule = { minLength: 8 };
    expect(validateNewAccount({ username: ' ZhangSan ', displayName: ' 张三 ', password: 'Chushi2026' }, [], rule)).toEqual({
      ok: true,
      value: { username: 'zhangsan', displayName: '张三', password: 'Chushi2026' },
    });
    expect(validateNewAccount({ username: '张三', displayName: '张三', password: 'Chushi2026' }, [], rule)).toMatchObject({ error: { code: 'ACCOUNT_INVALID_FIELD', params: { field: 'username' } } });
    expect(validateNewAccount({ username: 'zs', displayName: '', password: 'Chushi2026' }, [], rule)).toMatchObject({ error: { code: 'ACCOUNT_INVALID_FIELD' } });
    expect(validateNewAccount({ username: 'zhangsan', displayName: '张三', password: 'Chushi2026' }, ['ZhangSan'], rule)).toEqual({
      ok: false,
      error: { code: 'USERNAME_TAKEN', params: { username: 'zhangsan' } },
    });
    expect(validateNewAccount({ username: 'zhangsan', displayName: '张三', password: 'short1' }, [], rule)).toMatchObject({ error: { code: 'PASSWORD_WEAK' } });
  });

  it.each([
    ['one’s own account', 'a1', account(), 'ACCOUNT_SELF'],
    ['an administrator (the auditor)', 'sys', account({ roles: ['auditor'] }), 'ACCOUNT_ADMIN_FIXED'],
    ['an account already disabled', 'sys', account({ status: 'disabled' }), 'ACCOUNT_ALREADY_DISABLED'],
    ['a business account', 'sys', account({ roles: ['clerk'] }), null],
  ] as const)('disabling %s', (_what, actor, target, code) => {
    const r = checkDisable(actor, target);
    if (code === null) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, error: { code } });
  });

  it('re-enables only a disabled account, resets only someone else’s active one', () => {
    expect(checkEnable(account()).ok).toBe(false);
    expect(checkEnable(account({ status: 'disabled' })).ok).toBe(true);
    expect(checkReset('a1', account())).toEqual({ ok: false, error: { code: 'ACCOUNT_SELF' } });
    expect(checkReset('sys', account({ status: 'disabled' }))).toEqual({ ok: false, error: { code: 'ACCOUNT_DISABLED_TARGET' } });
    expect(checkReset('sys', account({ roles: ['secadmin'] })).ok).toBe(true);
  });

  it('assigns business roles only, in the table’s order, and never to an administrator', () => {
    expect(checkAssignRoles(account(), ['clerk', 'handler', 'clerk'])).toEqual({ ok: true, value: ['handler', 'clerk'] });
    expect(checkAssignRoles(account(), [])).toEqual({ ok: true, value: [] });
    expect(checkAssignRoles(account(), ['auditor'])).toEqual({ ok: false, error: { code: 'ROLES_NOT_ASSIGNABLE' } });
    expect(checkAssignRoles(account(), ['handler', 'sysadmin'])).toEqual({ ok: false, error: { code: 'ROLES_ADMIN_WITH_BUSINESS' } });
    expect(checkAssignRoles(account(), ['boss'])).toEqual({ ok: false, error: { code: 'ROLES_NOT_ASSIGNABLE' } });
    expect(checkAssignRoles(account({ roles: ['secadmin'] }), ['handler'])).toEqual({ ok: false, error: { code: 'ACCOUNT_ADMIN_FIXED' } });
    expect(checkAssignRoles(account({ status: 'disabled' }), ['handler'])).toEqual({ ok: false, error: { code: 'ACCOUNT_DISABLED_TARGET' } });
  });

  it('asks for a new password at sign-in after a reset, when expired, and when below the level’s rule', () => {
    const p = DEFAULT_SECURITY_POLICY;
    expect(passwordChangeNeeded(account(), 'Chushi2026', p, NOW)).toBeNull();
    expect(passwordChangeNeeded(account({ mustChangePassword: true }), 'Chushi2026', p, NOW)).toBe('reset');
    expect(passwordChangeNeeded(account({ passwordChangedAt: '2026-09-01T00:00:00Z' }), 'Chushi2026', p, NOW)).toBe('expired');
    expect(passwordChangeNeeded(account({ level: 'top_secret' }), 'Chushi2026', p, NOW)).toBe('weak');
    expect(passwordChangeNeeded(account({ level: 'top_secret' }), 'Chushi2026abc', p, NOW)).toBeNull();
  });
});

describe('recovery code', () => {
  it('writes 120 random bits as six groups of four unambiguous characters', () => {
    const code = formatRecoveryCode(new Uint8Array(RECOVERY_CODE_BYTES).fill(0xff));
    expect(code).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(formatRecoveryCode(new Uint8Array(RECOVERY_CODE_BYTES))).toBe('0000-0000-0000-0000-0000-0000');
    const mixed = formatRecoveryCode(Uint8Array.from({ length: RECOVERY_CODE_BYTES }, (_, i) => i * 17));
    expect(mixed).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(() => formatRecoveryCode(new Uint8Array(4))).toThrow();
  });

  it('reads what was typed: any case, with or without hyphens and spaces, O as 0 and I/L as 1', () => {
    expect(normalizeRecoveryCode('mn4b yfsj-sybc hbrv yn69 ene0')).toBe('MN4B-YFSJ-SYBC-HBRV-YN69-ENE0');
    expect(normalizeRecoveryCode('MN4BYFSJSYBCHBRVYN69ENEO')).toBe('MN4B-YFSJ-SYBC-HBRV-YN69-ENE0');
    expect(normalizeRecoveryCode('IL00-0000-0000-0000-0000-0000')).toBe('1100-0000-0000-0000-0000-0000');
    expect(normalizeRecoveryCode('MN4B-YFSJ')).toBeNull();
    expect(normalizeRecoveryCode('UUUU-0000-0000-0000-0000-0000')).toBeNull();
  });
});

describe('set-up with the three administrators', () => {
  const input: SetupFields = {
    unitName: '某市保密局',
    unitCode: 'BMJ-01',
    adminUsername: 'sysadmin',
    adminDisplayName: '王系统',
    password: 'Xitong2026',
    secadmin: { username: 'anquan', displayName: '李安全', password: 'Anquan2026' },
    auditor: { username: 'shenji', displayName: '赵审计', password: 'Shenji2026' },
  };

  it('accepts three different people with three passwords', () => {
    expect(validateSetup(input).ok).toBe(true);
  });

  it.each([
    ['the auditor with the system administrator’s login name', { auditor: { ...input.auditor, username: 'SysAdmin' } }, 'SETUP_USERNAME_REPEATED', 'auditor.username'],
    ['the security administrator with the system administrator’s password', { secadmin: { ...input.secadmin, password: 'Xitong2026' } }, 'SETUP_PASSWORD_REPEATED', 'secadmin.password'],
    ['the auditor with the security administrator’s password', { auditor: { ...input.auditor, password: 'Anquan2026' } }, 'SETUP_PASSWORD_REPEATED', 'auditor.password'],
    ['a weak auditor password', { auditor: { ...input.auditor, password: 'shenji' } }, 'PASSWORD_WEAK', 'auditor.password'],
    ['no security administrator name', { secadmin: { ...input.secadmin, displayName: ' ' } }, 'SETUP_INVALID_FIELD', 'secadmin.displayName'],
  ])('refuses %s, naming the field', (_what, change, code, field) => {
    expect(validateSetup({ ...input, ...change })).toMatchObject({ ok: false, error: { code, params: { field } } });
  });
});
