import { describe, expect, it } from 'vitest';
import type { CarrierState } from '../../../shared/ledger/carrier';
import type { LedgerContext } from '../../../shared/ledger/context';
import type { CarrierEvent, Correction, RepairReturnCheck } from '../../../shared/ledger/events';
import { transition } from '../../../shared/ledger/transition';
import { ACTORS, ctx, PAPER, PEOPLE, RECORD, registered, run, slip, states, TODAY, who } from './fixtures';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);
const REPAIRER = { kind: 'external', name: '定点维修单位' } as const;

type SentExtra = Partial<Extract<CarrierEvent, { type: 'repairSent' }>>;
const outside = (extra: SentExtra = {}): CarrierEvent => ({
  type: 'repairSent',
  mode: 'outside',
  handover: { from: who(PEOPLE.clerk), to: REPAIRER, confirmation: slip('WX-1') },
  storageRemoved: true,
  approvalId: 'a-repair',
  sentOn: TODAY,
  escortIds: [PEOPLE.tech.id],
  ...extra,
});
const internal = (extra: SentExtra = {}): CarrierEvent => ({
  type: 'repairSent',
  mode: 'internal',
  handover: { from: who(PEOPLE.clerk), to: who(PEOPLE.tech), confirmation: slip() },
  storageRemoved: false,
  ...extra,
});
const CHECK_OK: RepairReturnCheck = { identityVerified: true, noStorageRetained: true, storageRefitted: true, note: '' };
const back = (extra: Partial<Extract<CarrierEvent, { type: 'repairReturned' }>> = {}, from = REPAIRER as CarrierState['custodian']): CarrierEvent => ({
  type: 'repairReturned',
  handover: { from, to: who(PEOPLE.clerk), confirmation: { kind: 'receiver' } },
  place: '保密柜3号',
  returnedOn: TODAY,
  check: CHECK_OK,
  ...extra,
});

describe('送外维修: what is recorded when a device leaves', () => {
  const base = () => states().in_custody;
  const cases: [string, SentExtra, string][] = [
    ['approved repairer, day, escort, storage removed', {}, 'ok'],
    ['no approval', { approvalId: undefined }, 'APPROVAL_REQUIRED'],
    ['to another repairer than the approved one', { handover: { from: who(PEOPLE.clerk), to: { kind: 'external', name: '路边维修店' }, confirmation: slip('WX-1') } }, 'APPROVAL_MISMATCH'],
    ['a pending approval', { approvalId: 'a-pending' }, 'APPROVAL_REQUIRED'],
    ['storage not removed', { storageRemoved: false }, 'STORAGE_NOT_REMOVED'],
    ['no day sent', { sentOn: undefined }, 'REPAIR_DATE_INVALID'],
    ['a day in the future', { sentOn: '2026-03-03' }, 'REPAIR_DATE_INVALID'],
    ['not a date', { sentOn: '3月2日' }, 'REPAIR_DATE_INVALID'],
    ['no escort', { escortIds: [] }, 'ESCORT_REQUIRED'],
    ['escort named twice', { escortIds: [PEOPLE.tech.id, PEOPLE.tech.id] }, 'ESCORT_INVALID'],
    ['escort who left', { escortIds: [PEOPLE.left.id] }, 'PERSON_NOT_ACTIVE'],
    ['escort below the level', { escortIds: [PEOPLE.li.id] }, 'CLEARANCE_TOO_LOW'],
    ['escort not in the directory', { escortIds: ['p-nobody'] }, 'PERSON_NOT_FOUND'],
    ['without a receipt slip', { handover: { from: who(PEOPLE.clerk), to: REPAIRER, confirmation: { kind: 'awaiting' } } }, 'EXTERNAL_NEEDS_SLIP'],
  ];
  for (const [name, extra, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      expect(code(transition(base(), outside(extra), ctx()))).toBe(expected);
    });
  }

  it('keeps the day and escorts on the carrier while it is away', () => {
    const s = run([outside()], base());
    expect(s.status).toBe('under_repair');
    expect(s.custodian).toEqual(REPAIRER);
    expect(s.repair).toEqual({ since: ctx().at, mode: 'outside', repairer: REPAIRER, sentOn: TODAY, escortIds: [PEOPLE.tech.id] });
  });

  it('sends for repair in house without an approval or escort, checking a given day and escort all the same', () => {
    expect(code(transition(base(), internal(), ctx()))).toBe('ok');
    expect(code(transition(base(), internal({ sentOn: '2026-03-09' }), ctx()))).toBe('REPAIR_DATE_INVALID');
    expect(code(transition(base(), internal({ escortIds: [PEOPLE.li.id] }), ctx()))).toBe('CLEARANCE_TOO_LOW');
  });

  it('refuses to send a destroyed carrier, and a handler may not send what they do not hold', () => {
    expect(code(transition(states().destroyed, outside(), ctx()))).toBe('CARRIER_DESTROYED');
    expect(code(transition(base(), outside(), ctx(ACTORS.zhang)))).toBe('NOT_CUSTODIAN');
  });
});

