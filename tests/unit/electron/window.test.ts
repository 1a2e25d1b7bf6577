import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import { applicationMenuTemplate, createSecureWindow, guardWebContents, secureWindowOptions, type GuardableContents } from '../../../electron/main/window';
import { FakeEmitter, fakeEvent, memoryLog } from './fakes';

const opts = { preloadPath: '/app/dist/electron/preload.cjs', devTools: false, title: '保密台账' };

describe('secureWindowOptions', () => {
  it('sandboxes the renderer and isolates its context, with no Node.js anywhere', () => {
    const wp = secureWindowOptions(opts).webPreferences;
    expect(wp).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      preload: opts.preloadPath,
    });
  });

  it('allows DevTools only when asked (development builds), and changes nothing else', () => {
    const packaged = secureWindowOptions({ ...opts, devTools: false });
    const dev = secureWindowOptions({ ...opts, devTools: true });
    expect(packaged.webPreferences?.devTools).toBe(false);
    expect(dev.webPreferences?.devTools).toBe(true);
    expect({ ...dev.webPreferences, devTools: false }).toEqual(packaged.webPreferences);
  });

  it('creates the window through the class it is given, with those options', () => {
    let seen: BrowserWindowConstructorOptions | undefined;
    class FakeWindow {
      constructor(o: BrowserWindowConstructorOptions) {
        seen = o;
      }
    }
    expect(createSecureWindow(FakeWindow, opts)).toBeInstanceOf(FakeWindow);
    expect(seen?.webPreferences?.sandbox).toBe(true);
    expect(seen?.title).toBe('保密台账');
  });
});

class FakeContents extends FakeEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  webrtcPolicy: string | null = null;
  setWindowOpenHandler(h: FakeContents['openHandler']) { this.openHandler = h; }
  setWebRTCIPHandlingPolicy(p: string) { this.webrtcPolicy = p; }
}

function guarded() {
  const contents = new FakeContents();
  const { log, warnings } = memoryLog();
  guardWebContents(contents as unknown as GuardableContents, APP_ORIGIN, log);
  return { contents, warnings };
}

describe('guardWebContents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s: refuses leaving the app for a remote page, a file or another scheme', (name) => {
    const { contents, warnings } = guarded();
    for (const url of ['https://example.com/', 'http://10.0.0.1/', 'file:///etc/passwd', 'data:text/html,<h1>x</h1>', 'app://other/index.html']) {
      const event = fakeEvent({ url });
      contents.emit(name, event);
      expect(event.defaultPrevented, url).toBe(true);
    }
    expect(warnings()).toHaveLength(5);
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s: lets the app move between its own pages', (name) => {
    const { contents, warnings } = guarded();
    const event = fakeEvent({ url: `${APP_ORIGIN}/index.html#/ledger` });
    contents.emit(name, event);
    expect(event.defaultPrevented).toBe(false);
    expect(warnings()).toEqual([]);
  });

  it('refuses every window.open, even to the app itself', () => {
    const { contents, warnings } = guarded();
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: `${APP_ORIGIN}/index.html` })).toEqual({ action: 'deny' });
    expect(warnings()).toHaveLength(2);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('cancels the Bluetooth device chooser instead of picking the first device', () => {
    const { contents } = guarded();
    const event = fakeEvent();
    let chosen: string | undefined;
    contents.emit('select-bluetooth-device', event, [{ deviceId: 'b1' }], (id: string) => (chosen = id));
    expect(event.defaultPrevented).toBe(true);
    expect(chosen).toBe('');
  });

  it('keeps WebRTC from sending UDP', () => {
    expect(guarded().contents.webrtcPolicy).toBe('disable_non_proxied_udp');
  });
});

describe('applicationMenuTemplate', () => {
  it('gives a packaged build no menu at all', () => {
    expect(applicationMenuTemplate(true)).toBeNull();
  });

  it('gives a development build no Help menu (whose items open a website)', () => {
    const tpl = applicationMenuTemplate(false) ?? [];
    expect(tpl.length).toBeGreaterThan(0);
    expect(tpl.some((item) => item.role === 'help' || item.role === 'about' || /help/i.test(item.label ?? ''))).toBe(false);
  });
});
