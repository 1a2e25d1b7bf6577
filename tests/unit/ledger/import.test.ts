import { describe, expect, it } from 'vitest';
import { findHeaderRow, previewImport, suggestMapping, type ImportDefaults } from '../../../shared/ledger/import';
import { dateOfCell, excelSerialToIso, parseCopyNumber, parseCount, parseKind, parseLevel, parsePeriod, type Cell } from '../../../shared/ledger/importValues';
import { PEOPLE } from './fixtures';

const people = Object.values(PEOPLE);
const DEFAULTS: ImportDefaults = { custodianId: PEOPLE.clerk.id, place: '保密柜1号', scopeNote: '' };

describe('reading the values of an old ledger', () => {
  it.each<[Cell, ReturnType<typeof parseLevel>]>([
    ['绝密', { level: 'top_secret' }],
    ['机密', { level: 'secret' }],
    ['秘密', { level: 'confidential' }],
    ['秘密级', { level: 'confidential' }],
    [' 机 密 ', { level: 'secret' }],
    ['内部', { level: 'internal' }],
    ['工作秘密', { level: 'internal' }],
    ['非密', { level: 'unclassified' }],
    ['公开', { level: 'unclassified' }],
    ['机密★10年', { level: 'secret', period: { kind: 'years', years: 10 } }],
    ['秘密*5年', { level: 'confidential', period: { kind: 'years', years: 5 } }],
    ['绝密★长期', { level: 'top_secret', period: { kind: 'condition', condition: '长期' } }],
    ['机密文件', null],
    ['高', null],
    ['', null],
  ])('level %j', (cell, want) => expect(parseLevel(cell)).toEqual(want));

  it.each<[Cell, ReturnType<typeof parsePeriod>]>([
    ['10年', { kind: 'years', years: 10 }],
    ['10', { kind: 'years', years: 10 }],
    [20, { kind: 'years', years: 20 }],
    ['6个月', { kind: 'months', months: 6 }],
    ['长期', { kind: 'condition', condition: '长期' }],
    ['2030-12-31', { kind: 'until', date: '2030-12-31' }],
    ['2030/1/5', { kind: 'until', date: '2030-01-05' }],
    ['2030年12月31日', { kind: 'until', date: '2030-12-31' }],
    [new Date(Date.UTC(2030, 11, 31)), { kind: 'until', date: '2030-12-31' }],
    [47848, { kind: 'until', date: '2030-12-31' }],
    ['项目验收后解密', { kind: 'condition', condition: '项目验收后解密' }],
    ['', { kind: 'none' }],
    ['2030-02-30', null],
  ])('period %j', (cell, want) => expect(parsePeriod(cell)).toEqual(want));

  it.each<[Cell, string | null]>([
    ['3', '000003'],
    [3, '000003'],
    ['000012', '000012'],
    ['第3份', '000003'],
    ['', ''],
    ['abc', null],
    ['0', null],
  ])('copy number %j', (cell, want) => expect(parseCopyNumber(cell)).toBe(want));

  it.each<[Cell, number | null]>([
    [12, 12],
    ['12页', 12],
    ['0', null],
    ['十二', null],
  ])('pages %j', (cell, want) => expect(parseCount(cell)).toBe(want));

  it.each<[Cell, string | null]>([
    ['', 'paper'],
    ['纸质文件', 'paper'],
    ['光盘', 'disc'],
    ['U盘', 'usb'],
    ['移动硬盘', 'usb'],
    ['硬盘', 'hdd'],
    ['涉密计算机', 'computer'],
    ['硒鼓', 'printer'],
    ['飞艇', null],
  ])('kind %j', (cell, want) => expect(parseKind(cell)).toBe(want));

  it('reads Excel dates as the calendar day', () => {
    expect(excelSerialToIso(45658)).toBe('2025-01-01');
    expect(dateOfCell(new Date(Date.UTC(2024, 2, 1, 23)))).toBe('2024-03-02');
    expect(dateOfCell('20240301')).toBe('2024-03-01');
    expect(dateOfCell('昨天')).toBeNull();
  });
});

