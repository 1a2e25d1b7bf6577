import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, methodName } from '../../../shared/ipc/channels';

// The real 'electron' module is never loaded here: without the runtime it would try to download it.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, payload: unknown) => ({ channel, payload })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
  ipcRenderer: { invoke: electron.invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
}));

describe('preload', () => {
  beforeEach(async () => {
    electron.exposed.clear();
    vi.resetModules();
    await import('../../../electron/preload/index');
  });

  it('exposes exactly one global, window.api, and never ipcRenderer itself', () => {
    expect([...electron.exposed.keys()]).toEqual(['api']);
    const api = electron.exposed.get('api') as Record<string, unknown>;
    for (const raw of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer']) expect(api[raw]).toBeUndefined();
  });

  it('has one method per channel of the contract and nothing else', () => {
    const api = electron.exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(CHANNELS.map(methodName).sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each call on its own channel through ipcRenderer.invoke', async () => {
    const api = electron.exposed.get('api') as Record<string, (p?: unknown) => Promise<unknown>>;
    await expect(api.netCheck?.()).resolves.toEqual({ channel: 'net:check', payload: undefined });
    await expect(api.shellDrainRefused?.()).resolves.toEqual({ channel: 'shell:drainRefused', payload: undefined });
  });
});
