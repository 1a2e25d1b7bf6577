import { describe, expect, it } from 'vitest';
import { verifyBundle, type VerifyOptions } from '../../../shared/bundle/verify';
import { SIGNATURE_ALGORITHMS } from '../../../shared/bundle/keys';
import { readTar } from '../../../shared/bundle/tar';
import { build, chain, entryOffset, fixedKey, replaceEntry, resign, sampleInput, trust, UNIT } from './fixtures';

const enc = (s: string) => new TextEncoder().encode(s);
const KEY = fixedKey('ed25519');
const OTHER = fixedKey('ed25519', 9);
const [B1, B2, B3, B4] = (await chain(4, KEY)) as [Awaited<ReturnType<typeof build>>, Awaited<ReturnType<typeof build>>, Awaited<ReturnType<typeof build>>, Awaited<ReturnType<typeof build>>];
const OPTS: VerifyOptions = { trustedKeys: [trust(KEY)], expectedKind: 'unit-export', expectedUnit: { code: UNIT.code } };
const after = (b: { manifest: { sequence: number }; manifestHash: string }) => ({ sequence: b.manifest.sequence, manifestHash: b.manifestHash });

async function code(bytes: Uint8Array, opts: Partial<VerifyOptions> = {}): Promise<string> {
  const r = await verifyBundle(bytes, { ...OPTS, ...opts });
  return r.ok ? `ok:${r.value.action}` : r.error.code;
}

const GOOD = new Map(await Promise.all(SIGNATURE_ALGORITHMS.map(async (a) => [a, await chain(2, fixedKey(a))] as const)));

describe.each(SIGNATURE_ALGORITHMS)('accepting a good %s bundle', (algorithm) => {
  const key = fixedKey(algorithm);
  const [first, second] = GOOD.get(algorithm) ?? [];

  it('accepts the first bundle of a unit and returns its records', async () => {
    const r = await verifyBundle(first!.bytes, { ...OPTS, trustedKeys: [trust(key)], lastAccepted: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ action: 'import', chainChecked: true, manifestHash: first!.manifestHash, manifest: { sequence: 1 } });
    expect(r.value.content.get('carriers')?.map((c) => c.id)).toEqual(['c-0001', 'c-0002']);
    expect(r.value.content.get('events')).toHaveLength(3);
    expect(r.value.content.get('inventories')).toEqual([]);
  });

  it('accepts the next bundle of the chain', async () => {
    expect(await code(second!.bytes, { trustedKeys: [trust(key)], lastAccepted: after(first!) })).toBe('ok:import');
  });
});

describe('keepRecords: files checked the same, their records not kept', () => {
  const notKept = { keepRecords: (name: string) => name !== 'events' };

  it('returns the other files’ records and every file’s bytes', async () => {
    const r = await verifyBundle(B1.bytes, { ...OPTS, ...notKept });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.content.has('events')).toBe(false);
    expect(r.value.content.get('carriers')?.map((c) => c.id)).toEqual(['c-0001', 'c-0002']);
    const tar = readTar(B1.bytes);
    if (!tar.ok) throw new Error('tar');
    expect(r.value.contentBytes.get('events')).toEqual(tar.value.find((e) => e.path === 'content/events.jsonl')?.data);
  });

  it.each([
    ['not JSON Lines', 'BUNDLE_CONTENT_INVALID', 'not json\n{"id":"b"}\n{"id":"c"}\n'],
    ['not canonical', 'BUNDLE_CONTENT_INVALID', '{"id":"a"}\n{"id":"b", "x":1}\n{"id":"c"}\n'],
    ['out of order', 'BUNDLE_CONTENT_INVALID', '{"id":"b"}\n{"id":"a"}\n{"id":"c"}\n'],
    ['fewer records than counted', 'BUNDLE_COUNT_MISMATCH', '{"id":"a"}\n'],
  ])('still refuses an events file %s', async (_, expected, text) => {
    const bytes = resign(B1.bytes, KEY, { entries: (e) => e.set('content/events.jsonl', enc(text)), recomputeFiles: true });
    expect(await code(bytes, notKept)).toBe(expected);
  });
});

