import { useT, type MessageKey } from '../../i18n';
import type { UnreadableInfo } from '../../session/session.store';
import { useSession } from '../../session/SessionContext';
import { GateLayout } from './GateLayout';

const REASON: Record<UnreadableInfo['reason'], MessageKey> = {
  foreign: 'unreadable.reason.foreign',
  corrupt: 'unreadable.reason.corrupt',
  newer: 'unreadable.reason.newer',
  upgradeFailed: 'unreadable.reason.upgradeFailed',
  error: 'unreadable.reason.error',
};

/** Where the database lives, in the separator style of the profile path (Windows or POSIX). */
export function databaseLocation(userDataDir: string): string {
  const sep = userDataDir.includes('\\') && !userDataDir.includes('/') ? '\\' : '/';
  return `${userDataDir.replace(/[\\/]+$/, '')}${sep}IndexedDB`;
}

/**
 * The store could not be read. Deliberately offers no way to reset or delete anything: the data
 * may be the unit's only ledger, and deciding what happened is the secrecy office's job. A backup
 * may be restored beside it (`onRestore`); the unreadable database is kept as it is.
 */
export function UnreadableStore({ onRestore }: { onRestore?: () => void } = {}) {
  const t = useT();
  const info = useSession((s) => s.unreadable);
  const appInfo = useSession((s) => s.appInfo);
  const path = appInfo ? databaseLocation(appInfo.userDataDir) : t('unreadable.locationUnknown');
  return (
    <GateLayout wide>
      <h1>{t('unreadable.heading')}</h1>
      {info && (
        <>
          <p className="lead">{t(REASON[info.reason])}</p>
          <p>{t('unreadable.detail', { detail: info.detail })}</p>
        </>
      )}
      <p>
        {t('unreadable.locationLabel')}
        <code className="path">{path}</code>
      </p>
      <p>{t('unreadable.untouched')}</p>
      <p className="alert alert-error">{t('unreadable.action')}</p>
      {onRestore && (
        <div className="actions">
          <button type="button" className="button-secondary" onClick={onRestore}>
            {t('safety.offer.restore')}
          </button>
        </div>
      )}
    </GateLayout>
  );
}
