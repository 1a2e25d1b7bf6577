import { describe, expect, it } from 'vitest';
import {
  BACKUP_FILE_PATTERN,
  backupFileName,
  encodePreamble,
  FrameOrder,
  frameAad,
  parseFrame,
  parseHeader,
  parsePreamble,
  type Frame,
  type ManifestFrame,
} from '../../../shared/backup/format';
import { backupReminder, checkReminderDays } from '../../../shared/backup/reminder';
import { decodeRow, encodeRow, RowCodecError } from '../../../shared/backup/rowCodec';

const MANIFEST: ManifestFrame = {
  k: 'manifest',
  createdAt: '2026-11-21T01:30:00.000Z',
  appVersion: '0.1.0',
  schemaVersion: 5,
  installId: 'a'.repeat(32),
  unit: { name: '某单位', code: 'BM-0001' },
  createdBy: { accountId: 'x', username: 'sysadmin', displayName: '王' },
  tables: [
    { name: 'accounts', schema: 'id, status', count: 3 },
    { name: 'people', schema: 'id, status, clearance', count: 2 },
  ],
  auditHead: { seq: 4, hash: 'f'.repeat(64) },
};
const rows = (t: string, n: number): Frame => ({ k: 'rows', t, rows: Array.from({ length: n }, (_, i) => ({ id: String(i) })) });

describe('backup file format', () => {
  it('names the file by unit code and local time, and the name passes the contract’s rule', () => {
    const name = backupFileName('BM-0001', new Date(2026, 10, 21, 9, 30, 5));
    expect(name).toBe('ledger-backup-BM-0001-20261121-093005.slbackup');
    expect(BACKUP_FILE_PATTERN.test(name)).toBe(true);
    expect(BACKUP_FILE_PATTERN.test(backupFileName('保密 办/01', new Date(2026, 0, 1)))).toBe(true);
  });

  it('reads back its own preamble, and refuses another file, another version and a silly header length', () => {
    expect(parsePreamble(encodePreamble(1234))).toEqual({ ok: true, value: { headerLength: 1234 } });
    expect(parsePreamble(new TextEncoder().encode('PK\u0003\u0004 a zip file......'))).toEqual({ ok: false, error: { code: 'BACKUP_NOT_A_BACKUP' } });
    const v2 = encodePreamble(10);
    v2[8] = 2;
    expect(parsePreamble(v2)).toEqual({ ok: false, error: { code: 'BACKUP_VERSION_UNSUPPORTED', params: { version: 2 } } });
    expect(parsePreamble(encodePreamble(50 * 1024 * 1024))).toMatchObject({ ok: false, error: { code: 'BACKUP_DAMAGED' } });
    expect(parsePreamble(new Uint8Array(3))).toEqual({ ok: false, error: { code: 'BACKUP_NOT_A_BACKUP' } });
  });

  it('checks the header’s shape', () => {
    const good = { format: 'secrecy-ledger/backup', version: 1, installId: 'b'.repeat(32), salt: 'AAAA', slots: [{ slotId: 'recovery', kdf: { alg: 'argon2id', m: 256, t: 1, p: 1, salt: 'AAAA' }, wrapped: 'AAAA' }] };
    expect(parseHeader(JSON.stringify(good)).ok).toBe(true);
    expect(parseHeader('{')).toEqual({ ok: false, error: { code: 'BACKUP_DAMAGED', params: { where: 'header' } } });
    expect(parseHeader(JSON.stringify({ ...good, slots: [] }))).toMatchObject({ ok: false, error: { code: 'BACKUP_DAMAGED' } });
    expect(parseHeader(JSON.stringify({ ...good, slots: [{ ...good.slots[0], slotId: '../x' }] }))).toMatchObject({ ok: false });
  });

  it('binds each frame to the file, its place and whether it is the last', () => {
    const a = frameAad('h', 3, false);
    expect(new Set([a, frameAad('h', 4, false), frameAad('h', 3, true), frameAad('g', 3, false)]).size).toBe(4);
  });

  it('takes frames only in order: manifest, rows table by table, end with the counts read', () => {
    const order = new FrameOrder();
    for (const f of [MANIFEST, rows('accounts', 2), rows('accounts', 1), rows('people', 2)]) expect(order.push(f).ok).toBe(true);
    expect(order.push({ k: 'end', frames: 5, counts: { accounts: 3, people: 2 } })).toEqual({ ok: true, value: undefined });
    expect(order.finish()).toEqual({ ok: true, value: { counts: { accounts: 3, people: 2 } } });
  });

  it.each([
    ['rows before the manifest', [rows('accounts', 1)]],
    ['a table the manifest does not name', [MANIFEST, rows('secrets', 1)]],
    ['a table again after the next one', [MANIFEST, rows('people', 1), rows('accounts', 1)]],
    ['a second manifest', [MANIFEST, MANIFEST]],
    ['counts that differ from the rows read', [MANIFEST, rows('accounts', 1), { k: 'end', frames: 3, counts: { accounts: 2, people: 0 } }]],
    ['a frame count that differs', [MANIFEST, { k: 'end', frames: 7, counts: { accounts: 0, people: 0 } }]],
    ['anything after the end', [MANIFEST, { k: 'end', frames: 2, counts: { accounts: 0, people: 0 } }, rows('people', 1)]],
  ] as [string, Frame[]][])('refuses %s', (_what, list) => {
    const order = new FrameOrder();
    const results = list.map((f) => order.push(f));
    expect(results.some((r) => !r.ok)).toBe(true);
  });

  it('says truncated when the end frame never came', () => {
    const order = new FrameOrder();
    order.push(MANIFEST);
    order.push(rows('accounts', 3));
    expect(order.finish()).toEqual({ ok: false, error: { code: 'BACKUP_TRUNCATED' } });
  });

  it('checks each frame against the shape its position needs', () => {
    expect(parseFrame(JSON.stringify(MANIFEST), 0, false).ok).toBe(true);
    expect(parseFrame(JSON.stringify(rows('people', 1)), 0, false).ok).toBe(false);
    expect(parseFrame(JSON.stringify({ k: 'end', frames: 2, counts: {} }), 1, false).ok).toBe(false);
    expect(parseFrame(JSON.stringify({ k: 'end', frames: 2, counts: {} }), 1, true).ok).toBe(true);
    expect(parseFrame('not json', 2, false)).toEqual({ ok: false, error: { code: 'BACKUP_DAMAGED', params: { where: 'frame 2' } } });
  });
});

