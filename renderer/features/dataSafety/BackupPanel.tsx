import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Refusal } from '../../../shared/result';
import type { BackupOutcome, BackupStatus } from '../../db/dataSafety/api';
import type { BackupProgress } from '../../db/dataSafety/backupWriter';
import { formatLocalTime, useT } from '../../i18n';
import { refusalFromError } from '../../session/refusalFromError';
import { useKeepAwake } from './useKeepAwake';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { Region } from '../../ui/Region';
import { TextField } from '../../ui/TextField';
import type { DataSafetyServices } from './dataSafetyServices';
import { ProgressBar } from './ProgressBar';
import { formatBytes, formatCount, percent } from './safetyText';

/**
 * 备份: when the last backup was made and where, the reminder interval, and 备份到… which asks
 * where to save (removable media) and writes one encrypted file with everything in the store.
 */
export function BackupPanel({ services }: { services: DataSafetyServices }) {
  const t = useT();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<BackupOutcome | null>(null);
  const awake = useKeepAwake();

  const load = useCallback(async () => {
    const r = await services.store.backupStatus();
    if (r.ok) setStatus(r.value);
    else setRefusal(r.error);
  }, [services]);
  useEffect(() => {
    void load();
  }, [load]);

  async function backup() {
    if (running) return;
    setRunning(true);
    setRefusal(null);
    setOutcome(null);
    setProgress(null);
    try {
      const r = await services.store.backup(
        (name) => services.openSink(name),
        (p) => {
          awake();
          setProgress(p);
        },
      );
      if (r.ok) setOutcome(r.value);
      else setRefusal(r.error);
    } catch (e) {
      setRefusal(refusalFromError(e));
    } finally {
      setRunning(false);
      setProgress(null);
      await load();
    }
  }

  return (
    <Region title={t('safety.backup.heading')}>
      <p className="note">{t('safety.backup.intro')}</p>
      <dl className="safety-facts">
        <dt>{t('safety.backup.last')}</dt>
        <dd>
          {status === null
            ? '…'
            : status.lastBackupAt
              ? t('safety.backup.lastAt', { at: formatLocalTime(status.lastBackupAt), path: status.lastBackupPath ?? '' })
              : t('safety.backup.never')}
        </dd>
      </dl>
      {status?.reminder.due && (
        <p className="alert note-important">
          {status.reminder.reason === 'never' ? t('safety.reminder.never') : t('safety.reminder.old', { days: status.reminder.days, limit: status.reminderDays })}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="button-primary" disabled={running} onClick={() => void backup()}>
          {running ? t('safety.backup.running') : t('safety.backup.start')}
        </button>
      </div>
      {running && progress && (
        <ProgressBar
          label={t('safety.backup.progressLabel')}
          done={progress.done}
          total={progress.total}
          text={t('safety.backup.progress', { done: formatCount(progress.done), total: formatCount(progress.total), percent: percent(progress.done, progress.total) })}
        />
      )}
      {running && !progress && (
        <p role="status" className="working">
          {t('safety.backup.waiting')}
        </p>
      )}
      {outcome && !outcome.saved && <p role="status">{t('safety.backup.cancelled')}</p>}
      {outcome?.saved && (
        <p role="status" className="alert alert-ok">
          {t('safety.backup.done', { path: outcome.path, size: formatBytes(outcome.bytes), rows: formatCount(outcome.rows) })}
        </p>
      )}
      <RefusalAlert refusal={refusal} />
      {status && <ReminderForm status={status} services={services} onSaved={setStatus} />}
    </Region>
  );
}

function ReminderForm({ status, services, onSaved }: { status: BackupStatus; services: DataSafetyServices; onSaved: (s: BackupStatus) => void }) {
  const t = useT();
  const [days, setDays] = useState(String(status.reminderDays));
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const r = await services.store.setReminderDays(Number(days));
    if (r.ok) {
      setRefusal(null);
      setSaved(true);
      onSaved(r.value);
    } else {
      setRefusal(r.error);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="safety-inline">
        <TextField label={t('safety.reminder.days')} type="number" min={1} max={365} value={days} onChange={setDays} />
        <button type="submit" className="button-secondary">
          {t('safety.reminder.save')}
        </button>
      </div>
      <p className="field-hint">{t('safety.reminder.hint')}</p>
      {saved && <p role="status">{t('safety.reminder.saved', { days: status.reminderDays })}</p>}
      <RefusalAlert refusal={refusal} />
    </form>
  );
}
