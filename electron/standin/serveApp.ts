import { readFile } from 'node:fs/promises';
import { APP_ORIGIN as ELECTRON_APP_ORIGIN, createAppFileHandler } from '../main/appProtocol';
import { APP_RESPONSE_HEADERS } from '../main/csp';
import { APP_ORIGIN } from './bridge';

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Answers requests for the app's own files with the Electron shell's `app:` protocol handler, the
 * stand-in's https URL re-addressed to `app://ledger/…` with its path still percent-encoded: so
 * the traversal rules, MIME types and headers (the CSP among them) are one implementation.
 */
export function createAppFileServer(rendererDir: string) {
  const handle = createAppFileHandler(rendererDir, (file) => readFile(file));
  return async function serve(url: string, method: string): Promise<AppResponse> {
    const u = new URL(url);
    if (u.origin !== APP_ORIGIN || u.username !== '' || u.password !== '') {
      return { status: 403, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from('forbidden') };
    }
    const response = await handle(new Request(`${ELECTRON_APP_ORIGIN}${u.pathname}${u.search}`, { method }));
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    };
  };
}
