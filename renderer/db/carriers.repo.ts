import type { Table } from 'dexie';
import { authorize } from '../../shared/auth/permissions';
import { approvalTransition } from '../../shared/ledger/approvals';
import type { CarrierDetails, CarrierKind, CarrierState, CopyMode } from '../../shared/ledger/carrier';
import { marking, type Level } from '../../shared/ledger/classification';
import type { LedgerContext } from '../../shared/ledger/context';
import type { CarrierEvent } from '../../shared/ledger/events';
import { copyRecord, expandBatch, validateRecord, type RegistrationInput } from '../../shared/ledger/registration';
import { counterKey, DEFAULT_REGISTRY_PATTERN, registryNumber, validatePattern } from '../../shared/ledger/registry';
import { transition } from '../../shared/ledger/transition';
import { ok, refuse, type Result } from '../../shared/result';
import {
  approvalsTable,
  asRow,
  carrierRow,
  carriersTable,
  countersTable,
  eventsTable,
  ledgerContext,
  loadPeople,
  normalizeDocNumber,
  normalizeRegistryNumber,
  StaleError,
  withVault,
  type ApprovalDoc,
  type CarrierEventDoc,
  type VaultSource,
} from './ledgerAccess';
import type { Vault } from './ledgerStore';
import { DeterminationsRepo } from './determinations.repo';
import { sameBytes } from './people.repo';
import type { ApprovalRow, CarrierEventRow, CounterRow } from './schema';

const PATTERN_KEY = 'ledger.registryPattern';

/** A carrier with its whole timeline and the approvals asked for it. */
export interface CarrierHistory {
  state: CarrierState;
  events: CarrierEventDoc[];
  approvals: ApprovalDoc[];
}

export interface BatchOptions {
  count: number;
  firstCopyNumber: number;
}

export interface CopyRequest {
  approvalId: string;
  mode: CopyMode;
  custodianId: string;
  place: string;
  /** One entry per copy made. */
  copies: { title: string; copyNumber: string; details: CarrierDetails; note: string }[];
}

export type StateEvent = Exclude<CarrierEvent, { type: 'registered' } | { type: 'copyMade' }>;

/**
 * 涉密载体台账: registration (single and batch), the lifecycle events, copies. Each change reads
 * what it needs, lets the domain rules (shared/ledger) decide, encrypts the new rows, and writes
 * them with their audit entries in one transaction that first checks nothing changed meanwhile.
 */
export class CarriersRepo {
  constructor(private readonly source: VaultSource) {}

