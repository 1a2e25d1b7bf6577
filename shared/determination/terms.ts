import {
  addMonths,
  defaultMaxYears,
  isIsoDate,
  isStateSecret,
  levelRank,
  marking,
  validatePeriod,
  validateScope,
  type Level,
  type Period,
  type Scope,
} from '../ledger/classification';
import { assertNever, ok, refuse, type Result } from '../result';
import { currentVersion, type CatalogueEntry } from './catalogue';
import { addYears } from './dates';

/**
 * 定密依据: an entry of the unit's 事项一览表 at the exact version cited (code and title copied in,
 * so the record reads the same after the catalogue changes), a written reason, or — for 派生定密 —
 * the determinations the item was derived from.
 */
export type Basis =
  | { kind: 'catalogue'; entryId: string; version: number; code: string; title: string }
  | { kind: 'reason'; text: string }
  | { kind: 'derived'; sourceIds: string[] };

/** What a determination fixes: 密级, 保密期限, 知悉范围 and 定密依据. */
export interface Terms {
  level: Level;
  period: Period;
  scope: Scope;
  basis: Basis;
  /**
   * 其他规定: the provision that allows a period over the legal maximum (30 / 20 / 10 years). Required
   * exactly when the period exceeds it.
   */
  longerPeriodBasis?: string;
  /** The date the period counts from when it is not the decision date (派生定密 keeps its source's). */
  periodFrom?: string;
}

export type TermField = 'level' | 'period' | 'scope' | 'basis' | 'longerPeriodBasis';

/** One field a correction or a change (变更) alters, with both values and which way it moves. */
export type FieldChange =
  | { field: 'level'; from: Level; to: Level; direction: 'raise' | 'lower' }
  | { field: 'period'; from: Period; to: Period; direction: 'extend' | 'shorten' | 'other' }
  | { field: 'scope'; from: Scope; to: Scope; direction: 'widen' | 'narrow' | 'other' }
  | { field: 'basis'; from: Basis; to: Basis }
  | { field: 'longerPeriodBasis'; from: string | null; to: string | null };

/** Looks an entry up by id; the caller holds the catalogue. */
export type CatalogueLookup = (entryId: string) => CatalogueEntry | undefined;

export interface TermsContext {
  catalogue: CatalogueLookup;
  /** The date the period would count from if decided now (the draft's or decision's date). */
  date: string;
  /**
   * A new citation must name the entry's current version; a decision on an earlier draft keeps the
   * version the handler cited.
   */
  requireCurrentBasis: boolean;
  /** Levels of the sources of a derived determination (派生定密), by id; undefined when not live. */
  sourceLevel?: (determinationId: string) => Level | undefined;
}

/** 密级标志 for the terms: `机密★5年`, `内部`, or '' for 非密. */
export function termsMarking(t: Pick<Terms, 'level' | 'period'>): string {
  return marking(t.level, t.period);
}

/** A scope that names at least one person, post, department or unit (a note alone names nobody). */
export function scopeNamesSomeone(s: Scope): boolean {
  return s.personIds.length + s.posts.length + s.departments.length + s.units.length > 0;
}

/**
 * The date on which the period ends and the item is declassified (解密时间): the anniversary of the
 * start for years and months, the given date for a date. Null for a condition or no period.
 */
export function periodEnd(period: Period, start: string): string | null {
  // Also called on what is still being typed: a period that does not parse has no end.
  if (!isIsoDate(start)) return null;
  switch (period.kind) {
    case 'years':
      return wholeCount(period.years) ? addYears(start, period.years) : null;
    case 'months':
      return wholeCount(period.months) ? addMonths(start, period.months) : null;
    case 'until':
      return isIsoDate(period.date) ? period.date : null;
    case 'condition':
    case 'none':
      return null;
    default:
      return assertNever(period);
  }
}

function wholeCount(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 1200;
}

/**
 * Checks and normalizes proposed terms. Refusals: the period codes of the classification rules
 * (PERIOD_REQUIRED, PERIOD_INVALID, PERIOD_NOT_FOR_LEVEL, PERIOD_EXCEEDS_MAX {max}), PERIOD_ENDS_BEFORE_START,
 * SCOPE_REQUIRED, BASIS_REQUIRED, BASIS_UNKNOWN_ENTRY, BASIS_NOT_CURRENT, BASIS_ENTRY_WITHDRAWN,
 * BASIS_LEVEL_MISMATCH {level}, DERIVED_SOURCE_NOT_LIVE {id}, DERIVED_BELOW_SOURCE {level}.
 */
export function validateTerms(terms: Terms, ctx: TermsContext): Result<Terms> {
  const { level } = terms;
  const longer = terms.longerPeriodBasis?.trim() || undefined;
  if (terms.periodFrom !== undefined && !isIsoDate(terms.periodFrom)) return refuse('PERIOD_INVALID');
  const start = terms.periodFrom ?? ctx.date;

  const period = validatePeriod(level, terms.period, longer);
  if (!period.ok) return period;
  if (period.value.kind === 'until') {
    if (period.value.date <= start) return refuse('PERIOD_ENDS_BEFORE_START');
    const max = defaultMaxYears(level);
    if (max !== null && period.value.date > addYears(start, max) && !longer) return refuse('PERIOD_EXCEEDS_MAX', { max });
  }

  const scope = validateScope(level, terms.scope);
  if (!scope.ok) return scope;
  if (level !== 'unclassified' && !scopeNamesSomeone(scope.value)) return refuse('SCOPE_REQUIRED');

  const basis = validateBasis(terms.basis, level, ctx);
  if (!basis.ok) return basis;

  return ok({
    level,
    period: period.value,
    scope: scope.value,
    basis: basis.value,
    ...(longer && exceedsMax(level, period.value, start) ? { longerPeriodBasis: longer } : {}),
    ...(terms.periodFrom !== undefined ? { periodFrom: terms.periodFrom } : {}),
  });
}

