import { ok, refuse, type Result } from '../result';
import { encodeContent, type BundleRecord } from './content';
import { jsSha256, sha256HexWith, type Sha256 } from './digest';
import { fingerprint, sign, type SigningKey } from './keys';
import {
  checkManifestRules,
  CONTENT_NAME,
  contentPath,
  encodeManifest,
  encodeSums,
  FORMAT_VERSION,
  MANIFEST_PATH,
  manifestSchema,
  SIGNATURE_PATH,
  SUMS_PATH,
  type BundleKind,
  type Manifest,
} from './manifest';
import { writeTar, type TarEntry } from './tar';

/** What a bundle is made from. The same input (createdAt included) always gives the same bytes. */
export interface BundleInput {
  kind: BundleKind;
  unit: { code: string; name: string };
  sequence: number;
  period: { from: string; to: string };
  /** SHA-256 (hex) of the previous bundle's manifest.json bytes; null for the first bundle. */
  previousBundleHash: string | null;
  /** ISO time, passed in (shared/ has no clock). */
  createdAt: string;
  /** Records per content name (`carriers`, `events`, …); each becomes `content/<name>.jsonl`. */
  content: Readonly<Record<string, readonly BundleRecord[]>>;
}

export interface BuiltBundle {
  /** The .ledgerbundle file. */
  bytes: Uint8Array;
  manifest: Manifest;
  /** SHA-256 (hex) of manifest.json: the next bundle's previousBundleHash, and what the receipt prints. */
  manifestHash: string;
}

/**
 * Writes a signed bundle: content files, manifest.json, manifest.sig (detached signature over the
 * exact manifest.json bytes) and SHA256SUMS, in one ustar archive. Pure: the caller passes the time,
 * the key, the data and SHA-256 (digest.ts: WebCrypto's in the app), and writes the bytes where the
 * user chose. Refusals: BUNDLE_INPUT_INVALID.
 */
export async function buildBundle(input: BundleInput, key: SigningKey, hash: Sha256 = jsSha256): Promise<Result<BuiltBundle>> {
  const entries: TarEntry[] = [];
  const pending: Promise<Manifest['files'][number]>[] = [];
  const counts: Record<string, number> = {};
  for (const name of Object.keys(input.content).sort()) {
    if (!CONTENT_NAME.test(name)) return refuse('BUNDLE_INPUT_INVALID', { reason: 'content-name', name });
    const records = input.content[name] ?? [];
    const encoded = encodeContent(name, records);
    if (!encoded.ok) return encoded;
    const path = contentPath(name);
    const data = encoded.value;
    entries.push({ path, data });
    // Hashed while the next file is encoded (WebCrypto works off the main thread).
    pending.push(sha256HexWith(hash, data).then((sha256) => ({ path, sha256, size: data.length })));
    counts[name] = records.length;
  }
  const files = await Promise.all(pending);
  files.sort((a, b) => (a.path < b.path ? -1 : 1));

  const candidate = {
    formatVersion: FORMAT_VERSION,
    kind: input.kind,
    unit: { code: input.unit.code, name: input.unit.name },
    keyFingerprint: fingerprint(key.publicKey),
    algorithm: key.algorithm,
    sequence: input.sequence,
    period: { from: input.period.from, to: input.period.to },
    previousBundleHash: input.previousBundleHash,
    createdAt: input.createdAt,
    counts,
    files,
  };
  const parsed = manifestSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('BUNDLE_INPUT_INVALID', { reason: 'manifest', field: issue ? issue.path.join('.') : '' });
  }
  const rules = checkManifestRules(parsed.data);
  if (!rules.ok) return refuse('BUNDLE_INPUT_INVALID', { reason: 'manifest', field: String(rules.error.params?.field ?? '') });

  const manifestBytes = encodeManifest(parsed.data);
  const signature = sign(key, manifestBytes);
  const [manifestHash, signatureHash] = await Promise.all([sha256HexWith(hash, manifestBytes), sha256HexWith(hash, signature)]);
  const sums = encodeSums([...files, { path: MANIFEST_PATH, sha256: manifestHash }, { path: SIGNATURE_PATH, sha256: signatureHash }]);
  entries.push({ path: MANIFEST_PATH, data: manifestBytes }, { path: SIGNATURE_PATH, data: signature }, { path: SUMS_PATH, data: sums });
  return ok({ bytes: writeTar(entries), manifest: parsed.data, manifestHash });
}

/** `unit-<code>-0007.ledgerbundle` / `policy-<code>-0007.ledgerbundle`; unsafe characters become `_`. */
export function suggestedFileName(manifest: Pick<Manifest, 'kind' | 'unit' | 'sequence'>): string {
  const code = manifest.unit.code.replace(/[^A-Za-z0-9_-]/g, '_');
  const prefix = manifest.kind === 'policy' ? 'policy' : 'unit';
  return `${prefix}-${code}-${String(manifest.sequence).padStart(4, '0')}.ledgerbundle`;
}
