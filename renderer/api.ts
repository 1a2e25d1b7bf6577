import type { Api, ResponseOf } from '../shared/ipc/contract';

/**
 * `window.api` is put on the page by the preload (Electron) or the preload stand-in (Chromium),
 * both built from shared/ipc. The renderer sees only this typed surface, never ipcRenderer.
 */
declare global {
  interface Window {
    readonly api: Api;
  }
}

export type { Api };
export type AppInfo = ResponseOf<'app:info'>;
export type NetCheck = ResponseOf<'net:check'>;
export type ExposedInterface = NetCheck['interfaces'][number];
export type RefusedRequest = ResponseOf<'shell:drainRefused'>[number];

/** The page's bridge, or undefined when the page was opened outside the app (plain browser). */
export function findApi(w: Window): Api | undefined {
  return (w as Partial<Pick<Window, 'api'>>).api;
}
