import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH, nextEntry, type AuditEntry } from '../../../shared/audit/chain';
import type { BundleRecord } from '../../../shared/bundle/content';
import { describeBundleRefusal } from '../../../shared/bundle/messages';
import { checkAuditSegment } from '../../../shared/exchange/auditSegment';
import { auditRecord } from '../../../shared/exchange/unitExport';

/** A unit's audit trail of n entries, as the export writes them (auditRecord). */
function trail(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const head = out.at(-1) ?? null;
    out.push(nextEntry(head, { at: `2026-03-0${1 + (i % 9)}T08:00:00.000Z`, actor: i % 3 === 0 ? null : 'acc-clerk', action: i % 2 ? 'carrier.registered' : 'session.signed_in', detail: { i, 名称: '载体', nested: { b: 1, a: [1, 2] } } }));
  }
  return out;
}
const records = (entries: readonly AuditEntry[]): BundleRecord[] => entries.map((e) => auditRecord({ ...e, actorName: e.actor === null ? null : '赵保密' }));
const codeOf = (r: ReturnType<typeof checkAuditSegment>) => (r.ok ? 'ok' : r.error);

describe('checkAuditSegment: the audit segment of a unit bundle', () => {
  const all = trail(10);

  it('accepts an intact first segment from seq 1 and says where the trail ends', () => {
    const r = checkAuditSegment(records(all.slice(0, 6)), null);
    expect(r).toEqual({ ok: true, value: { count: 6, first: 1, head: { seq: 6, hash: all[5]!.hash }, continuityChecked: true } });
  });

  it('accepts the next segment that continues the previous one', () => {
    const r = checkAuditSegment(records(all.slice(6)), { seq: 6, hash: all[5]!.hash });
    expect(r.ok && r.value).toMatchObject({ count: 4, first: 7, head: { seq: 10, hash: all[9]!.hash } });
  });

  it('lets a first segment start anywhere, but an entry numbered 1 must link to the genesis hash', () => {
    expect(checkAuditSegment(records(all.slice(4)), null).ok).toBe(true);
    const relinked = records(all.slice(0, 2));
    relinked[0] = { ...relinked[0]!, prevHash: 'a'.repeat(64) };
    relinked[0].hash = entryHash('a'.repeat(64), relinked[0] as unknown as AuditEntry);
    expect(codeOf(checkAuditSegment(relinked, null))).toEqual({ code: 'BUNDLE_AUDIT_RELINKED', params: { seq: 1 } });
  });

  it('an empty segment passes and keeps the head', () => {
    expect(checkAuditSegment([], { seq: 6, hash: all[5]!.hash })).toEqual({ ok: true, value: { count: 0, first: null, head: { seq: 6, hash: all[5]!.hash }, continuityChecked: true } });
    expect(checkAuditSegment([], null)).toMatchObject({ ok: true, value: { head: null } });
  });

  it('names an altered entry (its content no longer matches its hash)', () => {
    const r = records(all);
    r[3] = { ...r[3]!, detail: { ...(r[3]!.detail as object), i: 99 } };
    expect(codeOf(checkAuditSegment(r, null))).toEqual({ code: 'BUNDLE_AUDIT_ALTERED', params: { seq: 4 } });
    // Changing the time, the actor or the action is altering too.
    for (const change of [{ at: '2027-01-01T00:00:00.000Z' }, { actor: 'acc-other' }, { action: 'nothing' }]) {
      const c = records(all);
      c[7] = { ...c[7]!, ...change };
      expect(codeOf(checkAuditSegment(c, null))).toEqual({ code: 'BUNDLE_AUDIT_ALTERED', params: { seq: 8 } });
    }
  });

  it('an altered entry whose hash was recomputed shows as a relinked next entry', () => {
    const r = records(all);
    const changed: BundleRecord = { ...r[3]!, action: 'audit.forged' };
    changed.hash = entryHash(changed.prevHash as string, changed as unknown as AuditEntry);
    r[3] = changed;
    expect(codeOf(checkAuditSegment(r, null))).toEqual({ code: 'BUNDLE_AUDIT_RELINKED', params: { seq: 5 } });
  });

  it('names a missing entry with the numbers missing', () => {
    const r = records(all).filter((x) => x.seq !== 5 && x.seq !== 6);
    expect(codeOf(checkAuditSegment(r, null))).toEqual({ code: 'BUNDLE_AUDIT_MISSING', params: { seq: 7, after: 4, from: 5, to: 6 } });
  });

  it('names a segment that does not continue the previous bundle’s: by number or by hash', () => {
    expect(codeOf(checkAuditSegment(records(all.slice(7)), { seq: 6, hash: all[5]!.hash }))).toEqual({
      code: 'BUNDLE_AUDIT_NOT_CONTINUOUS',
      params: { seq: 8, expected: 7, reason: 'not-next-seq' },
    });
    expect(codeOf(checkAuditSegment(records(all.slice(6)), { seq: 6, hash: all[4]!.hash }))).toEqual({
      code: 'BUNDLE_AUDIT_NOT_CONTINUOUS',
      params: { seq: 7, expected: 7, reason: 'other-prev-hash' },
    });
    // An earlier segment again (overlap) does not continue either.
    expect(codeOf(checkAuditSegment(records(all.slice(3)), { seq: 6, hash: all[5]!.hash }))).toMatchObject({ code: 'BUNDLE_AUDIT_NOT_CONTINUOUS', params: { seq: 4 } });
  });

  it('without knowing the previous segment (undefined) checks the links only', () => {
    const r = checkAuditSegment(records(all.slice(7)), undefined);
    expect(r.ok && r.value).toMatchObject({ first: 8, continuityChecked: false });
  });

  it('a record that is not an audit entry, or whose id is not its seq, is altered', () => {
    const r = records(all);
    const { hash: _h, ...noHash } = r[2]!;
    expect(codeOf(checkAuditSegment([r[0]!, r[1]!, noHash as BundleRecord], null))).toEqual({ code: 'BUNDLE_AUDIT_ALTERED', params: { seq: 3 } });
    const wrongId = records(all.slice(0, 3));
    wrongId[2] = { ...wrongId[2]!, id: 'audit-000000000099' };
    expect(codeOf(checkAuditSegment(wrongId, null))).toEqual({ code: 'BUNDLE_AUDIT_ALTERED', params: { seq: 3 } });
  });

  it('the genesis link is the one shared/audit/chain uses', () => {
    expect(all[0]!.prevHash).toBe(GENESIS_HASH);
  });

  it('each break has its own Chinese sentence naming the entry', () => {
    expect(describeBundleRefusal({ code: 'BUNDLE_AUDIT_ALTERED', params: { seq: 4 } }, 'zh-CN')).toContain('第 4 条审计记录的内容与其哈希不符');
    expect(describeBundleRefusal({ code: 'BUNDLE_AUDIT_RELINKED', params: { seq: 5 } }, 'zh-CN')).toContain('第 5 条审计记录的前序哈希不是上一条的哈希');
    expect(describeBundleRefusal({ code: 'BUNDLE_AUDIT_MISSING', params: { seq: 7, from: 5, to: 6 } }, 'zh-CN')).toContain('缺少第 5–6 条审计记录');
    const nc = describeBundleRefusal({ code: 'BUNDLE_AUDIT_NOT_CONTINUOUS', params: { seq: 8, expected: 7, reason: 'not-next-seq' } }, 'zh-CN');
    expect(nc).toContain('从第 8 条开始，未接续上一个已导入数据包的审计记录（应从第 7 条接续，序号不接续）');
    expect(describeBundleRefusal({ code: 'BUNDLE_AUDIT_NOT_CONTINUOUS', params: { seq: 7, expected: 7, reason: 'other-prev-hash' } }, 'en')).toContain('the previous hash differs');
  });
});
