import type { Api, AppInfo, ExposedInterface, RefusedRequest } from '../../renderer/api';
import type { AdminStore, AuditStore, LedgerStore, SessionInfo, SessionWithRecoveryCode, SetupInput, StoreStatus } from '../../renderer/db/storeApi';
import type { PasswordChangeReason } from '../../shared/auth/accounts';
import { ok, refuse, type Result } from '../../shared/result';
import { fakeFileChannels } from './fakeFiles';

/**
 * An in-memory LedgerStore that follows the refusal rules of storeApi.ts closely enough for the
 * screens: set-up once, wrong passwords counted down to a lock, lock/unlock keeps the session.
 */
export interface FakeAccount {
  password: string;
  displayName: string;
  roles?: string[];
  mustChangePassword?: PasswordChangeReason;
  disabled?: boolean;
  failures?: number;
  lockedUntil?: string;
}

export class FakeLedgerStore implements LedgerStore {
  calls: string[] = [];
  audits: { action: string; detail: Record<string, unknown>; unlocked: boolean }[] = [];
  setupInputs: SetupInput[] = [];
  accounts = new Map<string, FakeAccount>();
  maxFailures = 5;
  unit = { name: '某某市保密局', code: 'BMJ-01' };
  /** Lets a test hold set-up or sign-in open to see the "working" state. */
  gate: Promise<void> = Promise.resolve();
  /** The refusal the next set-up returns instead of succeeding. */
  nextSetupRefusal: Result<never> | null = null;
  recoveryCode = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ12';
  /** The administration and audit services refuse here; their screens are tested on the real store. */
  readonly admin: AdminStore = refusing<AdminStore>(['listAccounts', 'createAccount', 'resetPassword', 'disableAccount', 'enableAccount', 'assignRoles', 'getPolicy', 'updatePolicy', 'replaceRecoveryCode', 'recordRecoveryCodePrint']);
  readonly auditTrail: AuditStore = refusing<AuditStore>(['query', 'verify', 'exportTrail', 'recordExport']);

  private statusValue: StoreStatus;
  private current: SessionInfo | null = null;
  private unlocked = false;

  constructor(status: StoreStatus = { kind: 'ready' }) {
    this.statusValue = status;
  }

  addAccount(username: string, account: FakeAccount): this {
    this.accounts.set(username, account);
    return this;
  }

  async status(): Promise<StoreStatus> {
    this.calls.push('status');
    return this.statusValue;
  }

  async setup(input: SetupInput): Promise<Result<SessionWithRecoveryCode>> {
    this.calls.push('setup');
    this.setupInputs.push(input);
    await this.gate;
    if (this.nextSetupRefusal) return this.nextSetupRefusal;
    if (this.statusValue.kind !== 'empty') return refuse('STORE_ALREADY_INITIALIZED');
    this.unit = { name: input.unitName, code: input.unitCode };
    this.accounts.set(input.adminUsername, { password: input.password, displayName: input.adminDisplayName, roles: ['sysadmin'] });
    this.accounts.set(input.secadmin.username, { password: input.secadmin.password, displayName: input.secadmin.displayName, roles: ['secadmin'] });
    this.accounts.set(input.auditor.username, { password: input.auditor.password, displayName: input.auditor.displayName, roles: ['auditor'] });
    this.statusValue = { kind: 'ready' };
    return ok({ ...this.open(input.adminUsername), recoveryCode: this.recoveryCode });
  }

  async recover(code: string, newPassword: string): Promise<Result<SessionWithRecoveryCode>> {
    this.calls.push('recover');
    await this.gate;
    if (code !== this.recoveryCode) return refuse('RECOVERY_CODE_WRONG', { remaining: 4 });
    const sysadmin = [...this.accounts].find(([, a]) => a.roles?.includes('sysadmin'));
    if (!sysadmin) return refuse('RECOVERY_NOT_AVAILABLE');
    sysadmin[1].password = newPassword;
    this.recoveryCode = 'NEW0-CODE-0000-0000-0000-0001';
    return ok({ ...this.open(sysadmin[0]), recoveryCode: this.recoveryCode });
  }

  async signIn(username: string, password: string): Promise<Result<SessionInfo>> {
    this.calls.push(`signIn:${username}`);
    await this.gate;
    const account = this.accounts.get(username);
    if (!account) return refuse('WRONG_CREDENTIALS');
    return this.check(username, account, password);
  }

  async lock(reason: 'manual' | 'idle' = 'manual'): Promise<void> {
    this.calls.push(`lock:${reason}`);
    this.unlocked = false;
  }

  async unlock(password: string): Promise<Result<SessionInfo>> {
    this.calls.push('unlock');
    await this.gate;
    if (!this.current) return refuse('WRONG_CREDENTIALS');
    const account = this.accounts.get(this.current.username);
    if (!account) return refuse('WRONG_CREDENTIALS');
    return this.check(this.current.username, account, password);
  }

  async signOut(): Promise<void> {
    this.calls.push('signOut');
    this.unlocked = false;
    this.current = null;
  }

