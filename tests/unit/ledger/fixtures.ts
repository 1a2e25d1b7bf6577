import type { ApprovalDetails, ApprovalState } from '../../../shared/ledger/approvals';
import type { CarrierRecord, CarrierState, Party } from '../../../shared/ledger/carrier';
import type { Actor, LedgerContext } from '../../../shared/ledger/context';
import type { CarrierEvent } from '../../../shared/ledger/events';
import type { Person } from '../../../shared/ledger/people';
import { validateRecord } from '../../../shared/ledger/registration';
import { applyEvent, transition } from '../../../shared/ledger/transition';

/** A small unit: a clerk, two readers, a technician, a person of the lowest category, one who left. */
export const AT = '2026-03-02T08:00:00.000Z';
export const TODAY = '2026-03-02';

const person = (id: string, name: string, clearance: Person['clearance'], extra: Partial<Person> = {}): Person => ({
  id,
  name,
  department: '办公室',
  post: '科员',
  clearance,
  status: 'active',
  createdAt: AT,
  updatedAt: AT,
  ...extra,
});

export const PEOPLE = {
  clerk: person('p-clerk', '赵保密', 'core', { post: '保密员', username: 'clerk1' }),
  zhang: person('p-zhang', '张三', 'important', { username: 'zhang' }),
  wang: person('p-wang', '王五', 'important', { department: '财务科' }),
  li: person('p-li', '李四', 'general', { username: 'li' }),
  tech: person('p-tech', '钱技术', 'important', { department: '信息科', username: 'tech' }),
  left: person('p-left', '孙离岗', 'core', { status: 'left', separationEndsOn: '2027-01-01' }),
  approver: person('p-boss', '周领导', 'core', { post: '分管领导', username: 'boss' }),
};

export const ACTORS = {
  clerk: { accountId: 'acc-clerk', username: 'clerk1', roles: ['clerk', 'handler'], personId: 'p-clerk' },
  zhang: { accountId: 'acc-zhang', username: 'zhang', roles: ['handler'], personId: 'p-zhang' },
  li: { accountId: 'acc-li', username: 'li', roles: ['handler'], personId: 'p-li' },
  approver: { accountId: 'acc-boss', username: 'boss', roles: ['approver'], personId: 'p-boss' },
  sysadmin: { accountId: 'acc-sys', username: 'sysadmin', roles: ['sysadmin'], personId: null },
} satisfies Record<string, Actor>;

export const who = (p: Person): Party => ({ kind: 'person', personId: p.id });

const approval = (id: string, details: ApprovalDetails, patch: Partial<ApprovalState> = {}): ApprovalState => ({
  id,
  carrierId: 'c-1',
  details,
  reason: '工作需要',
  status: 'approved',
  requestedBy: 'acc-clerk',
  requestedAt: AT,
  decidedBy: 'acc-boss',
  decidedAt: AT,
  opinion: '同意',
  usedBy: null,
  version: 2,
  ...patch,
});

export const APPROVALS: Record<string, ApprovalState> = {
  copy: approval('a-copy', { kind: 'copy', mode: 'copy', copies: 2 }),
  out: approval('a-out', { kind: 'takeOut', destination: '省保密局', until: '2026-03-10', abroad: false }),
  abroad: approval('a-abroad', { kind: 'takeOut', destination: '香港', until: '2026-03-10', abroad: true }),
  repair: approval('a-repair', { kind: 'repairOutside', repairer: '定点维修单位' }),
  scopeWang: approval('a-scope', { kind: 'loanOutsideScope', personId: 'p-wang' }),
  pendingCopy: approval('a-pending', { kind: 'copy', mode: 'copy', copies: 1 }, { status: 'pending', decidedBy: null, decidedAt: null }),
  usedCopy: approval('a-used', { kind: 'copy', mode: 'copy', copies: 1 }, { status: 'used', usedBy: 'e-9' }),
  otherCarrier: approval('a-other', { kind: 'copy', mode: 'copy', copies: 1 }, { carrierId: 'c-2' }),
};

