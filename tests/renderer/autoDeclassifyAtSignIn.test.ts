import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { DeterminationsRepo } from '../../renderer/db/determinations.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import { autoDeclassifyForSession } from '../../renderer/features/determinations/autoDeclassify';
import { runAfterUnlock } from '../../renderer/session/afterUnlock';
import type { Result } from '../../shared/result';
import { testLedger, type TestSession } from './ledgerVault';

/**
 * 保密期限届满自动解密 at sign-in: the session runs it after it becomes unlocked, without holding
 * up the first screen, in the session of a determiner or clerk only.
 */
const AS = {
  clerk: { accountId: 'acc-clerk', username: 'clerk1', displayName: '赵保密', roles: ['clerk'] },
  handler: { accountId: 'acc-li', username: 'li', displayName: '李承办', roles: ['handler'] },
  determiner: { accountId: 'acc-zhang', username: 'zhang', displayName: '张定密', roles: ['determiner'] },
} satisfies Record<string, TestSession>;

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A determination of 6 months over one carrier, decided on 2026-11-21; the clock then moved past its end. */
async function endedPeriod() {
  const l = await testLedger('2026-11-21T09:00:00+08:00');
  const keeper = must(await new PeopleRepo(l.as(AS.clerk)).create({ name: '赵保密', department: '办公室', post: '保密员', clearance: 'core', status: 'active', username: 'clerk1' }));
  const [carrier] = must(
    await new CarriersRepo(l.as(AS.clerk)).register({
      record: {
        title: '某方案',
        docNumber: '',
        level: 'secret',
        period: { kind: 'months', months: 6 },
        scope: { personIds: [], posts: ['保密员'], departments: [], units: [] },
        copyNumber: '000001',
        details: { kind: 'paper', pages: 2 },
        origin: { kind: 'produced', department: '办公室' },
        note: '',
      },
      custodianId: keeper.id,
      place: '保密柜1号',
    }),
  );
  if (!carrier) throw new Error('no carrier');
  const terms = { level: 'secret' as const, period: { kind: 'months' as const, months: 6 }, scope: { personIds: [], posts: ['保密员'], departments: [], units: [] }, basis: { kind: 'reason' as const, text: '涉及方案细节' } };
  const d = must(await new DeterminationsRepo(l.as(AS.handler)).draft({ title: '某方案', processDraft: false, carrierIds: [carrier.id] }, terms));
  must(await new DeterminationsRepo(l.as(AS.determiner)).act(d.state.id, { type: 'approve', opinion: '同意' }));
  l.clock.t = Date.parse('2027-06-01T08:30:00+08:00');
  return { l, id: d.state.id, carrierId: carrier.id };
}

function phaseStore() {
  return createStore<{ phase: string }>(() => ({ phase: 'signin' }));
}

describe('automatic declassification at sign-in', () => {
  it('runs once the session is unlocked, after the screen (deferred), and again at the next unlock', async () => {
    const session = phaseStore();
    const deferred: (() => void)[] = [];
    let runs = 0;
    const stop = runAfterUnlock(session, [async () => void (runs += 1)], (run) => deferred.push(run));
    session.setState({ phase: 'unlocked' });
    expect(runs).toBe(0);
    expect(deferred).toHaveLength(1);
    deferred.shift()?.();
    expect(runs).toBe(1);
    session.setState({ phase: 'unlocked' }); // no new entry: nothing more
    session.setState({ phase: 'locked' });
    session.setState({ phase: 'unlocked' });
    deferred.shift()?.();
    expect(runs).toBe(2);
    stop();
    session.setState({ phase: 'signin' });
    session.setState({ phase: 'unlocked' });
    expect(deferred).toHaveLength(0);
  });

  it('declassifies an ended period when a clerk signs in, recorded as the rules acting, with the carrier’s event', async () => {
    const { l, id, carrierId } = await endedPeriod();
    const repo = new DeterminationsRepo(l.as(AS.clerk));
    const session = phaseStore();
    // The session does not wait for the task; the test keeps its promise to wait for the writes.
    let task: Promise<unknown> | null = null;
    runAfterUnlock(session, [() => (task = autoDeclassifyForSession(repo))], (run) => run());
    session.setState({ phase: 'unlocked' });
    expect(task).not.toBeNull();
    await task;
    const view = must(await repo.get(id));
    expect(view.state.status).toBe('declassified');
    expect(view.records.at(-1)).toMatchObject({ type: 'autoDeclassified', actor: 'system', periodEnd: '2027-05-21' });
    const h = must(await new CarriersRepo(l.as(AS.clerk)).history(carrierId));
    expect(h.state.level).toBe('unclassified');
    expect(h.events.at(-1)?.event).toMatchObject({ type: 'determinationApplied', auto: true });
    const audit = (await l.audits.list(l.cipher, 100)).find((e) => e.action === 'determination.autoDeclassified');
    expect(audit).toMatchObject({ actor: AS.clerk.accountId, detail: { by: 'system', determinationId: id } });
  });

  it('does nothing in a handler’s session (the ended period waits in the review queue)', async () => {
    const { l, id } = await endedPeriod();
    expect(must(await autoDeclassifyForSession(new DeterminationsRepo(l.as(AS.handler))))).toEqual([]);
    expect(must(await new DeterminationsRepo(l.as(AS.handler)).get(id)).state.status).toBe('live');
    expect(must(await autoDeclassifyForSession(new DeterminationsRepo(l.as(AS.determiner))))).toHaveLength(1);
  });
});
