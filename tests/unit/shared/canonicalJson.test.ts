import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/canonicalJson';

/** The definition, as it was first written: stringify of a deep copy with every object's keys sorted. */
function reference(value: unknown, depth = 0): string {
  const norm = (v: unknown, d: number): unknown => {
    if (d > 64) throw new Error('deep');
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error('non-finite');
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => norm(x === undefined ? null : x, d + 1));
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = norm(x, d + 1);
      }
      return out;
    }
    throw new Error('type');
  };
  return JSON.stringify(norm(value, depth));
}

describe('canonicalJson', () => {
  const cases: [string, unknown][] = [
    ['sorted plain object', { a: 1, b: [1, 2, { c: 'x', d: null }], e: '机密' }],
    ['unsorted keys at depth', { b: 1, a: { z: [3, { y: 1, x: 2 }], m: true } }],
    ['integer-like keys', { '10': 'a', '9': 'b', b: 1, a: 2 }],
    ['undefined in an object and in an array', { a: undefined, b: [1, undefined, 3], c: 1 }],
    ['sparse array', [1, , 3]],
    ['null prototype', Object.assign(Object.create(null) as object, { b: 1, a: 2 })],
    ['Date inside (no toJSON: an object without keys)', { at: new Date(0) }],
    ['empty things', { a: {}, b: [], c: '' }],
    ['surrogates and escapes', { s: '\u2028 "q" \\ \n \ud83d\ude00', '\u00e9': 1, e: 2 }],
    ['negative zero and large numbers', { a: -0, b: 1e21, c: 0.1 }],
  ];
  for (const [name, value] of cases) {
    it(`gives the same text as the sorted deep copy: ${name}`, () => {
      expect(canonicalJson(value)).toBe(reference(value));
    });
  }

  it('hands an already canonical value to JSON.stringify without changing it, and leaves an unsorted one unchanged', () => {
    const parsed = JSON.parse('{"a":{"b":[1,{"c":2,"d":3}]},"e":"x"}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"a":{"b":[1,{"c":2,"d":3}]},"e":"x"}');
    const unsorted = { b: 1, a: { d: 1, c: 2 } };
    expect(canonicalJson(unsorted)).toBe('{"a":{"c":2,"d":1},"b":1}');
    expect(Object.keys(unsorted)).toEqual(['b', 'a']);
  });

  it('refuses what JSON cannot represent faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(/unsupported/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/unsupported/);
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = { d: deep };
    expect(() => canonicalJson(deep)).toThrow(/deeply/);
  });
});
