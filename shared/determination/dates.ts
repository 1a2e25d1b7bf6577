import { addMonths } from '../ledger/classification';

/**
 * Calendar dates (`YYYY-MM-DD`, the unit's local date) for periods and review windows. The caller
 * passes in today's local date; nothing here reads a clock or knows a time zone.
 */
const DAY_MS = 86_400_000;

function utcDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function addDays(date: string, days: number): string {
  return new Date(utcDay(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS);
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