describe('replay', () => {
  it('answers "already imported, nothing to do" for the last accepted bundle again, without content', async () => {
    const r = await verifyBundle(B2.bytes, { ...OPTS, lastAccepted: after(B2) });
    expect(r).toMatchObject({ ok: true, value: { action: 'already-imported', manifestHash: B2.manifestHash } });
    if (r.ok) expect(r.value.content.size).toBe(0);
  });

  it('still refuses a replayed bundle with a changed byte', async () => {
    const at = entryOffset(B2.bytes, 'content/events.jsonl');
    const changed = Uint8Array.from(B2.bytes);
    changed[at + 3] = (changed[at + 3] as number) ^ 1;
    expect(await code(changed, { lastAccepted: after(B2) })).toBe('BUNDLE_FILE_CHANGED');
  });

  it('does not check the chain when no position is given (reported as unchecked)', async () => {
    const r = await verifyBundle(B3.bytes, OPTS);
    expect(r).toMatchObject({ ok: true, value: { action: 'import', chainChecked: false } });
  });
});

describe('each refusal has its own code', () => {
  const sigAt = entryOffset(B1.bytes, 'manifest.sig');
  const manifestAt = entryOffset(B1.bytes, 'manifest.json');
  const eventsAt = entryOffset(B1.bytes, 'content/events.jsonl');
  const flip = (bytes: Uint8Array, at: number) => {
    const out = Uint8Array.from(bytes);
    out[at] = (out[at] as number) ^ 1;
    return out;
  };
  const manifestText = new TextDecoder().decode(B1.bytes.subarray(manifestAt, manifestAt + 2000)).split('\n')[0] as string;
  const nameAt = manifestAt + new TextEncoder().encode(manifestText.slice(0, manifestText.indexOf('某市'))).length;

  const sumsSize = () => {
    const r = readTar(B1.bytes);
    return r.ok ? (r.value.find((e) => e.path === 'SHA256SUMS')?.data.length ?? 0) : 0;
  };

  const cases: [string, string, () => Uint8Array, Partial<VerifyOptions>?][] = [
    ['an unknown key', 'BUNDLE_UNKNOWN_KEY', () => B1.bytes, { trustedKeys: [trust(OTHER)] }],
    ['a bad signature (signature byte changed)', 'BUNDLE_BAD_SIGNATURE', () => flip(B1.bytes, sigAt + 10)],
    ['a bad signature (manifest byte changed, still valid JSON)', 'BUNDLE_BAD_SIGNATURE', () => {
      const out = Uint8Array.from(B1.bytes);
      out.set(enc('某县'), nameAt); // 某市 → 某县, same byte length
      return out;
    }],
    ['a bundle signed by another key that claims the registered fingerprint', 'BUNDLE_BAD_SIGNATURE', () => resign(B1.bytes, OTHER, { manifest: (m) => (m.keyFingerprint = B1.manifest.keyFingerprint) })],
    ['a manifest naming another algorithm than the key', 'BUNDLE_ALGORITHM_MISMATCH', () => resign(B1.bytes, KEY, { manifest: (m) => (m.algorithm = 'sm2-sm3') })],
    ['a changed byte in a content file', 'BUNDLE_FILE_CHANGED', () => flip(B1.bytes, eventsAt + 5)],
    ['a changed byte in SHA256SUMS', 'BUNDLE_FILE_CHANGED', () => flip(B1.bytes, entryOffset(B1.bytes, 'SHA256SUMS') + 70)],
    ['a missing content file', 'BUNDLE_FILE_MISSING', () => replaceEntry(B1.bytes, 'content/events.jsonl', null)],
    ['a missing signature', 'BUNDLE_FILE_MISSING', () => replaceEntry(B1.bytes, 'manifest.sig', null)],
    ['a missing manifest', 'BUNDLE_FILE_MISSING', () => replaceEntry(B1.bytes, 'manifest.json', null)],
    ['an extra file', 'BUNDLE_FILE_EXTRA', () => replaceEntry(B1.bytes, 'content/extra.jsonl', enc('{"id":"x"}\n'))],
    ['a truncated file', 'BUNDLE_TRUNCATED', () => B1.bytes.subarray(0, B1.bytes.length - 1536)],
    ['a corrupt archive header', 'BUNDLE_CORRUPT', () => flip(B1.bytes, 0)],
    ['an archive beyond the size limit', 'BUNDLE_TOO_LARGE', () => B1.bytes, { limits: { maxArchiveBytes: 4096 } }],
    ['more files than the limit', 'BUNDLE_TOO_MANY_ENTRIES', () => B1.bytes, { limits: { maxEntries: 3 } }],
    ['the wrong kind', 'BUNDLE_WRONG_KIND', () => B1.bytes, { expectedKind: 'policy' }],
    ['the wrong unit', 'BUNDLE_WRONG_UNIT', () => B1.bytes, { expectedUnit: { code: 'DW-9999' } }],
    ['a key registered for another unit', 'BUNDLE_WRONG_UNIT', () => B1.bytes, { trustedKeys: [trust(KEY, { unitCode: 'DW-9999' })], expectedUnit: undefined }],
    ['a key used after it was rotated out', 'BUNDLE_KEY_NOT_VALID', () => B3.bytes, { trustedKeys: [trust(KEY, { validUntilSequence: 2 })] }],
    ['a missing bundle in the sequence', 'BUNDLE_GAP', () => B3.bytes, { lastAccepted: after(B1) }],
    ['a later bundle when none was imported yet', 'BUNDLE_GAP', () => B2.bytes, { lastAccepted: null }],
    ['an older bundle', 'BUNDLE_OLDER', () => B2.bytes, { lastAccepted: after(B3) }],
    ['a different bundle with the last accepted number (fork)', 'BUNDLE_FORKED', () => B2.bytes, { lastAccepted: { sequence: 2, manifestHash: 'f'.repeat(64) } }],
    ['a next bundle that does not link to the last accepted one', 'BUNDLE_CHAIN_BROKEN', () => B4.bytes, { lastAccepted: { sequence: 3, manifestHash: B2.manifestHash } }],
    ['a manifest that is not canonical JSON', 'BUNDLE_MANIFEST_INVALID', () => resign(B1.bytes, KEY, { manifestText: (t) => t.replace('{', '{ ') })],
    ['a manifest with an unknown field', 'BUNDLE_MANIFEST_INVALID', () => resign(B1.bytes, KEY, { manifest: (m) => (m.extra = 1) })],
    ['a newer format version', 'BUNDLE_UNSUPPORTED_VERSION', () => resign(B1.bytes, KEY, { manifest: (m) => (m.formatVersion = 2) })],
    ['content that is not JSON Lines', 'BUNDLE_CONTENT_INVALID', () =>
      resign(B1.bytes, KEY, { entries: (e) => e.set('content/events.jsonl', enc('not json\n{"id":"b"}\n{"id":"c"}\n')), recomputeFiles: true })],
    ['content with fewer records than counted', 'BUNDLE_COUNT_MISMATCH', () =>
      resign(B1.bytes, KEY, { entries: (e) => e.set('content/events.jsonl', enc('{"id":"a"}\n')), recomputeFiles: true })],
    ['a duplicate entry in the archive', 'BUNDLE_DUPLICATE_ENTRY', () => {
      // The archive's first entry (SHA256SUMS: header and content blocks) twice, then the rest.
      const end = entryOffset(B1.bytes, 'SHA256SUMS') + Math.ceil(sumsSize() / 512) * 512;
      return new Uint8Array([...B1.bytes.subarray(0, end), ...B1.bytes]);
    }],
  ];

  it.each(cases)('refuses %s: %s', async (_, expected, make, opts) => {
    expect(await code(make(), opts)).toBe(expected);
  });

  it('covers every refusal code verifyBundle can give, each distinct', async () => {
    const codes = new Set(cases.map((c) => c[1]));
    expect([...codes].sort()).toEqual(
      [
        'BUNDLE_ALGORITHM_MISMATCH', 'BUNDLE_BAD_SIGNATURE', 'BUNDLE_CHAIN_BROKEN', 'BUNDLE_CONTENT_INVALID', 'BUNDLE_CORRUPT',
        'BUNDLE_COUNT_MISMATCH', 'BUNDLE_DUPLICATE_ENTRY', 'BUNDLE_FILE_CHANGED', 'BUNDLE_FILE_EXTRA', 'BUNDLE_FILE_MISSING',
        'BUNDLE_FORKED', 'BUNDLE_GAP', 'BUNDLE_KEY_NOT_VALID', 'BUNDLE_MANIFEST_INVALID', 'BUNDLE_OLDER', 'BUNDLE_TOO_LARGE',
        'BUNDLE_TOO_MANY_ENTRIES', 'BUNDLE_TRUNCATED', 'BUNDLE_UNKNOWN_KEY', 'BUNDLE_UNSUPPORTED_VERSION', 'BUNDLE_WRONG_KIND',
        'BUNDLE_WRONG_UNIT',
      ].sort(),
    );
  });

  it('gives the refusals the values a message needs', async () => {
    expect(await verifyBundle(B3.bytes, { ...OPTS, lastAccepted: after(B1) })).toEqual({
      ok: false,
      error: { code: 'BUNDLE_GAP', params: { sequence: 3, expected: 2, missingFrom: 2, missingTo: 2 } },
    });
    const unknown = await verifyBundle(B1.bytes, { ...OPTS, trustedKeys: [] });
    expect(unknown).toMatchObject({ ok: false, error: { params: { unit: 'DW-0042', fingerprint: expect.stringMatching(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/) } } });
    expect(await verifyBundle(replaceEntry(B1.bytes, 'content/events.jsonl', null), OPTS)).toEqual({
      ok: false,
      error: { code: 'BUNDLE_FILE_MISSING', params: { path: 'content/events.jsonl' } },
    });
  });
});