describe('mapping columns', () => {
  it('suggests fields from the usual Chinese headers', () => {
    expect(suggestMapping(['序号', '登记号', '文件名称', '文号', '密级', '保密期限', '份号', '页数', '来文单位', '责任人', '存放位置', '载体类型', '收文日期', '备注'])).toEqual({
      registryNumber: 1,
      title: 2,
      docNumber: 3,
      level: 4,
      period: 5,
      copyNumber: 6,
      pages: 7,
      origin: 8,
      custodian: 9,
      place: 10,
      kind: 11,
      date: 12,
      note: 13,
    });
  });

  it('takes a header that contains the word when none is exact, each column once', () => {
    expect(suggestMapping(['编号', '标题（文件名）', '密级标志', '保管人'])).toEqual({ registryNumber: 0, title: 1, level: 2, custodian: 3 });
  });

  it('finds the header row below a title line', () => {
    expect(findHeaderRow([['某某局涉密载体台账'], [], ['编号', '标题', '密级'], ['1', 'x', '秘密']])).toBe(2);
  });
});

describe('previewing an import', () => {
  const header = ['登记号', '标题', '文号', '密级', '保密期限', '份号', '页数', '责任人', '知悉范围'];
  const sheet = (...rows: Cell[][]) => [header, ...rows];
  const run = (rows: Cell[][], defaults = DEFAULTS) => {
    const r = previewImport(sheet(...rows), 0, suggestMapping(header), people, defaults);
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };

  it('reads a valid row into a registration with its registry number and a dedup key', () => {
    const { rows, errors } = run([['2024-机-0001', '年度计划', '某发〔2024〕1号', '机密★10年', '', 2, 12, '张三', '办公室']]);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      line: 2,
      registryNumber: '2024-机-0001',
      input: { custodianId: PEOPLE.zhang.id, place: '保密柜1号', record: { title: '年度计划', level: 'secret', period: { kind: 'years', years: 10 }, copyNumber: '000002', details: { kind: 'paper', pages: 12 } } },
    });
    expect(rows[0]?.key).toBe(run([['2024-机-0001', '年度计划', '某发〔2024〕1号', '机密', '10年', '000002', '12', '张三', '办公室']]).rows[0]?.key);
  });

  it.each<[string, Cell[], string, string]>([
    ['no title', ['', '', '', '秘密', '5年', '', 3, '', 'x'], 'IMPORT_REQUIRED', '标题'],
    ['an unknown level', ['', '计划', '', '高', '', '', 3, '', ''], 'IMPORT_LEVEL_UNKNOWN', '密级'],
    ['a state secret without period', ['', '计划', '', '秘密', '', '', 3, '', 'x'], 'PERIOD_REQUIRED', '保密期限'],
    ['a period over the maximum', ['', '计划', '', '秘密', '15年', '', 3, '', 'x'], 'PERIOD_EXCEEDS_MAX', '保密期限'],
    ['a state secret without scope', ['', '计划', '', '秘密', '5年', '', 3, '', ''], 'SCOPE_REQUIRED', '知悉范围'],
    ['a bad copy number', ['', '计划', '', '秘密', '5年', 'A', 3, '', 'x'], 'IMPORT_COPY_NUMBER_INVALID', '份号'],
    ['no pages for paper', ['', '计划', '', '内部', '', '', '', '', ''], 'IMPORT_REQUIRED', '页数'],
    ['a custodian not in the directory', ['', '计划', '', '内部', '', '', 3, '刘六', ''], 'IMPORT_PERSON_UNKNOWN', '责任人'],
    ['a custodian below the level', ['', '计划', '', '绝密', '30年', '', 3, '李四', 'x'], 'CLEARANCE_TOO_LOW', '责任人'],
    ['a custodian who left', ['', '计划', '', '内部', '', '', 3, '孙离岗', ''], 'PERSON_NOT_ACTIVE', '责任人'],
  ])('refuses a row with %s, naming the row and column', (_name, row, code, column) => {
    const { rows, errors } = run([row]);
    expect(rows).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ line: 2, column, refusal: expect.objectContaining({ code }) })]);
  });

  it('fills empty custodian, place and scope from the defaults, and skips blank rows', () => {
    const { rows, errors, blank } = run([['', '计划', '', '秘密', '5年', '', 3, '', ''], [], ['', '', '', '', '', '', '', '', '']], { ...DEFAULTS, scopeNote: '按原台账' });
    expect(errors).toEqual([]);
    expect(blank).toBe(2);
    expect(rows[0]?.input).toMatchObject({ custodianId: PEOPLE.clerk.id, place: '保密柜1号', record: { scope: { note: '按原台账' } } });
  });

  it('needs the title and level columns mapped', () => {
    expect(previewImport([header], 0, { title: 1 }, people, DEFAULTS)).toMatchObject({ ok: false, error: { code: 'IMPORT_LEVEL_UNMAPPED' } });
  });
});
