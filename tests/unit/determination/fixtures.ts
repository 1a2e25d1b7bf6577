import type { CatalogueEntry, CatalogueVersion } from '../../../shared/determination/catalogue';
import { apply, type DeterminationRecord, type DeterminationState } from '../../../shared/determination/records';
import type { Terms } from '../../../shared/determination/terms';
import { transition, type Actor, type Command, type TransitionContext } from '../../../shared/determination/transition';

export const HANDLER: Actor = { accountId: 'acc-handler', displayName: '李承办', roles: ['handler'] };
export const HANDLER2: Actor = { accountId: 'acc-handler2', displayName: '赵承办', roles: ['handler'] };
export const DETERMINER: Actor = { accountId: 'acc-det', displayName: '张定密', roles: ['determiner'] };
/** Holds both business roles: may draft and may decide, but never their own draft. */
export const BOTH: Actor = { accountId: 'acc-both', displayName: '钱兼任', roles: ['handler', 'determiner'] };
export const CLERK: Actor = { accountId: 'acc-clerk', displayName: '孙保密员', roles: ['clerk'] };
export const SYSADMIN: Actor = { accountId: 'acc-sys', displayName: '王管理', roles: ['sysadmin'] };

export const TODAY = '2026-11-21';
export const AT = '2026-11-21T02:00:00.000Z';

export function version(over: Partial<CatalogueVersion> = {}): CatalogueVersion {
  return {
    entryId: 'E1',
    version: 1,
    code: '2.1',
    title: '本单位年度保密工作检查方案',
    level: 'confidential',
    defaultPeriod: { kind: 'years', years: 10 },
    scopeHint: '办公室主任及承办人员',
    status: 'in_force',
    source: { kind: 'local' },
    note: '',
    at: '2026-01-05T01:00:00.000Z',
    actor: 'acc-clerk',
    actorName: '孙保密员',
    ...over,
  };
}

export const E1: CatalogueEntry = { id: 'E1', versions: [version()] };
/** Revised once: version 2 is current, at 机密. */
export const E2: CatalogueEntry = {
  id: 'E2',
  versions: [
    version({ entryId: 'E2', code: '1.3', title: '重大专项行动方案', level: 'secret', defaultPeriod: { kind: 'years', years: 20 } }),
    version({ entryId: 'E2', version: 2, code: '1.3', title: '重大专项行动方案', level: 'secret', defaultPeriod: { kind: 'years', years: 15 }, note: '期限调整' }),
  ],
};
export const WITHDRAWN: CatalogueEntry = { id: 'E3', versions: [version({ entryId: 'E3', code: '9.9' }), version({ entryId: 'E3', code: '9.9', version: 2, status: 'withdrawn' })] };
export const CATALOGUE = [E1, E2, WITHDRAWN];
export const lookup = (id: string) => CATALOGUE.find((e) => e.id === id);

/** 秘密★10年, the office head's post, citing entry 2.1 v1. */
export const T0: Terms = {
  level: 'confidential',
  period: { kind: 'years', years: 10 },
  scope: { personIds: [], posts: ['办公室主任'], departments: [], units: [] },
  basis: { kind: 'catalogue', entryId: 'E1', version: 1, code: '2.1', title: '本单位年度保密工作检查方案' },
};
export const withPeriod = (years: number, t: Terms = T0): Terms => ({ ...t, period: { kind: 'years', years } });

export const SUBJECT = { title: '2027年度保密检查方案（征求意见稿）', processDraft: true, carrierIds: ['car-1'] };

let n = 0;
export function ctx(actor: Actor, over: Partial<TransitionContext> = {}): TransitionContext {
  n += 1;
  return { actor, at: AT, date: TODAY, recordId: `r-${n}`, catalogue: lookup, ...over };
}

/** Runs commands from nothing, each by its actor, failing loudly on a refusal. */
export function run(steps: [Actor, Command, Partial<TransitionContext>?][], start: DeterminationState | null = null): { state: DeterminationState; records: DeterminationRecord[] } {
  let state = start;
  const records: DeterminationRecord[] = [];
  for (const [actor, cmd, over] of steps) {
    const r = transition(state, cmd, ctx(actor, over));
    if (!r.ok) throw new Error(`${cmd.type} by ${actor.displayName} refused: ${JSON.stringify(r.error)}`);
    records.push(r.value);
    state = apply(state, r.value);
  }
  if (!state) throw new Error('no steps');
  return { state, records };
}

export const draftCmd = (id = 'D1', terms: Terms = T0): Command => ({ type: 'draft', determinationId: id, subject: SUBJECT, terms });

/** A live determination: drafted by the handler, approved by the determiner. */
export function live(id = 'D1', terms: Terms = T0, over: Partial<TransitionContext> = {}) {
  return run([
    [HANDLER, draftCmd(id, terms), over],
    [DETERMINER, { type: 'approve', opinion: '同意' }, over],
  ]);
}
