import { useEffect, useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import type { BackupReminder as Reminder } from '../../../shared/backup/reminder';
import { useT } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { useDataSafety } from './dataSafetyServices';

/**
 * 备份提醒: above every page, for those who back up, while the last backup is older than the
 * configured age (default 30 days) or there is none. Asked once per sign-in and page visit.
 */
export function BackupReminder({ onOpen }: { onOpen: () => void }) {
  const t = useT();
  const services = useDataSafety();
  const roles = useSession((s) => s.session?.roles ?? []);
  const allowed = authorize(roles, 'store.backup').ok;
  const [state, setState] = useState<{ reminder: Reminder; limit: number } | null>(null);
  useEffect(() => {
    if (!services || !allowed) return;
    let live = true;
    services.store.backupStatus().then(
      (r) => {
        if (live && r.ok) setState({ reminder: r.value.reminder, limit: r.value.reminderDays });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [services, allowed]);
  if (!state?.reminder.due) return null;
  const text = state.reminder.reason === 'never' ? t('safety.reminder.never') : t('safety.reminder.old', { days: state.reminder.days, limit: state.limit });
  return (
    <div role="note" aria-label={t('safety.reminder.label')} className="alert note-important safety-reminder">
      <span>{text}</span>
      <button type="button" className="button-secondary" onClick={onOpen}>
        {t('safety.reminder.open')}
      </button>
    </div>
  );
}
