import { describe, expect, it } from 'vitest';
import { inspectBundle } from '../../../shared/bundle/inspect';
import { build, entryOffset, fixedKey, replaceEntry, sampleInput } from './fixtures';

const B = await build(sampleInput(), fixedKey('sm2-sm3'));

describe('inspecting a bundle', () => {
  it('summarises the manifest, the manifest hash and the fingerprint as printed', async () => {
    const r = await inspectBundle(B.bytes);
    expect(r).toMatchObject({
      ok: true,
      value: {
        manifestHash: B.manifestHash,
        manifest: { sequence: 1, unit: { code: 'DW-0042' }, counts: { carriers: 2, events: 3, inventories: 0 } },
        fingerprint: expect.stringMatching(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/),
        consistent: true,
        extra: [],
        sums: 'ok',
      },
    });
  });

  it('names a changed file and an extra file without refusing', async () => {
    const changed = Uint8Array.from(B.bytes);
    changed[entryOffset(B.bytes, 'content/carriers.jsonl') + 2] = (changed[entryOffset(B.bytes, 'content/carriers.jsonl') + 2] as number) ^ 1;
    const r = await inspectBundle(replaceEntry(changed, 'notes.txt', new Uint8Array([1])));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.consistent).toBe(false);
    expect(r.value.files.find((f) => f.path === 'content/carriers.jsonl')?.status).toBe('changed');
    expect(r.value.extra).toEqual(['notes.txt']);
  });

  it('refuses what cannot be read at all', async () => {
    expect(await inspectBundle(B.bytes.subarray(0, 700))).toMatchObject({ ok: false, error: { code: 'BUNDLE_TRUNCATED' } });
  });
});
