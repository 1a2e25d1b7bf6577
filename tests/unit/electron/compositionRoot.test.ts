/**
 * Imports the real composition root (electron/main/index.ts) against a fake 'electron' module and
 * checks the wiring: what happens before ready, what on ready, and in what order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/ipc/channels';

const fake = vi.hoisted(() => {
  const calls: string[] = [];
  const listeners = new Map<string, ((...a: unknown[]) => unknown)[]>();
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));
  const state = {
    calls,
    listeners,
    resolveReady: () => resolveReady(),
    userData: '',
    switches: [] as [string, string | undefined][],
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, (...a: unknown[]) => unknown>(),
    windows: [] as { options: Record<string, unknown>; loaded?: string }[],
    menu: 'unset' as unknown,
    saveDialogs: [] as unknown[][],
    session: {
      beforeRequest: null as unknown,
      webRequest: { onBeforeRequest: (l: unknown) => { calls.push('session.onBeforeRequest'); state.session.beforeRequest = l; } },
      setPermissionRequestHandler: () => calls.push('session.setPermissionRequestHandler'),
      setPermissionCheckHandler: () => calls.push('session.setPermissionCheckHandler'),
      setDevicePermissionHandler: () => {},
      setBluetoothPairingHandler: () => {},
      setUSBProtectedClassesHandler: () => {},
      setSpellCheckerEnabled: (on: boolean) => calls.push(`session.setSpellCheckerEnabled(${on})`),
      on: () => {},
    },
  };
  const app = {
    commandLine: {
      appendSwitch: (name: string, value?: string) => state.switches.push([name, value]),
      getSwitchValue: () => '',
    },
    isPackaged: true,
    enableSandbox: () => calls.push('app.enableSandbox'),
    setPath: () => {},
    getPath: () => state.userData,
    requestSingleInstanceLock: () => true,
    on: (name: string, l: (...a: unknown[]) => unknown) => {
      listeners.set(name, [...(listeners.get(name) ?? []), l]);
    },
    whenReady: () => ready,
    quit: () => calls.push('app.quit'),
    exit: (code: number) => calls.push(`app.exit(${code})`),
  };
  class BrowserWindow {
    record: { options: Record<string, unknown>; loaded?: string };
    constructor(options: Record<string, unknown>) {
      calls.push('new BrowserWindow');
      this.record = { options };
      state.windows.push(this.record);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      calls.push('loadURL');
      this.record.loaded = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app,
    BrowserWindow,
    ipcMain: { handle: (ch: string, l: (...a: unknown[]) => unknown) => state.ipcHandlers.set(ch, l) },
    Menu: { setApplicationMenu: (m: unknown) => (state.menu = m), buildFromTemplate: (t: unknown) => t },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => {
        calls.push('protocol.registerSchemesAsPrivileged');
        state.schemes.push(...s);
      },
      handle: (scheme: string, h: (req: Request) => Promise<Response>) => {
        calls.push(`protocol.handle(${scheme})`);
        state.protocolHandlers.set(scheme, h);
      },
    },
    session: { defaultSession: state.session },
    dialog: {
      showSaveDialog: async (...args: unknown[]) => {
        state.saveDialogs.push(args);
        return { canceled: false, filePath: `${state.userData}/chosen.jsonl` };
      },
    },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { state } = fake;

describe('electron/main/index.ts (composition root)', () => {
  beforeAll(async () => {
    state.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-main-'));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    // Normally replaced at build time; the vitest `define` does not reach this project's modules.
    if (!('__APP_VERSION__' in globalThis)) vi.stubGlobal('__APP_VERSION__', '0.0.0-test');
    await import('../../../electron/main/index');
    state.calls.push('-- ready --');
    state.resolveReady();
    await vi.waitFor(() => expect(state.windows[0]?.loaded).toBeDefined());
  });
  afterAll(() => {
    fs.rmSync(state.userData, { recursive: true, force: true });
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('applies the switches, enables the sandbox and registers the app scheme before ready', () => {
    const ready = state.calls.indexOf('-- ready --');
    expect(state.switches.map(([n]) => n)).toContain('disable-background-networking');
    expect(state.calls.indexOf('app.enableSandbox')).toBeLessThan(ready);
    expect(state.calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(ready);
    expect(state.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('hardens the default session and serves app: before the window loads anything', () => {
    const order = (name: string) => state.calls.indexOf(name);
    expect(order('session.onBeforeRequest')).toBeGreaterThan(order('-- ready --'));
    expect(order('session.onBeforeRequest')).toBeLessThan(order('new BrowserWindow'));
    expect(order('protocol.handle(app)')).toBeLessThan(order('loadURL'));
    expect(state.calls).toContain('session.setSpellCheckerEnabled(false)');
  });

  it('registers an IPC handler for every channel', () => {
    expect([...state.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers app:info as the Electron runtime over IPC, only to the app page', async () => {
    const handler = state.ipcHandlers.get('app:info');
    const info = await handler?.({ senderFrame: { url: 'app://ledger/index.html', parent: null } }, undefined);
    expect(info).toMatchObject({ runtime: 'electron', packaged: true, userDataDir: state.userData });
    await expect(Promise.resolve(handler?.({ senderFrame: { url: 'https://example.com/', parent: null } }, undefined))).rejects.toThrow('IPC_UNTRUSTED_SENDER');
  });

  it('saves an audit export where the save dialog says, modal to the app window', async () => {
    const handler = state.ipcHandlers.get('audit:saveExport');
    const saved = await handler?.({ senderFrame: { url: 'app://ledger/index.html', parent: null } }, { fileName: 'audit-BM-0001-20261121-083000.jsonl', content: '{"type":"header"}\n' });
    expect(saved).toEqual({ saved: true, path: path.join(state.userData, 'chosen.jsonl') });
    expect(fs.readFileSync(path.join(state.userData, 'chosen.jsonl'), 'utf8')).toBe('{"type":"header"}\n');
    expect(state.saveDialogs).toHaveLength(1);
    // (window, options): the dialog belongs to the app window.
    expect(state.saveDialogs[0]?.[1]).toMatchObject({ defaultPath: expect.stringContaining('audit-BM-0001-20261121-083000.jsonl') });
  });

  it('opens one sandboxed window on app://ledger/index.html, with no menu in a packaged build', () => {
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0]?.loaded).toBe('app://ledger/index.html');
    expect(state.windows[0]?.options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false } });
    expect(state.menu).toBeNull();
  });

  it('guards every webContents and quits when the last window closes', () => {
    expect(state.listeners.get('web-contents-created')).toHaveLength(1);
    state.listeners.get('window-all-closed')?.[0]?.();
    expect(state.calls).toContain('app.quit');
  });

  it('writes its log under <userData>/logs', () => {
    const log = fs.readFileSync(path.join(state.userData, 'logs', 'main.log'), 'utf8');
    expect(log).toMatch(/^\S+Z INFO main: starting /);
  });

  it('serves the app files through the app: handler with the CSP header', async () => {
    const res = await state.protocolHandlers.get('app')?.(new Request('app://ledger/no-such-file.js'));
    expect(res?.status).toBe(404);
    expect(res?.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
