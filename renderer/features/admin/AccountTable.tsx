import type { ReactNode } from 'react';
import type { AccountView } from '../../db/storeApi';
import { useT } from '../../i18n';
import { levelText, rolesText, statusText } from './accountText';

/** Every account, one row each; the last column holds what the screen lets its administrator do. */
export function AccountTable({ accounts, actions }: { accounts: readonly AccountView[]; actions: (a: AccountView) => ReactNode }) {
  const t = useT();
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('field.username')}</th>
          <th scope="col">{t('field.displayName')}</th>
          <th scope="col">{t('admin.col.roles')}</th>
          <th scope="col">{t('admin.col.level')}</th>
          <th scope="col">{t('admin.col.status')}</th>
          <th scope="col">{t('admin.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((a) => (
          <tr key={a.id} className={a.status === 'disabled' ? 'row-muted' : undefined}>
            <td>{a.username}</td>
            <td>{a.displayName}</td>
            <td>{rolesText(a.roles, t)}</td>
            <td>{levelText(a.level, t)}</td>
            <td>{statusText(a, t)}</td>
            <td className="cell-actions">{actions(a)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
