import path from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_RESPONSE_HEADERS } from './csp';

/**
 * The app's own files are served from `app://ledger/…`, a privileged standard scheme, instead of
 * `file://`: pages on `file://` get extra privileges (fetching other local files), while a custom
 * standard scheme is an ordinary secure origin that CSP and the request policy can name exactly.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * For `protocol.registerSchemesAsPrivileged`. Deliberately not granted: `bypassCSP` (the page's
 * CSP must hold), `corsEnabled` (leaving it off keeps the scheme unreadable from any other origin),
 * `allowServiceWorkers`, `stream` and `codeCache`, which the app does not need.
 */
export function privilegedSchemes(): CustomScheme[] {
  return [{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }];
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  // Without the exact type, WebAssembly.instantiateStreaming refuses the Argon2id module.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type AppPathResult = { ok: true; segments: string[] } | { ok: false; reason: string };

/**
 * Turns the path of an `app://ledger/…` URL into file segments below the renderer folder, or
 * refuses it. Works on the raw (still percent-encoded) path, so that `%2e%2e`, `%2f` and `%5c`
 * are judged after decoding: a segment may not be `.` or `..`, may not contain a separator, a NUL
 * or a colon (drive letters, NTFS streams), and the path may not be empty segments (`//etc`).
 */
export function appPathSegments(rawPathname: string): AppPathResult {
  if (!rawPathname.startsWith('/')) return { ok: false, reason: 'relative-path' };
  const rawSegments = rawPathname.slice(1).split('/');
  if (rawSegments.length === 1 && rawSegments[0] === '') return { ok: true, segments: ['index.html'] };
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return { ok: false, reason: 'bad-encoding' };
    }
    if (seg === '' || seg === '.' || seg === '..') return { ok: false, reason: 'traversal' };
    if (/[/\\:\0]/.test(seg)) return { ok: false, reason: 'traversal' };
    segments.push(seg);
  }
  return { ok: true, segments };
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

function isMissing(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/**
 * The `protocol.handle(APP_SCHEME, …)` handler: serves files from `rootDir` (dist/renderer) with
 * the app's security headers. `readFile` is `fs.promises.readFile` in the app and a fake in tests.
 */
export function createAppFileHandler(rootDir: string, readFile: (filePath: string) => Promise<Uint8Array<ArrayBuffer>>) {
  const root = path.resolve(rootDir);
  return async function handleAppRequest(request: Request): Promise<Response> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') {
      return plain(403, 'forbidden');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    // The URL parser has already resolved literal `..` (and `%2e%2e`); the still percent-encoded
    // rest is judged segment by segment.
    const parsed = appPathSegments(url.pathname === '' ? '/' : url.pathname);
    if (!parsed.ok) return plain(403, 'forbidden');
    const filePath = path.resolve(root, ...parsed.segments);
    // Belt and braces: whatever the segments were, the file must lie inside the root.
    const rel = path.relative(root, filePath);
    if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return plain(403, 'forbidden');
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readFile(filePath);
    } catch (err) {
      return isMissing(err) ? plain(404, 'not found') : plain(500, 'unreadable');
    }
    const headers = { ...APP_RESPONSE_HEADERS, 'Content-Type': mimeTypeFor(filePath) };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/**
 * Whether a URL belongs to the app's own origin. Compared as scheme + host because WHATWG `URL`
 * gives non-special schemes such as `app:` the opaque origin `"null"`.
 */
export function isAppUrl(url: string, appOrigin: string = APP_ORIGIN): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === appOrigin && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
