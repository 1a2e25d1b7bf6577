import { entryHash, GENESIS_HASH, type AuditEntry, type ChainBreak } from './chain';

/**
 * verifyChain (./chain.ts), one entry at a time: for walking a chain too long to hold in memory
 * (the integrity check and the restore read a million entries page by page). Same rules, same
 * answers; tests/unit/shared/chainWalk.test.ts holds the two against each other.
 */
export class ChainWalk {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private broken: ChainBreak | null = null;

  /** Feeds the next stored entry in sequence order; returns the first break once there is one. */
  push(seq: number, entry: AuditEntry | 'unreadable'): ChainBreak | null {
    if (this.broken) return this.broken;
    if (seq !== this.expectedSeq) return (this.broken = { seq: this.expectedSeq, reason: 'missing' });
    if (entry === 'unreadable') return (this.broken = { seq, reason: 'unreadable' });
    if (entry.seq !== seq) return (this.broken = { seq, reason: 'altered' });
    if (entry.prevHash !== this.prevHash) return (this.broken = { seq, reason: 'relinked' });
    if (entryHash(entry.prevHash, entry) !== entry.hash) return (this.broken = { seq, reason: 'altered' });
    this.prevHash = entry.hash;
    this.expectedSeq += 1;
    this.count += 1;
    return null;
  }

  /** After the last entry: the result verifyChain gives for the same entries and head. */
  finish(head: { seq: number; hash: string } | null): { ok: true; count: number } | { ok: false; count: number; firstBreak: ChainBreak } {
    if (this.broken) return { ok: false, count: this.count, firstBreak: this.broken };
    if (head && (head.seq !== this.count || head.hash !== this.prevHash)) {
      return { ok: false, count: this.count, firstBreak: { seq: this.count + 1, reason: head.seq > this.count ? 'truncated' : 'relinked' } };
    }
    return { ok: true, count: this.count };
  }
}
