import { ok, refuse, type Result } from '../result';

/** How old the last backup may get before the app reminds (备份提醒), in days; configurable. */
export const DEFAULT_BACKUP_REMINDER_DAYS = 30;
export const MIN_BACKUP_REMINDER_DAYS = 1;
export const MAX_BACKUP_REMINDER_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

export type BackupReminder =
  | { due: false; days: number | null }
  /** `never`: the store has no backup at all; `old`: the last one is older than the limit. */
  | { due: true; reason: 'never'; days: null }
  | { due: true; reason: 'old'; days: number };

/**
 * Whether to remind: never backed up, or the last backup more than `maxAgeDays` ago. `days` is the
 * number of whole days since the last backup (a clock set back gives 0, not a negative age).
 */
export function backupReminder(lastBackupAt: string | null, now: Date, maxAgeDays: number): BackupReminder {
  if (lastBackupAt === null) return { due: true, reason: 'never', days: null };
  const last = Date.parse(lastBackupAt);
  if (Number.isNaN(last)) return { due: true, reason: 'never', days: null };
  const age = Math.max(0, now.getTime() - last);
  const days = Math.floor(age / DAY_MS);
  return age > maxAgeDays * DAY_MS ? { due: true, reason: 'old', days } : { due: false, days };
}

export function checkReminderDays(days: number): Result<number> {
  if (!Number.isInteger(days) || days < MIN_BACKUP_REMINDER_DAYS || days > MAX_BACKUP_REMINDER_DAYS) {
    return refuse('BACKUP_REMINDER_INVALID', { min: MIN_BACKUP_REMINDER_DAYS, max: MAX_BACKUP_REMINDER_DAYS });
  }
  return ok(days);
}
