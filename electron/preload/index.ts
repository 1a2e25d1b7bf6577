/**
 * The sandboxed preload: turns the channel list into `window.api` and nothing else. The page gets
 * one frozen function per channel; it never sees `ipcRenderer`, so it can reach no channel the
 * contract does not declare. Kept free of zod and node:* so the sandbox can load it.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../../shared/ipc/api';

contextBridge.exposeInMainWorld(
  'api',
  buildApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
