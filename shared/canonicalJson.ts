/**
 * JSON with object keys sorted at every depth, so the same value always gives the same bytes —
 * what a hash chain and a signed manifest need. Rejects values JSON cannot represent faithfully.
 *
 * Bundles serialize (and, when verified, re-serialize) a million records this way, so a value that
 * is already in canonical form — every object a plain object whose keys are in sorted order, as
 * JSON.parse of canonical text gives — is handed to JSON.stringify as it is, and otherwise only
 * the objects that are out of order are copied. The output is the same either way (tested against
 * the plain definition: stringify of a deep copy with sorted keys).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value, 0));
}

const objectProto = Object.prototype;

/**
 * The value with keys sorted at every depth and undefined array slots as null; `value` itself
 * when nothing needs to change (no copy). Throws for what JSON cannot represent faithfully.
 */
function normalize(value: unknown, depth: number): unknown {
  if (depth > 64) throw new Error('canonicalJson: value nested too deeply');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    return value;
  }
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const n = normalize(v === undefined ? null : v, depth + 1);
      if (n !== v && out === null) out = value.slice(0, i);
      if (out !== null) out.push(n);
    }
    return out ?? value;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value as object);
    const proto: unknown = Object.getPrototypeOf(value);
    // Only a plain object in key order can be kept: another prototype may bring toJSON (a Date).
    let same = proto === objectProto || proto === null;
    for (let i = 1; same && i < keys.length; i++) if (!((keys[i - 1] as string) < (keys[i] as string))) same = false;
    const src = value as Record<string, unknown>;
    const normalized: unknown[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const v = src[keys[i] as string];
      if (v === undefined) {
        same = false;
        continue;
      }
      const n = normalize(v, depth + 1);
      normalized[i] = n;
      if (n !== v) same = false;
    }
    if (same) return value;
    const order = keys.map((k, i) => [k, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: Record<string, unknown> = {};
    for (const [k, i] of order) if (src[k] !== undefined) out[k] = normalized[i];
    return out;
  }
  throw new Error(`canonicalJson: unsupported type ${typeof value}`);
}
