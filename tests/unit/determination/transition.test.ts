import { describe, expect, it } from 'vitest';
import { apply, type DeterminationState, type RecordType } from '../../../shared/determination/records';
import { transition, COMMAND_TYPES, type Actor, type Command, type CommandType } from '../../../shared/determination/transition';
import { ctx, DETERMINER, draftCmd, HANDLER, live, run, T0, withPeriod } from './fixtures';

/**
 * Every (state, command) pair, the illegal ones included. Each command is well-formed and issued by
 * the role it belongs to, so the table shows what the state alone allows.
 */
type StateName =
  | 'none'
  | 'proposed'
  | 'returned'
  | 'withdrawn'
  | 'notClassified'
  | 'live'
  | 'changePending'
  | 'changeReturned'
  | 'declassifyPending'
  | 'declassified';

function build(name: StateName): DeterminationState | null {
  const proposed = () => run([[HANDLER, draftCmd()]]);
  switch (name) {
    case 'none':
      return null;
    case 'proposed':
      return proposed().state;
    case 'returned':
      return run([[DETERMINER, { type: 'return', reason: '知悉范围过宽' }]], proposed().state).state;
    case 'withdrawn':
      return run([[HANDLER, { type: 'withdraw', reason: '该稿不再使用' }]], proposed().state).state;
    case 'notClassified':
      return run([[DETERMINER, { type: 'notClassified', opinion: '内容已公开，不属于国家秘密' }]], proposed().state).state;
    case 'live':
      return live().state;
    case 'changePending':
      return run([[HANDLER, { type: 'draftChange', terms: withPeriod(8), reason: '工作完成后无需保密十年' }]], live().state).state;
    case 'changeReturned':
      return run([[DETERMINER, { type: 'return', reason: '理由不充分' }]], build('changePending')).state;
    case 'declassifyPending':
      return run([[HANDLER, { type: 'draftDeclassify', reason: '方案已公开发布' }]], live().state).state;
    case 'declassified':
      return run([[DETERMINER, { type: 'approve', opinion: '同意解密' }]], build('declassifyPending')).state;
    default: {
      const never: never = name;
      throw new Error(never);
    }
  }
}

const COMMANDS: Record<CommandType, [Actor, Command]> = {
  draft: [HANDLER, draftCmd()],
  draftChange: [HANDLER, { type: 'draftChange', terms: withPeriod(8), reason: '工作完成后无需保密十年' }],
  draftDeclassify: [HANDLER, { type: 'draftDeclassify', reason: '方案已公开发布' }],
  resubmit: [HANDLER, { type: 'resubmit' }],
  withdraw: [HANDLER, { type: 'withdraw', reason: '不再需要' }],
  approve: [DETERMINER, { type: 'approve', opinion: '同意' }],
  correct: [DETERMINER, { type: 'correct', terms: withPeriod(5), opinion: '期限改为5年' }],
  return: [DETERMINER, { type: 'return', reason: '请补充依据' }],
  notClassified: [DETERMINER, { type: 'notClassified', opinion: '不属于国家秘密' }],
  review: [DETERMINER, { type: 'review', note: '经审核，继续保密' }],
  linkCarriers: [HANDLER, { type: 'linkCarriers', carrierIds: ['car-2'] }],
};

/** A record type where allowed, a refusal code where not. */
type Cell = RecordType | `!${string}`;
const ENDED: Record<CommandType, Cell> = {
  draft: '!DETERMINATION_EXISTS',
  draftChange: '!NOT_LIVE',
  draftDeclassify: '!NOT_LIVE',
  resubmit: '!NOT_RETURNED',
  withdraw: '!NO_PROPOSAL',
  approve: '!NO_PENDING_PROPOSAL',
  correct: '!NO_PENDING_PROPOSAL',
  return: '!NO_PENDING_PROPOSAL',
  notClassified: '!NO_PENDING_PROPOSAL',
  review: '!NOT_LIVE',
  linkCarriers: '!CARRIER_ENDED',
};

