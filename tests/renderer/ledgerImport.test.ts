import writeXlsxFile from 'write-excel-file/universal';
import { describe, expect, it, vi } from 'vitest';
import { CarrierImportRepo } from '../../renderer/db/carrierImport.repo';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import { parseLedgerFile } from '../../renderer/features/ledger/importFile';
import { findHeaderRow, previewImport, suggestMapping, type ImportRow } from '../../shared/ledger/import';
import type { Person, PersonInput } from '../../shared/ledger/people';
import type { Result } from '../../shared/result';
import { SESSIONS, testLedger, type TestLedger } from './ledgerVault';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** `登记号,标题,密级,保密期限,页数,责任人` and one row (2024-秘-0007, 年度保密工作要点, 秘密, 5年, 6, 张三), saved by Chinese Excel: GBK. */
const GBK_CSV = Uint8Array.from(
  'b5c7bcc7bac52cb1eacce22cc3dcbcb62cb1a3c3dcc6dacfde2cd2b3cafd2cd4f0c8cec8cb0d0a323032342dc3d82d303030372cc4eab6c8b1a3c3dcb9a4d7f7d2aab5e32cc3d8c3dc2c35c4ea2c362cd5c5c8fd0d0a'
    .match(/../g)!
    .map((h) => parseInt(h, 16)),
);

const HEADER = ['登记号', '标题', '文号', '密级', '保密期限', '份号', '页数', '责任人', '存放位置', '知悉范围'];
const ROWS: (string | number | Date)[][] = [
  ['2024-机-0001', '关于年度保密检查的通知', '某保发〔2024〕3号', '机密', '10年', 1, 8, '张三', '保密柜3号', '办公室'],
  ['2024-机-0002', '关于年度保密检查的通知', '某保发〔2024〕3号', '机密', '10年', 2, 8, '张三', '保密柜3号', '办公室'],
  ['', '会议纪要', '', '秘密★5年', '', '', 3, '', '', '办公室'],
  ['', '', '', '高', '', '', '', '', '', ''],
];

