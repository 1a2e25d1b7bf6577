import { authorize } from '../../../shared/auth/permissions';
import { useT } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { AccountsAdmin } from './AccountsAdmin';
import { PolicyAdmin } from './PolicyAdmin';
import { RolesAdmin } from './RolesAdmin';

/**
 * 系统管理: what the signed-in administrator's role allows — accounts for the 系统管理员, roles and
 * policy for the 安全保密管理员 (三员分立). Each action is checked again by the store.
 */
export function AdminPage() {
  const t = useT();
  const roles = useSession((s) => s.session?.roles ?? []);
  if (authorize(roles, 'account.create').ok) return <AccountsAdmin />;
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('admin.secadmin.heading')}</h1>
      {authorize(roles, 'account.assignRoles').ok && <RolesAdmin />}
      {authorize(roles, 'policy.update').ok && <PolicyAdmin />}
    </section>
  );
}
