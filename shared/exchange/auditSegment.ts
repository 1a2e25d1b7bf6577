import { z } from 'zod';
import { entryHash, GENESIS_HASH } from '../audit/chain';
import type { BundleRecord } from '../bundle/content';
import { ok, refuse, type Result } from '../result';
import { auditRecordId } from './unitExport';

/**
 * The receiver's check of a unit bundle's audit segment (审计记录段, content/audit.jsonl), before
 * anything is written: every entry's hash recomputed (shared/audit/chain.ts `entryHash` over the
 * canonical JSON of seq, at, actor, action, detail), the sequence numbers consecutive, each
 * `prevHash` naming the previous entry's `hash`, and — when the receiver knows where the unit's
 * previous accepted segment ended — the first entry continuing it. Pure: the bureau's import and
 * the command line (`npm run bundle -- verify`) run this same code.
 *
 * A segment with no entries passes and leaves the head where it was. The first segment a receiver
 * sees (`previous` null) may start anywhere — a unit registered late, or a receiver that starts
 * following a unit midway — except that an entry numbered 1 must link to the genesis hash.
 *
 * Refusals, each naming the entry's seq:
 * - BUNDLE_AUDIT_ALTERED {seq}: the entry's content does not match its own hash (or is not an
 *   audit entry at all: a field missing or of the wrong type, or its record id not its seq);
 * - BUNDLE_AUDIT_RELINKED {seq}: its prevHash does not name the previous entry's hash;
 * - BUNDLE_AUDIT_MISSING {seq, after}: entries are missing before it (seq `after` + 1 … seq − 1);
 * - BUNDLE_AUDIT_NOT_CONTINUOUS {seq, expected, reason: 'not-next-seq' | 'other-prev-hash'}: the segment does not
 *   start where the previous accepted one ended (seq ≠ last + 1, or prevHash ≠ the last hash).
 */

/** Where a unit's accepted audit trail ends: the last entry's seq and hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

const auditLine = z.object({
  id: z.string(),
  seq: z.number().int().positive(),
  at: z.string(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
  prevHash: z.string().regex(HEX64),
  hash: z.string().regex(HEX64),
});

export interface AuditSegmentResult {
  /** Entries checked. */
  count: number;
  /** The segment's first seq, or null when it is empty. */
  first: number | null;
  /** Where the trail ends after this segment: its last entry, or `previous` when it is empty. */
  head: AuditHead | null;
  /** Whether continuity with a previous segment was checked (false when `previous` was not known). */
  continuityChecked: boolean;
}

/**
 * `records`: the audit content file's records in file order (sorted by id = by seq).
 * `previous`: the last entry of the unit's previous accepted segment; null when nothing was
 * accepted from the unit yet (the first segment may start anywhere); undefined when the caller
 * does not know (the command line without --last-audit-seq): continuity is then not checked.
 */
export function checkAuditSegment(records: readonly BundleRecord[], previous: AuditHead | null | undefined): Result<AuditSegmentResult> {
  let prev: AuditHead | null = null;
  let first: number | null = null;
  for (const record of records) {
    const parsed = auditLine.safeParse(record);
    if (!parsed.success) {
      const seq = typeof record.seq === 'number' ? record.seq : Number(/^audit-(\d+)$/.exec(record.id)?.[1] ?? 0);
      return refuse('BUNDLE_AUDIT_ALTERED', { seq });
    }
    const e = parsed.data;
    if (e.id !== auditRecordId(e.seq)) return refuse('BUNDLE_AUDIT_ALTERED', { seq: e.seq });
    if (prev === null) {
      first = e.seq;
      if (previous) {
        if (e.seq !== previous.seq + 1) return refuse('BUNDLE_AUDIT_NOT_CONTINUOUS', { seq: e.seq, expected: previous.seq + 1, reason: 'not-next-seq' });
        if (e.prevHash !== previous.hash) return refuse('BUNDLE_AUDIT_NOT_CONTINUOUS', { seq: e.seq, expected: previous.seq + 1, reason: 'other-prev-hash' });
      } else if (e.seq === 1 && e.prevHash !== GENESIS_HASH) {
        return refuse('BUNDLE_AUDIT_RELINKED', { seq: e.seq });
      }
    } else {
      if (e.seq !== prev.seq + 1) return refuse('BUNDLE_AUDIT_MISSING', { seq: e.seq, after: prev.seq, from: prev.seq + 1, to: e.seq - 1 });
      if (e.prevHash !== prev.hash) return refuse('BUNDLE_AUDIT_RELINKED', { seq: e.seq });
    }
    if (entryHash(e.prevHash, e) !== e.hash) return refuse('BUNDLE_AUDIT_ALTERED', { seq: e.seq });
    prev = { seq: e.seq, hash: e.hash };
  }
  return ok({ count: records.length, first, head: prev ?? previous ?? null, continuityChecked: previous !== undefined });
}
