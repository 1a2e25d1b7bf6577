import { assertNever, ok, refuse, type Result } from '../result';

/**
 * 密级. `internal` is 工作秘密 (marked 内部 / “内部事项 注意保管”); `unclassified` is 非密. Codes
 * are English and stable: they are stored as plain index fields and in export bundles.
 */
export const LEVELS = ['top_secret', 'secret', 'confidential', 'internal', 'unclassified'] as const;
export type Level = (typeof LEVELS)[number];

/** The three levels of state secrets (国家秘密). */
export const STATE_SECRET_LEVELS = ['top_secret', 'secret', 'confidential'] as const satisfies readonly Level[];

export function isLevel(x: unknown): x is Level {
  return typeof x === 'string' && (LEVELS as readonly string[]).includes(x);
}

export function isStateSecret(level: Level): boolean {
  return (STATE_SECRET_LEVELS as readonly Level[]).includes(level);
}

/** Higher is more secret: comparing ranks is how clearance caps are checked. */
export function levelRank(level: Level): number {
  switch (level) {
    case 'top_secret':
      return 4;
    case 'secret':
      return 3;
    case 'confidential':
      return 2;
    case 'internal':
      return 1;
    case 'unclassified':
      return 0;
    default:
      return assertNever(level);
  }
}

/** The Chinese name, as printed in markings (密级标志). */
export function levelName(level: Level): string {
  switch (level) {
    case 'top_secret':
      return '绝密';
    case 'secret':
      return '机密';
    case 'confidential':
      return '秘密';
    case 'internal':
      return '内部';
    case 'unclassified':
      return '非密';
    default:
      return assertNever(level);
  }
}

/** One character for registry numbers (`2026-机-0001`). */
export function levelAbbrev(level: Level): string {
  switch (level) {
    case 'top_secret':
      return '绝';
    case 'secret':
      return '机';
    case 'confidential':
      return '秘';
    case 'internal':
      return '内';
    case 'unclassified':
      return '非';
    default:
      return assertNever(level);
  }
}

/**
 * 保密期限: a number of years or months, a date until which, or a condition for declassification
 * (解密条件) where no period can be fixed. Work secrets and non-secret items carry `none`.
 */
export type Period =
  | { kind: 'years'; years: number }
  | { kind: 'months'; months: number }
  | { kind: 'until'; date: string }
  | { kind: 'condition'; condition: string }
  | { kind: 'none' };

/** 绝密 30 年, 机密 20 年, 秘密 10 年 unless otherwise specified (保密法). */
export function defaultMaxYears(level: Level): number | null {
  switch (level) {
    case 'top_secret':
      return 30;
    case 'secret':
      return 20;
    case 'confidential':
      return 10;
    case 'internal':
    case 'unclassified':
      return null;
    default:
      return assertNever(level);
  }
}

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** `YYYY-MM-DD` plus whole months, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/**
 * Checks a period against the level. State secrets need a period (the default maximum may be
 * exceeded only with a stated legal basis); work secrets and non-secret items take none, except
 * that a work secret may name a date or condition at which it is released (解除).
 */
export function validatePeriod(level: Level, period: Period, exceedsDefaultBasis?: string): Result<Period> {
  const max = defaultMaxYears(level);
  switch (period.kind) {
    case 'none':
      return isStateSecret(level) ? refuse('PERIOD_REQUIRED') : ok(period);
    case 'years':
    case 'months': {
      const n = period.kind === 'years' ? period.years : period.months;
      if (!Number.isInteger(n) || n < 1 || n > 1200) return refuse('PERIOD_INVALID');
      if (!isStateSecret(level)) return refuse('PERIOD_NOT_FOR_LEVEL');
      const years = period.kind === 'years' ? n : n / 12;
      if (max !== null && years > max && !exceedsDefaultBasis?.trim()) return refuse('PERIOD_EXCEEDS_MAX', { max });
      return ok(period);
    }
    case 'until':
      if (!isIsoDate(period.date)) return refuse('PERIOD_INVALID');
      return level === 'unclassified' ? refuse('PERIOD_NOT_FOR_LEVEL') : ok(period);
    case 'condition':
      if (period.condition.trim().length < 2 || period.condition.length > 200) return refuse('PERIOD_INVALID');
      return level === 'unclassified' ? refuse('PERIOD_NOT_FOR_LEVEL') : ok({ kind: 'condition', condition: period.condition.trim() });
    default:
      return assertNever(period);
  }
}

/** The period as written after the star: `5年`, `6个月`, `2030年12月31日`, or the condition itself. */
export function periodText(period: Period): string {
  switch (period.kind) {
    case 'years':
      return `${period.years}年`;
    case 'months':
      return `${period.months}个月`;
    case 'until': {
      const [y, m, d] = period.date.split('-').map(Number);
      return `${y}年${m}月${d}日`;
    }
    case 'condition':
      return period.condition;
    case 'none':
      return '';
    default:
      return assertNever(period);
  }
}

/** 密级标志: `机密★5年`; a work secret is marked `内部`; a non-secret item carries none. */
export function marking(level: Level, period: Period): string {
  if (level === 'unclassified') return '';
  if (level === 'internal') return '内部';
  const p = periodText(period);
  return p ? `${levelName(level)}★${p}` : levelName(level);
}

/**
 * 知悉范围: named people (by id in the people directory), posts, departments, and outside units,
 * as narrow as possible. A person is within it when named, or when their post or department is.
 */
export interface Scope {
  personIds: string[];
  posts: string[];
  departments: string[];
  units: string[];
  note?: string;
}

export const EMPTY_SCOPE: Scope = { personIds: [], posts: [], departments: [], units: [] };

export function scopeIsEmpty(s: Scope): boolean {
  return s.personIds.length + s.posts.length + s.departments.length + s.units.length === 0 && !s.note?.trim();
}

export function validateScope(level: Level, scope: Scope): Result<Scope> {
  const clean = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter((x) => x.length > 0))];
  const out: Scope = {
    personIds: clean(scope.personIds),
    posts: clean(scope.posts),
    departments: clean(scope.departments),
    units: clean(scope.units),
    ...(scope.note?.trim() ? { note: scope.note.trim() } : {}),
  };
  if (isStateSecret(level) && scopeIsEmpty(out)) return refuse('SCOPE_REQUIRED');
  return ok(out);
}

/**
 * Is the person within the scope? Only named people, posts and departments can be checked; a
 * state secret whose scope names none of them (only outside units or a note) admits nobody here
 * without an approval, while an empty scope below state secrets restricts nobody.
 */
export function inScope(level: Level, scope: Scope, person: { id: string; post: string; department: string }): boolean {
  if (scope.personIds.length + scope.posts.length + scope.departments.length === 0) return !isStateSecret(level);
  return scope.personIds.includes(person.id) || scope.posts.includes(person.post) || scope.departments.includes(person.department);
}
