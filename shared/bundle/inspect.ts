import { ok, type Result } from '../result';
import { jsSha256, type Sha256 } from './digest';
import { formatFingerprint } from './keys';
import type { Manifest } from './manifest';
import { checkFiles, DEFAULT_BUNDLE_LIMITS, openBundle, type BundleLimits, type FileStatus } from './verify';

/**
 * What a bundle says about itself, for a person to read (查看): the manifest, the manifest hash (the
 * value the printed receipt carries), and whether each file matches the manifest. The signature is
 * NOT checked here — that needs the signer's registered key (verifyBundle).
 */
export interface BundleSummary {
  manifest: Manifest;
  manifestHash: string;
  /** The key fingerprint as printed: 16 groups of 4 hex digits. */
  fingerprint: string;
  signatureBytes: number;
  /** Every entry of the archive, in archive order. */
  entries: { path: string; size: number }[];
  files: FileStatus[];
  sums: 'ok' | 'changed';
  extra: string[];
  /** True when every file, SHA256SUMS and the entry list match the manifest. */
  consistent: boolean;
}

export async function inspectBundle(bytes: Uint8Array, limits: Partial<BundleLimits> = {}, hash: Sha256 = jsSha256): Promise<Result<BundleSummary>> {
  const opened = await openBundle(bytes, { ...DEFAULT_BUNDLE_LIMITS, ...limits }, hash);
  if (!opened.ok) return opened;
  const b = opened.value;
  const checked = await checkFiles(b, hash);
  return ok({
    manifest: b.manifest,
    manifestHash: b.manifestHash,
    fingerprint: formatFingerprint(b.manifest.keyFingerprint),
    signatureBytes: b.signature.length,
    entries: [...b.entries].map(([path, data]) => ({ path, size: data.length })),
    files: checked.files,
    sums: checked.sums,
    extra: checked.extra,
    consistent: checked.sums === 'ok' && checked.extra.length === 0 && checked.files.every((f) => f.status === 'ok'),
  });
}
