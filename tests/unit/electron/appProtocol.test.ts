import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  appPathSegments,
  createAppFileHandler,
  isAppUrl,
  mimeTypeFor,
  privilegedSchemes,
} from '../../../electron/main/appProtocol';
import { APP_RESPONSE_HEADERS, CONTENT_SECURITY_POLICY } from '../../../electron/main/csp';

const root = path.resolve('/srv/app/dist/renderer');
const files = new Map<string, string>([
  [path.join(root, 'index.html'), '<!doctype html><title>保密台账</title>'],
  [path.join(root, 'assets', 'index-abc.js'), 'console.log(1)'],
  [path.join(root, 'assets', 'index-abc.css'), 'body{}'],
  [path.join(root, 'assets', 'argon2.wasm'), '\0asm'],
  [path.join(root, 'assets', 'font.woff2'), 'wOF2'],
]);

function handler() {
  const reads: string[] = [];
  const readFile = async (p: string) => {
    reads.push(p);
    const text = files.get(p);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    return new TextEncoder().encode(text);
  };
  return { handle: createAppFileHandler(root, readFile), reads };
}

const insideRoot = (p: string) => p.startsWith(root + path.sep);

describe('privilegedSchemes', () => {
  it('registers app: as a standard, secure, fetch-capable scheme that may not bypass CSP or be read cross-origin', () => {
    expect(privilegedSchemes()).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });
});

describe('createAppFileHandler', () => {
  it('serves index.html with the CSP and the other security headers, as text/html', async () => {
    const { handle } = handler();
    const res = await handle(new Request(`${APP_ORIGIN}/index.html`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    for (const [name, value] of Object.entries(APP_RESPONSE_HEADERS)) expect(res.headers.get(name)).toBe(value);
    expect(await res.text()).toContain('保密台账');
  });

  it('serves the root path as index.html', async () => {
    const { handle } = handler();
    for (const url of [APP_ORIGIN, `${APP_ORIGIN}/`]) {
      const res = await handle(new Request(url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/argon2.wasm', 'application/wasm'],
    ['assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (file, type) => {
    const { handle } = handler();
    const res = await handle(new Request(`${APP_ORIGIN}/${file}?v=1#x`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
  });

  it('answers 404 for a file that does not exist', async () => {
    const { handle } = handler();
    const res = await handle(new Request(`${APP_ORIGIN}/assets/missing.js`));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    `${APP_ORIGIN}/../../etc/passwd`,
    `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`,
    `${APP_ORIGIN}/assets/%2E%2E/%2E%2E/%2E%2E/etc/passwd`,
    `${APP_ORIGIN}/..%2f..%2f..%2fetc%2fpasswd`,
    `${APP_ORIGIN}/..%5c..%5c..%5cWindows%5cwin.ini`,
    `${APP_ORIGIN}/%2fetc%2fpasswd`,
    `${APP_ORIGIN}//etc/passwd`,
    `${APP_ORIGIN}/C:%5cWindows%5cwin.ini`,
    `${APP_ORIGIN}/index.html%00.png`,
    `${APP_ORIGIN}/%E0%A4%A`,
  ])('never reads outside the renderer folder for %s', async (url) => {
    const { handle, reads } = handler();
    const res = await handle(new Request(url));
    expect(res.status).not.toBe(200);
    expect([403, 404]).toContain(res.status);
    expect(reads.every(insideRoot)).toBe(true);
  });

  it('refuses encoded separators and dot-segments outright (403), before touching the disk', async () => {
    const { handle, reads } = handler();
    for (const url of [`${APP_ORIGIN}/..%2f..%2fetc%2fpasswd`, `${APP_ORIGIN}/assets%5c..%5c..%5csecret`, `${APP_ORIGIN}//etc/passwd`]) {
      expect((await handle(new Request(url))).status, url).toBe(403);
    }
    expect(reads).toEqual([]);
  });

  it.each(['app://other/index.html', 'app://ledger.evil/index.html', 'app://ledger:8080/index.html', 'https://ledger/index.html'])(
    'refuses %s: only the host "ledger" of app: is served',
    async (url) => {
      const { handle, reads } = handler();
      expect((await handle(new Request(url))).status).toBe(403);
      expect(reads).toEqual([]);
    },
  );

  it('refuses methods other than GET and HEAD, and sends no body for HEAD', async () => {
    const { handle } = handler();
    expect((await handle(new Request(`${APP_ORIGIN}/index.html`, { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handle(new Request(`${APP_ORIGIN}/index.html`, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 500 without details when a file exists but cannot be read', async () => {
    const handle = createAppFileHandler(root, async () => {
      throw Object.assign(new Error('EACCES: /srv/app/dist/renderer/index.html'), { code: 'EACCES' });
    });
    const res = await handle(new Request(`${APP_ORIGIN}/index.html`));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('/srv');
  });
});

describe('appPathSegments', () => {
  it.each(['/../../etc/passwd', '/%2e%2e/etc/passwd', '/.%2e/etc', '/a/./b', '/..%2fetc', '/a%5cb', '/%00', '/C:', '//x', '/a/'])('refuses %s', (p) => {
    expect(appPathSegments(p).ok).toBe(false);
  });

  it('decodes ordinary escapes in file names', () => {
    expect(appPathSegments('/assets/%E4%BF%9D%E5%AF%86.svg')).toEqual({ ok: true, segments: ['assets', '保密.svg'] });
  });
});

describe('isAppUrl', () => {
  it('accepts only the exact app origin', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    for (const url of ['app://ledger.evil/', 'app://evil/', 'app://x@ledger/', 'https://ledger/', 'file:///', 'garbage']) expect(isAppUrl(url), url).toBe(false);
  });
});

describe('mimeTypeFor', () => {
  it('falls back to application/octet-stream for an unknown extension', () => {
    expect(mimeTypeFor('x.unknown')).toBe('application/octet-stream');
    expect(mimeTypeFor('X.HTML')).toBe('text/html; charset=utf-8');
  });
});
