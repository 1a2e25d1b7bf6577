import { describe, expect, it } from 'vitest';
import { buildBundle, suggestedFileName } from '../../../shared/bundle/write';
import { readTar } from '../../../shared/bundle/tar';
import { sha256Hex } from '../../../shared/bundle/manifest';
import { fingerprint, SIGNATURE_ALGORITHMS } from '../../../shared/bundle/keys';
import { jsSha256, subtleSha256 } from '../../../shared/bundle/digest';
import { verifyBundle } from '../../../shared/bundle/verify';
import { build, fixedKey, sampleInput } from './fixtures';

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
function entries(bytes: Uint8Array): Map<string, Uint8Array> {
  const r = readTar(bytes);
  if (!r.ok) throw new Error(r.error.code);
  return new Map(r.value.map((e) => [e.path, e.data]));
}

describe.each(SIGNATURE_ALGORITHMS)('writing a %s-signed bundle', (algorithm) => {
  const key = fixedKey(algorithm);

  it('gives byte-identical bundles for the same data, whatever order the records come in', async () => {
    const a = await build(sampleInput(), key);
    const input = sampleInput();
    const shuffled = { ...input, content: Object.fromEntries(Object.entries(input.content).reverse().map(([k, v]) => [k, [...v].reverse()])) };
    const b = await build(shuffled, key);
    expect(b.bytes).toEqual(a.bytes);
    expect(b.manifestHash).toBe(a.manifestHash);
  });

  it('gives the same bytes with WebCrypto\'s SHA-256 (the app\'s and the command line\'s) as with the JavaScript one, and verifies with either', async () => {
    const input = sampleInput();
    const js = await buildBundle(input, key, jsSha256);
    const web = await buildBundle(input, key, subtleSha256(globalThis.crypto.subtle));
    if (!js.ok || !web.ok) throw new Error('refused');
    expect(web.value.bytes).toEqual(js.value.bytes);
    expect(web.value.manifestHash).toBe(sha256Hex(entries(js.value.bytes).get('manifest.json') as Uint8Array));
    for (const sha256 of [jsSha256, subtleSha256(globalThis.crypto.subtle)]) {
      const v = await verifyBundle(web.value.bytes, { trustedKeys: [{ publicKey: key.publicKey }], lastAccepted: null, sha256 });
      expect(v.ok && v.value.action).toBe('import');
    }
  });

  it('holds exactly the manifest, its signature, SHA256SUMS and one JSON Lines file per content', async () => {
    const e = entries((await build(sampleInput(), key)).bytes);
    expect([...e.keys()]).toEqual(['SHA256SUMS', 'content/carriers.jsonl', 'content/events.jsonl', 'content/inventories.jsonl', 'manifest.json', 'manifest.sig']);
  });

  it('writes records as canonical JSON lines sorted by id', async () => {
    const e = entries((await build(sampleInput(), key)).bytes);
    expect(text(e.get('content/carriers.jsonl'))).toBe(
      '{"copyNo":"000001","id":"c-0001","level":"秘密","title":"会议纪要"}\n' +
        '{"copyNo":"000002","id":"c-0002","level":"机密","title":"关于年度保密检查的通知"}\n',
    );
    expect(text(e.get('content/inventories.jsonl'))).toBe('');
  });

  it('writes a manifest with unit, key, sequence, period, chain link, counts and per-file SHA-256', async () => {
    const built = await build(sampleInput(), key);
    const e = entries(built.bytes);
    const manifestBytes = e.get('manifest.json') as Uint8Array;
    expect(built.manifestHash).toBe(sha256Hex(manifestBytes));
    const m = JSON.parse(text(manifestBytes));
    expect(m).toEqual({
      formatVersion: 1,
      kind: 'unit-export',
      unit: { code: 'DW-0042', name: '某市某局' },
      keyFingerprint: fingerprint(key.publicKey),
      algorithm,
      sequence: 1,
      period: { from: '2026-01-01', to: '2026-01-31' },
      previousBundleHash: null,
      createdAt: '2026-02-01T09:00:00.000Z',
      counts: { carriers: 2, events: 3, inventories: 0 },
      files: ['carriers', 'events', 'inventories'].map((n) => {
        const data = e.get(`content/${n}.jsonl`) as Uint8Array;
        return { path: `content/${n}.jsonl`, sha256: sha256Hex(data), size: data.length };
      }),
    });
    expect(text(manifestBytes).endsWith('}\n')).toBe(true);
  });

  it('writes SHA256SUMS in the format sha256sum -c reads, covering every other file', async () => {
    const e = entries((await build(sampleInput(), key)).bytes);
    const lines = text(e.get('SHA256SUMS')).trimEnd().split('\n');
    expect(lines.map((l) => l.slice(66))).toEqual(['content/carriers.jsonl', 'content/events.jsonl', 'content/inventories.jsonl', 'manifest.json', 'manifest.sig']);
    for (const line of lines) {
      const [hash, path] = line.split('  ');
      expect(hash).toBe(sha256Hex(e.get(path as string) as Uint8Array));
    }
  });
});

describe('refusing input a bundle cannot be made from', () => {
  const key = fixedKey('ed25519');

  it('refuses two records with the same id', async () => {
    const r = await buildBundle(sampleInput({ content: { carriers: [{ id: 'a' }, { id: 'a' }] } }), key);
    expect(r).toMatchObject({ ok: false, error: { code: 'BUNDLE_INPUT_INVALID', params: { reason: 'duplicate-id', id: 'a' } } });
  });

  it('refuses a record without an id', async () => {
    const r = await buildBundle(sampleInput({ content: { carriers: [{ id: '' }] } }), key);
    expect(r).toMatchObject({ ok: false, error: { code: 'BUNDLE_INPUT_INVALID', params: { reason: 'record-id' } } });
  });

  it('refuses a content name that is not a safe file name', async () => {
    const r = await buildBundle(sampleInput({ content: { '../x': [] } }), key);
    expect(r).toMatchObject({ ok: false, error: { code: 'BUNDLE_INPUT_INVALID', params: { reason: 'content-name' } } });
  });

  it('refuses a first bundle that names a predecessor, and a later one that does not', async () => {
    expect(await buildBundle(sampleInput({ previousBundleHash: 'a'.repeat(64) }), key)).toMatchObject({ ok: false, error: { code: 'BUNDLE_INPUT_INVALID' } });
    expect(await buildBundle(sampleInput({ sequence: 2 }), key)).toMatchObject({ ok: false, error: { code: 'BUNDLE_INPUT_INVALID' } });
  });

  it('refuses a period that ends before it starts', async () => {
    const r = await buildBundle(sampleInput({ period: { from: '2026-02-01', to: '2026-01-01' } }), key);
    expect(r).toMatchObject({ ok: false, error: { code: 'BUNDLE_INPUT_INVALID', params: { field: 'period' } } });
  });
});

describe('file name', () => {
  it('names the bundle after kind, unit and sequence', async () => {
    expect(suggestedFileName({ kind: 'unit-export', unit: { code: 'DW-0042', name: 'x' }, sequence: 7 })).toBe('unit-DW-0042-0007.ledgerbundle');
    expect(suggestedFileName({ kind: 'policy', unit: { code: '市保密局/1', name: 'x' }, sequence: 12 })).toBe('policy-_____1-0012.ledgerbundle');
  });
});
