import { describe, expect, it } from 'vitest';
import {
  entriesFromVersions,
  inForce,
  planBureauCatalogue,
  reviseCatalogue,
  withdrawCatalogueEntry,
  type CatalogueEntry,
  type CatalogueInput,
} from '../../../shared/determination/catalogue';
import { AT, CLERK, E1, E2, HANDLER, version, WITHDRAWN } from './fixtures';

const INPUT: CatalogueInput = {
  code: '4.1',
  title: '涉密会议纪要',
  level: 'secret',
  defaultPeriod: { kind: 'years', years: 20 },
  scopeHint: '参会人员',
};
const edit = { actor: CLERK, at: AT, newEntryId: 'E9' };
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('事项一览表 (catalogue)', () => {
  it('adds an entry as version 1, edited locally by the secrecy clerk', () => {
    const r = reviseCatalogue([E1], null, INPUT, edit);
    expect(r).toMatchObject({ ok: true, value: { entryId: 'E9', version: 1, status: 'in_force', source: { kind: 'local' }, actorName: '孙保密员' } });
  });

  it('revises an entry as a new version and leaves the old one as it was', () => {
    const r = reviseCatalogue([E1], 'E1', { ...INPUT, code: '2.1', level: 'confidential', defaultPeriod: { kind: 'years', years: 5 }, note: '期限调整' }, edit);
    expect(r).toMatchObject({ ok: true, value: { entryId: 'E1', version: 2, note: '期限调整' } });
    expect(E1.versions).toHaveLength(1);
  });

  it.each<[string, Partial<CatalogueInput>, string]>([
    ['no code', { code: ' ' }, 'CATALOGUE_CODE_REQUIRED'],
    ['no title', { title: '' }, 'CATALOGUE_TITLE_REQUIRED'],
    ['非密 as a level', { level: 'unclassified', defaultPeriod: { kind: 'none' } }, 'CATALOGUE_LEVEL_INVALID'],
    ['a default period over the maximum without 其他规定', { defaultPeriod: { kind: 'years', years: 25 } }, 'PERIOD_EXCEEDS_MAX'],
    ['years for a work secret', { level: 'internal' }, 'PERIOD_NOT_FOR_LEVEL'],
  ])('refuses an entry with %s', (_, over, expected) => {
    expect(code(reviseCatalogue([], null, { ...INPUT, ...over }, edit))).toBe(expected);
  });

  it('refuses a code another entry in force already has, and a revision that changes nothing', () => {
    expect(code(reviseCatalogue([E1], null, { ...INPUT, code: '2.1' }, edit))).toBe('CATALOGUE_CODE_TAKEN');
    const v = E1.versions[0];
    if (!v) throw new Error('E1');
    expect(code(reviseCatalogue([E1], 'E1', { code: v.code, title: v.title, level: v.level, defaultPeriod: v.defaultPeriod, scopeHint: v.scopeHint }, edit))).toBe('CATALOGUE_NO_CHANGE');
  });

  it('only the clerk edits it', () => {
    expect(code(reviseCatalogue([], null, INPUT, { ...edit, actor: HANDLER }))).toBe('NOT_PERMITTED');
    expect(code(withdrawCatalogueEntry(E1, '废止', { actor: HANDLER, at: AT }))).toBe('NOT_PERMITTED');
  });

  it('withdraws an entry as a new version with the reason; it leaves the list in force', () => {
    const r = withdrawCatalogueEntry(E1, '上级通知废止', { actor: CLERK, at: AT });
    expect(r).toMatchObject({ ok: true, value: { version: 2, status: 'withdrawn', note: '上级通知废止' } });
    if (!r.ok) return;
    expect(inForce(entriesFromVersions([...E1.versions, r.value]))).toEqual([]);
    expect(code(withdrawCatalogueEntry(WITHDRAWN, 'x', { actor: CLERK, at: AT }))).toBe('CATALOGUE_ALREADY_WITHDRAWN');
    expect(code(withdrawCatalogueEntry(E1, ' ', { actor: CLERK, at: AT }))).toBe('CATALOGUE_NOTE_REQUIRED');
  });

  it('lists entries in force in catalogue order (1.3 before 2.1 before 2.10)', () => {
    const e10: CatalogueEntry = { id: 'E10', versions: [version({ entryId: 'E10', code: '2.10' })] };
    expect(inForce([e10, E1, E2, WITHDRAWN]).map((v) => v.code)).toEqual(['1.3', '2.1', '2.10']);
  });
});

describe('the bureau’s catalogue replacing the local one', () => {
  let n = 0;
  const ctx = { actor: CLERK, at: AT, newEntryId: () => `N${++n}` };

  it('revises matching codes, adds new ones and withdraws what the bureau no longer lists', () => {
    const r = planBureauCatalogue(
      [E1, E2],
      {
        issue: '某保〔2026〕12号',
        items: [
          { code: '1.3', title: '重大专项行动方案', level: 'secret', defaultPeriod: { kind: 'years', years: 10 }, scopeHint: '' },
          { code: '5.1', title: '新增事项', level: 'confidential', defaultPeriod: { kind: 'years', years: 5 }, scopeHint: '' },
        ],
      },
      ctx,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((v) => [v.code, v.version, v.status, v.source])).toEqual([
      ['1.3', 3, 'in_force', { kind: 'bureau', issue: '某保〔2026〕12号' }],
      ['5.1', 1, 'in_force', { kind: 'bureau', issue: '某保〔2026〕12号' }],
      ['2.1', 2, 'withdrawn', { kind: 'bureau', issue: '某保〔2026〕12号' }],
    ]);
  });

  it('writes nothing for an entry that did not change', () => {
    const v = E1.versions[0];
    if (!v) throw new Error('E1');
    const r = planBureauCatalogue([E1], { issue: 'x', items: [{ code: v.code, title: v.title, level: v.level, defaultPeriod: v.defaultPeriod, scopeHint: v.scopeHint }] }, ctx);
    expect(r).toEqual({ ok: true, value: [] });
  });

  it('refuses a list with a code twice, or an invalid item (naming its code)', () => {
    const item = { code: '1.1', title: 'a', level: 'secret', defaultPeriod: { kind: 'years', years: 5 }, scopeHint: '' } as const;
    expect(code(planBureauCatalogue([], { issue: 'x', items: [item, item] }, ctx))).toBe('CATALOGUE_DUPLICATE_CODE');
    expect(planBureauCatalogue([], { issue: 'x', items: [{ ...item, title: '' }] }, ctx)).toEqual({ ok: false, error: { code: 'CATALOGUE_TITLE_REQUIRED', params: { code: '1.1' } } });
  });
});
