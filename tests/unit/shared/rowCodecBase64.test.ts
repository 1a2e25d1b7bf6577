import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../shared/backup/rowCodec';

/** The backup's base64 against Node's own, at every length around the 3-byte groups and a chunk edge. */
describe('backup row codec base64', () => {
  const lengths = [...Array.from({ length: 40 }, (_, i) => i), 0x8000 - 1, 0x8000, 0x8000 + 1, 70_001];
  it.each(lengths)('%i bytes encode as standard base64 and decode back', (n) => {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) bytes[i] = (i * 151 + 7) & 0xff;
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(Array.from(base64ToBytes(b64))).toEqual(Array.from(bytes));
  });

  it('refuses what is not padded base64', () => {
    for (const bad of ['abc', 'ab$=', 'a===', '====x']) expect(() => base64ToBytes(bad)).toThrow('malformed base64');
  });
});
