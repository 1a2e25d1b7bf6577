import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../../shared/print/document';
import { criteriaText, ledgerDocument } from '../../../shared/print/ledgerDocument';
import { carriers } from '../destruction/fixtures';

describe('the ledger as printed', () => {
  const c = carriers();
  const doc = ledgerDocument({
    carriers: [c.paper, c.computer],
    total: 4,
    criteria: {},
    unitName: '某市保密测试单位',
    date: '2026-03-02',
    custodianName: () => '赵保密',
  });

  it('is a valid ledger printout with one row per carrier, each at its own level, and the clerk’s signature', () => {
    expect(validateDocument(doc).ok).toBe(true);
    expect(doc).toMatchObject({ kind: 'ledger', title: '涉密载体台账' });
    const table = doc.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.map((r) => [r.cells[0], r.cells[1], r.level])).toEqual([
      ['1', c.paper.registryNumber, c.paper.level],
      ['2', c.computer.registryNumber, c.computer.level],
    ]);
    // A document by its 文号, a device by its kind and asset number.
    expect(table?.type === 'table' && table.rows[0]?.cells[2]).toBe(`${c.paper.title}（${c.paper.docNumber}）`);
    expect(table?.type === 'table' && table.rows[1]?.cells[2]).toMatch(/（涉密计算机，.+）$/);
    expect(doc.blocks.at(-1)).toEqual({ type: 'signatures', lines: [{ role: '保密员' }] });
    expect(doc.blocks[0]).toEqual({ type: 'paragraph', text: '范围：全部载体　　本表 2 件（台账共 4 件）' });
  });

  it('writes the filter in Chinese', () => {
    expect(criteriaText({ level: 'secret', kind: 'usb', status: 'on_loan', custodian: '张三', query: ' 检查 ' })).toBe('密级：机密；种类：移动存储介质；状态：借出；保管人：张三；检索：“检查”');
    expect(criteriaText({ status: 'overdue' })).toBe('状态：逾期未还');
  });

  it('writes the department, place, dates and the order of the rows', () => {
    expect(criteriaText({ department: '信息科', place: '保密柜1号', registeredFrom: '2026-03-01', dueBy: '2026-04-01', sort: { column: 'title', direction: 'descending' } })).toBe(
      '保管人部门：信息科；存放位置：保密柜1号；登记日期：2026-03-01 至 不限；应还日期不晚于：2026-04-01；按标题降序排列',
    );
    expect(criteriaText({ sort: { column: 'registeredAt', direction: 'ascending' } })).toBe('全部载体；按登记日期升序排列');
    expect(criteriaText({ sort: null })).toBe('全部载体');
  });
});