describe('修复返回: the checks when it comes back', () => {
  const away = () => run([outside()], states().in_custody);
  const cases: [string, Partial<Extract<CarrierEvent, { type: 'repairReturned' }>>, string][] = [
    ['all checks passed', {}, 'ok'],
    ['storage kept apart, not refitted', { check: { ...CHECK_OK, storageRefitted: false } }, 'ok'],
    ['no checks recorded', { check: undefined }, 'REPAIR_CHECK_REQUIRED'],
    ['identity not verified, no note', { check: { ...CHECK_OK, identityVerified: false } }, 'REPAIR_CHECK_NOTE_REQUIRED'],
    ['storage retained by the repairer, no note', { check: { ...CHECK_OK, noStorageRetained: false, note: ' ' } }, 'REPAIR_CHECK_NOTE_REQUIRED'],
    ['a failed check with what was done', { check: { ...CHECK_OK, noStorageRetained: false, note: '维修单位更换了主板上的存储芯片，已报保密办处理' } }, 'ok'],
    ['no day of return', { returnedOn: undefined }, 'REPAIR_DATE_INVALID'],
    ['back before it left', { returnedOn: '2026-03-01' }, 'REPAIR_DATE_INVALID'],
    ['back tomorrow', { returnedOn: '2026-03-03' }, 'REPAIR_DATE_INVALID'],
    ['to nobody', { handover: { from: REPAIRER, to: { kind: 'external', name: 'x' }, confirmation: slip() } }, 'HANDOVER_NEEDS_PERSON'],
  ];
  for (const [name, extra, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      expect(code(transition(away(), back(extra), ctx()))).toBe(expected);
    });
  }

  it('is back in custody at its place, and an in-house repair needs no checks', () => {
    const s = run([back()], away());
    expect(s).toMatchObject({ status: 'in_custody', custodian: who(PEOPLE.clerk), place: '保密柜3号', repair: null });
    const inHouse = run([internal()], states().in_custody);
    expect(code(transition(inHouse, back({ check: undefined, returnedOn: undefined }, who(PEOPLE.tech)), ctx()))).toBe('ok');
  });
});

