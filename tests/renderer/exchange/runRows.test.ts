import { describe, expect, it } from 'vitest';
import { Cipher } from '../../../renderer/db/cipher';
import { BUREAU_CHUNK_RECORDS, bureauChunkId, recordsTable, runRows } from '../../../renderer/db/exchange/exchangeStore';
import { asRow } from '../../../renderer/db/ledgerAccess';
import { encodeContent, type BundleRecord } from '../../../shared/bundle/content';

/**
 * The bureau seals a checked content file's own lines as runs (runRows): each row must open, with
 * the same reader as ever (recordsTable.fromRow, JSON.parse), to exactly the file's records, cut
 * every BUREAU_CHUNK_RECORDS lines.
 */
const cipher = await Cipher.fromMaster(new Uint8Array(32).fill(9) as Uint8Array<ArrayBuffer>);

function records(n: number): BundleRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `r${String(i).padStart(6, '0')}`,
    // Text a line could break on: an escaped newline, quotes, a comma, Chinese, an emoji.
    title: i % 3 === 0 ? `第${i}号\n"文件", 附件` : `载体 ${i} 🔒`,
    n: i,
    nested: { a: [i, null, true], b: '\\' },
  }));
}

async function roundTrip(n: number): Promise<{ ids: string[]; read: BundleRecord[] }> {
  const list = records(n);
  const enc = encodeContent('carriers', list);
  if (!enc.ok) throw new Error('encode');
  const rows = await runRows(cipher, 'unit-1', 'carriers', 7, enc.value);
  const docs = await Promise.all(rows.map((r) => recordsTable.fromRow(cipher, asRow(r))));
  expect(rows.every((r) => r.unitId === 'unit-1' && r.part === 'carriers')).toBe(true);
  return { ids: rows.map((r) => r.id), read: docs.flatMap((d) => ('records' in d ? d.records : [d.record])) };
}

describe('runRows', () => {
  it.each([1, 2, BUREAU_CHUNK_RECORDS - 1, BUREAU_CHUNK_RECORDS, BUREAU_CHUNK_RECORDS + 1, 2 * BUREAU_CHUNK_RECORDS + 17])('%i records: cut every BUREAU_CHUNK_RECORDS lines, each run opening to its records', async (n) => {
    const { ids, read } = await roundTrip(n);
    expect(read).toEqual(records(n));
    const runs = Math.ceil(n / BUREAU_CHUNK_RECORDS);
    expect(ids).toEqual(Array.from({ length: runs }, (_, i) => bureauChunkId('unit-1', 'carriers', 7, i)));
  });

  it('an empty file is no rows', async () => {
    expect(await runRows(cipher, 'unit-1', 'carriers', 7, new Uint8Array(0))).toEqual([]);
  });

  it('a run sealed under one id does not open as another', async () => {
    const enc = encodeContent('carriers', records(3));
    if (!enc.ok) throw new Error('encode');
    const [row] = await runRows(cipher, 'unit-1', 'carriers', 7, enc.value);
    await expect(recordsTable.fromRow(cipher, asRow({ ...row!, id: bureauChunkId('unit-1', 'carriers', 8, 0) }))).rejects.toThrow(/failed authentication/);
  });
});
