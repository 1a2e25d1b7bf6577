import { describe, expect, it } from 'vitest';
import type { CarrierState } from '../../../shared/ledger/carrier';
import type { InventoryResult } from '../../../shared/ledger/inventory';
import { validateDocument, type PrintBlock } from '../../../shared/print/document';
import { inventoryDocument } from '../../../shared/print/inventoryDocument';
import { loanSlipDocument, type LoanSlipInput } from '../../../shared/print/loanSlipDocument';
import { flowOf } from '../../../shared/print/paginate';
import { world } from '../destruction/fixtures';

const fields = (blocks: PrintBlock[]) => Object.fromEntries(blocks.flatMap((b) => (b.type === 'fields' ? b.fields.map((f) => [f.label, f.value]) : [])));
const tables = (blocks: PrintBlock[]) => blocks.filter((b): b is Extract<PrintBlock, { type: 'table' }> => b.type === 'table');

function slip(patch: Partial<LoanSlipInput> = {}): LoanSlipInput {
  return { carrier: world().carriers.paper, borrower: '张三', lender: '赵保密', since: '2026-03-02', dueOn: '2026-03-09', slipNumber: 'JY-2026-007', approval: null, unitName: '某某市国家保密局', date: '2026-03-02', ...patch };
}

describe('the loan slip (借阅单)', () => {
  it('names the carrier at its level, both parties, the dates and the grounds, with both parties’ signature lines', () => {
    const doc = loanSlipDocument(slip());
    expect(validateDocument(doc).ok).toBe(true);
    const c = world().carriers.paper;
    expect(fields(doc.blocks)).toMatchObject({ 借阅单编号: 'JY-2026-007', 登记编号: c.registryNumber, 载体名称: c.title, 借阅人: '张三', 出借人: '赵保密', 借出日期: '2026年3月2日', 应还日期: '2026年3月9日', 实际归还日期: '' });
    expect(fields(doc.blocks)['借阅依据']).toContain('知悉范围内');
    const title = doc.blocks.find((b) => b.type === 'fields');
    expect(title?.type === 'fields' && title.fields.find((f) => f.label === '载体名称')?.level).toBe(c.level);
    expect(doc.blocks.at(-1)).toEqual({ type: 'signatures', lines: [{ role: '借阅人', name: '张三' }, { role: '出借人', name: '赵保密' }, { role: '归还签收（保密员）' }] });
    // Marked at the carrier's level wherever it is named; at least 内部 as a whole.
    expect(doc.titleLevel).toBe('internal');
    expect(flowOf(doc).some((f) => f.kind === 'rows' && f.rowLevels.includes(c.level))).toBe(true);
  });

  it('states the approval of a loan outside the carrier’s scope', () => {
    const doc = loanSlipDocument(slip({ approval: { reason: '专项检查需要', approver: '周领导', decidedOn: '2026-03-01', opinion: '同意' } }));
    expect(fields(doc.blocks)['借阅依据']).toBe('知悉范围外借阅，经审批同意（审批人：周领导，2026年3月1日，意见：同意）。事由：专项检查需要');
  });
});

describe('the inventory result (清查结果)', () => {
  const { carriers } = world();
  const all: CarrierState[] = [carriers.paper, carriers.computer, carriers.usb];
  const item = (c: CarrierState) => ({ carrierId: c.id, registryNumber: c.registryNumber, status: c.status, custodian: c.custodian, place: c.place, lastEvent: null });
  const result: InventoryResult = {
    found: [item(carriers.paper)],
    missing: [{ ...item(carriers.usb), lastEvent: { type: 'lent', at: '2026-02-01T02:00:00.000Z' } }, item(carriers.computer)],
    unexpected: [{ registryNumber: '2025-秘-0099', carrierId: null, at: '2026-03-02T01:00:00.000Z' }],
  };
  const doc = inventoryDocument({
    inventory: { note: '2026年度清查', startedAt: '2026-03-02T00:00:00.000Z', closedAt: '2026-03-02T03:00:00.000Z' },
    result,
    startedBy: '赵保密',
    carrier: (id) => all.find((c) => c.id === id),
    partyName: (p) => (p.kind === 'person' ? `人员${p.personId}` : p.name),
    localTime: (iso) => iso.slice(0, 16).replace('T', ' '),
    unitName: '某某市国家保密局',
    date: '2026-03-02',
  });

  it('counts, then lists the missing with last custodian and last event, the unexpected numbers and the found, each row at its carrier’s level', () => {
    expect(validateDocument(doc).ok).toBe(true);
    expect(fields(doc.blocks)['清查结果']).toBe('应清点 3 件，已清点 1 件，缺失 2 件；台账外编号 1 个');
    const [missing, unexpected, found] = tables(doc.blocks);
    expect(missing?.rows[0]?.cells).toEqual(['1', carriers.usb.registryNumber, carriers.usb.title, expect.stringContaining('机密'), `人员${carriers.usb.custodian.kind === 'person' ? carriers.usb.custodian.personId : ''}`, carriers.usb.place, '借出，2026-02-01 02:00']);
    expect(missing?.rows.map((r) => r.level)).toEqual([carriers.usb.level, carriers.computer.level]);
    expect(unexpected?.rows).toEqual([{ cells: ['1', '2025-秘-0099', '2026-03-02 01:00'] }]);
    expect(found?.rows.map((r) => r.cells[1])).toEqual([carriers.paper.registryNumber]);
    expect(doc.blocks.filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? b.text : ''))).toEqual(['一、缺失的载体（2 件）', '二、台账外编号（1 个）', '三、已清点的载体（1 件）']);
    expect(doc.blocks.at(-1)).toEqual({ type: 'signatures', lines: [{ role: '清查人' }, { role: '保密员' }, { role: '保密工作负责人' }] });
  });
});
