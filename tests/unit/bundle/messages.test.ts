import { describe, expect, it } from 'vitest';
import { BUNDLE_REFUSAL_CODES, describeBundleRefusal } from '../../../shared/bundle/messages';

describe('refusal messages', () => {
  it.each(BUNDLE_REFUSAL_CODES)('%s has a Chinese and an English sentence', (code) => {
    const zh = describeBundleRefusal({ code }, 'zh-CN');
    const en = describeBundleRefusal({ code }, 'en');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).toMatch(/^[\x20-\x7e–]+$/);
  });

  it('fills the values and shows known words in the reader’s language', () => {
    const r = { code: 'BUNDLE_WRONG_KIND', params: { expected: 'unit-export', actual: 'policy' } };
    expect(describeBundleRefusal(r, 'zh-CN')).toBe('数据包类型不对：应为单位上报包，实为政策下发包。');
    expect(describeBundleRefusal(r, 'en')).toBe('Wrong kind of bundle: expected a unit export, got a policy bundle.');
    expect(describeBundleRefusal({ code: 'BUNDLE_GAP', params: { expected: 3, sequence: 5, missingFrom: 3, missingTo: 4 } }, 'zh-CN')).toContain('缺第 3–4 号');
  });

  it('names an unknown code rather than hiding it', () => {
    expect(describeBundleRefusal({ code: 'SOMETHING_ELSE' }, 'en')).toBe('Unknown error: SOMETHING_ELSE');
  });
});