async function xlsxBytes(): Promise<Uint8Array<ArrayBuffer>> {
  const blob = await writeXlsxFile([
    { sheet: '说明', data: [['本表为旧台账']] },
    { sheet: '台账', data: [['某局涉密载体台账'], HEADER, ...ROWS] },
  ]).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

const person = (name: string, extra: Partial<PersonInput> = {}): PersonInput => ({ name, department: '办公室', post: '科员', clearance: 'important', status: 'active', ...extra });

async function unit(): Promise<{ l: TestLedger; clerk: Person; repo: CarrierImportRepo; carriers: CarriersRepo }> {
  const l = await testLedger();
  const people = new PeopleRepo(l.as(SESSIONS.clerk));
  const clerk = must(await people.create(person('赵保密', { post: '保密员', clearance: 'core', username: 'clerk1' })));
  must(await people.create(person('张三')));
  return { l, clerk, repo: new CarrierImportRepo(l.as(SESSIONS.clerk)), carriers: new CarriersRepo(l.as(SESSIONS.clerk)) };
}

async function rowsOf(l: TestLedger, clerk: Person, bytes: Uint8Array<ArrayBuffer>, name: string, sheet = 0): Promise<{ rows: ImportRow[]; errors: number }> {
  const file = must(await parseLedgerFile(name, bytes));
  const data = file.sheets[sheet]?.rows ?? [];
  const header = findHeaderRow(data);
  const people = must(await new PeopleRepo(l.as(SESSIONS.clerk)).list());
  const preview = must(previewImport(data, header, suggestMapping((data[header] ?? []).map(String)), people, { custodianId: clerk.id, place: '保密柜1号', scopeNote: '按原台账' }));
  return { rows: preview.rows, errors: preview.errors.length };
}

describe('reading the file', () => {
  it('reads every sheet of an .xlsx written by a spreadsheet library, below its title line', async () => {
    const file = must(await parseLedgerFile('台账.xlsx', await xlsxBytes()));
    expect(file.sheets.map((s) => s.name)).toEqual(['说明', '台账']);
    const rows = file.sheets[1]?.rows ?? [];
    expect(findHeaderRow(rows)).toBe(1);
    expect(rows[2]).toEqual(ROWS[0]);
  });

  it('decodes a CSV saved by Chinese Excel (GBK) and one in UTF-8 with a BOM alike', async () => {
    const gbk = must(await parseLedgerFile('台账.csv', GBK_CSV));
    const utf8 = must(await parseLedgerFile('台账.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('登记号,标题,密级,保密期限,页数,责任人\r\n2024-秘-0007,年度保密工作要点,秘密,5年,6,张三\r\n')])));
    expect(gbk.sheets[0]?.rows).toEqual([
      ['登记号', '标题', '密级', '保密期限', '页数', '责任人'],
      ['2024-秘-0007', '年度保密工作要点', '秘密', '5年', '6', '张三'],
    ]);
    expect(utf8.sheets).toEqual(gbk.sheets);
  });

  it('refuses an old .xls and a damaged .xlsx with a reason', async () => {
    expect(await parseLedgerFile('a.xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toMatchObject({ ok: false, error: { code: 'IMPORT_FILE_XLS' } });
    expect(await parseLedgerFile('a.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({ ok: false, error: { code: 'IMPORT_FILE_NOT_XLSX' } });
  });
});

describe('importing (导入台账)', () => {
  it('registers the valid rows with their own registry numbers, numbers the others, and one audit entry', async () => {
    const { l, clerk, repo, carriers } = await unit();
    const { rows, errors } = await rowsOf(l, clerk, await xlsxBytes(), '台账.xlsx', 1);
    expect(errors).toBe(1);
    const progress: string[] = [];
    const outcome = must(await repo.import(rows, (p) => progress.push(p.phase)));
    expect(outcome).toMatchObject({ imported: 3, duplicates: 0, numbered: 1 });
    expect(progress).toEqual(expect.arrayContaining(['checking', 'encrypting', 'writing']));
    const listed = must(await carriers.list());
    expect(listed.map((c) => c.registryNumber).sort()).toEqual(['2024-机-0001', '2024-机-0002', '2026-秘-0001']);
    expect(listed.find((c) => c.title === '会议纪要')).toMatchObject({ level: 'confidential', period: { kind: 'years', years: 5 }, custodian: { kind: 'person', personId: clerk.id }, place: '保密柜1号' });
    const audit = (await l.audits.list(l.cipher, 50)).filter((e) => e.action.startsWith('ledger.') || e.action.startsWith('carrier.'));
    expect(audit.map((e) => e.action)).toEqual(['ledger.imported']);
    expect(JSON.stringify(audit)).not.toContain('会议纪要');
  });

  it('imports the same file again without creating a single duplicate', async () => {
    const { l, clerk, repo, carriers } = await unit();
    const csv = await rowsOf(l, clerk, GBK_CSV, '台账.csv');
    const xlsx = await rowsOf(l, clerk, await xlsxBytes(), '台账.xlsx', 1);
    expect(must(await repo.import(csv.rows))).toMatchObject({ imported: 1, duplicates: 0 });
    expect(must(await repo.import(xlsx.rows))).toMatchObject({ imported: 3, duplicates: 0 });
    expect(must(await repo.import(xlsx.rows))).toMatchObject({ imported: 0, duplicates: 3 });
    expect(must(await repo.import(csv.rows))).toMatchObject({ imported: 0, duplicates: 1 });
    expect(must(await carriers.list())).toHaveLength(4);
  });

  it('writes nothing at all when the write fails midway', async () => {
    const { l, clerk, repo, carriers } = await unit();
    const { rows } = await rowsOf(l, clerk, await xlsxBytes(), '台账.xlsx', 1);
    const spy = vi.spyOn(l.db.carrierEvents, 'bulkAdd').mockImplementationOnce(() => Promise.reject(new Error('disk failed midway')) as never);
    await expect(repo.import(rows)).rejects.toThrow('disk failed midway');
    spy.mockRestore();
    expect(await l.db.carriers.count()).toBe(0);
    expect(await l.db.carrierEvents.count()).toBe(0);
    expect(await l.db.counters.count()).toBe(0);
    expect((await l.db.settings.toCollection().primaryKeys()).filter((k) => String(k).startsWith('ledger.import:'))).toEqual([]);
    // And the same rows import afterwards, none taken for a duplicate.
    expect(must(await repo.import(rows))).toMatchObject({ imported: 3, duplicates: 0 });
    expect(must(await carriers.list())).toHaveLength(3);
  });

  it('moves the counter past imported numbers of this year’s pattern, so a new registration never takes one', async () => {
    const { l, clerk, repo, carriers } = await unit();
    const rows = (await rowsOf(l, clerk, await xlsxBytes(), '台账.xlsx', 1)).rows.map((r) => (r.registryNumber === '2024-机-0002' ? { ...r, registryNumber: '2026-机-0041', key: r.key + 'x' } : r));
    must(await repo.import(rows));
    const [next] = must(await carriers.register({ record: rows[0]!.input.record, custodianId: clerk.id, place: '保密柜2号' }));
    expect(next?.registryNumber).toBe('2026-机-0042');
  });

  it('is the clerk’s: a handler is refused and nothing is written', async () => {
    const { l, clerk } = await unit();
    const { rows } = await rowsOf(l, clerk, await xlsxBytes(), '台账.xlsx', 1);
    expect(await new CarrierImportRepo(l.as(SESSIONS.handler)).import(rows)).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED' } });
    expect(await l.db.carriers.count()).toBe(0);
  });
});

describe('importing many rows (the checks run a batch at a time)', () => {
  /** `n` distinct rows made from one of the file's, each with its own key and registry number (or none). */
  function many(base: ImportRow, n: number, numbered: (i: number) => string, tag = ''): ImportRow[] {
    return Array.from({ length: n }, (_, i) => ({ ...base, line: i + 3, key: `${base.key}#${tag}${i}`, registryNumber: numbered(i) }));
  }

  it('counts a row twice in one batch, a row imported before and a number already in the ledger as duplicates, in any batch', async () => {
    const { l, clerk, repo, carriers } = await unit();
    const base = (await rowsOf(l, clerk, await xlsxBytes(), '台账.xlsx', 1)).rows[0]!;
    const before = many(base, 3, (i) => `2020-机-${String(9000 + i).padStart(4, '0')}`, 'earlier');
    expect(must(await repo.import(before))).toMatchObject({ imported: 3, duplicates: 0 });
    const rows = many(base, 2100, (i) => (i % 3 === 0 ? '' : `2021-机-${String(i).padStart(4, '0')}`));
    // Same content as row 1, in the same batch; same as row 5, in the next batch.
    rows[10] = { ...rows[1]!, line: rows[10]!.line };
    rows[2050] = { ...rows[5]!, line: rows[2050]!.line };
    // A row imported before (its key) and another row whose number the ledger already has (a different key).
    rows[20] = { ...before[0]!, line: rows[20]!.line };
    rows[2060] = { ...rows[2060]!, registryNumber: ' 2020-机-9001 ' };
    const outcome = must(await repo.import(rows));
    expect(outcome).toMatchObject({ imported: 2100 - 4, duplicates: 4 });
    const listed = must(await carriers.list());
    expect(listed).toHaveLength(3 + 2096);
    expect(new Set(listed.map((c) => c.registryNumber)).size).toBe(listed.length);
    // The same file again: every row is already there, in every batch.
    expect(must(await repo.import(rows))).toMatchObject({ imported: 0, duplicates: 2100 });
  });

  it('refuses a registry number given twice in the file, in the same batch or across batches, and writes nothing', async () => {
    const { l, clerk, repo } = await unit();
    const base = (await rowsOf(l, clerk, await xlsxBytes(), '台账.xlsx', 1)).rows[0]!;
    const sameBatch = many(base, 50, (i) => `2022-机-${String(i).padStart(4, '0')}`);
    sameBatch[40] = { ...sameBatch[40]!, registryNumber: '2022-机-0007' };
    expect(await repo.import(sameBatch)).toEqual({ ok: false, error: { code: 'IMPORT_NUMBER_TWICE', params: { line: 43, number: '2022-机-0007' } } });
    const acrossBatches = many(base, 2010, (i) => `2023-机-${String(i).padStart(4, '0')}`);
    acrossBatches[2005] = { ...acrossBatches[2005]!, registryNumber: '2023-机-0003' };
    expect(await repo.import(acrossBatches)).toEqual({ ok: false, error: { code: 'IMPORT_NUMBER_TWICE', params: { line: 2008, number: '2023-机-0003' } } });
    expect(await l.db.carriers.count()).toBe(0);
    expect((await l.db.settings.toCollection().primaryKeys()).filter((k) => String(k).startsWith('ledger.import:'))).toEqual([]);
  });
});
