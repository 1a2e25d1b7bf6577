import { describe, expect, it } from 'vitest';
import { nextEntry, verifyChain, type AuditEntry } from '../../../shared/audit/chain';
import { ChainWalk } from '../../../shared/audit/chainWalk';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head: { seq: number; hash: string } | null = null;
  for (let i = 0; i < n; i++) {
    const e = nextEntry(head, { at: `2026-11-21T09:00:${String(i).padStart(2, '0')}Z`, actor: 'a', action: 'x', detail: { i } });
    out.push(e);
    head = { seq: e.seq, hash: e.hash };
  }
  return out;
}

type Item = { seq: number; entry: AuditEntry | 'unreadable' };

describe('ChainWalk gives verifyChain’s answer, one entry at a time', () => {
  const base = chain(8);
  const head = { seq: 8, hash: base[7]?.hash ?? '' };
  const items = (list: AuditEntry[]): Item[] => list.map((e) => ({ seq: e.seq, entry: e }));
  const cases: [string, Item[], { seq: number; hash: string } | null][] = [
    ['intact', items(base), head],
    ['no head yet', items(base), null],
    ['empty', [], null],
    ['one missing', items(base.filter((e) => e.seq !== 4)), head],
    ['one unreadable', items(base).map((x) => (x.seq === 5 ? { seq: 5, entry: 'unreadable' as const } : x)), head],
    ['one altered', items(base.map((e) => (e.seq === 3 ? { ...e, action: 'y' } : e))), head],
    ['one relinked', items(base.map((e) => (e.seq === 6 ? { ...e, prevHash: '0'.repeat(64) } : e))), head],
    ['cut off the end', items(base.slice(0, 6)), head],
    ['head behind', items(base), { seq: 7, hash: base[6]?.hash ?? '' }],
    ['seq inside changed', items(base.map((e) => (e.seq === 2 ? { ...e, seq: 9 } : e))), head],
  ];
  it.each(cases)('%s', (_what, list, h) => {
    const walk = new ChainWalk();
    for (const x of list) walk.push(x.seq, x.entry);
    expect(walk.finish(h)).toEqual(verifyChain(list, h));
  });
});
