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
