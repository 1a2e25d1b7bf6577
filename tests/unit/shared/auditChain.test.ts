import { describe, expect, it } from 'vitest';
import { nextEntry, verifyChain, type AuditEntry } from '../../../shared/audit/chain';
import { canonicalJson } from '../../../shared/canonicalJson';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head: { seq: number; hash: string } | null = null;
  for (let i = 0; i < n; i++) {
    const e = nextEntry(head, { at: `2026-11-21T09:00:0${i}Z`, actor: 'a', action: 'x', detail: { i } });
    out.push(e);
    head = { seq: e.seq, hash: e.hash };
  }
  return out;
}
const items = (es: AuditEntry[]) => es.map((e) => ({ seq: e.seq, entry: e }));
const headOf = (es: AuditEntry[]) => {
  const last = es[es.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : null;
};

describe('audit hash chain', () => {
  it('verifies an intact chain', () => {
    const es = chain(5);
    expect(verifyChain(items(es), headOf(es))).toEqual({ ok: true, count: 5 });
  });
  it('names the entry whose content was altered', () => {
    const es = chain(5);
    const bad = es.map((e) => (e.seq === 3 ? { ...e, detail: { i: 99 } } : e));
    expect(verifyChain(items(bad), headOf(es))).toMatchObject({ ok: false, firstBreak: { seq: 3, reason: 'altered' } });
  });
  it('names a removed entry as missing', () => {
    const es = chain(5);
    expect(verifyChain(items(es.filter((e) => e.seq !== 2)), headOf(es))).toMatchObject({ ok: false, firstBreak: { seq: 2, reason: 'missing' } });
  });
  it('detects entries cut off the end against the stored head', () => {
    const es = chain(5);
    expect(verifyChain(items(es.slice(0, 3)), headOf(es))).toMatchObject({ ok: false, firstBreak: { seq: 4, reason: 'truncated' } });
  });
  it('detects an entry re-hashed after editing (its successor no longer links to it)', () => {
    const es = chain(4);
    const edited = nextEntry({ seq: 1, hash: es[0]!.hash }, { at: es[1]!.at, actor: 'a', action: 'x', detail: { i: 42 } });
    const bad = [es[0]!, edited, es[2]!, es[3]!];
    expect(verifyChain(items(bad), headOf(es))).toMatchObject({ ok: false, firstBreak: { seq: 3, reason: 'relinked' } });
  });
});

describe('canonical JSON', () => {
  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });
  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });
});
