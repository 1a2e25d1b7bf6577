import { buildApi } from '../../shared/ipc/api';
import { APP_ORIGIN, BINDING_NAME, type BridgeReply } from './bridge';

/**
 * The Chromium stand-in for electron/preload: runs in every frame before any page script (a
 * Playwright init script), takes the raw binding off `window`, and in the app's own top-level
 * document alone turns it into the same frozen `window.api` the Electron preload exposes.
 */
(() => {
  const scope = window as unknown as Record<string, unknown>;
  const raw = scope[BINDING_NAME];
  // Playwright puts the binding in every frame; no frame keeps it, page code only sees window.api.
  delete scope[BINDING_NAME];

  // Chromium's own print dialog (Ctrl+P, window.print) lists every printer the system knows,
  // network ones included; the app prints only through print:toPdf / print:toPrinter.
  window.addEventListener(
    'keydown',
    (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    },
    true,
  );
  Object.defineProperty(window, 'print', { value: () => undefined, writable: false, configurable: false });

  const isAppTop = window.top === window && location.origin === APP_ORIGIN && location.href.startsWith(`${APP_ORIGIN}/`);
  if (!isAppTop || typeof raw !== 'function') return;

  const call = raw as (channel: string, payload: unknown) => Promise<BridgeReply>;
  const api = buildApi(async (channel, payload) => {
    const reply = await call(channel, payload);
    if (reply.ok) return reply.value;
    // The UI maps the message, a stable code such as IPC_BAD_PAYLOAD, to Chinese text.
    throw new Error(reply.code);
  });
  Object.defineProperty(window, 'api', { value: api, writable: false, configurable: false, enumerable: true });
})();
