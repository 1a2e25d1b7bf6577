import { describe, expect, it } from 'vitest';
import { formatCopyNumber } from '../../../shared/ledger/carrier';
import { addMonths, inScope, isIsoDate, marking, validatePeriod, validateScope } from '../../../shared/ledger/classification';
import { checkMayReceive, mayHold, validatePerson } from '../../../shared/ledger/people';
import { expandBatch } from '../../../shared/ledger/registration';
import { counterKey, registryNumber, validatePattern } from '../../../shared/ledger/registry';
import { PAPER, PEOPLE } from './fixtures';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('classification', () => {
  it('writes markings in the usual form', () => {
    expect(marking('secret', { kind: 'years', years: 5 })).toBe('机密★5年');
    expect(marking('top_secret', { kind: 'months', months: 6 })).toBe('绝密★6个月');
    expect(marking('confidential', { kind: 'until', date: '2030-12-31' })).toBe('秘密★2030年12月31日');
    expect(marking('confidential', { kind: 'condition', condition: '项目验收后解密' })).toBe('秘密★项目验收后解密');
    expect(marking('internal', { kind: 'none' })).toBe('内部');
    expect(marking('unclassified', { kind: 'none' })).toBe('');
  });

  it('holds state-secret periods to 30 / 20 / 10 years and refuses periods where none belong', () => {
    expect(code(validatePeriod('top_secret', { kind: 'years', years: 30 }))).toBe('ok');
    expect(validatePeriod('secret', { kind: 'years', years: 21 })).toEqual({ ok: false, error: { code: 'PERIOD_EXCEEDS_MAX', params: { max: 20 } } });
    expect(code(validatePeriod('confidential', { kind: 'months', months: 121 }))).toBe('PERIOD_EXCEEDS_MAX');
    expect(code(validatePeriod('confidential', { kind: 'years', years: 11 }, '依据某规定'))).toBe('ok');
    expect(code(validatePeriod('secret', { kind: 'none' }))).toBe('PERIOD_REQUIRED');
    expect(code(validatePeriod('internal', { kind: 'years', years: 1 }))).toBe('PERIOD_NOT_FOR_LEVEL');
    expect(code(validatePeriod('internal', { kind: 'condition', condition: '会议结束后解除' }))).toBe('ok');
    expect(code(validatePeriod('secret', { kind: 'until', date: '2026-02-30' }))).toBe('PERIOD_INVALID');
  });

  it('needs a scope for state secrets and admits by name, post or department', () => {
    expect(code(validateScope('secret', { personIds: [], posts: [' '], departments: [], units: [] }))).toBe('SCOPE_REQUIRED');
    expect(code(validateScope('internal', { personIds: [], posts: [], departments: [], units: [] }))).toBe('ok');
    const scope = { personIds: ['p-1'], posts: ['处长'], departments: ['办公室'], units: [] };
    expect(inScope('secret', scope, { id: 'p-1', post: '', department: '' })).toBe(true);
    expect(inScope('secret', scope, { id: 'p-2', post: '处长', department: '财务科' })).toBe(true);
    expect(inScope('secret', scope, { id: 'p-3', post: '科员', department: '办公室' })).toBe(true);
    expect(inScope('secret', scope, { id: 'p-4', post: '科员', department: '财务科' })).toBe(false);
    // A state secret whose scope names only outside units admits nobody here without approval.
    expect(inScope('secret', { personIds: [], posts: [], departments: [], units: ['市局'] }, { id: 'p-1', post: '', department: '' })).toBe(false);
    expect(inScope('internal', { personIds: [], posts: [], departments: [], units: [] }, { id: 'p-1', post: '', department: '' })).toBe(true);
  });

  it('does date arithmetic on calendar dates', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
  });
});