  /** Every carrier's current state, newest registration first (the ledger table filters in memory). */
  list(): Promise<Result<CarrierState[]>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      const rows = await v.db.carriers.orderBy('registeredAt').reverse().toArray();
      const docs = await Promise.all(rows.map((r) => carriersTable.fromRow(v.cipher, asRow(r))));
      // A batch shares one registration time: within it, the highest registry number first.
      const byNumber = new Intl.Collator('zh-CN', { numeric: true });
      return ok(docs.map((d) => d.state).sort((a, b) => b.registeredAt.localeCompare(a.registeredAt) || byNumber.compare(b.registryNumber, a.registryNumber)));
    });
  }

  history(id: string): Promise<Result<CarrierHistory>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      const row = await v.db.carriers.get(id);
      if (!row) return refuse('CARRIER_NOT_FOUND');
      const doc = await carriersTable.fromRow(v.cipher, asRow(row));
      const eventRows = await v.db.carrierEvents.where('[carrierId+seq]').between([id, 0], [id, Infinity]).toArray();
      const events = await Promise.all(eventRows.map((r) => eventsTable.fromRow(v.cipher, asRow(r))));
      // A missing or extra event (a row deleted or replayed on disk) shows as a gap in the sequence.
      if (events.length !== doc.version || events.some((e, i) => e.seq !== i + 1 || e.carrierId !== id)) return refuse('STORE_TAMPERED', { table: 'carrierEvents', id });
      const approvalRows = await v.db.approvals.where('carrierId').equals(id).toArray();
      const approvals = await Promise.all(approvalRows.map((r) => approvalsTable.fromRow(v.cipher, asRow(r))));
      approvals.sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
      return ok({ state: doc.state, events, approvals });
    });
  }

  /**
   * Exact lookup by registry number or 文号 through the blinded tokens (usable before the in-memory
   * title index exists, and what a barcode scanner types). Each hit is checked after decryption.
   */
  findByNumber(query: string): Promise<Result<CarrierState[]>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      const reg = normalizeRegistryNumber(query);
      const doc = normalizeDocNumber(query);
      if (!reg) return ok([]);
      const regToken = await v.cipher.blind('carrier.registry', reg);
      const docToken = await v.cipher.blind('carrier.doc', doc);
      const rows = [...(await v.db.carriers.where('regToken').equals(regToken).toArray()), ...(await v.db.carriers.where('docTokens').equals(docToken).toArray())];
      const seen = new Set<string>();
      const out: CarrierState[] = [];
      for (const r of rows) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        const s = (await carriersTable.fromRow(v.cipher, asRow(r))).state;
        if (normalizeRegistryNumber(s.registryNumber) === reg || normalizeDocNumber(s.docNumber) === doc) out.push(s);
      }
      return ok(out);
    });
  }

  registryPattern(): Promise<Result<string>> {
    return withVault(this.source, async (v) => ok(await readPattern(v)));
  }

  /** 登记: one carrier, or a batch of copies of one document (份号 first … first + count − 1). */
  register(input: RegistrationInput, batch?: BatchOptions): Promise<Result<CarrierState[]>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.register');
      if (!allowed.ok) return allowed;
      const record = validateRecord(input.record);
      if (!record.ok) return record;
      const inputs = batch ? expandBatch({ ...input, record: record.value }, batch.count, batch.firstCopyNumber) : ok([{ ...input, record: record.value }]);
      if (!inputs.ok) return inputs;
      const people = await loadPeople(v);
      const ctx = ledgerContext(v, people);
      const numbers = await allocate(v, record.value.level, record.value.details.kind, inputs.value.length);
      const states: CarrierState[] = [];
      const eventDocs: CarrierEventDoc[] = [];
      for (const [i, item] of inputs.value.entries()) {
        const event: CarrierEvent = {
          type: 'registered',
          carrierId: crypto.randomUUID(),
          registryNumber: numbers.numbers[i] ?? '',
          kind: item.record.details.kind,
          record: item.record,
          custodianId: item.custodianId,
          place: item.place.trim(),
        };
        const next = transition(null, event, ctx);
        if (!next.ok) return next;
        states.push(next.value);
        eventDocs.push(eventDoc(v, next.value, event, ctx.at));
      }
      const carrierRows = await Promise.all(states.map((s) => carrierRow(v.cipher, s)));
      const eventRows = await Promise.all(eventDocs.map((d) => eventRowOf(v, d)));
      await v.commit([v.db.carriers, v.db.carrierEvents, v.db.counters], async () => {
        await numbers.write();
        for (const r of carrierRows) await v.db.carriers.add(r);
        for (const r of eventRows) await v.db.carrierEvents.add(r);
      }, states.map((s) => ({ action: 'carrier.registered', detail: registeredDetail(s) })));
      return ok(states);
    });
  }

  /**
   * Every lifecycle event after registration, except copying (see copy): hand-overs, loans and
   * returns, storage, repair, take-out, dispatch, return to issuer, the closing destruction record,
   * corrections, and the confirmation or withdrawal of a waiting hand-over. `expectedVersion` is the
   * version the user saw: if the carrier changed since, nothing is written (STALE_STATE).
   */
  act(carrierId: string, event: StateEvent, expectedVersion?: number): Promise<Result<CarrierState>> {
    return withVault(this.source, async (v) => {
      const row = await v.db.carriers.get(carrierId);
      if (!row) return refuse('CARRIER_NOT_FOUND');
      const before = (await carriersTable.fromRow(v.cipher, asRow(row))).state;
      if (expectedVersion !== undefined && before.version !== expectedVersion) return refuse('STALE_STATE');
      const approvalId = 'approvalId' in event ? event.approvalId : undefined;
      const approval = approvalId ? await readApproval(v, approvalId) : null;
      const ctx = ledgerContext(v, await loadPeople(v), { approvals: approval ? [approval.doc] : [] });
      // A correction of level, period or scope is refused where a live determination fixes them.
      const floor = correctsDetermined(event) ? await new DeterminationsRepo(this.source).floorFor(carrierId) : null;
      if (floor && !floor.ok) return floor;
      if (floor?.value) {
        const f = floor.value;
        ctx.determinationFloor = (id) => (id === carrierId ? { determinationId: f.determinationId, level: f.level } : undefined);
      }
      const next = transition(before, event, ctx);
      if (!next.ok) return next;
      const doc = eventDoc(v, next.value, event, ctx.at);
      const used = approval ? useApproval(v, approval.doc, doc.id, ctx.at) : null;
      if (used && !used.ok) return used;
      const rows = {
        carrier: await carrierRow(v.cipher, next.value),
        event: await eventRowOf(v, doc),
        approval: used?.ok ? ((await approvalsTable.toRow(v.cipher, used.value)) as unknown as ApprovalRow) : null,
      };
      await v.commit([v.db.carriers, v.db.carrierEvents, v.db.approvals], async () => {
        await checkVersion(v, before);
        if (approval && rows.approval) {
          const current = await v.db.approvals.get(approval.doc.id);
          if (current?.version !== approval.doc.version) throw new StaleError('approvals');
          await v.db.approvals.put(rows.approval);
        }
        await v.db.carriers.put(rows.carrier);
        await v.db.carrierEvents.add(rows.event);
      }, [{ action: `carrier.${event.type}`, detail: eventDetail(before, next.value, event) }]);
      return ok(next.value);
    });
  }

  /**
   * 复制 / 摘录 / 汇编 under an approval: the original records the copies, and each copy is
   * registered as a carrier of its own, linked to it, with its level, period and scope.
   */
  copy(originalId: string, request: CopyRequest, expectedVersion?: number): Promise<Result<CarrierState[]>> {
    return withVault(this.source, async (v) => {
      const row = await v.db.carriers.get(originalId);
      if (!row) return refuse('CARRIER_NOT_FOUND');
      const before = (await carriersTable.fromRow(v.cipher, asRow(row))).state;
      if (expectedVersion !== undefined && before.version !== expectedVersion) return refuse('STALE_STATE');
      const approval = await readApproval(v, request.approvalId);
      const people = await loadPeople(v);
      const ctx = ledgerContext(v, people, { approvals: approval ? [approval.doc] : [] });
      const made: CarrierEvent = { type: 'copyMade', approvalId: request.approvalId, mode: request.mode, copyIds: request.copies.map(() => crypto.randomUUID()) };
      const original = transition(before, made, ctx);
      if (!original.ok) return original;
      const madeDoc = eventDoc(v, original.value, made, ctx.at);
      if (!approval) return refuse('APPROVAL_REQUIRED', { kind: 'copy' });
      const used = useApproval(v, approval.doc, madeDoc.id, ctx.at);
      if (!used.ok) return used;

      const copyCtx = ledgerContext(v, people, { carriers: [original.value] });
      const first = request.copies[0];
      const numbers = await allocate(v, before.level, first?.details.kind ?? before.kind, request.copies.length);
      const copies: CarrierState[] = [];
      const docs: CarrierEventDoc[] = [madeDoc];
      for (const [i, c] of request.copies.entries()) {
        const record = copyRecord(original.value, { mode: request.mode, approvalId: request.approvalId, ...c });
        const valid = validateRecord(record);
        if (!valid.ok) return valid;
        const event: CarrierEvent = {
          type: 'registered',
          carrierId: made.copyIds[i] ?? '',
          registryNumber: numbers.numbers[i] ?? '',
          kind: valid.value.details.kind,
          record: valid.value,
          custodianId: request.custodianId,
          place: request.place.trim(),
        };
        const next = transition(null, event, copyCtx);
        if (!next.ok) return next;
        copies.push(next.value);
        docs.push(eventDoc(v, next.value, event, ctx.at));
      }
      const carrierRows = await Promise.all([original.value, ...copies].map((s) => carrierRow(v.cipher, s)));
      const eventRows = await Promise.all(docs.map((d) => eventRowOf(v, d)));
      const approvalRow = (await approvalsTable.toRow(v.cipher, used.value)) as unknown as ApprovalRow;
      await v.commit([v.db.carriers, v.db.carrierEvents, v.db.counters, v.db.approvals], async () => {
        await checkVersion(v, before);
        const current = await v.db.approvals.get(approval.doc.id);
        if (current?.version !== approval.doc.version) throw new StaleError('approvals');
        await numbers.write();
        await v.db.approvals.put(approvalRow);
        const [originalRow, ...copyRows] = carrierRows;
        if (originalRow) await v.db.carriers.put(originalRow);
        for (const r of copyRows) await v.db.carriers.add(r);
        for (const r of eventRows) await v.db.carrierEvents.add(r);
      }, [
        { action: 'carrier.copyMade', detail: { ...eventDetail(before, original.value, made), copies: copies.map((c) => c.registryNumber) } },
        ...copies.map((s) => ({ action: 'carrier.registered', detail: registeredDetail(s) })),
      ]);
      return ok(copies);
    });
  }

  /** 登记编号规则 (the clerk's setting); numbers already given keep theirs. */
  setRegistryPattern(pattern: string): Promise<Result<string>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.correct');
      if (!allowed.ok) return allowed;
      const valid = validatePattern(pattern.trim());
      if (!valid.ok) return valid;
      const before = await readPattern(v);
      const ct = await v.cipher.seal('settings', PATTERN_KEY, valid.value);
      await v.commit([v.db.settings], async () => {
        await v.db.settings.put({ key: PATTERN_KEY, ct });
      }, [{ action: 'ledger.registry_pattern_changed', detail: { before, after: valid.value } }]);
      return ok(valid.value);
    });
  }
}

