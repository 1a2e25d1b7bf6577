/**
 * The names of every main-process call. Kept apart from the schemas so that the preload (which
 * must stay tiny and dependency-free) can derive `window.api` from this list alone.
 */
export const CHANNELS = [
  'app:info', 'net:check', 'shell:drainRefused', 'audit:saveExport', 'print:toPdf', 'print:printers', 'print:toPrinter',
  'file:saveBegin', 'file:saveAppend', 'file:saveCommit', 'file:saveAbort', 'file:open', 'file:read', 'file:close',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** `app:info` → `appInfo`: the property name on `window.api`. */
export function methodName(channel: Channel): string {
  return channel.replace(/:([a-z])/g, (_m, c: string) => c.toUpperCase());
}
