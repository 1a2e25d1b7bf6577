import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/ipc/channels';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import type { FileHandlers } from '../../../electron/main/fileTransfer';
import { createHandlers } from '../../../electron/main/handlers';
import { createDispatcher, type Handlers } from '../../../electron/main/ipcDispatch';
import { registerIpc, type InvokeEventLike, type IpcMainLike } from '../../../electron/main/ipcRegister';
import { createRefusedLog } from '../../../electron/main/requestPolicy';
import { memoryLog } from './fakes';
import { fakePrintService } from './printFakes';

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
  /** What Electron does on `ipcRenderer.invoke`: no handler → rejection. */
  const invoke = async (channel: string, event: InvokeEventLike, ...args: unknown[]) => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(event, ...args);
  };
  return { ipcMain, handlers, invoke };
}

const fromApp: InvokeEventLike = { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };

/** The file channels are tested in fileTransfer.test.ts; here they only have to exist. */
function refusingFiles(): FileHandlers {
  const nope = () => {
    throw new Error('not reached');
  };
  return { 'file:saveBegin': nope, 'file:saveAppend': nope, 'file:saveCommit': nope, 'file:saveAbort': nope, 'file:open': nope, 'file:read': nope, 'file:close': nope };
}

function setup(overrides: Partial<Handlers> = {}) {
  const { log, warnings } = memoryLog();
  const refused = createRefusedLog();
  const handlers = {
    ...createHandlers({
      version: '1.2.3',
      runtime: 'electron',
      platform: 'linux',
      packaged: false,
      userDataDir: '/profile',
      networkInterfaces: () => ({
        lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
      }),
      now: () => new Date('2026-01-02T03:04:05.000Z'),
      refused,
      saveExport: async ({ fileName }) => ({ saved: true, path: `/exports/${fileName}` }),
      print: fakePrintService().service,
      files: refusingFiles(),
    }),
    ...overrides,
  };
  const fake = fakeIpcMain();
  const registered = registerIpc(fake.ipcMain, createDispatcher(handlers, log), { appOrigin: APP_ORIGIN, log });
  return { ...fake, registered, warnings, refused };
}

