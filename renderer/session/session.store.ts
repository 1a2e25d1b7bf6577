import { createStore, type StoreApi } from 'zustand/vanilla';
import { assertNever, ok, type Refusal, type Result } from '../../shared/result';
import type { Api, AppInfo, ExposedInterface } from '../api';
import type { AdminStore, AuditStore, AuditVerification, LedgerStore, SessionInfo, SetupInput, StoreStatus } from '../db/storeApi';
import { refusalFromError } from './refusalFromError';

/**
 * The session: which screen the app is on, who is signed in, and the shell facts every screen
 * needs (app info, exposed network interfaces). Made by a factory around the store and the bridge
 * it is given, so every test gets its own and nothing here is a module singleton.
 */
export type Phase = 'loading' | 'setup' | 'signin' | 'unlocked' | 'locked' | 'unreadable';

export interface UnreadableInfo {
  /** The store's own reasons, plus `error` when opening it threw instead of answering. */
  reason: Extract<StoreStatus, { kind: 'unreadable' }>['reason'] | 'error';
  detail: string;
}

export interface SessionState {
  phase: Phase;
  appInfo: AppInfo | null;
  /** Interfaces that are up (违规外联): shown in a banner on every screen while non-empty. */
  exposed: ExposedInterface[];
  unreadable: UnreadableInfo | null;
  /** The signed-in (or locked) account; null before sign-in and after sign-out. */
  session: SessionInfo | null;
  /** A start-up self-check that could not run (the bridge failed), shown but not blocking. */
  startProblem: Refusal | null;
  /** Minutes without input before the screen locks: the test override, else the signed-in policy's. */
  idleMinutes: number;
  /**
   * A recovery code to show once (after set-up, or after the code was used), until the person
   * confirms it is copied and sealed. Kept through a lock, dropped at sign-out.
   */
  recoveryCode: PendingRecoveryCode | null;
  /** Accounts, roles and policy; every call is checked against the signed-in account's roles. */
  admin: AdminStore;
  /** The audit trail for the 安全审计员; every call is checked against the signed-in account's roles. */
  auditTrail: AuditStore;

  start(): Promise<void>;
  setup(input: SetupInput): Promise<Result<SessionInfo>>;
  signIn(username: string, password: string): Promise<Result<SessionInfo>>;
  /** Lost password: the recovery code gives the 系统管理员 a new one (and a new code to seal). */
  recover(code: string, newPassword: string): Promise<Result<SessionInfo>>;
  /** The signed-in account's own password; clears a forced change. */
  changePassword(oldPassword: string, newPassword: string): Promise<Result<void>>;
  /** The recovery code on screen was copied and sealed: stop showing it. */
  acknowledgeRecoveryCode(): void;
  /** Builds the audit export, has the shell save it (a save dialog), and audits where it went. */
  exportAuditTrail(): Promise<Result<AuditExportOutcome>>;
  unlock(password: string): Promise<Result<SessionInfo>>;
  lock(): Promise<void>;
  signOut(): Promise<void>;
  /** Called on user input; postpones the idle lock. */
  activity(): void;
  /** Stops the idle timer (app teardown, tests). */
  dispose(): void;
}

export type SessionStore = StoreApi<SessionState>;

/** A recovery code to show once: made at set-up, or the replacement after the old one was used. */
export interface PendingRecoveryCode {
  code: string;
  reason: 'setup' | 'recovered';
}

export type AuditExportOutcome = { saved: false } | { saved: true; path: string; count: number; verification: AuditVerification };

export interface SessionOptions {
  /** Minutes without input before the screen locks; fractions allowed so tests can be quick. */
  idleMinutes?: number;
  /** Clock for the idle timer, in ms. */
  now?: () => number;
}

export const DEFAULT_IDLE_MINUTES = 10;