/** A carrier event decided by the ledger's rules and encrypted, waiting to be written (see prepareCarrierEvent). */
export interface PreparedCarrierEvent {
  state: CarrierState;
  /** The tables `write` touches: the caller's transaction must include them. */
  tables: Table[];
  /** Inside the caller's transaction: checks the carrier is still at the version read, then writes it and its event. */
  write(): Promise<void>;
  /** The ledger's own audit entry for the event. */
  audit: { action: string; detail: Record<string, unknown> };
}

/**
 * One lifecycle event of a carrier, checked by the ledger's own rules (`transition`) and encrypted,
 * for another repository that must write it together with its own rows in one transaction — the
 * destruction batch closing each of its carriers with `destroyed`. Events that use an approval go
 * through `act`, which also marks the approval used.
 */
export async function prepareCarrierEvent(v: Vault, before: CarrierState, event: StateEvent, ctx: LedgerContext): Promise<Result<PreparedCarrierEvent>> {
  if ('approvalId' in event && event.approvalId) return refuse('APPROVAL_REQUIRED');
  const next = transition(before, event, ctx);
  if (!next.ok) return next;
  const doc = eventDoc(v, next.value, event, ctx.at);
  const carrier = await carrierRow(v.cipher, next.value);
  const row = await eventRowOf(v, doc);
  return ok({
    state: next.value,
    tables: [v.db.carriers, v.db.carrierEvents],
    async write() {
      await checkVersion(v, before);
      await v.db.carriers.put(carrier);
      await v.db.carrierEvents.add(row);
    },
    audit: { action: `carrier.${event.type}`, detail: eventDetail(before, next.value, event) },
  });
}

