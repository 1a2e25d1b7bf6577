import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import { createRefusedLog } from '../../../electron/main/requestPolicy';
import { hardenSession, type HardenableSession } from '../../../electron/main/sessionPolicy';
import { FakeEmitter, fakeEvent, memoryLog } from './fakes';

type BeforeRequest = (details: { url: string; resourceType: string }, callback: (r: { cancel?: boolean }) => void) => void;

class FakeSession extends FakeEmitter {
  beforeRequest: BeforeRequest | null = null;
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  devicePermission: ((details: unknown) => boolean) | null = null;
  bluetoothPairing: ((details: unknown, cb: (r: { confirmed: boolean }) => void) => void) | null = null;
  spellChecker: boolean | null = null;
  webRequest = {
    onBeforeRequest: (listener: BeforeRequest) => {
      this.beforeRequest = listener;
    },
  };
  setPermissionRequestHandler(h: FakeSession['permissionRequest']) { this.permissionRequest = h; }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']) { this.permissionCheck = h; }
  setDevicePermissionHandler(h: FakeSession['devicePermission']) { this.devicePermission = h; }
  setBluetoothPairingHandler(h: FakeSession['bluetoothPairing']) { this.bluetoothPairing = h; }
  setSpellCheckerEnabled(on: boolean) { this.spellChecker = on; }
}

function setup() {
  const session = new FakeSession();
  const refused = createRefusedLog();
  const { log, warnings } = memoryLog();
  hardenSession(session as unknown as HardenableSession, { appOrigin: APP_ORIGIN, refused, log, now: () => new Date('2026-03-04T05:06:07.000Z') });
  const request = (url: string) => {
    let answer: { cancel?: boolean } | undefined;
    session.beforeRequest?.({ url, resourceType: 'xhr' }, (r) => (answer = r));
    return answer;
  };
  return { session, refused, warnings, request };
}

describe('hardenSession', () => {
  it('lets the app’s own files through untouched', () => {
    const { request, refused, warnings } = setup();
    expect(request(`${APP_ORIGIN}/index.html`)).toEqual({});
    expect(request(`${APP_ORIGIN}/assets/app.js`)).toEqual({});
    expect(refused.drain()).toEqual([]);
    expect(warnings()).toEqual([]);
  });

  it.each(['https://example.com/', 'http://192.168.1.10/', 'ws://10.0.0.1/', 'file:///etc/passwd', 'ftp://example.com/', 'app://other/x'])(
    'cancels a request to %s, records it for the audit trail and logs it',
    (url) => {
      const { request, refused, warnings } = setup();
      expect(request(url)).toEqual({ cancel: true });
      expect(refused.drain()).toEqual([{ at: '2026-03-04T05:06:07.000Z', url, reason: 'outside-app' }]);
      expect(warnings()).toEqual([expect.objectContaining({ message: 'shell: refused request', detail: expect.objectContaining({ url }) })]);
    },
  );

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])('denies a request for the %s permission', (permission) => {
    const { session, warnings } = setup();
    let granted: boolean | undefined;
    session.permissionRequest?.({}, permission, (g) => (granted = g), {});
    expect(granted).toBe(false);
    expect(warnings()).toEqual([expect.objectContaining({ message: 'shell: refused permission', detail: { permission } })]);
  });

  it('answers every permission check with false', () => {
    const { session } = setup();
    expect(session.permissionCheck?.(null, 'media', APP_ORIGIN, {})).toBe(false);
    expect(session.permissionCheck?.(null, 'clipboard-sanitized-write', APP_ORIGIN, {})).toBe(false);
  });

  it('denies devices and Bluetooth pairing', () => {
    const { session } = setup();
    expect(session.devicePermission?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
    let pairing: { confirmed: boolean } | undefined;
    session.bluetoothPairing?.({ deviceId: 'x', pairingKind: 'confirm' }, (r) => (pairing = r));
    expect(pairing).toEqual({ confirmed: false });
  });

  it('cancels HID, serial and USB device pickers instead of choosing a device', () => {
    const { session } = setup();
    const hid = fakeEvent();
    let hidAnswer: unknown = 'unset';
    session.emit('select-hid-device', hid, { deviceList: [{ deviceId: 'd1' }] }, (id?: string) => (hidAnswer = id));
    expect(hid.defaultPrevented).toBe(true);
    expect(hidAnswer).toBeUndefined();

    const serial = fakeEvent();
    let port: unknown;
    session.emit('select-serial-port', serial, [{ portId: 'p1' }], {}, (id: string) => (port = id));
    expect(serial.defaultPrevented).toBe(true);
    expect(port).toBe('');

    const usb = fakeEvent();
    let usbAnswer: unknown = 'unset';
    session.emit('select-usb-device', usb, { deviceList: [{ deviceId: 'u1' }] }, (id?: string) => (usbAnswer = id));
    expect(usb.defaultPrevented).toBe(true);
    expect(usbAnswer).toBeUndefined();
  });

  it('refuses every download', () => {
    const { session, warnings } = setup();
    const event = fakeEvent();
    session.emit('will-download', event, { getURL: () => 'blob:app://ledger/123' }, {});
    expect(event.defaultPrevented).toBe(true);
    expect(warnings()).toEqual([expect.objectContaining({ message: 'shell: refused download' })]);
  });

  it('switches the spell-checker (and so its dictionary downloads) off', () => {
    expect(setup().session.spellChecker).toBe(false);
  });

  it('still hardens a session that lacks the optional device handlers', () => {
    const bare = new FakeSession() as unknown as Record<string, unknown>;
    bare.setDevicePermissionHandler = undefined;
    bare.setBluetoothPairingHandler = undefined;
    const { log } = memoryLog();
    expect(() => hardenSession(bare as unknown as HardenableSession, { appOrigin: APP_ORIGIN, refused: createRefusedLog(), log, now: () => new Date() })).not.toThrow();
  });
});
