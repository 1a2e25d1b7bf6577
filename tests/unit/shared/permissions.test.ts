import { describe, expect, it } from 'vitest';
import {
  ACTION_ROLES,
  ACTIONS,
  ADMIN_ROLES,
  allowedActions,
  authorize,
  BUSINESS_ROLES,
  checkRoleSet,
  isBusinessAction,
  type Action,
  type Role,
} from '../../../shared/auth/permissions';

const ROLES: readonly Role[] = [...ADMIN_ROLES, ...BUSINESS_ROLES];

/** Every (role, action) pair with the answer the table gives: the whole matrix, nothing sampled. */
const MATRIX = ROLES.flatMap((role) =>
  ACTIONS.map((action) => ({ role, action, allowed: (ACTION_ROLES[action] as readonly string[]).includes(role) })),
);

describe('permission matrix: every role × every action', () => {
  it.each(MATRIX)('$role → $action: allowed=$allowed', ({ role, action, allowed }) => {
    const r = authorize([role], action);
    if (allowed) expect(r).toEqual({ ok: true, value: undefined });
    else expect(r).toEqual({ ok: false, error: { code: 'NOT_PERMITTED', params: { action } } });
  });

  it('covers every action in the table and every role', () => {
    expect(MATRIX).toHaveLength(ROLES.length * Object.keys(ACTION_ROLES).length);
  });

  it('gives every action to at least one role, and only to roles that exist', () => {
    for (const action of ACTIONS) {
      const roles: readonly string[] = ACTION_ROLES[action];
      expect(roles.length, action).toBeGreaterThan(0);
      for (const r of roles) expect(ROLES, `${action}: ${r}`).toContain(r);
    }
  });

  it('an account with no role may do nothing', () => {
    expect(allowedActions([])).toEqual([]);
    for (const action of ACTIONS) expect(authorize([], action).ok, action).toBe(false);
  });

  it('roles add up: several business roles may do what each of them may', () => {
    const both = allowedActions(['handler', 'approver']);
    expect(both.sort()).toEqual([...new Set([...allowedActions(['handler']), ...allowedActions(['approver'])])].sort());
  });

  it('an unknown role string grants nothing', () => {
    for (const action of ACTIONS) expect(authorize(['superuser'], action).ok, action).toBe(false);
  });
});

describe('三员分立 in the table', () => {
  const business = ACTIONS.filter(isBusinessAction);

  it('names the ledger, determination, destruction and exchange actions as business', () => {
    for (const a of ['carrier.register', 'determination.decide', 'destruction.decide', 'exchange.export'] as Action[]) {
      expect(isBusinessAction(a), a).toBe(true);
    }
    for (const a of ['account.create', 'policy.update', 'audit.export', 'recovery.replace'] as Action[]) {
      expect(isBusinessAction(a), a).toBe(false);
    }
  });

  it.each(ADMIN_ROLES)('%s may perform no business action at all', (admin) => {
    expect(business.filter((a) => authorize([admin], a).ok)).toEqual([]);
  });

  it('each administrator has only their own area', () => {
    expect(allowedActions(['sysadmin']).filter((a) => !a.startsWith('account.') && !a.startsWith('recovery.') && a !== 'policy.read' && a !== 'store.backup' && a !== 'store.restore')).toEqual([]);
    expect(allowedActions(['secadmin']).sort()).toEqual(['account.assignRoles', 'account.read', 'policy.read', 'policy.update']);
    expect(allowedActions(['auditor']).sort()).toEqual(['audit.export', 'audit.read', 'audit.verify', 'print.document', 'store.integrityCheck']);
  });

  it('no business role reaches accounts, roles, policy, recovery, the audit trail or a restore', () => {
    // Shared with the administrators: printing, and the clerk's backup and integrity check.
    const shared: readonly Action[] = ['print.document', 'store.backup', 'store.integrityCheck'];
    for (const role of BUSINESS_ROLES) {
      expect(allowedActions([role]).filter((a) => !isBusinessAction(a) && !shared.includes(a)), role).toEqual([]);
    }
  });

  it('restores only the 系统管理员; backs up the 系统管理员 and the clerk; checks integrity the clerk and the auditor', () => {
    expect(ACTION_ROLES['store.restore']).toEqual(['sysadmin']);
    expect([...ACTION_ROLES['store.backup']].sort()).toEqual(['clerk', 'sysadmin']);
    expect([...ACTION_ROLES['store.integrityCheck']].sort()).toEqual(['auditor', 'clerk']);
  });

  it('no two administrators share an action', () => {
    const areas = ADMIN_ROLES.map((r) => new Set(allowedActions([r]).filter((a) => a !== 'print.document' && a !== 'account.read' && a !== 'policy.read')));
    for (let i = 0; i < areas.length; i++) {
      for (let j = i + 1; j < areas.length; j++) {
        expect([...(areas[i] as Set<Action>)].filter((a) => (areas[j] as Set<Action>).has(a))).toEqual([]);
      }
    }
  });
});

describe('checkRoleSet', () => {
  it.each([
    [['sysadmin'], null],
    [['handler', 'clerk', 'approver', 'determiner'], null],
    [[], null],
    [['sysadmin', 'auditor'], 'ROLES_ADMIN_COMBINED'],
    [['secadmin', 'auditor'], 'ROLES_ADMIN_COMBINED'],
    [['auditor', 'handler'], 'ROLES_ADMIN_WITH_BUSINESS'],
    [['clerk', 'secadmin'], 'ROLES_ADMIN_WITH_BUSINESS'],
  ] as const)('%j → %s', (roles, code) => {
    const r = checkRoleSet(roles);
    if (code === null) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, error: { code } });
  });
});
