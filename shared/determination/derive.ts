import { levelRank, type Level, type Period, type Scope } from '../ledger/classification';
import { ok, refuse, type Result } from '../result';
import type { DeterminationState } from './records';
import { periodEnd, type Terms } from './terms';

/**
 * 派生定密: the starting terms for an item made from classified sources (a copy, an excerpt, a
 * compilation): the highest level, the longest period and the narrowest scope (the intersection)
 * of the live sources. The handler then drafts from these, and the determiner decides as usual.
 */
export interface DerivedStart {
  terms: Terms;
  /** Things the handler must settle before the draft can be sent. */
  notes: ('SCOPE_INTERSECTION_EMPTY' | 'SOURCES_DECLASSIFIED_IGNORED')[];
}

/** Refusals: DERIVED_NO_SOURCES, DERIVED_SOURCE_NOT_FOUND {id}, DERIVED_NO_LIVE_SOURCE. */
export function deriveTerms(sourceIds: readonly string[], lookup: (id: string) => DeterminationState | undefined): Result<DerivedStart> {
  const ids = [...new Set(sourceIds)];
  if (ids.length === 0) return refuse('DERIVED_NO_SOURCES');
  const live: { id: string; level: Level; period: Period; scope: Scope; start: string; longer?: string }[] = [];
  let ignored = false;
  for (const id of ids) {
    const s = lookup(id);
    if (!s) return refuse('DERIVED_SOURCE_NOT_FOUND', { id });
    if (s.status === 'live' && s.inForce) {
      const { terms, startDate } = s.inForce;
      live.push({ id, level: terms.level, period: terms.period, scope: terms.scope, start: startDate, ...(terms.longerPeriodBasis ? { longer: terms.longerPeriodBasis } : {}) });
    } else {
      ignored = true;
    }
  }
  const first = live[0];
  if (!first) return refuse('DERIVED_NO_LIVE_SOURCE');

  const level = live.reduce<Level>((hi, s) => (levelRank(s.level) > levelRank(hi) ? s.level : hi), first.level);
  const { period, periodFrom } = longestPeriod(live);
  const scope = intersectScopes(live.map((s) => s.scope));
  // A source kept past the legal maximum keeps its 其他规定; the derived item lasts as long.
  const longer = [...new Set(live.flatMap((s) => (s.longer ? [s.longer] : [])))].join('；');
  const notes: DerivedStart['notes'] = [];
  if (scope.personIds.length + scope.posts.length + scope.departments.length + scope.units.length === 0) notes.push('SCOPE_INTERSECTION_EMPTY');
  if (ignored) notes.push('SOURCES_DECLASSIFIED_IGNORED');
  return ok({
    terms: {
      level,
      period,
      scope,
      basis: { kind: 'derived', sourceIds: live.map((s) => s.id) },
      ...(periodFrom ? { periodFrom } : {}),
      ...(longer ? { longerPeriodBasis: longer } : {}),
    },
    notes,
  });
}

/**
 * The longest period: a declassification condition (no fixed end) outlasts any date; among dated
 * periods the latest end wins. When that end belongs to one period counted from one start, the
 * derived item keeps that period and start (so a copy keeps `机密★20年`); when sources differ, it
 * is written as the date the last source ends (`机密★2046年3月1日`).
 */
function longestPeriod(sources: readonly { level: Level; period: Period; start: string }[]): { period: Period; periodFrom?: string } {
  const conditions = [...new Set(sources.flatMap((s) => (s.period.kind === 'condition' ? [s.period.condition] : [])))];
  if (conditions.length > 0) return { period: { kind: 'condition', condition: conditions.join('；') } };
  let latest: string | null = null;
  for (const s of sources) {
    const end = periodEnd(s.period, s.start);
    if (end !== null && (latest === null || end > latest)) latest = end;
  }
  if (latest === null) return { period: { kind: 'none' } };
  const at = sources.filter((s) => periodEnd(s.period, s.start) === latest);
  const shapes = new Set(at.map((s) => `${JSON.stringify(s.period)}@${s.start}`));
  const only = at[0];
  if (shapes.size === 1 && only && only.period.kind !== 'until') return { period: only.period, periodFrom: only.start };
  return { period: { kind: 'until', date: latest } };
}

/**
 * The narrowest scope: who is within every source's scope. Each part (people, posts, departments,
 * units) is intersected over the sources that name that part; a part no source names stays empty.
 */
export function intersectScopes(scopes: readonly Scope[]): Scope {
  const part = (k: 'personIds' | 'posts' | 'departments' | 'units'): string[] => {
    const naming = scopes.filter((s) => s[k].length > 0);
    const head = naming[0];
    if (!head) return [];
    // A source that names nobody in this part but restricts by another part admits none of these.
    if (naming.length < scopes.length) return [];
    return head[k].filter((x) => naming.every((s) => s[k].includes(x)));
  };
  return { personIds: part('personIds'), posts: part('posts'), departments: part('departments'), units: part('units') };
}
