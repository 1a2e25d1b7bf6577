import { describe, expect, it } from 'vitest';
import { afterFailure, canAttempt, DEFAULT_LOCK_POLICY, FRESH_ATTEMPTS } from '../../../shared/auth/lockout';

const NOW = new Date('2026-11-21T09:00:00Z');

describe('sign-in lockout', () => {
  it.each([
    [0, 4, false],
    [1, 3, false],
    [3, 1, false],
    [4, 0, true],
  ])('after %i earlier failures a wrong password leaves %i attempts (locks: %s)', (before, remaining, locks) => {
    const out = afterFailure({ failures: before, lockedUntil: null }, DEFAULT_LOCK_POLICY, NOW);
    expect(out.remaining).toBe(remaining);
    expect(out.lockedNow).toBe(locks);
    expect(out.state.lockedUntil).toBe(locks ? '2026-11-21T09:30:00.000Z' : null);
  });

  it('refuses any attempt while the lock runs, without spending a guess', () => {
    const r = canAttempt({ failures: 5, lockedUntil: '2026-11-21T09:30:00.000Z' }, NOW);
    expect(r).toEqual({ ok: false, error: { code: 'ACCOUNT_LOCKED', params: { until: '2026-11-21T09:30:00.000Z' } } });
  });

  it('starts afresh when the lock has run out', () => {
    expect(canAttempt({ failures: 5, lockedUntil: '2026-11-21T08:59:59.000Z' }, NOW)).toEqual({ ok: true, value: FRESH_ATTEMPTS });
  });

  it('honours a stricter policy set by the security administrator', () => {
    const out = afterFailure(FRESH_ATTEMPTS, { maxFailures: 1, lockMinutes: 60, idleMinutes: 5 }, NOW);
    expect(out).toMatchObject({ lockedNow: true, state: { lockedUntil: '2026-11-21T10:00:00.000Z' } });
  });
});
