import { describe, expect, it } from 'vitest';
import { DEFAULT_TAR_LIMITS, readTar, writeTar, type TarEntry } from '../../../shared/bundle/tar';

const enc = (s: string) => new TextEncoder().encode(s);
const ENTRIES: TarEntry[] = [
  { path: 'manifest.json', data: enc('{"a":1}\n') },
  { path: 'content/carriers.jsonl', data: enc('x'.repeat(700)) },
  { path: 'SHA256SUMS', data: new Uint8Array(0) },
];

/** Changes a header in place and fixes its checksum, as a crafted (not damaged) archive would. */
function patchHeader(bytes: Uint8Array, at: number, patch: (h: Uint8Array) => void): Uint8Array {
  const out = Uint8Array.from(bytes);
  const h = out.subarray(at, at + 512);
  patch(h);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.set(enc(sum.toString(8).padStart(6, '0') + '\0 '), 148);
  return out;
}
const setField = (h: Uint8Array, offset: number, length: number, value: string) => {
  h.fill(0, offset, offset + length);
  h.set(enc(value).subarray(0, length), offset);
};
const oneFile = (path = 'a.txt', data = enc('hello')) => writeTar([{ path, data }]);
const refusal = (bytes: Uint8Array, limits = DEFAULT_TAR_LIMITS) => {
  const r = readTar(bytes, limits);
  return r.ok ? null : r.error;
};

describe('tar writer', () => {
  it('writes the same bytes for the same entries in any order', () => {
    expect(writeTar(ENTRIES)).toEqual(writeTar([...ENTRIES].reverse()));
  });

  it('sorts entries by path and pads to 512-byte blocks with two zero blocks at the end', () => {
    const bytes = writeTar(ENTRIES);
    // 3 headers + 0 + 2 + 1 data blocks + 2 end blocks
    expect(bytes.length).toBe(512 * (3 + 3 + 2));
    const r = readTar(bytes);
    expect(r.ok && r.value.map((e) => e.path)).toEqual(['SHA256SUMS', 'content/carriers.jsonl', 'manifest.json']);
  });

  it('writes fixed metadata: mode 0644, uid/gid 0, mtime 0, regular file, POSIX ustar magic', () => {
    const h = oneFile().subarray(0, 512);
    const field = (o: number, l: number) => new TextDecoder().decode(h.subarray(o, o + l));
    expect(field(100, 8)).toBe('0000644\0');
    expect(field(108, 8)).toBe('0000000\0');
    expect(field(116, 8)).toBe('0000000\0');
    expect(field(124, 12)).toBe('00000000005\0');
    expect(field(136, 12)).toBe('00000000000\0');
    expect(field(156, 1)).toBe('0');
    expect(field(257, 8)).toBe('ustar\u000000');
  });

  it('round-trips content exactly', () => {
    const r = readTar(writeTar(ENTRIES));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const e of ENTRIES) expect(r.value.find((x) => x.path === e.path)?.data).toEqual(e.data);
  });

  it('refuses to write an unsafe path or a duplicate', () => {
    expect(() => writeTar([{ path: '../x', data: enc('') }])).toThrow(/unsafe/);
    expect(() => writeTar([{ path: 'a', data: enc('') }, { path: 'a', data: enc('') }])).toThrow(/duplicate/);
  });
});

