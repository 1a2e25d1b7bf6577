import { describe, expect, it } from 'vitest';
import { printedValue } from '../../../shared/print/dates';

describe('dates on printouts', () => {
  it.each([
    ['2026-11-21', '2026年11月21日'],
    ['2026-05-01', '2026年5月1日'],
    ['2026-11-21 13:46', '2026年11月21日 13:46'],
    ['2026-11-21 13:46:05', '2026年11月21日 13:46:05'],
  ])('writes the date %s as the page header does: %s', (value, printed) => {
    expect(printedValue(value)).toBe(printed);
  });

  it.each([
    ['a registry number', '2026-机-0001'],
    ['a title with a date in it', '2026-11-21会议纪要'],
    ['a sentence with a date in it', '借出日期为 2026-11-21'],
    ['a number', '000001'],
    ['a recovery-code group', '2345-6789'],
    ['an empty value', ''],
  ])('leaves %s as it is', (_what, value) => {
    expect(printedValue(value)).toBe(value);
  });
});