describe('更正 (correction): what may be corrected, and why not', () => {
  const paper = () => run([registered(PAPER)]);
  const fix = (s: CarrierState, change: Correction, reason = '登记时笔误'): CarrierEvent => ({ type: 'corrected', changes: [change], reason });
  const withDetermination = (c: LedgerContext = ctx()): LedgerContext => ({ ...c, determinationFloor: (id) => (id === 'c-1' ? { determinationId: 'D-1', level: 'secret' } : undefined) });

  it('corrects the storage place when it was recorded wrongly, and says what it was', () => {
    const s = paper();
    const r = transition(s, fix(s, { field: 'place', from: '保密柜3号', to: '保密柜5号' }), ctx());
    expect(r.ok && r.value.place).toBe('保密柜5号');
    expect(code(transition(s, fix(s, { field: 'place', from: '保密柜3号', to: '  ' }), ctx()))).toBe('CARRIER_INVALID_FIELD');
    expect(code(transition(s, fix(s, { field: 'place', from: '保密柜1号', to: '保密柜5号' }), ctx()))).toBe('CORRECTION_STALE');
    expect(code(transition(s, fix(s, { field: 'place', from: '保密柜3号', to: ' 保密柜5号' }), ctx()))).toBe('CORRECTION_INVALID');
  });

  const cases: [string, (s: CarrierState) => CarrierEvent, (c: LedgerContext) => LedgerContext, string][] = [
    ['title', (s) => fix(s, { field: 'title', from: s.title, to: '关于某事项的通知（更正）' }), (c) => c, 'ok'],
    ['文号', (s) => fix(s, { field: 'docNumber', from: s.docNumber, to: '某发〔2026〕2号' }), (c) => c, 'ok'],
    ['pages', (s) => fix(s, { field: 'details', from: s.details, to: { kind: 'paper', pages: 14 } }), (c) => c, 'ok'],
    ['copy number', (s) => fix(s, { field: 'copyNumber', from: s.copyNumber, to: '000002' }), (c) => c, 'ok'],
    ['level without a determination', (s) => fix(s, { field: 'level', from: s.level, to: 'top_secret' }), (c) => c, 'ok'],
    ['level under a live determination', (s) => fix(s, { field: 'level', from: s.level, to: 'top_secret' }), withDetermination, 'FIXED_BY_DETERMINATION'],
    ['period under a live determination', (s) => fix(s, { field: 'period', from: s.period, to: { kind: 'years', years: 5 } }), withDetermination, 'FIXED_BY_DETERMINATION'],
    ['scope under a live determination', (s) => fix(s, { field: 'scope', from: s.scope, to: { ...s.scope, posts: [] } }), withDetermination, 'FIXED_BY_DETERMINATION'],
    ['title under a live determination', (s) => fix(s, { field: 'title', from: s.title, to: '新标题' }), withDetermination, 'ok'],
    ['without a reason', (s) => fix(s, { field: 'title', from: s.title, to: '新标题' }, ' '), (c) => c, 'REASON_REQUIRED'],
    ['to the same value', (s) => fix(s, { field: 'title', from: s.title, to: s.title }), (c) => c, 'CORRECTION_NO_CHANGE'],
    ['an empty title', (s) => fix(s, { field: 'title', from: s.title, to: '' }), (c) => c, 'CARRIER_INVALID_FIELD'],
    ['by a handler', (s) => fix(s, { field: 'title', from: s.title, to: '新标题' }), () => ctx(ACTORS.zhang), 'NOT_PERMITTED'],
  ];
  for (const [name, event, context, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      const s = paper();
      expect(code(transition(s, event(s), context(ctx())))).toBe(expected);
    });
  }

  it('corrects the record of a destroyed carrier (the ledger keeps it), but nothing else happens to it', () => {
    const s = states().destroyed;
    expect(code(transition(s, fix(s, { field: 'title', from: s.title, to: '某项目涉密计算机（更正）' }), ctx()))).toBe('ok');
    expect(code(transition(s, internal(), ctx()))).toBe('CARRIER_DESTROYED');
  });

  it('names the determination that fixes the field', () => {
    const s = run([registered(RECORD)]);
    expect(transition(s, fix(s, { field: 'level', from: 'secret', to: 'top_secret' }), withDetermination())).toEqual({
      ok: false,
      error: { code: 'FIXED_BY_DETERMINATION', params: { field: 'level', determinationId: 'D-1' } },
    });
  });
});
