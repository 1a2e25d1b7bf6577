import { describe, expect, it } from 'vitest';
import { ApprovalsRepo } from '../../renderer/db/approvals.repo';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { DeterminationsRepo } from '../../renderer/db/determinations.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import { describeEvent } from '../../renderer/features/ledger/ledgerText';
import { setLocale, t } from '../../renderer/i18n';
import type { Terms } from '../../shared/determination/terms';
import type { CarrierRecord, CarrierState } from '../../shared/ledger/carrier';
import type { DeterminationApplied } from '../../shared/ledger/events';
import type { PersonInput } from '../../shared/ledger/people';
import type { Result } from '../../shared/result';
import { testLedger, type TestSession } from './ledgerVault';

/**
 * A decided determination applies to every carrier it covers, in the same transaction as the
 * decision: each gets a `determinationApplied` event on its timeline with the fields old → new.
 * Real encrypted store (fake-indexeddb), the ledger's and the determinations' own repositories.
 */
const AS = {
  clerk: { accountId: 'acc-clerk', username: 'clerk1', displayName: '赵保密', roles: ['clerk'] },
  handler: { accountId: 'acc-li', username: 'li', displayName: '李承办', roles: ['handler'] },
  determiner: { accountId: 'acc-zhang', username: 'zhang', displayName: '张定密', roles: ['determiner'] },
  approver: { accountId: 'acc-boss', username: 'boss', displayName: '周领导', roles: ['approver'] },
} satisfies Record<string, TestSession>;

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

const PAPER: CarrierRecord = {
  title: '关于某工程的请示',
  docNumber: '某发〔2026〕7号',
  level: 'confidential',
  period: { kind: 'years', years: 10 },
  scope: { personIds: [], posts: ['保密员'], departments: [], units: [] },
  copyNumber: '000001',
  details: { kind: 'paper', pages: 4 },
  origin: { kind: 'produced', department: '办公室' },
  note: '',
};

const person = (name: string, extra: Partial<PersonInput> = {}): PersonInput => ({ name, department: '办公室', post: '科员', clearance: 'core', status: 'active', ...extra });

async function unit() {
  const l = await testLedger('2026-11-21T09:00:00+08:00');
  const peopleRepo = new PeopleRepo(l.as(AS.clerk));
  const keeper = must(await peopleRepo.create(person('赵保密', { post: '保密员', username: 'clerk1' })));
  const clerk = new CarriersRepo(l.as(AS.clerk));
  const register = async (record = PAPER): Promise<CarrierState> => {
    const [c] = must(await clerk.register({ record, custodianId: keeper.id, place: '保密柜3号' }));
    if (!c) throw new Error('nothing registered');
    return c;
  };
  const det = (s: TestSession) => new DeterminationsRepo(l.as(s));
  const reason: Terms = {
    level: 'secret',
    period: { kind: 'years', years: 20 },
    scope: { personIds: [], posts: ['办公室主任'], departments: [], units: [] },
    basis: { kind: 'reason', text: '涉及重点工程选址' },
  };
  return { l, clerk, register, det, reason, keeper };
}

async function applied(clerk: CarriersRepo, id: string): Promise<{ state: CarrierState; events: DeterminationApplied[] }> {
  const h = must(await clerk.history(id));
  return { state: h.state, events: h.events.flatMap((e) => (e.event.type === 'determinationApplied' ? [e.event] : [])) };
}

async function auditActions(l: Awaited<ReturnType<typeof testLedger>>): Promise<string[]> {
  return (await l.audits.list(l.cipher, 200)).map((e) => e.action).reverse();
}

