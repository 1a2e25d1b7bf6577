import { canonicalJson } from '../canonicalJson';
import { ok, refuse, type Result } from '../result';

/**
 * Content files are JSON Lines: one record per line, each line the canonical JSON of the record,
 * records sorted by `id` (UTF-16 code-unit order, i.e. plain string comparison), every line ending
 * in "\n". One spelling per data set, so the same data gives the same bytes.
 */

/** A record in a content file. The shapes per content name belong to the ledger, not to the format. */
export type BundleRecord = { id: string } & Record<string, unknown>;

const NEWLINE = 0x0a;
/** Lines are encoded in batches: one string per file could exceed the engine's string limit. */
const BATCH = 4096;
/** Bytes decoded per TextDecoder call when a content file is read. */
const DECODE_SLICE = 1 << 20;

const byId = (a: BundleRecord, b: BundleRecord): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Encodes records as a content file. Refuses (BUNDLE_INPUT_INVALID) records without an id or duplicates. */
export function encodeContent(name: string, records: readonly BundleRecord[]): Result<Uint8Array> {
  for (const r of records) {
    if (typeof r.id !== 'string' || r.id.length === 0) return refuse('BUNDLE_INPUT_INVALID', { reason: 'record-id', name });
  }
  const sorted = [...records].sort(byId);
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as BundleRecord).id === (sorted[i - 1] as BundleRecord).id) {
      return refuse('BUNDLE_INPUT_INVALID', { reason: 'duplicate-id', name, id: (sorted[i] as BundleRecord).id });
    }
  }
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; i < sorted.length; i += BATCH) {
    let batch = '';
    for (const r of sorted.slice(i, i + BATCH)) batch += `${canonicalJson(r)}\n`;
    const bytes = encoder.encode(batch);
    chunks.push(bytes);
    size += bytes.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return ok(out);
}

/**
 * Decodes a content file and checks its form: UTF-8, every line one canonical JSON object with a
 * non-empty string id, ids strictly increasing, a newline after the last record, and exactly
 * `expectedCount` records. Refusals: BUNDLE_CONTENT_INVALID (path, line, reason),
 * BUNDLE_COUNT_MISMATCH (path, expected, actual). `keep` false: every line is checked the same,
 * and the records are not kept (an empty list comes back) — for a caller that needs only the bytes.
 */
export function decodeContent(path: string, bytes: Uint8Array, expectedCount: number, keep = true): Result<BundleRecord[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const records: BundleRecord[] = [];
  let count = 0;
  let at = 0;
  let line = 0;
  let previousId: string | null = null;
  // Lines are decoded a slice at a time (about DECODE_SLICE bytes, cut after a newline): one
  // decoder call per slice instead of per line, and never one string for the whole file. A
  // newline byte never occurs inside a UTF-8 sequence, so a slice is valid exactly when its lines are.
  while (at < bytes.length) {
    const last = bytes.lastIndexOf(NEWLINE, Math.min(bytes.length, at + DECODE_SLICE) - 1);
    const end = last >= at ? last + 1 : bytes.indexOf(NEWLINE, at) + 1;
    if (end === 0) return refuse('BUNDLE_CONTENT_INVALID', { path, line: line + 1, reason: 'no-final-newline' });
    let slice: string;
    try {
      slice = decoder.decode(bytes.subarray(at, end));
    } catch {
      // Which line: the first one in the slice that does not decode on its own.
      for (let from = at; from < end; ) {
        const stop = bytes.indexOf(NEWLINE, from);
        line++;
        try {
          decoder.decode(bytes.subarray(from, stop));
        } catch {
          return refuse('BUNDLE_CONTENT_INVALID', { path, line, reason: 'not-json' });
        }
        from = stop + 1;
      }
      return refuse('BUNDLE_CONTENT_INVALID', { path, line, reason: 'not-json' });
    }
    let start = 0;
    while (start < slice.length) {
      line++;
      const stop = slice.indexOf('\n', start);
      const text = slice.slice(start, stop);
      start = stop + 1;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return refuse('BUNDLE_CONTENT_INVALID', { path, line, reason: 'not-json' });
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return refuse('BUNDLE_CONTENT_INVALID', { path, line, reason: 'not-object' });
      }
      const id = (value as Record<string, unknown>).id;
      if (typeof id !== 'string' || id.length === 0) return refuse('BUNDLE_CONTENT_INVALID', { path, line, reason: 'record-id' });
      if (previousId !== null && !(previousId < id)) return refuse('BUNDLE_CONTENT_INVALID', { path, line, reason: 'order' });
      if (canonicalJson(value) !== text) return refuse('BUNDLE_CONTENT_INVALID', { path, line, reason: 'not-canonical' });
      previousId = id;
      count++;
      if (keep) records.push(value as BundleRecord);
    }
    at = end;
  }
  if (count !== expectedCount) {
    return refuse('BUNDLE_COUNT_MISMATCH', { path, expected: expectedCount, actual: count });
  }
  return ok(records);
}
