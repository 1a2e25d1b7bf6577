import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_RESPONSE_HEADERS, CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { APP_INDEX_URL, APP_ORIGIN } from '../../electron/standin/bridge';
import { CHANNELS, methodName } from '../../shared/ipc/channels';
import { drainRefusedUntil, launchTestApp, LOOPBACK_ONLY, type RefusedRequest, type TestApp } from './pages/app';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const refusedUrl = (url: string) => (all: RefusedRequest[]) => all.some((r) => r.url === url);

let app: TestApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

async function start(opts: Parameters<typeof launchTestApp>[0] = {}): Promise<TestApp> {
  app = await launchTestApp(opts);
  return app;
}

describe('the Chromium stand-in shell', () => {
  it('gives the page window.api with one method per channel, and not the raw binding', async () => {
    const { page } = await start();
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const before = w.api;
      try {
        w.api = {};
      } catch {
        // non-writable: strict code throws, sloppy code is ignored; either way nothing changes
      }
      return {
        methods: Object.keys(window.api).sort(),
        allFunctions: Object.values(window.api).every((f) => typeof f === 'function'),
        frozen: Object.isFrozen(window.api),
        unchanged: w.api === before,
        rawBinding: '__ledgerIpc' in window,
      };
    });
    expect(seen.methods).toEqual(CHANNELS.map(methodName).sort());
    expect(seen).toMatchObject({ allFunctions: true, frozen: true, unchanged: true, rawBinding: false });
  });

  it('answers app:info through the real main-process handlers, as the chromium runtime', async () => {
    const { page, profileDir } = await start();
    const info = await page.evaluate(() => window.api.appInfo());
    expect(info).toEqual({ version: pkg.version, runtime: 'chromium', platform: process.platform, packaged: false, userDataDir: profileDir });
  });

  it('reports a network interface that is up to net:check', async () => {
    const { page } = await start({
      networkInterfaces: () => ({
        ...LOOPBACK_ONLY(),
        eth0: [{ address: '192.0.2.7', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:07', internal: false, cidr: '192.0.2.7/24' }],
      }),
    });
    const result = await page.evaluate(() => window.api.netCheck());
    expect(result.interfaces).toEqual([{ name: 'eth0', addresses: ['192.0.2.7'] }]);
    expect(Number.isNaN(Date.parse(result.checkedAt))).toBe(false);
  });

  it('refuses a malformed payload with IPC_BAD_PAYLOAD, without the main side’s stack', async () => {
    const started = await start();
    const error = await started.page.evaluate(() =>
      (window.api.netCheck as unknown as (p: unknown) => Promise<unknown>)({ bad: 1 }).then(
        () => null,
        (e: Error) => ({ message: e.message, stack: String(e.stack) }),
      ),
    );
    expect(error?.message).toBe('IPC_BAD_PAYLOAD');
    expect(error?.stack).not.toContain('ipcDispatch');
    expect(started.warnings.some((w) => w.startsWith('ipc: refused malformed payload'))).toBe(true);
  });

  it('refuses fetches to the outside and records them for the audit trail', async () => {
    const { page } = await start();
    const outcomes = await page.evaluate(async () =>
      Promise.all(['https://example.com/', 'http://10.0.0.1/'].map((u) => fetch(u).then(() => 'loaded', () => 'rejected'))),
    );
    expect(outcomes).toEqual(['rejected', 'rejected']);
    const refused = await drainRefusedUntil(page, (all) => refusedUrl('https://example.com/')(all) && refusedUrl('http://10.0.0.1/')(all));
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ url: 'https://example.com/', reason: 'csp:connect-src' }),
        expect.objectContaining({ url: 'http://10.0.0.1/', reason: 'csp:connect-src' }),
      ]),
    );
    // One entry per refused load, although the page carries the CSP twice (header and <meta>).
    expect(refused.filter((r) => r.url === 'https://example.com/')).toHaveLength(1);
    // Drained means gone: the renderer must not audit the same refusal twice.
    expect(await page.evaluate(() => window.api.shellDrainRefused())).toEqual([]);
  });

  it('refuses an image from the outside and records it', async () => {
    const { page } = await start();
    const outcome = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const img = new Image();
          img.onload = () => resolve('loaded');
          img.onerror = () => resolve('refused');
          img.src = 'http://192.0.2.10/logo.png';
          document.body.append(img);
        }),
    );
    expect(outcome).toBe('refused');
    const refused = await drainRefusedUntil(page, refusedUrl('http://192.0.2.10/logo.png'));
    expect(refused).toContainEqual(expect.objectContaining({ url: 'http://192.0.2.10/logo.png', reason: 'csp:img-src' }));
  });

  it('refuses a WebSocket, even to its own origin, and records it', async () => {
    const { page } = await start();
    const url = `${APP_ORIGIN.replace('https:', 'wss:')}/socket`;
    const outcome = await page.evaluate(
      (u) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(u);
          ws.onmessage = () => resolve('message');
          ws.onclose = (e) => resolve(`closed ${e.code}`);
        }),
      url,
    );
    expect(outcome).toBe('closed 1008');
    expect(await drainRefusedUntil(page, refusedUrl(url))).toContainEqual(expect.objectContaining({ url, reason: 'websocket' }));
  });

  it('serves index.html with the app’s CSP and security headers', async () => {
    const { page } = await start();
    const response = await page.reload();
    expect(response?.status()).toBe(200);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    for (const [name, value] of Object.entries(APP_RESPONSE_HEADERS)) expect(headers[name.toLowerCase()]).toBe(value);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(await page.title()).toBe('保密台账');
  });

  it('answers 404 for a missing file and refuses a path out of the app folder', async () => {
    const { page } = await start();
    const statuses = await page.evaluate(async () =>
      Promise.all(['/no-such-file.js', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/package.json'].map((p) => fetch(p).then((r) => r.status))),
    );
    expect(statuses[0]).toBe(404);
    expect(statuses[1]).toBe(403);
    expect([403, 404]).toContain(statuses[2]); // the URL parser folds %2e%2e first: /package.json, not in dist/renderer
  });

  it('grants no permission', async () => {
    const { page } = await start();
    const states = await page.evaluate(async () =>
      Promise.all((['geolocation', 'notifications', 'camera', 'microphone'] as PermissionName[]).map(async (name) => (await navigator.permissions.query({ name })).state)),
    );
    expect(states).toEqual(['denied', 'denied', 'denied', 'denied']);
  });

  it('keeps the bridge out of frames: an iframe gets neither window.api nor the raw binding', async () => {
    const { page } = await start();
    const inFrame = await page.evaluate(() => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const w = frame.contentWindow as unknown as Record<string, unknown>;
      return { api: typeof w.api, raw: typeof w.__ledgerIpc };
    });
    expect(inFrame).toEqual({ api: 'undefined', raw: 'undefined' });
  });

  it('opens no usable window for window.open', async () => {
    const { page, context } = await start();
    await page.evaluate(() => {
      window.open('https://example.com/');
      window.open('/index.html');
    });
    await expect.poll(() => context.pages().length, { timeout: 5_000 }).toBe(1);
    await page.waitForTimeout(500);
    expect(context.pages()).toEqual([page]);
    const refused = await drainRefusedUntil(page, refusedUrl('https://example.com/'));
    expect(refused).toContainEqual(expect.objectContaining({ url: 'https://example.com/', reason: 'outside-app' }));
  });

  it('stays on the app when the page tries to navigate away', async () => {
    const { page } = await start();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1_000);
    expect(page.url()).toBe(APP_INDEX_URL);
    expect(await page.evaluate(() => typeof window.api)).toBe('object');
    expect(await drainRefusedUntil(page, refusedUrl('https://example.com/'))).toContainEqual(
      expect.objectContaining({ url: 'https://example.com/', reason: 'outside-app' }),
    );
  });

  it('returns to the app after a navigation that needs no request (about:blank)', async () => {
    const { page } = await start();
    await page.evaluate(() => {
      location.href = 'about:blank';
    });
    await expect.poll(() => page.url(), { timeout: 5_000 }).toBe(APP_INDEX_URL);
    await page.waitForFunction(() => typeof window.api === 'object');
    expect(await drainRefusedUntil(page, refusedUrl('about:blank'))).toContainEqual(expect.objectContaining({ url: 'about:blank', reason: 'navigation-away' }));
  });
});