describe('row codec', () => {
  it('keeps bytes, nesting, null, booleans and numbers exactly', () => {
    const row = { id: 'x', ct: new Uint8Array([0, 1, 254, 255]), kdf: { m: 65536, salt: 'abc' }, list: [1, 'a', null, true], empty: new Uint8Array(0), n: -0.5 };
    const back = decodeRow(JSON.parse(JSON.stringify(encodeRow(row)))) as typeof row;
    expect(back).toEqual(row);
    expect(back.ct).toBeInstanceOf(Uint8Array);
    // A missing optional field stays missing, as IndexedDB keeps it.
    expect(encodeRow({ a: 1, b: undefined })).toEqual({ a: 1 });
  });

  it.each([
    ['a Date', { at: new Date(0) }],
    ['a Map', { m: new Map() }],
    ['another typed array', { x: new Uint16Array(2) }],
    ['NaN', { n: Number.NaN }],
    ['undefined inside an array', { a: [1, undefined] }],
    ['an object that looks like bytes', { v: { $bytes: 'AAAA' } }],
  ])('refuses %s rather than change it', (_what, value) => {
    expect(() => encodeRow(value)).toThrow(RowCodecError);
  });

  it('refuses malformed base64 in a file', () => {
    expect(() => decodeRow({ $bytes: 'not base64!' })).toThrow(RowCodecError);
  });
});

describe('backup reminder', () => {
  const now = new Date('2026-11-21T09:00:00Z');
  it.each([
    [null, 30, { due: true, reason: 'never', days: null }],
    ['2026-11-20T09:00:00Z', 30, { due: false, days: 1 }],
    ['2026-10-22T09:00:00Z', 30, { due: false, days: 30 }],
    ['2026-10-22T08:59:00Z', 30, { due: true, reason: 'old', days: 30 }],
    ['2026-09-01T00:00:00Z', 90, { due: false, days: 81 }],
    ['2026-12-01T00:00:00Z', 30, { due: false, days: 0 }],
  ] as const)('last backup %s, limit %i days → %j', (last, limit, expected) => {
    expect(backupReminder(last, now, limit)).toEqual(expected);
  });

  it('takes 1–365 whole days as the interval', () => {
    expect(checkReminderDays(30)).toEqual({ ok: true, value: 30 });
    for (const bad of [0, 366, 1.5, Number.NaN]) expect(checkReminderDays(bad)).toMatchObject({ ok: false, error: { code: 'BACKUP_REMINDER_INVALID' } });
  });
});