function correctsDetermined(event: StateEvent): boolean {
  return event.type === 'corrected' && event.changes.some((c) => c.field === 'level' || c.field === 'period' || c.field === 'scope');
}

async function readPattern(v: Vault): Promise<string> {
  const row = await v.db.settings.get(PATTERN_KEY);
  return row ? v.cipher.open<string>('settings', PATTERN_KEY, row.ct) : DEFAULT_REGISTRY_PATTERN;
}

/**
 * Draws `n` registry numbers from the counter for this level and kind. The counter row is read
 * now and checked unchanged inside the transaction (`write`), so two registrations can never take
 * the same numbers; the unique blinded index on registry numbers is the last guard.
 */
async function allocate(v: Vault, level: Level, kind: CarrierKind, n: number) {
  const pattern = await readPattern(v);
  const now = v.now();
  const vars = { year: now.getFullYear(), level, kind, unitCode: v.session.unit.code };
  const key = counterKey(pattern, vars);
  const id = await v.cipher.blind('counter', key);
  const before = await v.db.counters.get(id);
  const next = before ? (await countersTable.fromRow(v.cipher, asRow(before))).next : 1;
  const numbers = Array.from({ length: n }, (_, i) => registryNumber(pattern, vars, next + i));
  const row = (await countersTable.toRow(v.cipher, { id, key, next: next + n })) as unknown as CounterRow;
  return {
    numbers,
    async write() {
      const current = await v.db.counters.get(id);
      if ((current === undefined) !== (before === undefined) || (current && before && !sameBytes(current.ct, before.ct))) throw new StaleError('counters');
      await v.db.counters.put(row);
    },
  };
}

