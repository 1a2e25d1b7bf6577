import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, WebContents } from 'electron';
import { isAppUrl } from './appProtocol';
import type { MainLog } from './log';

export interface SecureWindowOptions {
  preloadPath: string;
  /** Only in development builds; a packaged app never opens DevTools. */
  devTools: boolean;
  title: string;
}

/**
 * The one set of window options the app uses. No test or development mode relaxes any of the
 * isolation settings — only DevTools differs between a packaged and a development build.
 */
export function secureWindowOptions(opts: SecureWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: opts.title,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: opts.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      spellcheck: false,
      devTools: opts.devTools,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** Creates the window from the BrowserWindow class passed in (a fake class in tests). */
export function createSecureWindow<W>(BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => W, opts: SecureWindowOptions): W {
  return new BrowserWindowClass(secureWindowOptions(opts));
}

export type GuardableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'> & Partial<Pick<WebContents, 'setWebRTCIPHandlingPolicy'>>;

/**
 * Applied to every webContents as it is created: no navigation away from the app, no new windows,
 * no <webview>, no Bluetooth device chooser, and WebRTC kept off the network.
 */
export function guardWebContents(contents: GuardableContents, appOrigin: string, log: MainLog): void {
  const refuseNavigation = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isAppUrl(event.url, appOrigin)) return;
    event.preventDefault();
    log.warn('shell: refused navigation', { kind, url: event.url.slice(0, 200) });
  };
  contents.on('will-navigate', refuseNavigation('will-navigate'));
  contents.on('will-redirect', refuseNavigation('will-redirect'));
  contents.on('will-frame-navigate', refuseNavigation('will-frame-navigate'));

  contents.setWindowOpenHandler((details) => {
    log.warn('shell: refused new window', { url: details.url.slice(0, 200) });
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('shell: refused webview');
  });

  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    log.warn('shell: refused Bluetooth device request');
    callback('');
  });

  // Without a proxy this leaves WebRTC no way to send UDP (no STUN, no local-address leaks).
  contents.setWebRTCIPHandlingPolicy?.('disable_non_proxied_udp');
}

/**
 * The application menu: none in a packaged build; in development the standard menus without
 * Help, whose default items open electronjs.org in a browser.
 */
export function applicationMenuTemplate(packaged: boolean): MenuItemConstructorOptions[] | null {
  if (packaged) return null;
  return [{ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }];
}
