/**
 * JSON with object keys sorted at every depth, so the same value always gives the same bytes —
 * what a hash chain and a signed manifest need. Rejects values JSON cannot represent faithfully.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value, 0));
}

function normalize(value: unknown, depth: number): unknown {
  if (depth > 64) throw new Error('canonicalJson: value nested too deeply');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => normalize(v === undefined ? null : v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalize(v, depth + 1);
    }
    return out;
  }
  throw new Error(`canonicalJson: unsupported type ${typeof value}`);
}
