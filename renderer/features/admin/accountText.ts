import type { Account } from '../../../shared/auth/accounts';
import { CLEARANCE_LABEL_KEYS } from '../../../shared/auth/policy';
import { ROLE_LABEL_KEYS, type Role } from '../../../shared/auth/permissions';
import type { AccountView } from '../../db/storeApi';
import { formatLocalTime, type MessageKey, type Translate } from '../../i18n';

export function rolesText(roles: readonly Role[], t: Translate): string {
  if (roles.length === 0) return t('admin.roles.none');
  return roles.map((r) => t(ROLE_LABEL_KEYS[r] as MessageKey)).join(t('list.separator'));
}

export function levelText(level: Account['level'], t: Translate): string {
  return t(CLEARANCE_LABEL_KEYS[level] as MessageKey);
}

/** 启用 / 停用, and what else the administrator should know at a glance. */
export function statusText(a: AccountView, t: Translate): string {
  const parts = [t(a.status === 'active' ? 'admin.status.active' : 'admin.status.disabled')];
  if (a.status === 'active' && a.lockedUntil) parts.push(t('admin.status.locked', { until: formatLocalTime(a.lockedUntil) }));
  if (a.status === 'active' && a.mustChangePassword) parts.push(t('admin.status.mustChange'));
  return parts.join(t('list.separator'));
}

export function personText(a: Pick<Account, 'displayName' | 'username'>, t: Translate): string {
  return t('admin.person', { displayName: a.displayName, username: a.username });
}
