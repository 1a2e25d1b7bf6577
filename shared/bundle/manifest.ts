import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { canonicalJson } from '../canonicalJson';
import { ok, refuse, type Result } from '../result';

/**
 * The manifest (清单) of a bundle: who, which key, which place in the unit's sequence, what period,
 * which bundle came before (by the SHA-256 of its manifest.json bytes), and the size and SHA-256 of
 * every content file. It is stored as canonical JSON plus one newline, and the detached signature
 * (manifest.sig) covers exactly those bytes. Format: docs/bundle-format.md.
 */

export const FORMAT_VERSION = 1;

export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig';
export const SUMS_PATH = 'SHA256SUMS';
export const CONTENT_DIR = 'content/';
export const CONTENT_SUFFIX = '.jsonl';

/** unit-export: a unit's ledger to the bureau (上报). policy: the bureau's catalogue, lists, key rotation (下发). */
export type BundleKind = 'unit-export' | 'policy';
export const BUNDLE_KINDS: readonly BundleKind[] = ['unit-export', 'policy'];

/** A content name: the file is `content/<name>.jsonl` and `counts[<name>]` its number of records. */
export const CONTENT_NAME = /^[a-z][a-z0-9-]{0,62}$/;
export const contentPath = (name: string): string => `${CONTENT_DIR}${name}${CONTENT_SUFFIX}`;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/);
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]+$/);

export const manifestSchema = z.strictObject({
  formatVersion: z.literal(FORMAT_VERSION),
  kind: z.enum(['unit-export', 'policy']),
  /** For unit-export the exporting unit; for policy the issuing bureau. The sequence is per issuer. */
  unit: z.strictObject({ code: text(64), name: text(200) }),
  keyFingerprint: hex64,
  algorithm: z.enum(['ed25519', 'sm2-sm3']),
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** The period the content covers, inclusive, as local calendar dates. */
  period: z.strictObject({ from: isoDate, to: isoDate }),
  previousBundleHash: hex64.nullable(),
  createdAt: isoTime,
  counts: z.record(z.string().regex(CONTENT_NAME), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
  files: z.array(z.strictObject({ path: z.string(), sha256: hex64, size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = Manifest['files'][number];

/** SHA-256 as 64 lowercase hex digits, the spelling `sha256sum` prints. */
export const sha256Hex = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));

/** The exact bytes of manifest.json for a manifest. */
export function encodeManifest(manifest: Manifest): Uint8Array {
  return new TextEncoder().encode(`${canonicalJson(manifest)}\n`);
}

/**
 * Reads manifest.json: UTF-8, canonical JSON and one newline (so that the bytes that were signed
 * are the only spelling of this manifest), a supported format version, the schema, and the rules
 * that tie fields together. Refusals: BUNDLE_MANIFEST_INVALID (params.reason, params.field),
 * BUNDLE_UNSUPPORTED_VERSION.
 */
export function decodeManifest(bytes: Uint8Array): Result<Manifest> {
  let textValue: string;
  let parsed: unknown;
  try {
    textValue = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    parsed = JSON.parse(textValue);
  } catch {
    return refuse('BUNDLE_MANIFEST_INVALID', { reason: 'not-json' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse('BUNDLE_MANIFEST_INVALID', { reason: 'not-object' });
  }
  const version = (parsed as Record<string, unknown>).formatVersion;
  if (version !== FORMAT_VERSION) {
    return refuse('BUNDLE_UNSUPPORTED_VERSION', { version: typeof version === 'number' ? version : String(version), supported: FORMAT_VERSION });
  }
  const schema = manifestSchema.safeParse(parsed);
  if (!schema.success) {
    const issue = schema.error.issues[0];
    return refuse('BUNDLE_MANIFEST_INVALID', { reason: 'schema', field: issue ? issue.path.join('.') || '(root)' : '(root)' });
  }
  if (`${canonicalJson(parsed)}\n` !== textValue) return refuse('BUNDLE_MANIFEST_INVALID', { reason: 'not-canonical' });
  const rules = checkManifestRules(schema.data);
  return rules.ok ? ok(schema.data) : rules;
}

/** Rules across fields, shared by the writer (before signing) and the reader. */
export function checkManifestRules(m: Manifest): Result<Manifest> {
  if ((m.sequence === 1) !== (m.previousBundleHash === null)) {
    return refuse('BUNDLE_MANIFEST_INVALID', { reason: 'first-bundle-link', field: 'previousBundleHash' });
  }
  if (m.period.from > m.period.to) return refuse('BUNDLE_MANIFEST_INVALID', { reason: 'period', field: 'period' });
  // files: one per counted content name, sorted by path, nothing else.
  const expected = new Set(Object.keys(m.counts).map(contentPath));
  if (m.files.length !== expected.size) return refuse('BUNDLE_MANIFEST_INVALID', { reason: 'counts-files', field: 'files' });
  for (let i = 0; i < m.files.length; i++) {
    const path = (m.files[i] as ManifestFile).path;
    const previous = i > 0 ? (m.files[i - 1] as ManifestFile).path : '';
    if (!expected.has(path) || path <= previous) {
      return refuse('BUNDLE_MANIFEST_INVALID', { reason: 'counts-files', field: `files.${i}.path` });
    }
  }
  return ok(m);
}

/** SHA256SUMS, in the format `sha256sum -c` reads: `<hex>  <path>`, sorted by path. */
export function encodeSums(lines: readonly { path: string; sha256: string }[]): Uint8Array {
  const sorted = [...lines].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return new TextEncoder().encode(sorted.map((l) => `${l.sha256}  ${l.path}\n`).join(''));
}