const TABLE: Record<StateName, Record<CommandType, Cell>> = {
  none: {
    draft: 'drafted',
    draftChange: '!DETERMINATION_NOT_FOUND',
    draftDeclassify: '!DETERMINATION_NOT_FOUND',
    resubmit: '!DETERMINATION_NOT_FOUND',
    withdraw: '!DETERMINATION_NOT_FOUND',
    approve: '!DETERMINATION_NOT_FOUND',
    correct: '!DETERMINATION_NOT_FOUND',
    return: '!DETERMINATION_NOT_FOUND',
    notClassified: '!DETERMINATION_NOT_FOUND',
    review: '!DETERMINATION_NOT_FOUND',
    linkCarriers: '!DETERMINATION_NOT_FOUND',
  },
  proposed: {
    draft: '!DETERMINATION_EXISTS',
    draftChange: '!NOT_LIVE',
    draftDeclassify: '!NOT_LIVE',
    resubmit: '!NOT_RETURNED',
    withdraw: 'withdrawn',
    approve: 'approved',
    correct: 'corrected',
    return: 'returned',
    notClassified: 'notClassified',
    review: '!NOT_LIVE',
    linkCarriers: 'carriersLinked',
  },
  returned: {
    draft: '!DETERMINATION_EXISTS',
    draftChange: '!NOT_LIVE',
    draftDeclassify: '!NOT_LIVE',
    resubmit: 'drafted',
    withdraw: 'withdrawn',
    approve: '!NO_PENDING_PROPOSAL',
    correct: '!NO_PENDING_PROPOSAL',
    return: '!NO_PENDING_PROPOSAL',
    notClassified: '!NO_PENDING_PROPOSAL',
    review: '!NOT_LIVE',
    linkCarriers: 'carriersLinked',
  },
  withdrawn: ENDED,
  notClassified: ENDED,
  live: {
    draft: '!DETERMINATION_EXISTS',
    draftChange: 'drafted',
    draftDeclassify: 'drafted',
    resubmit: '!NOT_RETURNED',
    withdraw: '!NO_PROPOSAL',
    approve: '!NO_PENDING_PROPOSAL',
    correct: '!NO_PENDING_PROPOSAL',
    return: '!NO_PENDING_PROPOSAL',
    notClassified: '!NO_PENDING_PROPOSAL',
    review: 'reviewed',
    linkCarriers: 'carriersLinked',
  },
  changePending: {
    draft: '!DETERMINATION_EXISTS',
    draftChange: '!PROPOSAL_PENDING',
    draftDeclassify: '!PROPOSAL_PENDING',
    resubmit: '!NOT_RETURNED',
    withdraw: 'withdrawn',
    approve: 'approved',
    correct: 'corrected',
    return: 'returned',
    notClassified: '!NOT_CLASSIFIED_ONLY_FOR_NEW',
    review: 'reviewed',
    linkCarriers: 'carriersLinked',
  },
  changeReturned: {
    draft: '!DETERMINATION_EXISTS',
    draftChange: '!PROPOSAL_PENDING',
    draftDeclassify: '!PROPOSAL_PENDING',
    resubmit: 'drafted',
    withdraw: 'withdrawn',
    approve: '!NO_PENDING_PROPOSAL',
    correct: '!NO_PENDING_PROPOSAL',
    return: '!NO_PENDING_PROPOSAL',
    notClassified: '!NO_PENDING_PROPOSAL',
    review: 'reviewed',
    linkCarriers: 'carriersLinked',
  },
  declassifyPending: {
    draft: '!DETERMINATION_EXISTS',
    draftChange: '!PROPOSAL_PENDING',
    draftDeclassify: '!PROPOSAL_PENDING',
    resubmit: '!NOT_RETURNED',
    withdraw: 'withdrawn',
    approve: 'approved',
    correct: '!CORRECT_NOT_FOR_DECLASSIFY',
    return: 'returned',
    notClassified: '!NOT_CLASSIFIED_ONLY_FOR_NEW',
    review: 'reviewed',
    linkCarriers: 'carriersLinked',
  },
  declassified: ENDED,
};

describe('determination transitions: every (state, command) pair', () => {
  const cases = (Object.keys(TABLE) as StateName[]).flatMap((s) => COMMAND_TYPES.map((c) => [s, c, TABLE[s][c]] as const));

  it.each(cases)('in state %s, %s → %s', (stateName, commandType, expected) => {
    const state = build(stateName);
    const [actor, cmd] = COMMANDS[commandType];
    const r = transition(state, cmd, ctx(actor));
    if (expected.startsWith('!')) {
      expect(r.ok ? r.value.type : r.error.code).toBe(expected.slice(1));
      return;
    }
    expect(r.ok ? r.value.type : r.error.code).toBe(expected);
    if (!r.ok) return;
    // An allowed record always folds onto the state it was decided on.
    const after = apply(state, r.value);
    expect(after.seq).toBe((state?.seq ?? 0) + 1);
  });

  it('covers every command type', () => {
    for (const row of Object.values(TABLE)) expect(Object.keys(row).sort()).toEqual([...COMMAND_TYPES].sort());
  });
});

describe('where each decision leads', () => {
  it('approving a new draft puts its terms in force from the decision date', () => {
    const { state } = live();
    expect(state.status).toBe('live');
    expect(state.inForce).toMatchObject({ marking: '秘密★10年', startDate: '2026-11-21', decidedBy: DETERMINER.accountId });
    expect(state.proposal).toBeNull();
  });

  it('approving a change replaces the terms but keeps counting the period from the first decision', () => {
    const first = live('D1', T0, { date: '2020-03-01' });
    const { state } = run(
      [
        [HANDLER, { type: 'draftChange', terms: withPeriod(8), reason: '提前完成' }],
        [DETERMINER, { type: 'approve', opinion: '同意' }],
      ],
      first.state,
    );
    expect(state.inForce).toMatchObject({ marking: '秘密★8年', startDate: '2020-03-01', decidedDate: '2026-11-21' });
  });

  it('approving a declassification ends the determination', () => {
    const { state } = run(
      [
        [HANDLER, { type: 'draftDeclassify', reason: '已公开' }],
        [DETERMINER, { type: 'approve', opinion: '同意解密' }],
      ],
      live().state,
    );
    expect(state.status).toBe('declassified');
    expect(state.ended?.how).toBe('declassified');
  });

  it('a returned draft goes back to the handler with the reason and can be sent again', () => {
    const { state } = run([
      [HANDLER, draftCmd()],
      [DETERMINER, { type: 'return', reason: '知悉范围过宽' }],
    ]);
    expect(state.status).toBe('returned');
    expect(state.proposal).toMatchObject({ state: 'returned', returnReason: '知悉范围过宽' });
    const again = run([[HANDLER, { type: 'resubmit', terms: withPeriod(5) }]], state).state;
    expect(again.status).toBe('proposed');
    expect(again.proposal).toMatchObject({ state: 'pending', round: 2, marking: '秘密★5年' });
  });
});
