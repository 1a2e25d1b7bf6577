import { describe, expect, it } from 'vitest';
import {
  INVENTORY_EVENT_TYPES,
  inventoryResult,
  inventoryTransition,
  makeRecall,
  outstanding,
  type InventoryEvent,
  type InventoryEventType,
  type InventoryState,
} from '../../../shared/ledger/inventory';
import { ACTORS, AT, PAPER, registered, run, states, TODAY, who, PEOPLE, slip } from './fixtures';

const c = (actor = ACTORS.clerk) => ({ at: AT, actor });
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);
const EMPTY_RESULT = { found: [], missing: [], unexpected: [] };

function sample(type: InventoryEventType): InventoryEvent {
  switch (type) {
    case 'started':
      return { type, inventoryId: 'inv-1', note: '2026 年终清查' };
    case 'scanned':
      return { type, registryNumber: '2026-机-0001', carrierId: 'c-1' };
    case 'closed':
      return { type, result: EMPTY_RESULT };
    default:
      throw new Error(type satisfies never);
  }
}

function open(): InventoryState {
  const r = inventoryTransition(null, sample('started'), c());
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

const EXPECTED: Record<'none' | 'open' | 'closed', Record<InventoryEventType, string>> = {
  none: { started: 'ok', scanned: 'INVENTORY_NOT_FOUND', closed: 'INVENTORY_NOT_FOUND' },
  open: { started: 'INVENTORY_ALREADY_STARTED', scanned: 'ok', closed: 'ok' },
  closed: { started: 'INVENTORY_ALREADY_STARTED', scanned: 'INVENTORY_CLOSED', closed: 'INVENTORY_CLOSED' },
};

describe('inventory (清查): every (state, event) pair', () => {
  const statesOf = { none: null, open: open(), closed: { ...open(), status: 'closed' as const } };
  for (const [name, row] of Object.entries(EXPECTED) as ['none' | 'open' | 'closed', Record<InventoryEventType, string>][]) {
    for (const type of INVENTORY_EVENT_TYPES) {
      it(`${name} × ${type} → ${row[type]}`, () => {
        expect(code(inventoryTransition(statesOf[name], sample(type), c()))).toBe(row[type]);
      });
    }
  }

  it('is the clerk’s alone', () => {
    for (const type of INVENTORY_EVENT_TYPES) expect(code(inventoryTransition(open(), sample(type), c(ACTORS.zhang)))).toBe('NOT_PERMITTED');
  });

  it('takes a number as a scanner types it, once', () => {
    const s = inventoryTransition(open(), { type: 'scanned', registryNumber: ' ２０２６-机-0001 ', carrierId: 'c-1' }, c());
    if (!s.ok) throw new Error(s.error.code);
    expect(s.value.scans).toEqual([{ registryNumber: '2026-机-0001', carrierId: 'c-1', at: AT }]);
    expect(inventoryTransition(s.value, sample('scanned'), c())).toEqual({ ok: false, error: { code: 'ALREADY_SCANNED', params: { registryNumber: '2026-机-0001' } } });
    expect(code(inventoryTransition(open(), { type: 'scanned', registryNumber: '  ', carrierId: null }, c()))).toBe('SCAN_EMPTY');
  });
});

describe('inventory result and recall', () => {
  const base = () => states().in_custody;
  const lent = () => run([{ type: 'lent', handover: { from: who(PEOPLE.clerk), to: who(PEOPLE.zhang), confirmation: slip() }, dueOn: '2026-03-16' }], base());

  it('lists found, missing (with who held it last) and unexpected scans', () => {
    const a = base();
    const b = { ...lent(), id: 'c-2', registryNumber: '2026-机-0002' };
    const gone = { ...states().destroyed, id: 'c-3', registryNumber: '2026-机-0003' };
    const scans = [
      { registryNumber: '2026-机-0001', carrierId: 'c-1', at: AT },
      { registryNumber: '2026-机-0003', carrierId: 'c-3', at: AT },
      { registryNumber: '2026-机-9999', carrierId: null, at: AT },
    ];
    const r = inventoryResult({ scans }, [a, b, gone]);
    expect(r.found.map((x) => x.registryNumber)).toEqual(['2026-机-0001']);
    expect(r.missing).toEqual([{ carrierId: 'c-2', registryNumber: '2026-机-0002', status: 'on_loan', custodian: who(PEOPLE.zhang), place: '保密柜3号', lastEvent: null }]);
    expect(r.unexpected.map((x) => x.registryNumber)).toEqual(['2026-机-0003', '2026-机-9999']);
  });

  it('recalls what is out, overdue marked, and records who and until when', () => {
    // Loaned with a due date in the past (the fixture's today is 2026-03-02): built by folding, not checking.
    const out = { ...lent(), loan: { borrowerId: 'p-zhang', lenderId: 'p-clerk', since: AT, dueOn: '2026-03-01' } };
    const paper = run([registered(PAPER, 'c-9')]);
    expect(outstanding([out, paper, states().destroyed, states().pending], TODAY).map((x) => [x.status, x.overdue, x.pending])).toEqual([
      ['on_loan', true, false],
      ['in_custody', false, true],
    ]);
    const r = makeRecall({ id: 'r-1', reason: '国庆节前召回', returnBy: '2026-03-05' }, [out, paper], { ...c(), today: TODAY });
    expect(r.ok && r.value).toMatchObject({ id: 'r-1', by: 'acc-clerk', returnBy: '2026-03-05', items: [{ carrierId: 'c-1', overdue: true }] });
    expect(code(makeRecall({ id: 'r', reason: '', returnBy: '2026-03-05' }, [], { ...c(), today: TODAY }))).toBe('REASON_REQUIRED');
    expect(code(makeRecall({ id: 'r', reason: '节前', returnBy: '2026-03-01' }, [], { ...c(), today: TODAY }))).toBe('RECALL_DATE_INVALID');
    expect(code(makeRecall({ id: 'r', reason: '节前', returnBy: '2026-03-05' }, [], { ...c(ACTORS.zhang), today: TODAY }))).toBe('NOT_PERMITTED');
  });
});
