import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from '../../renderer/i18n';
import { detailText, formatAuditTime } from '../../renderer/features/audit/auditText';

/**
 * The auditor's screen shows each entry's details in words: field names in the reader's language,
 * yes/no, local time, （无） — not `ok: true; filter: {}` and raw JSON, which is what the walk
 * through the app found on 审计日志.
 */
const zh = (key: MessageKey, params?: Params) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: Params) => translate('en', key, params);

const VERIFIED = { ok: true, count: 86 };
const QUERIED = { filter: {} };
const EXPOSED = { checkedAt: '2026-11-21T03:32:40.230Z', interfaces: [{ name: 'eth0', addresses: ['192.0.2.2', 'fd00::2'] }] };

describe('audit entry details on screen', () => {
  it('names the fields in Chinese and writes yes/no, local time and （无） in words', () => {
    expect(detailText(VERIFIED, zh)).toBe('校验通过：是；条数：86');
    expect(detailText(QUERIED, zh)).toBe('查询条件：（无）');
    expect(detailText(EXPOSED, zh)).toBe(`检查时间：${formatAuditTime(EXPOSED.checkedAt)}；网络接口：（名称：eth0，地址：192.0.2.2、fd00::2）`);
  });

  it('keeps recorded strings exactly, and shows a field it does not know under its code', () => {
    expect(detailText({ registryNumber: '2026-机-0001', futureField: 'x' }, zh)).toBe('登记编号：2026-机-0001；futureField：x');
  });

  it('shows no raw JSON or English flags in the Chinese screen', () => {
    const text = detailText({ ...VERIFIED, ...QUERIED, ...EXPOSED, before: { status: 'active' }, after: { status: 'disabled' }, first: [] }, zh);
    expect(text).not.toMatch(/true|false|\{|\}|"|\bnull\b|undefined/);
  });

  it('reads in English with English punctuation', () => {
    expect(detailText(VERIFIED, en)).toBe('passed: yes; entries: 86');
    expect(detailText(EXPOSED, en)).toBe(`checked at: ${formatAuditTime(EXPOSED.checkedAt)}; network interfaces: (name: eth0, addresses: 192.0.2.2, fd00::2)`);
  });
});

describe('a refused bundle or restore in the trail', () => {
  const REFUSED = { kind: 'unit-export', fileName: 'unit-BM-0001-0002.ledgerbundle', code: 'BUNDLE_AUDIT_ALTERED', seq: 5 };

  it('reads as the sentence the person saw, with the code after it for matching the export', () => {
    expect(detailText(REFUSED, zh, 'zh-CN')).toBe(
      '种类：单位上报数据包；文件名：unit-BM-0001-0002.ledgerbundle；原因：审计记录链断裂：第 5 条审计记录的内容与其哈希不符（已被改动），整个数据包未导入。请向报送单位核实。（BUNDLE_AUDIT_ALTERED）',
    );
    expect(detailText(REFUSED, en, 'en')).toBe(
      'kind: unit report bundle; file name: unit-BM-0001-0002.ledgerbundle; why: Audit chain broken: audit entry 5 does not match its own hash (it was altered); nothing was imported. Ask the unit. (BUNDLE_AUDIT_ALTERED)',
    );
  });

  it('names every audit-chain refusal in words, never as code：… or raw params', () => {
    for (const code of ['BUNDLE_AUDIT_ALTERED', 'BUNDLE_AUDIT_RELINKED', 'BUNDLE_AUDIT_MISSING', 'BUNDLE_AUDIT_NOT_CONTINUOUS']) {
      const text = detailText({ kind: 'unit-export', fileName: 'x.ledgerbundle', code, seq: 7, from: 3, to: 6, expected: 3, reason: 'not-next-seq' }, zh, 'zh-CN');
      expect(text).toMatch(/^种类：单位上报数据包；文件名：x\.ledgerbundle；原因：审计记录链断裂：/);
      expect(text).not.toMatch(/code：|seq：|unit-export|not-next-seq|\{/);
    }
  });

  it('leaves a code without a sentence as recorded', () => {
    expect(detailText({ code: 'SOMETHING_NEW', seq: 1 }, zh, 'zh-CN')).toBe('code：SOMETHING_NEW；序号：1');
  });
});

describe('codes the screen has words for', () => {
  it('shows a level, a role, a status and a procedure in words, not confidential / clerk / live', () => {
    const roles = { accountId: 'a1', username: 'baomiyuan', before: { roles: [], level: 'confidential' }, after: { roles: ['clerk'], level: 'secret' } };
    const zhText = detailText(roles, zh);
    expect(zhText).toContain('（角色：（无），密级：秘密）');
    expect(zhText).toContain('（角色：保密员，密级：机密）');
    const approved = detailText({ before: { status: 'proposed' }, after: { status: 'live', marking: '秘密★5年' }, procedure: 'determine' }, zh);
    expect(approved).not.toMatch(/proposed|live|determine/);
    expect(approved).toContain('待审批');
    expect(approved).toContain('保密期内');
    expect(detailText({ versions: [{ code: '2.1', level: 'confidential', status: 'in_force' }] }, zh)).not.toMatch(/confidential|in_force/);
    expect(detailText({ level: 'top_secret' }, en)).not.toContain('top_secret');
  });

  it('keeps a value it has no word for as recorded', () => {
    expect(detailText({ status: 'something_new', code: '2.1' }, zh)).toContain('something_new');
  });
});
