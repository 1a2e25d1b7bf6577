import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../canonicalJson';

/** One line of the audit trail (审计日志): who did what, when, with before/after in `detail`. */
export interface AuditEntry {
  seq: number;
  /** ISO time the action happened (for sealed pre-sign-in events: when it happened, not when it joined). */
  at: string;
  /** Account id, or null for the system itself (start-up checks, failed sign-in of an unknown name). */
  actor: string | null;
  action: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(prevHash: string, e: Pick<AuditEntry, 'seq' | 'at' | 'actor' | 'action' | 'detail'>): string {
  const body = canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, detail: e.detail });
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${body}`)));
}

export function nextEntry(
  head: { seq: number; hash: string } | null,
  e: Pick<AuditEntry, 'at' | 'actor' | 'action' | 'detail'>,
): AuditEntry {
  const seq = head ? head.seq + 1 : 1;
  const prevHash = head ? head.hash : GENESIS_HASH;
  const base = { seq, at: e.at, actor: e.actor, action: e.action, detail: e.detail };
  return { ...base, prevHash, hash: entryHash(prevHash, base) };
}

export type ChainBreak =
  | { seq: number; reason: 'unreadable' } // the stored record failed authentication
  | { seq: number; reason: 'missing' } // a sequence number is absent
  | { seq: number; reason: 'relinked' } // prevHash does not name the previous entry
  | { seq: number; reason: 'altered' } // content does not match its own hash
  | { seq: number; reason: 'truncated' }; // entries after the recorded head are gone

/**
 * Walks the chain in order and names the first broken link. `entries` yields, per stored seq,
 * either the decrypted entry or 'unreadable'. `head` is the separately stored last (seq, hash).
 */
export function verifyChain(
  entries: Iterable<{ seq: number; entry: AuditEntry | 'unreadable' }>,
  head: { seq: number; hash: string } | null,
): { ok: true; count: number } | { ok: false; count: number; firstBreak: ChainBreak } {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const { seq, entry } of entries) {
    if (seq !== expectedSeq) return { ok: false, count, firstBreak: { seq: expectedSeq, reason: 'missing' } };
    if (entry === 'unreadable') return { ok: false, count, firstBreak: { seq, reason: 'unreadable' } };
    if (entry.seq !== seq) return { ok: false, count, firstBreak: { seq, reason: 'altered' } };
    if (entry.prevHash !== prevHash) return { ok: false, count, firstBreak: { seq, reason: 'relinked' } };
    if (entryHash(entry.prevHash, entry) !== entry.hash) return { ok: false, count, firstBreak: { seq, reason: 'altered' } };
    prevHash = entry.hash;
    expectedSeq += 1;
    count += 1;
  }
  if (head && (head.seq !== count || head.hash !== prevHash)) {
    return { ok: false, count, firstBreak: { seq: count + 1, reason: head.seq > count ? 'truncated' : 'relinked' } };
  }
  return { ok: true, count };
}
