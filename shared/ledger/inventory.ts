import { authorize } from '../auth/permissions';
import { assertNever, ok, refuse, type Result } from '../result';
import { isClosed, type CarrierState, type CarrierStatus, type Party } from './carrier';
import type { Actor } from './context';
import type { CarrierEventType } from './events';

/**
 * 清查 (inventory, 年终清退): the clerk starts one, ticks carriers as found by typing or scanning
 * their registry number (a barcode scanner types like a keyboard), and closes it. The result lists
 * what was found, what is missing — with who held it last and its last event — and what was scanned
 * but not expected (unknown numbers, or carriers already closed). What is expected is every carrier
 * not closed when the inventory closes, so carriers registered meanwhile are expected too.
 */
export interface Scan {
  /** As typed, normalized (see normalizeScan). */
  registryNumber: string;
  /** The carrier the number belongs to, or null when none does. */
  carrierId: string | null;
  at: string;
}

export interface InventoryState {
  id: string;
  note: string;
  status: 'open' | 'closed';
  startedAt: string;
  startedBy: string;
  scans: Scan[];
  closedAt: string | null;
  closedBy: string | null;
  /** Kept when closed, so the result stays what it was whatever happens to the carriers later. */
  result: InventoryResult | null;
  version: number;
}

export type InventoryEvent =
  | { type: 'started'; inventoryId: string; note: string }
  | { type: 'scanned'; registryNumber: string; carrierId: string | null }
  | { type: 'closed'; result: InventoryResult };

export type InventoryEventType = InventoryEvent['type'];
export const INVENTORY_EVENT_TYPES = ['started', 'scanned', 'closed'] as const satisfies readonly InventoryEventType[];

export interface InventoryContext {
  at: string;
  actor: Actor;
}

/** Registry numbers as a scanner or a hand types them: full-width folded, spaces dropped, upper case. */
export function normalizeScan(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function inventoryTransition(state: InventoryState | null, event: InventoryEvent, ctx: InventoryContext): Result<InventoryState> {
  const auth = authorize(ctx.actor.roles, 'inventory.run');
  if (!auth.ok) return auth;
  switch (event.type) {
    case 'started':
      if (state) return refuse('INVENTORY_ALREADY_STARTED');
      return ok({
        id: event.inventoryId,
        note: event.note.trim(),
        status: 'open',
        startedAt: ctx.at,
        startedBy: ctx.actor.accountId,
        scans: [],
        closedAt: null,
        closedBy: null,
        result: null,
        version: 1,
      });
    case 'scanned': {
      if (!state) return refuse('INVENTORY_NOT_FOUND');
      if (state.status === 'closed') return refuse('INVENTORY_CLOSED');
      const registryNumber = normalizeScan(event.registryNumber);
      if (!registryNumber) return refuse('SCAN_EMPTY');
      if (state.scans.some((s) => s.registryNumber === registryNumber)) return refuse('ALREADY_SCANNED', { registryNumber });
      return ok({ ...state, scans: [...state.scans, { registryNumber, carrierId: event.carrierId, at: ctx.at }], version: state.version + 1 });
    }
    case 'closed':
      if (!state) return refuse('INVENTORY_NOT_FOUND');
      if (state.status === 'closed') return refuse('INVENTORY_CLOSED');
      return ok({ ...state, status: 'closed', closedAt: ctx.at, closedBy: ctx.actor.accountId, result: event.result, version: state.version + 1 });
    default:
      return assertNever(event);
  }
}

export interface ResultItem {
  carrierId: string;
  registryNumber: string;
  status: CarrierStatus;
  /** Who held it last, and where it is kept. */
  custodian: Party;
  place: string;
  lastEvent: { type: CarrierEventType; at: string } | null;
}

export interface InventoryResult {
  found: ResultItem[];
  missing: ResultItem[];
  /** Scanned, but not a carrier of the ledger, or one already closed (dispatched, returned, destroyed). */
  unexpected: Scan[];
}

/**
 * Found / missing / unexpected against the carriers as they are now. `lastEvent` is filled in by
 * the caller for the missing ones (it needs their event history).
 */
export function inventoryResult(state: Pick<InventoryState, 'scans'>, carriers: readonly CarrierState[]): InventoryResult {
  const scanned = new Set(state.scans.map((s) => s.carrierId).filter((id): id is string => id !== null));
  const byNumber = (a: CarrierState, b: CarrierState) => a.registryNumber.localeCompare(b.registryNumber, 'zh-CN', { numeric: true });
  const expected = carriers.filter((c) => !isClosed(c.status)).sort(byNumber);
  const expectedIds = new Set(expected.map((c) => c.id));
  const item = (c: CarrierState): ResultItem => ({ carrierId: c.id, registryNumber: c.registryNumber, status: c.status, custodian: c.custodian, place: c.place, lastEvent: null });
  return {
    found: expected.filter((c) => scanned.has(c.id)).map(item),
    missing: expected.filter((c) => !scanned.has(c.id)).map(item),
    unexpected: state.scans.filter((s) => s.carrierId === null || !expectedIds.has(s.carrierId)),
  };
}

/**
 * 召回 before holidays: every carrier not at its storage place — on loan, taken out, under repair,
 * or in a hand-over not yet confirmed — with who has it and when it was due back.
 */
export interface RecallItem {
  carrierId: string;
  registryNumber: string;
  status: CarrierStatus;
  custodian: Party;
  dueOn: string | null;
  overdue: boolean;
  pending: boolean;
}

export function outstanding(carriers: readonly CarrierState[], today: string): RecallItem[] {
  return carriers
    .filter((c) => !isClosed(c.status) && (c.status !== 'in_custody' || c.pending !== null))
    .map((c) => {
      const dueOn = c.loan?.dueOn ?? c.outing?.expectedBackOn ?? null;
      return { carrierId: c.id, registryNumber: c.registryNumber, status: c.status, custodian: c.custodian, dueOn, overdue: dueOn !== null && dueOn < today, pending: c.pending !== null };
    });
}

/** A recall as recorded: who called everything back, by when, and what was out at that moment. */
export interface RecallRecord {
  id: string;
  at: string;
  by: string;
  reason: string;
  returnBy: string;
  items: RecallItem[];
}

export function makeRecall(
  input: { id: string; reason: string; returnBy: string },
  carriers: readonly CarrierState[],
  ctx: InventoryContext & { today: string },
): Result<RecallRecord> {
  const auth = authorize(ctx.actor.roles, 'carrier.recall');
  if (!auth.ok) return auth;
  const reason = input.reason.trim();
  if (reason.length < 2) return refuse('REASON_REQUIRED');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.returnBy) || input.returnBy < ctx.today) return refuse('RECALL_DATE_INVALID');
  return ok({ id: input.id, at: ctx.at, by: ctx.actor.accountId, reason, returnBy: input.returnBy, items: outstanding(carriers, ctx.today) });
}
