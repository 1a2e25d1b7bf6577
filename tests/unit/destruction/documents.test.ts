import { describe, expect, it } from 'vitest';
import { approvalFormDocument, destructionListDocument, type BatchPrintInput } from '../../../shared/destruction/documents';
import { validateDocument } from '../../../shared/print/document';
import { flowOf } from '../../../shared/print/paginate';
import { batch, HANDOVER, PEOPLE, world } from './fixtures';

const NAMES: Record<string, string> = { 'acc-zhang': '张三', 'acc-clerk': '赵保密', 'acc-boss': '周领导' };
const PEOPLE_NAMES = new Map(Object.values(PEOPLE).map((p) => [p.id, p.name]));

function input(status: Parameters<typeof batch>[0], patch: Parameters<typeof batch>[1] = {}): BatchPrintInput {
  const { carriers } = world();
  const paper = { ...carriers.paper, level: 'confidential' as const, period: { kind: 'years' as const, years: 10 } };
  return {
    batch: batch(status, patch),
    carriers: [carriers.computer, paper, carriers.disk, carriers.usb],
    unitName: '某某市国家保密局',
    date: '2026-03-02',
    accountName: (id) => NAMES[id] ?? id,
    personName: (id) => PEOPLE_NAMES.get(id) ?? id,
  };
}

describe('the destruction list (销毁清单)', () => {
  it('lists every carrier in the batch’s order, each row marked with its own level', () => {
    const doc = destructionListDocument(input('approved'));
    expect(validateDocument(doc).ok).toBe(true);
    const table = doc.blocks.find((b) => b.type === 'table');
    if (table?.type !== 'table') throw new Error('no table');
    expect(table.rows.map((r) => r.cells[1])).toEqual(['2026-机-0002', '2026-机-0001', '2026-机-0003', '2026-机-0004']);
    expect(table.rows.map((r) => r.level)).toEqual(['confidential', 'secret', 'secret', 'secret']);
    expect(table.rows[0]?.cells[4]).toBe('秘密★10年');
    expect(table.rows[2]?.cells.slice(3, 6)).toEqual(['硬盘', '机密★10年', 'HD-1']);
    expect(flowOf(doc).flatMap((f) => (f.kind === 'rows' ? f.rowLevels : []))).toContain('secret');
  });

  it('ends with the approver’s and at least two escorts’ signature lines', () => {
    const doc = destructionListDocument(input('approved'));
    const sig = doc.blocks.find((b) => b.type === 'signatures');
    expect(sig).toEqual({
      type: 'signatures',
      lines: [
        { role: '清点人', name: '赵保密' },
        { role: '审批人', name: '周领导' },
        { role: '监销人' },
        { role: '监销人' },
      ],
    });
  });

  it('names the body, the certificate and the escorts once handed over', () => {
    const done = input('completed', { handover: { ...HANDOVER, escortIds: [PEOPLE.zhang.id, PEOPLE.wang.id, PEOPLE.li.id] } });
    const doc = destructionListDocument(done);
    expect(JSON.stringify(doc)).toContain('销毁证明编号：XH-2026-0031');
    const sig = doc.blocks.find((b) => b.type === 'signatures');
    expect(sig?.type === 'signatures' && sig.lines.filter((l) => l.role === '监销人').map((l) => l.name)).toEqual(['张三', '王五', '李四']);
  });
});

describe('the approval form (销毁审批表)', () => {
  it('gives the batch by numbers per level, not by titles, and the decision', () => {
    const doc = approvalFormDocument(input('approved'));
    expect(validateDocument(doc).ok).toBe(true);
    const fields = doc.blocks.find((b) => b.type === 'fields');
    if (fields?.type !== 'fields') throw new Error('no fields');
    const value = (label: string) => fields.fields.find((f) => f.label === label)?.value;
    expect(value('载体数量')).toBe('共 4 件（机密 3 件，秘密 1 件），明细见销毁清单');
    expect(value('审批意见')).toBe('同意销毁。意见：同意');
    expect(doc.titleLevel).toBe('internal');
    expect(value('审批人')).toBe('周领导');
    expect(JSON.stringify(doc)).not.toContain('涉密计算机硬盘');
  });

  it('leaves the decision open on a batch still pending', () => {
    const doc = approvalFormDocument(input('pending'));
    const fields = doc.blocks.find((b) => b.type === 'fields');
    expect(fields?.type === 'fields' && fields.fields.find((f) => f.label === '审批意见')?.value).toBe('（待审批）');
  });
});