describe('any single changed byte', () => {
  it('anywhere in the file (header, content, padding, manifest, signature, sums, end blocks) is refused', async () => {
    const accepted: number[] = [];
    for (let at = 0; at < B1.bytes.length; at++) {
      const changed = Uint8Array.from(B1.bytes);
      changed[at] = (changed[at] as number) ^ 0x20;
      if ((await verifyBundle(changed, OPTS)).ok) accepted.push(at);
    }
    expect(accepted).toEqual([]);
  });
});

describe('choosing the key', () => {
  it('prefers the registration for the bundle’s unit when a key is registered twice', async () => {
    expect(await code(B1.bytes, { trustedKeys: [trust(KEY, { unitCode: 'DW-OLD' }), trust(KEY)] })).toBe('ok:import');
  });
});

const BUREAU = fixedKey('sm2-sm3', 5);
const POLICY = await build(
  sampleInput({ kind: 'policy', unit: { code: 'BUREAU-01', name: '市国家保密局' }, content: { 'destruction-bodies': [{ id: 'd1', name: '市涉密载体销毁中心' }] } }),
  BUREAU,
);

describe('policy bundles', () => {
  const policy = POLICY;
  const unitSide: VerifyOptions = { trustedKeys: [{ publicKey: BUREAU.publicKey, unitCode: 'BUREAU-01' }], expectedKind: 'policy', expectedUnit: { code: 'BUREAU-01' }, lastAccepted: null };

  it('are accepted with the pinned bureau key', async () => {
    expect(await code(policy.bytes, unitSide)).toBe('ok:import');
  });

  it('are refused when signed by anything but the pinned key', async () => {
    const forged = await build(sampleInput({ kind: 'policy', unit: { code: 'BUREAU-01', name: '市国家保密局' } }), fixedKey('sm2-sm3', 6));
    expect(await code(forged.bytes, unitSide)).toBe('BUNDLE_UNKNOWN_KEY');
  });

  it('are refused where a unit export is expected, and the other way round', async () => {
    expect(await code(policy.bytes, { ...unitSide, expectedKind: 'unit-export' })).toBe('BUNDLE_WRONG_KIND');
    expect(await code(B1.bytes, { expectedKind: 'policy' })).toBe('BUNDLE_WRONG_KIND');
  });
});