describe('people (人员名录)', () => {
  it('caps what each category may hold: 核心 绝密, 重要 机密, 一般 秘密, others work secrets', () => {
    expect(mayHold('core', 'top_secret')).toBe(true);
    expect(mayHold('important', 'top_secret')).toBe(false);
    expect(mayHold('important', 'secret')).toBe(true);
    expect(mayHold('general', 'secret')).toBe(false);
    expect(mayHold('general', 'confidential')).toBe(true);
    expect(mayHold('none', 'confidential')).toBe(false);
    expect(mayHold('none', 'internal')).toBe(true);
  });

  it('refuses a person who left, with their name', () => {
    expect(checkMayReceive(PEOPLE.left, 'internal')).toEqual({ ok: false, error: { code: 'PERSON_NOT_ACTIVE', params: { person: '孙离岗' } } });
  });

  it('validates the directory form', () => {
    const base = { name: ' 张三 ', department: '办公室', post: '科员', clearance: 'general' as const, status: 'active' as const };
    expect(validatePerson(base)).toEqual({ ok: true, value: { ...base, name: '张三' } });
    expect(validatePerson({ ...base, name: '' })).toEqual({ ok: false, error: { code: 'PERSON_INVALID_FIELD', params: { field: 'name', rule: 'required' } } });
    expect(validatePerson({ ...base, name: '张'.repeat(31) })).toEqual({ ok: false, error: { code: 'PERSON_INVALID_FIELD', params: { field: 'name', rule: 'tooLong', max: 30 } } });
    expect(code(validatePerson({ ...base, separationEndsOn: '2027-01-01' }))).toBe('PERSON_INVALID_FIELD');
    expect(code(validatePerson({ ...base, status: 'left', separationEndsOn: '2027-01-01' }))).toBe('ok');
    expect(validatePerson({ ...base, username: ' ZhangSan ' })).toMatchObject({ ok: true, value: { username: 'zhangsan' } });
    expect(code(validatePerson({ ...base, username: '张三' }))).toBe('PERSON_INVALID_FIELD');
  });
});

describe('registry numbers and copy numbers', () => {
  const vars = { year: 2026, level: 'secret' as const, kind: 'paper' as const, unitCode: 'BM-01' };

  it('renders the default pattern as 2026-机-0001 and counts per year and level', () => {
    expect(registryNumber('{year}-{levelAbbrev}-{seq:4}', vars, 1)).toBe('2026-机-0001');
    expect(registryNumber('{year}-{levelAbbrev}-{seq:4}', vars, 12345)).toBe('2026-机-12345');
    expect(counterKey('{year}-{levelAbbrev}-{seq:4}', vars)).toBe('2026-机-#');
    expect(counterKey('{year}-{levelAbbrev}-{seq:4}', { ...vars, level: 'top_secret' })).toBe('2026-绝-#');
    expect(registryNumber('{unit}/{kind}{level}{seq:3}', vars, 7)).toBe('BM-01/纸机密007');
  });

  it('shares the counter between patterns that render alike, so no number is given twice', () => {
    expect(counterKey('{year}-{levelAbbrev}-{seq:3}', vars)).toBe(counterKey('{year}-{levelAbbrev}-{seq:4}', vars));
  });

  it('refuses patterns without exactly one sequence, or with unknown tokens', () => {
    expect(code(validatePattern('{year}-{levelAbbrev}'))).toBe('REGISTRY_PATTERN_INVALID');
    expect(code(validatePattern('{seq:4}-{seq:2}'))).toBe('REGISTRY_PATTERN_INVALID');
    expect(code(validatePattern('{year}-{month}-{seq:4}'))).toBe('REGISTRY_PATTERN_INVALID');
    expect(code(validatePattern('{year}-{seq:4'))).toBe('REGISTRY_PATTERN_INVALID');
    expect(code(validatePattern('{year}-{levelAbbrev}-{seq:4}'))).toBe('ok');
  });

  it('expands a batch of 20 copies into copy numbers 000001–000020', () => {
    const r = expandBatch({ record: PAPER, custodianId: 'p-clerk', place: '保密柜1号' }, 20, 1);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.map((x) => x.record.copyNumber)).toEqual(Array.from({ length: 20 }, (_, i) => formatCopyNumber(i + 1)));
    expect(r.value[19]?.record.copyNumber).toBe('000020');
    expect(code(expandBatch({ record: PAPER, custodianId: 'p', place: 'x' }, 0, 1))).toBe('BATCH_COUNT_INVALID');
    expect(code(expandBatch({ record: PAPER, custodianId: 'p', place: 'x' }, 2, 999_999))).toBe('CARRIER_INVALID_FIELD');
  });
});
