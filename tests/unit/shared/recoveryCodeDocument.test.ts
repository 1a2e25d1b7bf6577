import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../../shared/print/document';
import { recoveryCodeDocument } from '../../../shared/print/recoveryCodeDocument';

const input = { code: 'SX02-QM6T-EF0Y-MXB4-70KF-24TB', unitName: '某市保密测试单位', unitCode: 'T-001', date: '2026-11-21', level: 'top_secret' as const, reason: 'used' as const, printedBy: '王系统' };

describe('the recovery code sheet as a printout', () => {
  it('is a valid document of its own kind, with the code marked at the chosen level', () => {
    const doc = recoveryCodeDocument(input);
    expect(validateDocument(doc).ok).toBe(true);
    expect(doc.kind).toBe('recovery-code');
    const fields = doc.blocks.find((b) => b.type === 'fields');
    expect(fields?.type === 'fields' && fields.fields.find((f) => f.label === '恢复码')).toEqual({ label: '恢复码', value: input.code, level: 'top_secret' });
    expect(fields?.type === 'fields' && fields.fields.find((f) => f.label === '生成原因')?.value).toBe('原恢复码已使用作废，重新生成');
    // Every paragraph of the rules carries the level too, so every page of it is marked.
    const paragraphs = doc.blocks.filter((b) => b.type === 'paragraph');
    expect(paragraphs).toHaveLength(4);
    for (const p of paragraphs) expect(p.type === 'paragraph' && p.level).toBe('top_secret');
    const signatures = doc.blocks.at(-1);
    expect(signatures).toEqual({ type: 'signatures', lines: [{ role: '系统管理员', name: '王系统' }, { role: '见证人（保密办）' }] });
  });
});
