/**
 * The one rule for what the page may load: the app's own files and inline data/blob URLs it makes
 * itself. Everything else — http(s), ws, ftp, file paths outside the app, other schemes — is refused.
 */
export interface RequestDecision {
  allow: boolean;
  reason: string;
}

export function decideRequest(url: string, appOrigin: string): RequestDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { allow: false, reason: 'unparsable-url' };
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return { allow: true, reason: 'inline' };
  if (parsed.protocol === 'devtools:' || parsed.protocol === 'chrome-extension:') return { allow: false, reason: 'devtools-or-extension' };
  if (`${parsed.protocol}//${parsed.host}` === appOrigin) return { allow: true, reason: 'app' };
  return { allow: false, reason: 'outside-app' };
}

/** A bounded in-memory log of refused requests, drained into the audit trail by the renderer. */
export function createRefusedLog(limit = 500) {
  let items: { at: string; url: string; reason: string }[] = [];
  return {
    record(at: string, url: string, reason: string) {
      items.push({ at, url: url.slice(0, 500), reason });
      if (items.length > limit) items = items.slice(-limit);
    },
    drain() {
      const out = items;
      items = [];
      return out;
    },
  };
}
export type RefusedLog = ReturnType<typeof createRefusedLog>;