describe('a decided determination applies to the carriers it covers', () => {
  it('classifies, changes and declassifies every linked carrier, with old → new on each timeline, in the decision’s transaction', async () => {
    const { l, clerk, register, det, reason } = await unit();
    const a = await register();
    const b = await register({ ...PAPER, copyNumber: '000002' });
    const d = must(await det(AS.handler).draft({ title: '某工程选址方案', processDraft: false, carrierIds: [a.id, b.id] }, reason));
    // A draft changes nothing on the carriers.
    expect((await applied(clerk, a.id)).events).toEqual([]);

    must(await det(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意' }));
    for (const id of [a.id, b.id]) {
      const { state, events } = await applied(clerk, id);
      expect(state).toMatchObject({ level: 'secret', period: { kind: 'years', years: 20 }, scope: reason.scope, status: 'in_custody', place: '保密柜3号' });
      expect(events).toEqual([
        {
          type: 'determinationApplied',
          determinationId: d.state.id,
          recordId: expect.any(String),
          effect: 'classified',
          auto: false,
          marking: '机密★20年',
          changes: [
            { field: 'level', from: 'confidential', to: 'secret' },
            { field: 'period', from: { kind: 'years', years: 10 }, to: { kind: 'years', years: 20 } },
            { field: 'scope', from: PAPER.scope, to: reason.scope },
          ],
        },
      ]);
    }
    const actions = await auditActions(l);
    expect(actions.slice(-3)).toEqual(['determination.approved', 'carrier.determinationApplied', 'carrier.determinationApplied']);
    const entry = (await l.audits.list(l.cipher, 200)).find((e) => e.action === 'determination.approved');
    expect(entry?.detail).toMatchObject({ carriersApplied: [a.id, b.id] });
    // The audit trail names carriers and markings, never the title.
    expect(JSON.stringify(await l.audits.list(l.cipher, 200))).not.toContain('某工程选址方案');

    must(await det(AS.handler).act(d.state.id, { type: 'draftChange', terms: { ...reason, level: 'top_secret' }, reason: '内容升级' }));
    must(await det(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意升为绝密' }));
    const changed = await applied(clerk, a.id);
    expect(changed.state.level).toBe('top_secret');
    expect(changed.events.at(-1)).toMatchObject({ effect: 'changed', marking: '绝密★20年', changes: [{ field: 'level', from: 'secret', to: 'top_secret' }] });

    must(await det(AS.handler).act(d.state.id, { type: 'draftDeclassify', reason: '工程已公开' }));
    must(await det(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意解密' }));
    const ended = await applied(clerk, b.id);
    expect(ended.state).toMatchObject({ level: 'unclassified', period: { kind: 'none' }, scope: { personIds: [], posts: [], departments: [], units: [] } });
    expect(ended.events.at(-1)).toMatchObject({ effect: 'declassified', auto: false, marking: '' });
  });

  it('shows on the timeline in Chinese with each field old → new', async () => {
    const { clerk, register, det, reason, keeper } = await unit();
    const a = await register();
    const d = must(await det(AS.handler).draft({ title: '某方案', processDraft: false, carrierIds: [a.id] }, reason));
    must(await det(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意' }));
    const h = must(await clerk.history(a.id));
    const last = h.events.at(-1);
    if (!last) throw new Error('no event');
    setLocale('zh-CN');
    const line = describeEvent(last, new Map([[keeper.id, keeper]]), t);
    expect(line).toBe('依定密决定确定密级：密级 由“秘密”改为“机密”、保密期限 由“10年”改为“20年”、知悉范围 由“保密员”改为“办公室主任”（密级标志：机密★20年）');
    expect(h.events.at(-1)?.actorName).toBe('张定密');
  });

  it('keeps a carrier at the highest live determination covering it, and follows the original to its copies', async () => {
    const { l, clerk, register, det, reason, keeper } = await unit();
    const a = await register();
    // A copy made under an approval: it keeps its original's level, period and scope.
    const approval = must(await new ApprovalsRepo(l.as(AS.clerk)).request(a.id, { kind: 'copy', mode: 'copy', copies: 1 }, '分送'));
    must(await new ApprovalsRepo(l.as(AS.approver)).decide(approval.id, 'approved', '同意'));
    const [copy] = must(await clerk.copy(a.id, { approvalId: approval.id, mode: 'copy', custodianId: keeper.id, place: '保密柜4号', copies: [{ title: '', copyNumber: '000009', details: { kind: 'paper', pages: 4 }, note: '' }] }));
    if (!copy) throw new Error('no copy');

    const high = must(await det(AS.handler).draft({ title: '甲事项', processDraft: false, carrierIds: [a.id] }, reason));
    must(await det(AS.determiner).act(high.state.id, { type: 'approve', opinion: '同意' }));
    expect((await applied(clerk, copy.id)).state).toMatchObject({ level: 'secret', scope: reason.scope });

    const lowTerms: Terms = { ...reason, level: 'confidential', period: { kind: 'years', years: 5 } };
    const low = must(await det(AS.handler).draft({ title: '乙事项', processDraft: false, carrierIds: [a.id] }, lowTerms));
    must(await det(AS.determiner).act(low.state.id, { type: 'approve', opinion: '同意' }));
    // 乙 is lower than 甲, which still covers the carrier: its level does not drop.
    const afterLow = await applied(clerk, a.id);
    expect(afterLow.state).toMatchObject({ level: 'secret', period: { kind: 'years', years: 20 } });
    expect(afterLow.events.at(-1)).toMatchObject({ determinationId: low.state.id, effect: 'classified', changes: [], marking: '机密★20年' });

    must(await det(AS.handler).act(high.state.id, { type: 'draftDeclassify', reason: '已公开' }));
    must(await det(AS.determiner).act(high.state.id, { type: 'approve', opinion: '同意' }));
    // 甲 is declassified: the carrier and its copy fall to 乙, still live.
    for (const id of [a.id, copy.id]) {
      const { state, events } = await applied(clerk, id);
      expect(state).toMatchObject({ level: 'confidential', period: { kind: 'years', years: 5 } });
      expect(events.at(-1)).toMatchObject({ determinationId: high.state.id, effect: 'declassified', marking: '秘密★5年' });
    }
  });

  it('does not change a destroyed carrier, and says so in the audit entry', async () => {
    const { l, clerk, register, det, reason } = await unit();
    const a = await register();
    const gone = await register({ ...PAPER, copyNumber: '000002' });
    must(await clerk.act(gone.id, { type: 'destroyed', certificateNumber: 'XH-1', destructionBody: '市保密局销毁中心', destroyedOn: '2026-11-21' }));
    const d = must(await det(AS.handler).draft({ title: '某事项', processDraft: false, carrierIds: [a.id, gone.id] }, reason));
    must(await det(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意' }));
    expect((await applied(clerk, a.id)).state.level).toBe('secret');
    const g = await applied(clerk, gone.id);
    expect(g.state).toMatchObject({ level: 'confidential', status: 'destroyed' });
    expect(g.events).toEqual([]);
    const entry = (await l.audits.list(l.cipher, 200)).find((e) => e.action === 'determination.approved');
    expect(entry?.detail).toMatchObject({ carriersApplied: [a.id], carriersSkipped: [{ carrierId: gone.id, reason: 'destroyed' }] });
  });

  it('records the automatic declassification on the carriers, in the session of a clerk or determiner only', async () => {
    const { l, clerk, register, det, reason } = await unit();
    const a = await register();
    const d = must(await det(AS.handler).draft({ title: '某事项', processDraft: false, carrierIds: [a.id] }, { ...reason, period: { kind: 'months', months: 6 } }));
    must(await det(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意' }));
    l.clock.t = Date.parse('2027-05-21T09:00:00+08:00');
    expect(await det(AS.handler).runAutoDeclassification()).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED' } });
    // A handler opening 审核提醒 sees the ended period; it is not declassified in their session.
    expect(must(await det(AS.handler).reviewQueue())).toMatchObject([{ kind: 'expired', periodEnd: '2027-05-21' }]);
    expect(must(await det(AS.clerk).runAutoDeclassification())).toHaveLength(1);
    const { state, events } = await applied(clerk, a.id);
    expect(state.level).toBe('unclassified');
    expect(events.at(-1)).toMatchObject({ effect: 'declassified', auto: true, marking: '' });
    expect(must(await det(AS.determiner).runAutoDeclassification())).toEqual([]);
    expect((await auditActions(l)).filter((x) => x === 'determination.autoDeclassified' || x === 'carrier.determinationApplied').slice(-2)).toEqual([
      'determination.autoDeclassified',
      'carrier.determinationApplied',
    ]);
  });

  it('writes nothing when a carrier changed between reading and writing (the decision is refused whole)', async () => {
    const { l, clerk, register, det, reason } = await unit();
    const a = await register();
    const d = must(await det(AS.handler).draft({ title: '某事项', processDraft: false, carrierIds: [a.id] }, reason));
    // Another session's write lands between the decision's read and its transaction.
    const realGet = l.db.carriers.get.bind(l.db.carriers);
    let reads = 0;
    l.db.carriers.get = (async (key: string) => {
      const row = await realGet(key);
      reads += 1;
      // The second read is the version check inside the transaction.
      return reads === 2 && row ? { ...row, version: row.version + 1 } : row;
    }) as typeof l.db.carriers.get;
    expect(await det(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意' })).toEqual({ ok: false, error: { code: 'STALE_STATE' } });
    l.db.carriers.get = realGet;
    expect(must(await det(AS.determiner).get(d.state.id)).state.status).toBe('proposed');
    expect((await applied(clerk, a.id)).state.level).toBe('confidential');
  });
});