  async changePassword(oldPassword: string, newPassword: string): Promise<Result<void>> {
    this.calls.push('changePassword');
    const account = this.current ? this.accounts.get(this.current.username) : undefined;
    if (!account || !this.current) return refuse('NOT_SIGNED_IN');
    if (account.password !== oldPassword) return refuse('WRONG_CREDENTIALS', { remaining: 4 });
    account.password = newPassword;
    delete account.mustChangePassword;
    this.current = { ...this.current, mustChangePassword: null };
    return ok(undefined);
  }

  async audit(action: string, detail: Record<string, unknown>): Promise<void> {
    this.audits.push({ action, detail, unlocked: this.unlocked });
  }

  isUnlocked(): boolean {
    return this.unlocked;
  }

  close(): void {
    this.calls.push('close');
  }

  private check(username: string, account: FakeAccount, password: string): Result<SessionInfo> {
    if (account.disabled) return refuse('ACCOUNT_DISABLED');
    if (account.lockedUntil) return refuse('ACCOUNT_LOCKED', { until: account.lockedUntil });
    if (account.password !== password) {
      account.failures = (account.failures ?? 0) + 1;
      const remaining = this.maxFailures - account.failures;
      if (remaining <= 0) {
        account.lockedUntil = '2030-01-01T08:30:00.000Z';
        return refuse('ACCOUNT_LOCKED', { until: account.lockedUntil });
      }
      return refuse('WRONG_CREDENTIALS', { remaining });
    }
    account.failures = 0;
    return ok(this.open(username));
  }

  private open(username: string): SessionInfo {
    const account = this.accounts.get(username);
    const current: SessionInfo = {
      accountId: `acc-${username}`,
      username,
      displayName: account?.displayName ?? username,
      // An account added without roles holds every business role (three 三员 come from set-up).
      roles: account?.roles ?? ['handler', 'determiner', 'clerk', 'approver'],
      unit: this.unit,
      level: 'confidential',
      mustChangePassword: account?.mustChangePassword ?? null,
      idleMinutes: 10,
      passwordMinLength: 8,
    };
    this.current = current;
    this.unlocked = true;
    return current;
  }
}

/** A service whose every method answers NOT_SIGNED_IN. */
function refusing<T>(methods: readonly (keyof T)[]): T {
  const out: Record<string, () => Promise<Result<never>>> = {};
  for (const m of methods) out[String(m)] = async () => refuse('NOT_SIGNED_IN');
  return out as T;
}

export interface FakeApiOptions {
  interfaces?: ExposedInterface[];
  refused?: RefusedRequest[];
  userDataDir?: string;
}

/** window.api as the preload would provide it, with call counts. */
export function createFakeApi(options: FakeApiOptions = {}): Api & {
  calls: string[];
  refused: RefusedRequest[];
  saved: { fileName: string; content: string }[];
  printJobs: { title: string; body: string; deviceName?: string; copies?: number }[];
} {
  const info: AppInfo = {
    version: '0.1.0-test',
    runtime: 'chromium',
    platform: 'linux',
    packaged: false,
    userDataDir: options.userDataDir ?? '/home/bmy/.config/secrecy-ledger',
  };
  const api = {
    calls: [] as string[],
    refused: [...(options.refused ?? [])],
    async appInfo() {
      api.calls.push('appInfo');
      return info;
    },
    async netCheck() {
      api.calls.push('netCheck');
      return { checkedAt: '2026-11-21T08:00:00.000Z', interfaces: options.interfaces ?? [] };
    },
    async shellDrainRefused() {
      api.calls.push('shellDrainRefused');
      const out = api.refused;
      api.refused = [];
      return out;
    },
    /** What the shell was asked to save, in order; the first save lands in /exports. */
    saved: [] as { fileName: string; content: string }[],
    async auditSaveExport(req: { fileName: string; content: string }) {
      api.calls.push('auditSaveExport');
      api.saved.push(req);
      return { saved: true as const, path: `/exports/${req.fileName}` };
    },
    /** Print jobs main was given. The "PDF" has as many pages as the job has sheets. */
    printJobs: [] as { title: string; body: string; deviceName?: string; copies?: number }[],
    async printToPdf(job: { title: string; css: string; body: string }) {
      api.calls.push('printToPdf');
      api.printJobs.push({ title: job.title, body: job.body });
      const pages = (job.body.match(/data-page="/g) ?? []).length;
      return { pdf: btoa(`%PDF-1.4 fake ${job.title.length} ${pages}`), pages };
    },
    async printPrinters() {
      api.calls.push('printPrinters');
      return { available: true, printers: [{ name: 'Local_USB', displayName: '本地 USB 打印机' }], refused: [{ name: '网络打印机', reason: 'network-uri' as const }] };
    },
    async printToPrinter(req: { title: string; css: string; body: string; deviceName: string; copies: number }) {
      api.calls.push('printToPrinter');
      api.printJobs.push({ title: req.title, body: req.body, deviceName: req.deviceName, copies: req.copies });
      return { ok: true as const };
    },
    /** Files on an in-memory removable medium (./fakeFiles.ts). */
    ...fakeFileChannels(),
  };
  return api;
}