describe('tar reader refuses hostile archives', () => {
  it('refuses a header claiming a huge size before touching the content', () => {
    const bytes = patchHeader(oneFile(), 0, (h) => setField(h, 124, 12, '77777777777\0'));
    expect(refusal(bytes)).toMatchObject({ code: 'BUNDLE_TOO_LARGE', params: { what: 'entry', size: 0o77777777777 } });
  });

  it('refuses a header claiming more than the configured entry limit', () => {
    const bytes = oneFile('a.txt', new Uint8Array(2000));
    expect(refusal(bytes, { ...DEFAULT_TAR_LIMITS, maxEntryBytes: 1024 })).toMatchObject({ code: 'BUNDLE_TOO_LARGE', params: { what: 'entry' } });
  });

  it('refuses when the entries together expand beyond the total limit', () => {
    const bytes = writeTar([{ path: 'a', data: new Uint8Array(600) }, { path: 'b', data: new Uint8Array(600) }]);
    expect(refusal(bytes, { ...DEFAULT_TAR_LIMITS, maxTotalBytes: 1000 })).toMatchObject({ code: 'BUNDLE_TOO_LARGE', params: { what: 'total' } });
  });

  it('refuses an archive larger than the archive limit without parsing it', () => {
    expect(refusal(oneFile(), { ...DEFAULT_TAR_LIMITS, maxArchiveBytes: 1024 })).toMatchObject({ code: 'BUNDLE_TOO_LARGE', params: { what: 'archive' } });
  });

  it('refuses more entries than the entry-count limit', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ path: `f${i}`, data: enc('x') }));
    expect(refusal(writeTar(many), { ...DEFAULT_TAR_LIMITS, maxEntries: 4 })).toMatchObject({ code: 'BUNDLE_TOO_MANY_ENTRIES' });
  });

  it.each([
    ['in the middle of the content', 512 + 256],
    ['after the content, before the end blocks', 1024],
    ['between the two end blocks', 1536],
    ['inside the first header', 100],
    ['to nothing', 0],
  ])('refuses a file truncated %s', (_, length) => {
    const bytes = oneFile('a.txt', new Uint8Array(600).fill(65)); // header + 2 data blocks + 2 end blocks
    expect(refusal(bytes.subarray(0, length))).toMatchObject({ code: 'BUNDLE_TRUNCATED' });
  });

  it('refuses a header whose checksum does not match (a changed byte)', () => {
    const bytes = oneFile();
    bytes[10] = 0x41; // inside the name, checksum not fixed
    expect(refusal(bytes)).toMatchObject({ code: 'BUNDLE_CORRUPT', params: { reason: 'checksum', offset: 0 } });
  });

  it('refuses anything after the end-of-archive blocks that is not zero', () => {
    const bytes = new Uint8Array([...oneFile(), ...new Uint8Array(512).fill(1)]);
    expect(refusal(bytes)).toMatchObject({ code: 'BUNDLE_CORRUPT', params: { reason: 'data-after-end' } });
  });

  it('refuses non-zero padding after an entry’s content', () => {
    const bytes = oneFile('a.txt', enc('hello'));
    bytes[512 + 100] = 1;
    expect(refusal(bytes)).toMatchObject({ code: 'BUNDLE_CORRUPT', params: { reason: 'padding', offset: 517 } });
  });

  it('accepts zero padding after the end (tar record padding)', () => {
    expect(readTar(new Uint8Array([...oneFile(), ...new Uint8Array(10240 - 2048)])).ok).toBe(true);
  });

  it('refuses an archive that is not POSIX ustar (e.g. old GNU magic)', () => {
    const bytes = patchHeader(oneFile(), 0, (h) => setField(h, 257, 8, 'ustar  \0'));
    expect(refusal(bytes)).toMatchObject({ code: 'BUNDLE_CORRUPT', params: { reason: 'not-ustar' } });
  });

  it('refuses a size written in GNU base-256', () => {
    const bytes = patchHeader(oneFile(), 0, (h) => {
      h.fill(0, 124, 136);
      h[124] = 0x80;
      h[135] = 5;
    });
    expect(refusal(bytes)).toMatchObject({ code: 'BUNDLE_CORRUPT', params: { reason: 'size' } });
  });

  it.each([
    ['../etc/passwd'],
    ['/etc/passwd'],
    ['content/../../x'],
    ['a\\..\\b'],
    ['C:/x'],
    ['./a'],
    ['a//b'],
    ['.hidden'],
    ['目录/文件'],
    ['a\nb'],
  ])('refuses the unsafe path %j', (path) => {
    const bytes = patchHeader(oneFile(), 0, (h) => {
      h.fill(0, 0, 100);
      h.set(enc(path), 0);
    });
    expect(refusal(bytes)).toMatchObject({ code: 'BUNDLE_UNSAFE_PATH' });
  });

  it('refuses traversal hidden in the ustar prefix field', () => {
    const bytes = patchHeader(oneFile(), 0, (h) => setField(h, 345, 155, '..'));
    expect(refusal(bytes)).toMatchObject({ code: 'BUNDLE_UNSAFE_PATH', params: { path: '../a.txt' } });
  });

  it.each([
    ['1', 'hard link'],
    ['2', 'symbolic link'],
    ['3', 'character device'],
    ['4', 'block device'],
    ['5', 'directory'],
    ['6', 'FIFO'],
    ['x', 'pax extended header'],
    ['g', 'pax global header'],
    ['L', 'GNU long name'],
    ['K', 'GNU long link'],
  ])('refuses a non-regular entry of type %s (%s)', (type) => {
    const bytes = patchHeader(oneFile(), 0, (h) => setField(h, 156, 1, type));
    expect(refusal(bytes)).toMatchObject({ code: 'BUNDLE_UNSUPPORTED_ENTRY', params: { type } });
  });

  it('refuses two entries with the same name', () => {
    const a = oneFile('a.txt', enc('one'));
    const b = oneFile('b.txt', enc('two'));
    const renamed = patchHeader(b, 0, (h) => setField(h, 0, 100, 'a.txt'));
    const bytes = new Uint8Array([...a.subarray(0, 1024), ...renamed]);
    expect(refusal(bytes)).toMatchObject({ code: 'BUNDLE_DUPLICATE_ENTRY', params: { path: 'a.txt' } });
  });
});
