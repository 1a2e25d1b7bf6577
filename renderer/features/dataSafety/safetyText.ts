import { isMessageKey, type Translate } from '../../i18n';

/** A table's name as the office says it (账户, 审计日志, 载体 …), or its code when there is none. */
export function tableLabel(name: string, t: Translate): string {
  const key = `safety.table.${name}`;
  return isMessageKey(key) ? `${t(key)}` : name;
}

/** 1 234 567 → "1,234,567": counts of records are read at a glance. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Bytes as KB / MB / GB with one decimal. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

/** Whole percent, never 100 before the end. */
export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return done >= total ? 100 : Math.min(99, Math.floor((done / total) * 100));
}
