import { describe, expect, it } from 'vitest';
import { nextEntry, type AuditEntry } from '../../../shared/audit/chain';
import { auditExportFileName, AUDIT_EXPORT_FILE_PATTERN, buildAuditExport, verifyAuditExport } from '../../../shared/audit/exportFormat';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head: { seq: number; hash: string } | null = null;
  for (let i = 0; i < n; i++) {
    const e = nextEntry(head, { at: `2026-11-21T09:00:0${i}.000Z`, actor: i === 0 ? null : 'acc-1', action: 'test.event', detail: { i, 名称: '张三', nested: { b: 1, a: [1, 'x'] } } });
    out.push(e);
    head = { seq: e.seq, hash: e.hash };
  }
  return out;
}

const HEADER = { unit: { name: '某市保密局', code: 'BMJ-01' }, exportedAt: '2026-11-21T10:00:00.000Z', exportedBy: { accountId: 'aud', username: 'shenji' } };

function exportOf(entries: AuditEntry[]) {
  const last = entries[entries.length - 1];
  return buildAuditExport(HEADER, entries.map((entry) => ({ seq: entry.seq, entry })), last ? { seq: last.seq, hash: last.hash } : null);
}

describe('audit export (JSON Lines)', () => {
  it('is a header, the entries in order and the head, one JSON object per line', () => {
    const text = exportOf(chain(3));
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines.map((l) => l.type)).toEqual(['header', 'entry', 'entry', 'entry', 'head']);
    expect(lines[0]).toMatchObject({ format: 'secrecy-ledger/audit-export', version: 1, count: 3, genesis: '0'.repeat(64) });
    expect(verifyAuditExport(text)).toMatchObject({ ok: true, count: 3 });
  });

  it('names the entry whose content was changed in the file', () => {
    const text = exportOf(chain(5)).replace('"i":2', '"i":7');
    expect(verifyAuditExport(text)).toEqual({ ok: false, count: 2, firstBreak: { seq: 3, reason: 'altered' } });
  });

  it('names a removed line as missing and a removed tail as truncated', () => {
    const lines = exportOf(chain(5)).trimEnd().split('\n');
    expect(verifyAuditExport([...lines.slice(0, 3), ...lines.slice(4)].join('\n'))).toMatchObject({ ok: false, firstBreak: { seq: 3, reason: 'missing' } });
    expect(verifyAuditExport([...lines.slice(0, 4), lines[lines.length - 1]].join('\n'))).toMatchObject({ ok: false, firstBreak: { seq: 4, reason: 'truncated' } });
  });

  it('carries a record the store could not read as such, and the chain breaks there', () => {
    const entries = chain(3);
    const text = buildAuditExport(
      HEADER,
      entries.map((entry) => ({ seq: entry.seq, entry: entry.seq === 2 ? ('unreadable' as const) : entry })),
      { seq: 3, hash: (entries[2] as AuditEntry).hash },
    );
    expect(text).toContain('{"seq":2,"type":"unreadable"}');
    expect(verifyAuditExport(text)).toMatchObject({ ok: false, firstBreak: { seq: 2, reason: 'unreadable' } });
  });

  it('refuses what is not an export', () => {
    expect(verifyAuditExport('hello')).toEqual({ ok: false, malformed: 'a line is not JSON' });
    expect(verifyAuditExport('{"type":"entry"}\n')).toEqual({ ok: false, malformed: 'no header' });
  });

  it('names the file by unit code and local time, in ASCII', () => {
    const name = auditExportFileName('BMJ-01', new Date(2026, 10, 21, 8, 5, 9));
    expect(name).toBe('audit-BMJ-01-20261121-080509.jsonl');
    expect(AUDIT_EXPORT_FILE_PATTERN.test(name)).toBe(true);
  });
});
