/**
 * What the Chromium stand-in's two halves agree on: the launcher (Node, Playwright) and the preload
 * stand-in (page, init script). Browser-safe: no node:* imports, the page bundle includes this file.
 */

/**
 * The app's origin under Chromium. https so the page is a secure context (crypto.subtle exists);
 * `.invalid` is reserved (RFC 2606) and never resolves, and every request to it is answered by the
 * launcher's route before Chromium would look the name up.
 */
export const APP_ORIGIN = 'https://app.secrecy-ledger.invalid';
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The Playwright binding the preload stand-in captures and removes before any page script runs. */
export const BINDING_NAME = '__ledgerIpc';

/**
 * The binding answers with a value instead of throwing: Playwright would hand the page the
 * launcher's stack trace (file paths of the main process) along with the message.
 */
export type BridgeReply = { ok: true; value: unknown } | { ok: false; code: string };

