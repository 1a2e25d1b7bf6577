import { CHANNELS, methodName, type Channel } from './channels';

/**
 * Builds `window.api` from the channel list around a transport (ipcRenderer.invoke in Electron,
 * a CDP binding in the Chromium stand-in). Both preloads use this, so they cannot drift.
 */
export function buildApi(invoke: (channel: Channel, payload: unknown) => Promise<unknown>): Record<string, (payload?: unknown) => Promise<unknown>> {
  const api: Record<string, (payload?: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNELS) {
    api[methodName(channel)] = (payload?: unknown) => invoke(channel, payload);
  }
  return Object.freeze(api);
}