describe('registerIpc', () => {
  it('registers a handler for every channel in CHANNELS, and for no other channel', () => {
    const { registered, handlers } = setup();
    expect([...registered].sort()).toEqual([...CHANNELS].sort());
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers a well-formed call from the app page through the shared dispatcher', async () => {
    const { invoke } = setup();
    await expect(invoke('app:info', fromApp, undefined)).resolves.toEqual({
      version: '1.2.3',
      runtime: 'electron',
      platform: 'linux',
      packaged: false,
      userDataDir: '/profile',
    });
    await expect(invoke('net:check', fromApp, undefined)).resolves.toEqual({ checkedAt: '2026-01-02T03:04:05.000Z', interfaces: [] });
  });

  it('refuses a malformed payload (net:check with {x:1}) with IPC_BAD_PAYLOAD and logs it', async () => {
    const { invoke, warnings } = setup();
    await expect(invoke('net:check', fromApp, { x: 1 })).rejects.toThrow('IPC_BAD_PAYLOAD');
    expect(warnings()).toEqual([expect.objectContaining({ message: 'ipc: refused malformed payload', detail: expect.objectContaining({ channel: 'net:check' }) })]);
  });

  it('refuses extra arguments beyond the one payload', async () => {
    const { invoke, warnings } = setup();
    await expect(invoke('app:info', fromApp, undefined, 'smuggled')).rejects.toThrow('IPC_BAD_PAYLOAD');
    expect(warnings()).toHaveLength(1);
  });

  it.each([
    ['a remote page', { url: 'https://example.com/', parent: null }],
    ['a file:// page', { url: 'file:///tmp/evil.html', parent: null }],
    ['another app: host', { url: 'app://other/index.html', parent: null }],
    ['a look-alike origin', { url: 'app://ledger.evil/index.html', parent: null }],
    ['a data: URL', { url: 'data:text/html,hi', parent: null }],
    ['a sub-frame of the app', { url: `${APP_ORIGIN}/index.html`, parent: {} }],
    ['a destroyed frame', null],
  ])('refuses a call from %s with IPC_UNTRUSTED_SENDER and logs it, without running the handler', async (_name, senderFrame) => {
    let ran = false;
    const { invoke, warnings } = setup({
      'shell:drainRefused': () => {
        ran = true;
        return [];
      },
    });
    await expect(invoke('shell:drainRefused', { senderFrame }, undefined)).rejects.toThrow('IPC_UNTRUSTED_SENDER');
    expect(ran).toBe(false);
    expect(warnings()).toEqual([expect.objectContaining({ message: 'ipc: refused untrusted sender' })]);
  });

  it('refuses an unknown channel: nothing is registered for it, and the dispatcher rejects it too', async () => {
    const { invoke, handlers } = setup();
    expect(handlers.has('fs:readFile')).toBe(false);
    await expect(invoke('fs:readFile', fromApp, '/etc/passwd')).rejects.toThrow(/No handler registered/);

    const { log, warnings } = memoryLog();
    const dispatch = createDispatcher(
      {
        'app:info': () => { throw new Error('not reached'); },
        'net:check': () => { throw new Error('not reached'); },
        'shell:drainRefused': () => [],
        'audit:saveExport': () => { throw new Error('not reached'); },
        'print:toPdf': () => { throw new Error('not reached'); },
        'print:printers': () => { throw new Error('not reached'); },
        'print:toPrinter': () => { throw new Error('not reached'); },
        ...refusingFiles(),
      },
      log,
    );
    await expect(dispatch('fs:readFile', '/etc/passwd')).rejects.toThrow('IPC_UNKNOWN_CHANNEL');
    expect(warnings()).toEqual([expect.objectContaining({ message: 'ipc: refused unknown channel' })]);
  });

  it('refuses to pass on a handler answer that does not match the contract (IPC_BAD_RESPONSE)', async () => {
    const { invoke, warnings } = setup({
      'shell:drainRefused': () => [{ at: 'now', url: 'x' }] as unknown as ReturnType<Handlers['shell:drainRefused']>,
    });
    await expect(invoke('shell:drainRefused', fromApp, undefined)).rejects.toThrow('IPC_BAD_RESPONSE');
    expect(warnings()).toHaveLength(1);
  });

  it('saves an audit export under the proposed file name and answers with the path', async () => {
    const { invoke } = setup();
    await expect(invoke('audit:saveExport', fromApp, { fileName: 'audit-BM-0001-20261121-083000.jsonl', content: '{}\n' })).resolves.toEqual({
      saved: true,
      path: '/exports/audit-BM-0001-20261121-083000.jsonl',
    });
  });

  it.each([
    ['a path instead of a name', '../../etc/cron.d/x.jsonl'],
    ['another extension', 'audit-BM-0001-20261121-083000.sh'],
    ['a name that is not an audit export', 'notes.jsonl'],
  ])('refuses an audit export with %s (IPC_BAD_PAYLOAD), before any dialog opens', async (_what, fileName) => {
    let asked = false;
    const { invoke } = setup({
      'audit:saveExport': async () => {
        asked = true;
        return { saved: false };
      },
    });
    await expect(invoke('audit:saveExport', fromApp, { fileName, content: 'x' })).rejects.toThrow('IPC_BAD_PAYLOAD');
    expect(asked).toBe(false);
  });

  it('hands the refused-request log to the renderer once, then empties it', async () => {
    const { invoke, refused } = setup();
    refused.record('2026-01-02T03:04:05.000Z', 'https://example.com/', 'outside-app');
    await expect(invoke('shell:drainRefused', fromApp, undefined)).resolves.toEqual([
      { at: '2026-01-02T03:04:05.000Z', url: 'https://example.com/', reason: 'outside-app' },
    ]);
    await expect(invoke('shell:drainRefused', fromApp, undefined)).resolves.toEqual([]);
  });
});
