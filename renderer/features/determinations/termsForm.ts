import type { CatalogueVersion } from '../../../shared/determination/catalogue';
import type { Basis, Terms } from '../../../shared/determination/terms';
import type { Level, Period } from '../../../shared/ledger/classification';
import { assertNever } from '../../../shared/result';
import { scopeFrom, type ScopeDraft } from '../ledger/ScopeFields';

/**
 * The terms as the form holds them (what was typed, numbers as text). Turning them into Terms never
 * fails: what does not parse becomes a value the rules refuse with their own message.
 */
export interface TermsForm {
  level: Level;
  periodKind: Period['kind'];
  years: string;
  months: string;
  until: string;
  condition: string;
  longerPeriodBasis: string;
  scope: ScopeDraft;
  basisKind: Basis['kind'];
  /** `entryId:version` of the cited catalogue version. */
  entryKey: string;
  reason: string;
  sourceIds: string[];
  periodFrom?: string;
}

export const EMPTY_TERMS_FORM: TermsForm = {
  level: 'confidential',
  periodKind: 'years',
  years: '',
  months: '',
  until: '',
  condition: '',
  longerPeriodBasis: '',
  scope: { personIds: [], posts: '', departments: '', units: '' },
  basisKind: 'catalogue',
  entryKey: '',
  reason: '',
  sourceIds: [],
};

export const entryKeyOf = (v: Pick<CatalogueVersion, 'entryId' | 'version'>) => `${v.entryId}:${v.version}`;

export function termsFromForm(f: TermsForm): Terms {
  return {
    level: f.level,
    period: periodFromForm(f),
    scope: scopeFrom(f.scope),
    basis: basisFromForm(f),
    ...(f.longerPeriodBasis.trim() ? { longerPeriodBasis: f.longerPeriodBasis } : {}),
    ...(f.periodFrom ? { periodFrom: f.periodFrom } : {}),
  };
}

function periodFromForm(f: TermsForm): Period {
  switch (f.periodKind) {
    case 'years':
      return { kind: 'years', years: Number(f.years.trim() || NaN) };
    case 'months':
      return { kind: 'months', months: Number(f.months.trim() || NaN) };
    case 'until':
      return { kind: 'until', date: f.until.trim() };
    case 'condition':
      return { kind: 'condition', condition: f.condition };
    case 'none':
      return { kind: 'none' };
    default:
      return assertNever(f.periodKind);
  }
}

function basisFromForm(f: TermsForm): Basis {
  switch (f.basisKind) {
    case 'catalogue': {
      const i = f.entryKey.lastIndexOf(':');
      return { kind: 'catalogue', entryId: f.entryKey.slice(0, i), version: Number(f.entryKey.slice(i + 1)), code: '', title: '' };
    }
    case 'reason':
      return { kind: 'reason', text: f.reason };
    case 'derived':
      return { kind: 'derived', sourceIds: f.sourceIds };
    default:
      return assertNever(f.basisKind);
  }
}

export function formFromTerms(t: Terms): TermsForm {
  const p = t.period;
  return {
    level: t.level,
    periodKind: p.kind,
    years: p.kind === 'years' ? String(p.years) : '',
    months: p.kind === 'months' ? String(p.months) : '',
    until: p.kind === 'until' ? p.date : '',
    condition: p.kind === 'condition' ? p.condition : '',
    longerPeriodBasis: t.longerPeriodBasis ?? '',
    scope: { personIds: t.scope.personIds, posts: t.scope.posts.join('、'), departments: t.scope.departments.join('、'), units: t.scope.units.join('、') },
    basisKind: t.basis.kind,
    entryKey: t.basis.kind === 'catalogue' ? entryKeyOf(t.basis) : '',
    reason: t.basis.kind === 'reason' ? t.basis.text : '',
    sourceIds: t.basis.kind === 'derived' ? t.basis.sourceIds : [],
    ...(t.periodFrom ? { periodFrom: t.periodFrom } : {}),
  };
}

/** Choosing a catalogue entry sets the level and the default period it gives. */
export function withEntry(f: TermsForm, v: CatalogueVersion | undefined): TermsForm {
  if (!v) return { ...f, entryKey: '' };
  const byPeriod = formFromTerms({ level: v.level, period: v.defaultPeriod, scope: { personIds: [], posts: [], departments: [], units: [] }, basis: { kind: 'reason', text: '' } });
  return {
    ...f,
    entryKey: entryKeyOf(v),
    level: v.level,
    periodKind: byPeriod.periodKind,
    years: byPeriod.years,
    months: byPeriod.months,
    until: byPeriod.until,
    condition: byPeriod.condition,
    longerPeriodBasis: v.longerPeriodBasis ?? f.longerPeriodBasis,
  };
}

/** The period kinds that make sense for a level (years and months only for state secrets). */
export function periodKindsFor(level: Level): Period['kind'][] {
  switch (level) {
    case 'top_secret':
    case 'secret':
    case 'confidential':
      return ['years', 'months', 'until', 'condition'];
    case 'internal':
      return ['none', 'until', 'condition'];
    case 'unclassified':
      return ['none'];
    default:
      return assertNever(level);
  }
}

/**
 * Whether the period as typed can be shown in a marking yet: a whole number of years or months, a
 * full date, a written condition. Until then the preview says what is missing instead of showing
 * `秘密★NaN年` or `0年undefined月undefined日`.
 */
export function periodTyped(p: Period): boolean {
  switch (p.kind) {
    case 'years':
      return Number.isInteger(p.years) && p.years >= 1;
    case 'months':
      return Number.isInteger(p.months) && p.months >= 1;
    case 'until':
      return /^\d{4}-\d{2}-\d{2}$/.test(p.date);
    case 'condition':
      return p.condition.trim().length > 0;
    case 'none':
      return true;
    default:
      return assertNever(p);
  }
}
