import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/appProtocol';
import { createRefusedLog, decideRequest } from '../../../electron/main/requestPolicy';

describe('decideRequest', () => {
  it.each([
    [`${APP_ORIGIN}/index.html`, 'app'],
    [`${APP_ORIGIN}/assets/index-abc123.js`, 'app'],
    [`${APP_ORIGIN}/assets/argon2.wasm`, 'app'],
    ['data:image/png;base64,iVBORw0KGgo=', 'inline'],
    [`blob:${APP_ORIGIN}/0b8f6c1e-1111-2222-3333-444455556666`, 'inline'],
  ])('allows the app’s own resource %s', (url, reason) => {
    expect(decideRequest(url, APP_ORIGIN)).toEqual({ allow: true, reason });
  });

  it.each([
    ['http://example.com/', 'outside-app'],
    ['https://example.com/', 'outside-app'],
    ['https://ledger/index.html', 'outside-app'],
    ['ws://example.com/socket', 'outside-app'],
    ['wss://example.com/socket', 'outside-app'],
    ['file:///etc/passwd', 'outside-app'],
    ['file:///C:/Windows/win.ini', 'outside-app'],
    ['ftp://example.com/file', 'outside-app'],
    ['app://other/index.html', 'outside-app'],
    ['app://ledger.evil/index.html', 'outside-app'],
    ['app://ledger:8080/index.html', 'outside-app'],
    ['chrome://settings', 'outside-app'],
    ['devtools://devtools/bundled/inspector.html', 'devtools-or-extension'],
    ['chrome-extension://abc/script.js', 'devtools-or-extension'],
    ['not a url', 'unparsable-url'],
  ])('refuses %s', (url, reason) => {
    expect(decideRequest(url, APP_ORIGIN)).toEqual({ allow: false, reason });
  });
});

describe('createRefusedLog', () => {
  it('keeps at most its limit, dropping the oldest, and empties on drain', () => {
    const log = createRefusedLog(2);
    log.record('t1', 'https://a/', 'outside-app');
    log.record('t2', 'https://b/', 'outside-app');
    log.record('t3', 'https://c/', 'outside-app');
    expect(log.drain().map((e) => e.url)).toEqual(['https://b/', 'https://c/']);
    expect(log.drain()).toEqual([]);
  });

  it('cuts a very long URL to 500 characters', () => {
    const log = createRefusedLog();
    log.record('t', `https://a/${'x'.repeat(1000)}`, 'outside-app');
    expect(log.drain()[0]?.url).toHaveLength(500);
  });
});
