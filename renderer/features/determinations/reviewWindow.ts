import { useState } from 'react';
import { DEFAULT_REVIEW_OPTIONS } from '../../../shared/determination/review';

const KEY = 'ledger.det.reviewWindowDays';

/**
 * How many days ahead the review queue looks (default 90). A preference of this computer's secrecy
 * office, not data: kept like the locale, in localStorage.
 */
export function useReviewWindow(): [number, (days: number) => void] {
  const [days, setDays] = useState<number>(() => {
    try {
      const n = Number(globalThis.localStorage?.getItem(KEY));
      return Number.isInteger(n) && n >= 1 && n <= 366 ? n : DEFAULT_REVIEW_OPTIONS.windowDays;
    } catch {
      return DEFAULT_REVIEW_OPTIONS.windowDays;
    }
  });
  const set = (n: number) => {
    if (!Number.isInteger(n) || n < 1 || n > 366) return;
    setDays(n);
    try {
      globalThis.localStorage?.setItem(KEY, String(n));
    } catch {
      // Unavailable storage: the choice lasts for this run.
    }
  };
  return [days, set];
}
