import { authorize } from '../../../shared/auth/permissions';
import { useT } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { Region } from '../../ui/Region';
import { BackupPanel } from './BackupPanel';
import './dataSafety.css';
import { useDataSafety } from './dataSafetyServices';
import { IntegrityPanel } from './IntegrityPanel';
import { RestoreFlow } from './RestoreFlow';

/**
 * 数据安全: backup (系统管理员, 保密员), integrity check (保密员, 安全审计员), restore (系统管理员).
 * Each part shows only to the roles it is for; the store checks each call again.
 */
export function DataSafetyPage() {
  const t = useT();
  const services = useDataSafety();
  const roles = useSession((s) => s.session?.roles ?? []);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('safety.heading')}</h1>
      <p className="note">{t('safety.intro')}</p>
      {!services && <p className="alert alert-error">{t('safety.unavailable')}</p>}
      {services && authorize(roles, 'store.backup').ok && <BackupPanel services={services} />}
      {services && authorize(roles, 'store.integrityCheck').ok && <IntegrityPanel services={services} />}
      {services && authorize(roles, 'store.restore').ok && (
        <Region title={t('safety.restore.heading')}>
          <RestoreFlow services={services} replacing />
        </Region>
      )}
    </section>
  );
}
