import { ok, refuse, type Result } from '../result';

/**
 * Roles. The three administrators (三员) are exclusive: an account holds at most one of them and
 * then no business role. Business roles may be combined; self-approval is refused per action by
 * the domain rules (the requester is never the approver), not here.
 */
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const;
export const BUSINESS_ROLES = ['handler', 'determiner', 'clerk', 'approver'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];
export type BusinessRole = (typeof BUSINESS_ROLES)[number];
export type Role = AdminRole | BusinessRole;

/** 系统管理员 / 安全保密管理员 / 安全审计员 / 承办人 / 定密责任人 / 保密员 / 单位负责人（审批人） */
export const ROLE_LABEL_KEYS: Record<Role, string> = {
  sysadmin: 'role.sysadmin',
  secadmin: 'role.secadmin',
  auditor: 'role.auditor',
  handler: 'role.handler',
  determiner: 'role.determiner',
  clerk: 'role.clerk',
  approver: 'role.approver',
};

/**
 * Every action the domain layer guards, with the roles that may perform it. Feature issues add
 * their actions here (one place, so the permission-matrix test covers all of them).
 */
export const ACTION_ROLES = {
  // 系统管理员: accounts only
  'account.create': ['sysadmin'],
  'account.disable': ['sysadmin'],
  'account.enable': ['sysadmin'],
  'account.resetPassword': ['sysadmin'],
  'recovery.replace': ['sysadmin'],
  // printing the recovery code (the sheet is audited, never kept: docs/decisions.md)
  'recovery.print': ['sysadmin'],
  // 系统管理员 and 安全保密管理员 both see the list of accounts (one to manage them, one to assign roles)
  'account.read': ['sysadmin', 'secadmin'],
  'policy.read': ['sysadmin', 'secadmin'],
  // 安全保密管理员: roles and policy only
  'account.assignRoles': ['secadmin'],
  'policy.update': ['secadmin'],
  // 安全审计员: the audit trail only
  'audit.read': ['auditor'],
  'audit.verify': ['auditor'],
  'audit.export': ['auditor'],
  // 载体台账
  'person.manage': ['clerk'],
  'carrier.register': ['handler', 'clerk'],
  'carrier.read': ['handler', 'clerk', 'approver', 'determiner'],
  'carrier.handOver': ['handler', 'clerk'],
  'carrier.copy': ['handler', 'clerk'],
  // the receiver of a hand-over confirms it in their own session, whatever their business role
  'carrier.confirmReceipt': ['handler', 'clerk', 'approver', 'determiner'],
  'carrier.correct': ['clerk'],
  'carrier.requestApproval': ['handler', 'clerk'],
  'carrier.decideApproval': ['approver'],
  'carrier.loan': ['clerk'],
  'carrier.recall': ['clerk'],
  'inventory.run': ['clerk'],
  'ledger.import': ['clerk'],
  // 定密
  'determination.draft': ['handler'],
  'determination.decide': ['determiner'],
  // 保密期限届满自动解密: the rules act, recorded when the 定密责任人 or the 保密员 signs in (or opens 定密)
  'determination.autoDeclassify': ['determiner', 'clerk'],
  // a decided determination recorded on the carriers it covers, by whoever made the decision take
  // effect: the determiner deciding, the handler linking a carrier to a live one, the clerk (or
  // determiner) in whose session a period ended
  'carrier.applyDetermination': ['handler', 'determiner', 'clerk'],
  'catalogue.edit': ['clerk'],
  // 销毁
  'destruction.request': ['handler', 'clerk'],
  'destruction.prepare': ['clerk'],
  'destruction.decide': ['approver'],
  // 数据交换
  'exchange.export': ['clerk'],
  'exchange.import': ['clerk'],
  // 打印 (what is printed is checked by the feature's own read permission as well)
  'print.document': ['handler', 'clerk', 'approver', 'determiner', 'auditor'],
  // 数据安全: backup by the 系统管理员 (system upkeep, 三员 practice) and the clerk who keeps the
  // ledger; restore (which replaces the whole store) by the 系统管理员 only; the integrity check by
  // the clerk and the auditor (issue 8). A backup is encrypted: whoever writes it reads nothing.
  'store.backup': ['sysadmin', 'clerk'],
  'store.restore': ['sysadmin'],
  'store.integrityCheck': ['clerk', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTION_ROLES;
export const ACTIONS = Object.keys(ACTION_ROLES) as Action[];

export function isAdminRole(r: string): r is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(r);
}

/** May an account with these roles perform the action? A refusal names the action. */
export function authorize(roles: readonly string[], action: Action): Result<void> {
  const allowed: readonly string[] = ACTION_ROLES[action];
  return roles.some((r) => allowed.includes(r)) ? ok(undefined) : refuse('NOT_PERMITTED', { action });
}

/**
 * The areas the administrators work in; every other action is business (ledger, determinations,
 * destruction, exchange, …), which no administrator may perform. Printing is shared: what is printed
 * is checked by the feature's own permission as well. So is the store's own safety (`store.`:
 * backup, restore, integrity check), which reads no content.
 */
const ADMIN_AREAS = ['account.', 'policy.', 'audit.', 'recovery.', 'print.', 'store.'] as const;

export function isBusinessAction(action: Action): boolean {
  return !ADMIN_AREAS.some((area) => action.startsWith(area));
}

/** Everything an account with these roles may do (navigation shows only these modules). */
export function allowedActions(roles: readonly string[]): Action[] {
  return ACTIONS.filter((a) => authorize(roles, a).ok);
}

/** 三员分立: at most one administrator role, and an administrator holds no business role. */
export function checkRoleSet(roles: readonly string[]): Result<void> {
  const admins = roles.filter(isAdminRole);
  if (admins.length > 1) return refuse('ROLES_ADMIN_COMBINED');
  if (admins.length === 1 && roles.length > 1) return refuse('ROLES_ADMIN_WITH_BUSINESS');
  return ok(undefined);
}