export function ctx(actor: Actor = ACTORS.clerk, carriers: CarrierState[] = []): LedgerContext {
  const people = new Map(Object.values(PEOPLE).map((p) => [p.id, p]));
  const approvals = new Map(Object.values(APPROVALS).map((a) => [a.id, a]));
  const byId = new Map(carriers.map((c) => [c.id, c]));
  return {
    at: AT,
    today: TODAY,
    actor,
    person: (id) => people.get(id),
    approval: (id) => approvals.get(id),
    carrier: (id) => byId.get(id),
  };
}

/** A 机密 computer, scope: 张三 by name and the 保密员 post. */
export const RECORD: CarrierRecord = mustValidate({
  title: '某项目涉密计算机',
  docNumber: '',
  level: 'secret',
  period: { kind: 'years', years: 10 },
  scope: { personIds: ['p-zhang'], posts: ['保密员'], departments: [], units: [] },
  copyNumber: '',
  details: { kind: 'computer', assetNumber: 'ZC-2026-001', model: '某型', serial: 'SN1', diskSerials: ['HD-1'] },
  origin: { kind: 'produced', department: '办公室' },
  note: '',
});

export const PAPER: CarrierRecord = mustValidate({
  ...RECORD,
  title: '关于某事项的通知',
  docNumber: '某发〔2026〕1号',
  copyNumber: '000001',
  details: { kind: 'paper', pages: 12 },
  origin: { kind: 'received', from: '上级机关' },
});

function mustValidate(r: CarrierRecord): CarrierRecord {
  const v = validateRecord(r);
  if (!v.ok) throw new Error(`fixture invalid: ${JSON.stringify(v.error)}`);
  return v.value;
}

export function registered(record: CarrierRecord = RECORD, id = 'c-1'): CarrierEvent {
  return {
    type: 'registered',
    carrierId: id,
    registryNumber: `2026-机-000${id.slice(-1)}`,
    kind: record.details.kind,
    record,
    custodianId: PEOPLE.clerk.id,
    place: '保密柜3号',
  };
}

/** Applies events that must all be allowed (the clerk acting unless said otherwise). */
export function run(events: (CarrierEvent | [CarrierEvent, Actor])[], start: CarrierState | null = null): CarrierState {
  let s = start;
  for (const item of events) {
    const [e, actor] = Array.isArray(item) ? item : [item, ACTORS.clerk];
    const r = transition(s, e, ctx(actor));
    if (!r.ok) throw new Error(`${e.type} refused: ${JSON.stringify(r.error)}`);
    s = r.value;
  }
  if (!s) throw new Error('no state');
  return s;
}

export const slip = (n = 'JS-001') => ({ kind: 'slip', slipNumber: n }) as const;

/** Builds the states the lifecycle can be in, each reached through allowed events. */
export function states() {
  const base = run([registered()]);
  const lent = run([{ type: 'lent', handover: { from: who(PEOPLE.clerk), to: who(PEOPLE.zhang), confirmation: slip() }, dueOn: '2026-03-16' }], base);
  const out = run(
    [{ type: 'takenOut', handover: { from: who(PEOPLE.clerk), to: who(PEOPLE.zhang), confirmation: slip() }, destination: '省保密局', expectedBackOn: '2026-03-05', abroad: false, approvalId: 'a-out' }],
    base,
  );
  const repair = run([{ type: 'repairSent', mode: 'internal', handover: { from: who(PEOPLE.clerk), to: who(PEOPLE.tech), confirmation: slip() }, storageRemoved: false }], base);
  const pending = run([{ type: 'transferred', handover: { from: who(PEOPLE.clerk), to: who(PEOPLE.zhang), confirmation: { kind: 'awaiting' } }, place: '办公室柜', reason: '工作交接' }], base);
  const dispatched = run([{ type: 'dispatched', handover: { from: who(PEOPLE.clerk), to: { kind: 'external', name: '市保密局' }, confirmation: slip('HZ-1') } }], base);
  const returned = run([{ type: 'returnedToIssuer', handover: { from: who(PEOPLE.clerk), to: { kind: 'external', name: '上级机关' }, confirmation: slip('QT-1') } }], base);
  const destroyed = run([{ type: 'destroyed', certificateNumber: 'XH-2026-01', destructionBody: '市保密局销毁中心', destroyedOn: TODAY }], base);
  return { none: null, in_custody: base, on_loan: lent, taken_out: out, under_repair: repair, pending, dispatched, returned, destroyed };
}

export { applyEvent };
