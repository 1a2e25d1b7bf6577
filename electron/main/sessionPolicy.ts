import type { Session } from 'electron';
import type { MainLog } from './log';
import { decideRequest, type RefusedLog } from './requestPolicy';

/** The parts of a Session the policy touches; a fake in tests. Optional ones vary by platform/version. */
export type HardenableSession = Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setSpellCheckerEnabled' | 'on'> &
  Partial<Pick<Session, 'setDevicePermissionHandler' | 'setBluetoothPairingHandler' | 'setUSBProtectedClassesHandler'>>;

export interface HardenDeps {
  appOrigin: string;
  refused: RefusedLog;
  log: MainLog;
  now: () => Date;
}

const shortUrl = (url: string) => (url.length > 200 ? `${url.slice(0, 200)}…` : url);

/**
 * Locks a session down: every request the request policy refuses is cancelled before it leaves
 * (and recorded, so the renderer can put it in the audit trail), no permission or device is ever
 * granted, no download is ever saved, and the spell-checker (which downloads dictionaries) is off.
 */
export function hardenSession(session: HardenableSession, deps: HardenDeps): void {
  const { appOrigin, refused, log, now } = deps;

  session.webRequest.onBeforeRequest((details, callback) => {
    const decision = decideRequest(details.url, appOrigin);
    if (decision.allow) {
      callback({});
      return;
    }
    refused.record(now().toISOString(), details.url, decision.reason);
    log.warn('shell: refused request', { url: shortUrl(details.url), reason: decision.reason, resourceType: details.resourceType });
    callback({ cancel: true });
  });

  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    log.warn('shell: refused permission', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
  session.setBluetoothPairingHandler?.((_details, callback) => callback({ confirmed: false }));
  // Keep every USB class Chromium protects by default out of reach (returning the list unchanged).
  session.setUSBProtectedClassesHandler?.((details) => details.protectedClasses);

  // Device pickers: cancel instead of letting Electron pick a device or wait for one.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    log.warn('shell: refused HID device request');
    callback();
  });
  session.on('select-serial-port', (event, _ports, _webContents, callback) => {
    event.preventDefault();
    log.warn('shell: refused serial port request');
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    log.warn('shell: refused USB device request');
    callback();
  });

  session.on('will-download', (event, item) => {
    event.preventDefault();
    log.warn('shell: refused download', { url: shortUrl(item.getURL()) });
  });

  session.setSpellCheckerEnabled(false);
}
