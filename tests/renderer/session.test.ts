import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, type SessionStore } from '../../renderer/session/session.store';
import { createFakeApi, FakeLedgerStore } from './fakes';

const stores: SessionStore[] = [];
function make(...args: Parameters<typeof createSessionStore>): SessionStore {
  const s = createSessionStore(...args);
  stores.push(s);
  return s;
}

afterEach(() => {
  for (const s of stores.splice(0)) s.getState().dispose();
  vi.useRealTimers();
});

describe('session start', () => {
  it('goes to set-up for an empty store and to sign-in for an initialized one', async () => {
    const empty = make(new FakeLedgerStore({ kind: 'empty' }), createFakeApi());
    await empty.getState().start();
    expect(empty.getState().phase).toBe('setup');

    const ready = make(new FakeLedgerStore({ kind: 'ready' }), createFakeApi());
    await ready.getState().start();
    expect(ready.getState().phase).toBe('signin');
    expect(ready.getState().appInfo?.version).toBe('0.1.0-test');
  });

  it('shows an unreadable store with its reason, without touching it further', async () => {
    const ledger = new FakeLedgerStore({ kind: 'unreadable', reason: 'newer', detail: 'schema 9' });
    const s = make(ledger, createFakeApi());
    await s.getState().start();
    expect(s.getState().phase).toBe('unreadable');
    expect(s.getState().unreadable).toEqual({ reason: 'newer', detail: 'schema 9' });
    expect(ledger.calls).toEqual(['status']);
  });

  it('records exposed network interfaces in the audit trail (sealed while signed out)', async () => {
    const ledger = new FakeLedgerStore();
    const interfaces = [{ name: 'eth0', addresses: ['10.0.0.5'] }];
    const s = make(ledger, createFakeApi({ interfaces }));
    await s.getState().start();
    expect(s.getState().exposed).toEqual(interfaces);
    expect(ledger.audits).toEqual([
      { action: 'network.exposed', detail: { checkedAt: '2026-11-21T08:00:00.000Z', interfaces }, unlocked: false },
    ]);
  });

  it('keeps going when the bridge fails, and says why', async () => {
    const api = createFakeApi();
    api.netCheck = () => Promise.reject(new Error("Error invoking remote method 'net:check': IPC_UNTRUSTED_SENDER"));
    const s = make(new FakeLedgerStore(), api);
    await s.getState().start();
    expect(s.getState().phase).toBe('signin');
    expect(s.getState().startProblem).toEqual({ code: 'IPC_UNTRUSTED_SENDER' });
  });
});

describe('signing in', () => {
  it('moves the refused shell requests into the audit trail once unlocked', async () => {
    const ledger = new FakeLedgerStore().addAccount('zhang', { password: 'abc12345', displayName: '张三' });
    const refused = [{ at: '2026-11-21T08:01:00.000Z', url: 'https://example.com/', reason: 'outside-app' }];
    const s = make(ledger, createFakeApi({ refused }));
    await s.getState().start();
    const r = await s.getState().signIn('zhang', 'abc12345');
    expect(r.ok).toBe(true);
    expect(s.getState().phase).toBe('unlocked');
    expect(ledger.audits).toContainEqual({ action: 'shell.request_refused', detail: refused[0], unlocked: true });
  });

  it('returns the store refusal as a value and stays on sign-in', async () => {
    const ledger = new FakeLedgerStore().addAccount('zhang', { password: 'abc12345', displayName: '张三' });
    const s = make(ledger, createFakeApi());
    await s.getState().start();
    const r = await s.getState().signIn('zhang', 'wrong');
    expect(r).toEqual({ ok: false, error: { code: 'WRONG_CREDENTIALS', params: { remaining: 4 } } });
    expect(s.getState().phase).toBe('signin');
  });

  it('turns a thrown store error into an UNEXPECTED refusal', async () => {
    const ledger = new FakeLedgerStore();
    ledger.signIn = () => Promise.reject(new Error('disk gone'));
    const s = make(ledger, createFakeApi());
    await s.getState().start();
    expect(await s.getState().signIn('a', 'b')).toEqual({ ok: false, error: { code: 'UNEXPECTED', params: { message: 'disk gone' } } });
  });
});

describe('idle lock', () => {
  async function signedIn(idleMinutes?: number) {
    vi.useFakeTimers();
    const ledger = new FakeLedgerStore().addAccount('zhang', { password: 'abc12345', displayName: '张三' });
    const s = make(ledger, createFakeApi(), idleMinutes === undefined ? {} : { idleMinutes });
    await s.getState().start();
    await s.getState().signIn('zhang', 'abc12345');
    return { ledger, s };
  }

  it('locks after 10 idle minutes by default and keeps the session for unlocking', async () => {
    const { ledger, s } = await signedIn();
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(s.getState().phase).toBe('unlocked');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.getState().phase).toBe('locked');
    expect(ledger.calls).toContain('lock:idle');
    expect(ledger.isUnlocked()).toBe(false);
    expect(s.getState().session?.username).toBe('zhang');
  });

  it('activity postpones the lock', async () => {
    const { s } = await signedIn(10);
    await vi.advanceTimersByTimeAsync(8 * 60_000);
    s.getState().activity();
    await vi.advanceTimersByTimeAsync(8 * 60_000);
    expect(s.getState().phase).toBe('unlocked');
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(s.getState().phase).toBe('locked');
  });

  it('unlocks with the password and re-arms the timer', async () => {
    const { ledger, s } = await signedIn(1);
    await s.getState().lock();
    expect(s.getState().phase).toBe('locked');
    expect(ledger.calls).toContain('lock:manual');
    const wrong = await s.getState().unlock('nope');
    expect(wrong.ok).toBe(false);
    expect(s.getState().phase).toBe('locked');
    expect((await s.getState().unlock('abc12345')).ok).toBe(true);
    expect(s.getState().phase).toBe('unlocked');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.getState().phase).toBe('locked');
  });

  it('signing out forgets the session and stops the timer', async () => {
    const { ledger, s } = await signedIn(1);
    await s.getState().signOut();
    expect(s.getState().phase).toBe('signin');
    expect(s.getState().session).toBeNull();
    expect(ledger.calls).toContain('signOut');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(s.getState().phase).toBe('signin');
  });
});
