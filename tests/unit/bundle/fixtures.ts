import { buildBundle, type BuiltBundle, type BundleInput } from '../../../shared/bundle/write';
import { generateSigningKey, KEY_RANDOM_BYTES, sign, type SignatureAlgorithm, type SigningKey } from '../../../shared/bundle/keys';
import type { TrustedKey } from '../../../shared/bundle/verify';
import { encodeSums, sha256Hex, type ManifestFile } from '../../../shared/bundle/manifest';
import { readTar, writeTar } from '../../../shared/bundle/tar';
import { canonicalJson } from '../../../shared/canonicalJson';

/** Fixed "randomness" so that every run builds the same keys and the same bundles. */
export function fixedKey(algorithm: SignatureAlgorithm, seed = 1): SigningKey {
  return generateSigningKey(algorithm, new Uint8Array(KEY_RANDOM_BYTES[algorithm]).fill(seed));
}

export const UNIT = { code: 'DW-0042', name: '某市某局' };

export function sampleInput(overrides: Partial<BundleInput> = {}): BundleInput {
  return {
    kind: 'unit-export',
    unit: UNIT,
    sequence: 1,
    period: { from: '2026-01-01', to: '2026-01-31' },
    previousBundleHash: null,
    createdAt: '2026-02-01T09:00:00.000Z',
    content: {
      carriers: [
        { id: 'c-0002', title: '关于年度保密检查的通知', level: '机密', copyNo: '000002' },
        { id: 'c-0001', title: '会议纪要', level: '秘密', copyNo: '000001' },
      ],
      events: [
        { id: 'e-0001', carrierId: 'c-0001', type: 'produce', at: '2026-01-05T10:00:00.000Z' },
        { id: 'e-0002', carrierId: 'c-0002', type: 'receive', at: '2026-01-06T11:00:00.000Z' },
        { id: 'e-0003', carrierId: 'c-0002', type: 'loan', at: '2026-01-07T08:30:00.000Z', detail: { dueAt: '2026-01-14' } },
      ],
      inventories: [],
    },
    ...overrides,
  };
}

export async function build(input: BundleInput, key: SigningKey): Promise<BuiltBundle> {
  const r = await buildBundle(input, key);
  if (!r.ok) throw new Error(`buildBundle refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Bundles 1..n of one unit, each chained to the one before. */
export async function chain(n: number, key: SigningKey): Promise<BuiltBundle[]> {
  const out: BuiltBundle[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const month = String(seq).padStart(2, '0');
    out.push(
      await build(
        sampleInput({
          sequence: seq,
          previousBundleHash: out[seq - 2]?.manifestHash ?? null,
          period: { from: `2026-${month}-01`, to: `2026-${month}-28` },
          createdAt: `2026-${month}-28T17:00:00.000Z`,
        }),
        key,
      ),
    );
  }
  return out;
}

export const trust = (key: SigningKey, extra: Partial<TrustedKey> = {}): TrustedKey => ({ publicKey: key.publicKey, unitCode: UNIT.code, ...extra });

/** Byte offset of an entry's content inside the archive (the header is the 512 bytes before). */
export function entryOffset(bytes: Uint8Array, path: string): number {
  let at = 0;
  while (at + 512 <= bytes.length) {
    let name = '';
    for (let i = 0; i < 100 && bytes[at + i] !== 0; i++) name += String.fromCharCode(bytes[at + i] as number);
    if (name === '') break;
    let size = 0;
    for (let i = 124; i < 135; i++) size = size * 8 + ((bytes[at + i] as number) - 48);
    if (name === path) return at + 512;
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`no entry ${path}`);
}

/**
 * Re-makes a bundle as a signer with a bug (or a forger holding the key) would: change entries,
 * optionally recompute the manifest's file list from them, change the manifest, sign it again and
 * write a matching SHA256SUMS. Only what the test changes is wrong in the result.
 */
export function resign(
  bytes: Uint8Array,
  key: SigningKey,
  opts: {
    entries?: (e: Map<string, Uint8Array>) => void;
    recomputeFiles?: boolean;
    manifest?: (m: Record<string, unknown>) => void;
    manifestText?: (canonical: string) => string;
  },
): Uint8Array {
  const tar = readTar(bytes);
  if (!tar.ok) throw new Error('resign: unreadable');
  const entries = new Map(tar.value.map((e) => [e.path, e.data]));
  opts.entries?.(entries);
  const manifest = JSON.parse(new TextDecoder().decode(entries.get('manifest.json'))) as Record<string, unknown> & { files: ManifestFile[] };
  if (opts.recomputeFiles) {
    manifest.files = [...entries]
      .filter(([p]) => p.startsWith('content/'))
      .map(([path, data]) => ({ path, sha256: sha256Hex(data), size: data.length }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
  }
  opts.manifest?.(manifest);
  const canonical = `${canonicalJson(manifest)}\n`;
  const manifestBytes = new TextEncoder().encode(opts.manifestText ? opts.manifestText(canonical) : canonical);
  const signature = sign(key, manifestBytes);
  entries.set('manifest.json', manifestBytes);
  entries.set('manifest.sig', signature);
  entries.set(
    'SHA256SUMS',
    encodeSums([
      ...manifest.files,
      { path: 'manifest.json', sha256: sha256Hex(manifestBytes) },
      { path: 'manifest.sig', sha256: sha256Hex(signature) },
    ]),
  );
  return writeTar([...entries].map(([path, data]) => ({ path, data })));
}

/** The same archive with one entry's bytes replaced (no re-signing, no new sums). */
export function replaceEntry(bytes: Uint8Array, path: string, data: Uint8Array | null): Uint8Array {
  const tar = readTar(bytes);
  if (!tar.ok) throw new Error('replaceEntry: unreadable');
  const entries = tar.value.filter((e) => e.path !== path);
  if (data) entries.push({ path, data });
  return writeTar(entries);
}
