import { useT } from '../../i18n';

/** Signed in, but the 安全保密管理员 has not given the account a role yet. */
export function NoRolesPage() {
  const t = useT();
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('noRoles.heading')}</h1>
      <p>{t('noRoles.text')}</p>
    </section>
  );
}
