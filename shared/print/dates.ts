import { chineseDate } from './paginate';

/** A whole value that is a local date, or a date and a time (2026-11-21, 2026-11-21 13:46). */
const DATE_VALUE = /^(\d{4}-\d{2}-\d{2})((?: \d{2}:\d{2}(?::\d{2})?)?)$/;

/**
 * A field's or a table cell's value as a printout writes it: a date the way every page header
 * writes the date (2026年11月21日, with its time after it when it has one), anything else as it is.
 * The print sheets apply it to every field and cell (measured and printed alike), so no printout can
 * write dates a second way. Only a whole value is a date: one inside a title or a sentence is the
 * writer's text and is left alone.
 */
export function printedValue(value: string): string {
  const m = DATE_VALUE.exec(value);
  return m?.[1] ? `${chineseDate(m[1])}${m[2] ?? ''}` : value;
}
