import { ok, refuse, type Result } from '../result';
import { decodeContent, type BundleRecord } from './content';
import { jsSha256, sha256HexWith, type Sha256 } from './digest';
import { fingerprint, formatFingerprint, verifySignature, type PublicKey } from './keys';
import {
  CONTENT_DIR,
  CONTENT_SUFFIX,
  decodeManifest,
  encodeSums,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  SUMS_PATH,
  type BundleKind,
  type Manifest,
} from './manifest';
import { DEFAULT_TAR_LIMITS, readTar, type TarLimits } from './tar';

/**
 * Verification and import planning (验证与导入计划), pure: everything is checked here, before the
 * caller writes anything, and the answer is either a refusal with its own code or what to do.
 * The app's import and `npm run bundle -- verify` both call `verifyBundle`.
 */

export interface BundleLimits extends TarLimits {
  /** manifest.json, in bytes. */
  maxManifestBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = { ...DEFAULT_TAR_LIMITS, maxManifestBytes: 16 * 1024 * 1024 };

/** A key the receiver trusts, as registered (bureau: a unit's key; unit: the bureau's pinned key). */
export interface TrustedKey {
  publicKey: PublicKey;
  /** When set, the key signs only for this unit (or bureau) code. */
  unitCode?: string;
  /** First and last sequence this key may sign, inclusive (set by key rotation). */
  validFromSequence?: number;
  validUntilSequence?: number;
}

/** The last bundle the receiver accepted from this issuer. */
export interface LastAccepted {
  sequence: number;
  manifestHash: string;
}

export interface VerifyOptions {
  trustedKeys: readonly TrustedKey[];
  expectedKind?: BundleKind;
  expectedUnit?: { code: string };
  /**
   * The chain position: the last accepted bundle, or null when none was accepted yet (the bundle
   * must then be number 1). Left out, the sequence and hash chain are not checked (the command
   * line without --last-sequence); the app always passes it.
   */
  lastAccepted?: LastAccepted | null;
  limits?: Partial<BundleLimits>;
  /** SHA-256 (digest.ts): WebCrypto's in the app and on the command line; JavaScript's by default. */
  sha256?: Sha256;
  /**
   * The content files whose parsed records the caller reads (default: all). The others are checked
   * line by line exactly the same, but their records are not kept in `content` (only their bytes in
   * `contentBytes`): a bureau storing a million events as the file's own lines need not hold a
   * million parsed objects as well.
   */
  keepRecords?: (name: string) => boolean;
}

export interface VerifiedBundle {
  /** import: new and next in the chain. already-imported: the last accepted bundle again — nothing to do. */
  action: 'import' | 'already-imported';
  /** False when no lastAccepted was given, so the chain was not checked. */
  chainChecked: boolean;
  manifest: Manifest;
  manifestHash: string;
  signer: TrustedKey;
  /** Records per content name (those `keepRecords` asked for); empty for already-imported. */
  content: ReadonlyMap<string, readonly BundleRecord[]>;
  /** Each content file's bytes as checked (one canonical JSON record per line), by content name; empty for already-imported. */
  contentBytes: ReadonlyMap<string, Uint8Array>;
}

/** The parts every reader needs: the entries, the decoded manifest and the signature bytes. */
export interface OpenedBundle {
  entries: ReadonlyMap<string, Uint8Array>;
  manifest: Manifest;
  manifestBytes: Uint8Array;
  manifestHash: string;
  signature: Uint8Array;
}

/** Reads the archive and the manifest; no key needed. Used by verify and inspect alike. */
export async function openBundle(bytes: Uint8Array, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS, hash: Sha256 = jsSha256): Promise<Result<OpenedBundle>> {
  const tar = readTar(bytes, limits);
  if (!tar.ok) return tar;
  const entries = new Map(tar.value.map((e) => [e.path, e.data]));
  for (const path of [MANIFEST_PATH, SIGNATURE_PATH, SUMS_PATH]) {
    if (!entries.has(path)) return refuse('BUNDLE_FILE_MISSING', { path });
  }
  const manifestBytes = entries.get(MANIFEST_PATH) as Uint8Array;
  if (manifestBytes.length > limits.maxManifestBytes) {
    return refuse('BUNDLE_TOO_LARGE', { what: 'manifest', size: manifestBytes.length, limit: limits.maxManifestBytes });
  }
  const manifest = decodeManifest(manifestBytes);
  if (!manifest.ok) return manifest;
  return ok({
    entries,
    manifest: manifest.value,
    manifestBytes,
    manifestHash: await sha256HexWith(hash, manifestBytes),
    signature: entries.get(SIGNATURE_PATH) as Uint8Array,
  });
}

export type FileStatus = { path: string; status: 'ok' } | { path: string; status: 'missing' } | { path: string; status: 'changed'; actual: string };

/** Each listed file against the manifest, then SHA256SUMS against what it must say, then extras. */
export async function checkFiles(b: OpenedBundle, hash: Sha256 = jsSha256): Promise<{ files: FileStatus[]; sums: 'ok' | 'changed'; extra: string[] }> {
  // Every file is hashed at once: WebCrypto digests them in parallel, off the main thread.
  const files: FileStatus[] = await Promise.all(
    b.manifest.files.map(async (f): Promise<FileStatus> => {
      const data = b.entries.get(f.path);
      if (!data) return { path: f.path, status: 'missing' };
      const actual = await sha256HexWith(hash, data);
      return data.length === f.size && actual === f.sha256 ? { path: f.path, status: 'ok' } : { path: f.path, status: 'changed', actual };
    }),
  );
  const expectedSums = encodeSums([
    ...b.manifest.files,
    { path: MANIFEST_PATH, sha256: b.manifestHash },
    { path: SIGNATURE_PATH, sha256: await sha256HexWith(hash, b.signature) },
  ]);
  const sums = b.entries.get(SUMS_PATH) as Uint8Array;
  const sumsOk = sums.length === expectedSums.length && sums.every((v, i) => v === expectedSums[i]);
  const known = new Set([MANIFEST_PATH, SIGNATURE_PATH, SUMS_PATH, ...b.manifest.files.map((f) => f.path)]);
  const extra = [...b.entries.keys()].filter((p) => !known.has(p)).sort();
  return { files, sums: sumsOk ? 'ok' : 'changed', extra };
}

function chooseKey(manifest: Manifest, trusted: readonly TrustedKey[]): Result<TrustedKey> {
  const matches = trusted.filter((k) => fingerprint(k.publicKey) === manifest.keyFingerprint);
  // The same key registered twice (e.g. before and after a unit code change): prefer the entry for this unit.
  const key = matches.find((k) => k.unitCode === manifest.unit.code) ?? matches[0];
  if (!key) return refuse('BUNDLE_UNKNOWN_KEY', { fingerprint: formatFingerprint(manifest.keyFingerprint), unit: manifest.unit.code });
  if (key.publicKey.algorithm !== manifest.algorithm) {
    return refuse('BUNDLE_ALGORITHM_MISMATCH', { manifest: manifest.algorithm, key: key.publicKey.algorithm });
  }
  return ok(key);
}

/** Where the bundle stands against the last accepted one. */
export function checkChain(manifest: Manifest, manifestHash: string, last: LastAccepted | null): Result<'import' | 'already-imported'> {
  const expected = last ? last.sequence + 1 : 1;
  if (last && manifest.sequence === last.sequence) {
    return manifestHash === last.manifestHash
      ? ok('already-imported')
      : refuse('BUNDLE_FORKED', { sequence: manifest.sequence });
  }
  if (last && manifest.sequence < last.sequence) {
    return refuse('BUNDLE_OLDER', { sequence: manifest.sequence, last: last.sequence });
  }
  if (manifest.sequence > expected) {
    return refuse('BUNDLE_GAP', { sequence: manifest.sequence, expected, missingFrom: expected, missingTo: manifest.sequence - 1 });
  }
  // manifest.sequence === expected. The first bundle has no predecessor (the manifest rules hold
  // sequence 1 ⇔ previousBundleHash null); every later one must name the last accepted bundle.
  if (last && manifest.previousBundleHash !== last.manifestHash) {
    return refuse('BUNDLE_CHAIN_BROKEN', { sequence: manifest.sequence, previous: last.sequence });
  }
  return ok('import');
}

/**
 * Checks, in this order, and refuses at the first failure: archive (size, structure, limits),
 * required files, manifest, key (known, algorithm, validity), signature, kind, unit, every file
 * (missing, changed, extra, SHA256SUMS), the sequence and hash chain, the content files.
 */
export async function verifyBundle(bytes: Uint8Array, options: VerifyOptions): Promise<Result<VerifiedBundle>> {
  const limits: BundleLimits = { ...DEFAULT_BUNDLE_LIMITS, ...options.limits };
  const hash = options.sha256 ?? jsSha256;
  const opened = await openBundle(bytes, limits, hash);
  if (!opened.ok) return opened;
  const b = opened.value;
  const m = b.manifest;

  const key = chooseKey(m, options.trustedKeys);
  if (!key.ok) return key;
  if (!verifySignature(key.value.publicKey, b.manifestBytes, b.signature)) {
    return refuse('BUNDLE_BAD_SIGNATURE', { fingerprint: formatFingerprint(m.keyFingerprint) });
  }
  const { validFromSequence: from, validUntilSequence: until } = key.value;
  if ((from !== undefined && m.sequence < from) || (until !== undefined && m.sequence > until)) {
    return refuse('BUNDLE_KEY_NOT_VALID', { sequence: m.sequence, from: from ?? '', until: until ?? '' });
  }
  if (options.expectedKind && m.kind !== options.expectedKind) {
    return refuse('BUNDLE_WRONG_KIND', { expected: options.expectedKind, actual: m.kind });
  }
  for (const code of [key.value.unitCode, options.expectedUnit?.code]) {
    if (code !== undefined && m.unit.code !== code) return refuse('BUNDLE_WRONG_UNIT', { expected: code, actual: m.unit.code });
  }

  const files = await checkFiles(b, hash);
  const missing = files.files.find((f) => f.status === 'missing');
  if (missing) return refuse('BUNDLE_FILE_MISSING', { path: missing.path });
  const changed = files.files.find((f) => f.status === 'changed');
  if (changed) return refuse('BUNDLE_FILE_CHANGED', { path: changed.path });
  if (files.sums === 'changed') return refuse('BUNDLE_FILE_CHANGED', { path: SUMS_PATH });
  if (files.extra.length > 0) return refuse('BUNDLE_FILE_EXTRA', { path: files.extra[0] as string, count: files.extra.length });

  let action: VerifiedBundle['action'] = 'import';
  if (options.lastAccepted !== undefined) {
    const chain = checkChain(m, b.manifestHash, options.lastAccepted);
    if (!chain.ok) return chain;
    action = chain.value;
  }
  const base = { action, chainChecked: options.lastAccepted !== undefined, manifest: m, manifestHash: b.manifestHash, signer: key.value };
  if (action === 'already-imported') return ok({ ...base, content: new Map(), contentBytes: new Map() });

  const content = new Map<string, readonly BundleRecord[]>();
  const contentBytes = new Map<string, Uint8Array>();
  for (const f of m.files) {
    const name = f.path.slice(CONTENT_DIR.length, -CONTENT_SUFFIX.length);
    const bytes = b.entries.get(f.path) as Uint8Array;
    const keep = options.keepRecords?.(name) ?? true;
    const records = decodeContent(f.path, bytes, m.counts[name] ?? 0, keep);
    if (!records.ok) return records;
    if (keep) content.set(name, records.value);
    contentBytes.set(name, bytes);
  }
  return ok({ ...base, content, contentBytes });
}