/** Does the period go past the legal maximum for the level (so that it needs 其他规定)? */
export function exceedsMax(level: Level, period: Period, start: string): boolean {
  const max = defaultMaxYears(level);
  if (max === null) return false;
  const end = periodEnd(period, start);
  return end !== null && end > addYears(start, max);
}

function validateBasis(basis: Basis, level: Level, ctx: TermsContext): Result<Basis> {
  switch (basis.kind) {
    case 'reason': {
      const text = basis.text.trim();
      return text.length >= 2 ? ok({ kind: 'reason', text }) : refuse('BASIS_REQUIRED');
    }
    case 'catalogue': {
      const entry = ctx.catalogue(basis.entryId);
      const cited = entry?.versions.find((v) => v.version === basis.version);
      if (!entry || !cited) return refuse('BASIS_UNKNOWN_ENTRY');
      if (ctx.requireCurrentBasis) {
        const current = currentVersion(entry);
        if (current.status === 'withdrawn') return refuse('BASIS_ENTRY_WITHDRAWN', { code: current.code });
        if (current.version !== cited.version) return refuse('BASIS_NOT_CURRENT', { code: current.code, version: current.version });
      }
      if (cited.level !== level) return refuse('BASIS_LEVEL_MISMATCH', { level: cited.level });
      return ok({ kind: 'catalogue', entryId: entry.id, version: cited.version, code: cited.code, title: cited.title });
    }
    case 'derived': {
      const ids = [...new Set(basis.sourceIds)];
      if (ids.length === 0) return refuse('BASIS_REQUIRED');
      let highest: Level = 'unclassified';
      for (const id of ids) {
        const l = ctx.sourceLevel?.(id);
        if (l === undefined) return refuse('DERIVED_SOURCE_NOT_LIVE', { id });
        if (levelRank(l) > levelRank(highest)) highest = l;
      }
      if (levelRank(level) < levelRank(highest)) return refuse('DERIVED_BELOW_SOURCE', { level: highest });
      return ok({ kind: 'derived', sourceIds: ids });
    }
    default:
      return assertNever(basis);
  }
}

/** The fields that differ between two sets of terms, each with its direction. */
export function diffTerms(from: Terms, to: Terms, start: string): FieldChange[] {
  const out: FieldChange[] = [];
  if (from.level !== to.level) {
    out.push({ field: 'level', from: from.level, to: to.level, direction: levelRank(to.level) > levelRank(from.level) ? 'raise' : 'lower' });
  }
  if (!samePeriod(from.period, to.period)) {
    out.push({ field: 'period', from: from.period, to: to.period, direction: periodDirection(from.period, to.period, start) });
  }
  if (!sameScope(from.scope, to.scope)) {
    out.push({ field: 'scope', from: from.scope, to: to.scope, direction: scopeDirection(from.scope, to.scope) });
  }
  if (!sameBasis(from.basis, to.basis)) out.push({ field: 'basis', from: from.basis, to: to.basis });
  const fl = from.longerPeriodBasis ?? null;
  const tl = to.longerPeriodBasis ?? null;
  if (fl !== tl) out.push({ field: 'longerPeriodBasis', from: fl, to: tl });
  return out;
}

function samePeriod(a: Period, b: Period): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function periodDirection(from: Period, to: Period, start: string): 'extend' | 'shorten' | 'other' {
  const a = periodEnd(from, start);
  const b = periodEnd(to, start);
  if (a === null || b === null || a === b) return 'other';
  return b > a ? 'extend' : 'shorten';
}

const SCOPE_PARTS = ['personIds', 'posts', 'departments', 'units'] as const;

function sameScope(a: Scope, b: Scope): boolean {
  return SCOPE_PARTS.every((k) => sameSet(a[k], b[k])) && (a.note ?? '') === (b.note ?? '');
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function scopeDirection(from: Scope, to: Scope): 'widen' | 'narrow' | 'other' {
  const within = (inner: Scope, outer: Scope) => SCOPE_PARTS.every((k) => inner[k].every((x) => outer[k].includes(x)));
  if (within(to, from)) return 'narrow';
  if (within(from, to)) return 'widen';
  return 'other';
}

function sameBasis(a: Basis, b: Basis): boolean {
  if (a.kind === 'catalogue' && b.kind === 'catalogue') return a.entryId === b.entryId && a.version === b.version;
  if (a.kind === 'derived' && b.kind === 'derived') return sameSet(a.sourceIds, b.sourceIds);
  if (a.kind === 'reason' && b.kind === 'reason') return a.text === b.text;
  return false;
}

/** Is this a state secret or a work secret — anything that gets a marking and a scope? */
export function isClassified(level: Level): boolean {
  return isStateSecret(level) || level === 'internal';
}