async function checkVersion(v: Vault, before: CarrierState): Promise<void> {
  const current = await v.db.carriers.get(before.id);
  if (!current || current.version !== before.version) throw new StaleError('carriers');
}

async function readApproval(v: Vault, id: string): Promise<{ doc: ApprovalDoc } | null> {
  const row = await v.db.approvals.get(id);
  return row ? { doc: await approvalsTable.fromRow(v.cipher, asRow(row)) } : null;
}

function useApproval(v: Vault, doc: ApprovalDoc, eventId: string, at: string): Result<ApprovalDoc> {
  const used = approvalTransition(doc, { type: 'used', carrierEventId: eventId }, { at, today: at.slice(0, 10), actor: { accountId: v.session.accountId, username: v.session.username, roles: v.session.roles, personId: null } });
  return used.ok ? ok({ ...doc, ...used.value }) : used;
}

export function eventDoc(v: Vault, state: CarrierState, event: CarrierEvent, at: string): CarrierEventDoc {
  return { id: crypto.randomUUID(), carrierId: state.id, seq: state.version, at, actorId: v.session.accountId, actorName: v.session.displayName, event };
}

export async function eventRowOf(v: Vault, d: CarrierEventDoc): Promise<CarrierEventRow> {
  return (await eventsTable.toRow(v.cipher, d)) as unknown as CarrierEventRow;
}

/*
 * Audit entries say who did what to which carrier, with custody, status and level before and after,
 * but carry no titles, document numbers or free text: the 安全审计员 reads them and is not
 * necessarily within a carrier's 知悉范围. The full content stays in the carrier's own events.
 */
function registeredDetail(s: CarrierState): Record<string, unknown> {
  return {
    carrierId: s.id,
    registryNumber: s.registryNumber,
    marking: marking(s.level, s.period),
    level: s.level,
    kind: s.kind,
    copyNumber: s.copyNumber,
    origin: s.origin.kind === 'copy' ? { kind: 'copy', originalId: s.origin.originalId, approvalId: s.origin.approvalId } : { kind: s.origin.kind },
    custodian: s.custodian,
    place: s.place,
  };
}

/** The audit entry of an event: which carrier, the event's kind and parties, custody and status before and after. */
function eventDetail(before: CarrierState, after: CarrierState, event: CarrierEvent): Record<string, unknown> {
  const facts: Record<string, unknown> = { type: event.type };
  if ('handover' in event) facts.handover = { from: event.handover.from, to: event.handover.to, confirmation: event.handover.confirmation };
  if ('approvalId' in event && event.approvalId) facts.approvalId = event.approvalId;
  if (event.type === 'lent') facts.dueOn = event.dueOn;
  if (event.type === 'takenOut') Object.assign(facts, { expectedBackOn: event.expectedBackOn, abroad: event.abroad });
  if (event.type === 'copyMade') Object.assign(facts, { mode: event.mode, copyIds: event.copyIds });
  if (event.type === 'destroyed') Object.assign(facts, { certificateNumber: event.certificateNumber, destroyedOn: event.destroyedOn });
  if (event.type === 'corrected') facts.fields = event.changes.map((c) => c.field);
  if (event.type === 'repairSent') {
    Object.assign(facts, { mode: event.mode, storageRemoved: event.storageRemoved });
    if (event.sentOn) facts.sentOn = event.sentOn;
    if (event.escortIds) facts.escortIds = event.escortIds;
  }
  if (event.type === 'repairReturned') {
    if (event.returnedOn) facts.returnedOn = event.returnedOn;
    // The checks' outcome, not the note (free text stays in the carrier's own event).
    if (event.check) facts.check = { identityVerified: event.check.identityVerified, noStorageRetained: event.check.noStorageRetained, storageRefitted: event.check.storageRefitted };
  }
  return {
    carrierId: after.id,
    registryNumber: after.registryNumber,
    event: facts,
    before: { status: before.status, custodian: before.custodian, place: before.place, marking: marking(before.level, before.period) },
    after: { status: after.status, custodian: after.custodian, place: after.place, marking: marking(after.level, after.period), pending: after.pending !== null },
  };
}
