import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nextEntry, type AuditEntry } from '../../shared/audit/chain';
import { buildAuditExport } from '../../shared/audit/exportFormat';

/**
 * scripts/verify-audit-export.mjs is how an export is checked outside the app (docs/audit-export.md):
 * it must agree with the app's own chain rule, byte for byte, Chinese text and nested details included.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'audit-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportFile(name: string, mutate: (text: string) => string = (t) => t): string {
  let head: { seq: number; hash: string } | null = null;
  const entries: AuditEntry[] = [];
  for (let i = 0; i < 4; i++) {
    const e = nextEntry(head, {
      at: `2026-11-21T09:00:0${i}.000Z`,
      actor: i === 0 ? null : 'acc-1',
      action: 'account.roles_assigned',
      detail: { username: 'zhangsan', 显示名: '张三 "引号" \\ 反斜杠', before: { roles: [], level: 'secret' }, after: { roles: ['handler'], level: 'confidential' }, n: i * 1.5 },
    });
    entries.push(e);
    head = { seq: e.seq, hash: e.hash };
  }
  const text = buildAuditExport({ unit: { name: '某单位', code: 'U-1' }, exportedAt: '2026-11-21T10:00:00.000Z', exportedBy: { accountId: 'a', username: 'shenji' } }, entries.map((entry) => ({ seq: entry.seq, entry })), head);
  const file = path.join(dir, name);
  writeFileSync(file, mutate(text), 'utf8');
  return file;
}

function run(file: string): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, ['scripts/verify-audit-export.mjs', file], { encoding: 'utf8' }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout + err.stderr };
  }
}

describe('scripts/verify-audit-export.mjs', () => {
  it('confirms an intact export', () => {
    const r = run(exportFile('ok.jsonl'));
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/^OK: 4 entries, chain intact/);
  });

  it('names the entry changed in the file', () => {
    const r = run(exportFile('changed.jsonl', (t) => t.replace('"n":3', '"n":4')));
    expect(r.code).toBe(1);
    expect(r.out).toContain('BROKEN at entry 3: content does not match its hash');
  });

  it('notices a cut-off end against the recorded head', () => {
    const r = run(exportFile('cut.jsonl', (t) => {
      const lines = t.trimEnd().split('\n');
      return [...lines.slice(0, 4), lines[lines.length - 1]].join('\n');
    }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('BROKEN at entry 4');
  });

  it('refuses a file that is not an export', () => {
    expect(run(exportFile('junk.jsonl', () => 'hello\n')).code).toBe(2);
  });
});