export function createSessionStore(ledger: LedgerStore, api: Api, options: SessionOptions = {}): SessionStore {
  const idleOverride = options.idleMinutes;
  let idleMs = (idleOverride ?? DEFAULT_IDLE_MINUTES) * 60_000;
  const now = options.now ?? (() => Date.now());

  let started = false;
  let lastActivity = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * A lock or sign-out in progress. The screen changes at once (so data disappears immediately) and
   * the next sign-in or unlock waits for this, so keys are dropped before they are derived again.
   */
  let leaving: Promise<void> | null = null;

  async function afterLeaving(): Promise<void> {
    while (leaving) await leaving;
  }

  function leave(work: () => Promise<void>): Promise<void> {
    const p: Promise<void> = work().finally(() => {
      if (leaving === p) leaving = null;
    });
    leaving = p;
    return p;
  }

  const lockWithReason = (reason: 'idle' | 'manual') => ledger.lock(reason);

  const store = createStore<SessionState>()((set, get) => {
    function stopIdleTimer(): void {
      if (idleTimer !== undefined) clearTimeout(idleTimer);
      idleTimer = undefined;
    }

    // One timer per idle period, not per mouse move: activity only stamps the time, and the timer
    // re-arms itself for the remainder when it fires early.
    function armIdleTimer(delay: number): void {
      stopIdleTimer();
      idleTimer = setTimeout(onIdleTimer, Math.max(0, delay));
    }

    function onIdleTimer(): void {
      idleTimer = undefined;
      if (get().phase !== 'unlocked') return;
      const idle = now() - lastActivity;
      if (idle >= idleMs) void lockSession('idle');
      else armIdleTimer(idleMs - idle);
    }

    async function safeAudit(action: string, detail: Record<string, unknown>): Promise<void> {
      try {
        await ledger.audit(action, detail);
      } catch {
        // The audit trail is the store's job; a failure to record must not block the screen.
      }
    }

    async function checkNetwork(): Promise<void> {
      const result = await api.netCheck();
      set({ exposed: result.interfaces });
      if (result.interfaces.length > 0) {
        await safeAudit('network.exposed', { checkedAt: result.checkedAt, interfaces: result.interfaces });
      }
    }

    /** Moves the requests the shell refused into the audit trail, one entry each. */
    async function drainRefused(): Promise<void> {
      try {
        const refused = await api.shellDrainRefused();
        for (const r of refused) await safeAudit('shell.request_refused', { at: r.at, url: r.url, reason: r.reason });
      } catch {
        // Main keeps them until the next drain.
      }
    }

    async function enterUnlocked(session: SessionInfo): Promise<void> {
      lastActivity = now();
      const idleMinutes = idleOverride ?? session.idleMinutes;
      idleMs = idleMinutes * 60_000;
      set({ phase: 'unlocked', session, idleMinutes });
      armIdleTimer(idleMs);
      await drainRefused();
      try {
        // A cable may have been plugged in since start: check again at every sign-in and unlock.
        await checkNetwork();
      } catch {
        // Keep the last known answer.
      }
    }

    async function guarded(
      run: () => Promise<Result<SessionInfo & { recoveryCode?: string }>>,
      codeReason: PendingRecoveryCode['reason'] = 'setup',
    ): Promise<Result<SessionInfo>> {
      await afterLeaving();
      let result: Result<SessionInfo & { recoveryCode?: string }>;
      try {
        result = await run();
      } catch (e) {
        return { ok: false, error: refusalFromError(e) };
      }
      if (!result.ok) return result;
      // The recovery code stays out of the session object: it is shown once and then forgotten.
      const { recoveryCode, ...session } = result.value;
      if (recoveryCode !== undefined) set({ recoveryCode: { code: recoveryCode, reason: codeReason } });
      await enterUnlocked(session);
      return ok(session);
    }

    async function lockSession(reason: 'idle' | 'manual'): Promise<void> {
      if (get().phase !== 'unlocked') return;
      stopIdleTimer();
      // Hide the data first; then record what is pending while the chain is still open; then drop keys.
      set({ phase: 'locked' });
      await leave(async () => {
        await drainRefused();
        try {
          await lockWithReason(reason);
        } catch {
          // lock() only forgets keys; there is nothing to recover from.
        }
      });
    }

    return {
      phase: 'loading',
      appInfo: null,
      exposed: [],
      unreadable: null,
      session: null,
      startProblem: null,
      idleMinutes: idleOverride ?? DEFAULT_IDLE_MINUTES,
      recoveryCode: null,
      admin: ledger.admin,
      auditTrail: ledger.auditTrail,

      async start() {
        if (started) return;
        started = true;
        const [info, net] = await Promise.allSettled([api.appInfo(), api.netCheck()]);
        if (info.status === 'fulfilled') set({ appInfo: info.value });
        else set({ startProblem: refusalFromError(info.reason) });
        if (net.status === 'fulfilled') set({ exposed: net.value.interfaces });
        else set({ startProblem: refusalFromError(net.reason) });

        let status: StoreStatus;
        try {
          status = await ledger.status();
        } catch (e) {
          const r = refusalFromError(e);
          set({ phase: 'unreadable', unreadable: { reason: 'error', detail: String(r.params?.message ?? r.code) } });
          return;
        }
        // The store seals the entry while nobody is signed in; it joins the chain at the next unlock.
        if (net.status === 'fulfilled' && net.value.interfaces.length > 0 && status.kind !== 'unreadable') {
          await safeAudit('network.exposed', { checkedAt: net.value.checkedAt, interfaces: net.value.interfaces });
        }
        switch (status.kind) {
          case 'empty':
            set({ phase: 'setup' });
            return;
          case 'ready':
            set({ phase: 'signin' });
            return;
          case 'unreadable':
            set({ phase: 'unreadable', unreadable: { reason: status.reason, detail: status.detail } });
            return;
          default:
            assertNever(status);
        }
      },

      setup(input) {
        return guarded(() => ledger.setup(input));
      },

      signIn(username, password) {
        return guarded(() => ledger.signIn(username, password));
      },

      unlock(password) {
        return guarded(() => ledger.unlock(password));
      },

      recover(code, newPassword) {
        return guarded(() => ledger.recover(code, newPassword), 'recovered');
      },

      async changePassword(oldPassword, newPassword) {
        let result: Result<void>;
        try {
          result = await ledger.changePassword(oldPassword, newPassword);
        } catch (e) {
          return { ok: false, error: refusalFromError(e) };
        }
        const current = get().session;
        if (result.ok && current) set({ session: { ...current, mustChangePassword: null } });
        return result;
      },

      acknowledgeRecoveryCode() {
        set({ recoveryCode: null });
      },

      async exportAuditTrail() {
        try {
          const built = await ledger.auditTrail.exportTrail();
          if (!built.ok) return built;
          const { fileName, content, count, head, verification } = built.value;
          const saved = await api.auditSaveExport({ fileName, content });
          if (!saved.saved) return ok({ saved: false });
          const recorded = await ledger.auditTrail.recordExport({ path: saved.path, count, head });
          if (!recorded.ok) return recorded;
          return ok({ saved: true, path: saved.path, count, verification });
        } catch (e) {
          return { ok: false, error: refusalFromError(e) };
        }
      },

      lock() {
        return lockSession('manual');
      },

      async signOut() {
        const { phase } = get();
        if (phase !== 'unlocked' && phase !== 'locked') return;
        stopIdleTimer();
        set({ phase: 'signin', session: null, recoveryCode: null });
        const pending = leaving;
        await leave(async () => {
          if (pending) await pending;
          if (phase === 'unlocked') await drainRefused();
          try {
            await ledger.signOut();
          } catch {
            // Signing out only forgets keys and the session; there is nothing to recover from.
          }
        });
      },

      activity() {
        if (get().phase === 'unlocked') lastActivity = now();
      },

      dispose() {
        stopIdleTimer();
      },
    };
  });
  return store;
}
