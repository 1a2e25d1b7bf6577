import type { ApprovalState } from '../../shared/ledger/approvals';
import type { CarrierState } from '../../shared/ledger/carrier';
import type { Actor, LedgerContext } from '../../shared/ledger/context';
import type { CarrierEvent } from '../../shared/ledger/events';
import type { Person } from '../../shared/ledger/people';
import { normalizeUsername } from '../../shared/setup';
import { refuse, type Result } from '../../shared/result';
import { TamperError, type Cipher } from './cipher';
import { defineEncryptedTable } from './encryptedTable';
import { isStorageFull, StorageFullError } from './storageErrors';
import type { Vault } from './ledgerStore';
import type { CarrierRow } from './schema';

/**
 * What the ledger repositories share: the encrypted row shapes, the actor of the session, and the
 * mapping of failures to refusals. Every change is encrypted first and then written, with its audit
 * entries, through `vault.commit` in one transaction; inside it only Dexie calls run.
 */
export interface VaultSource {
  vault(): Result<Vault>;
}

/** The encrypted carrier row: its index fields and the whole state. */
export interface CarrierDoc {
  id: string;
  status: string;
  level: string;
  kind: string;
  custodianId: string | null;
  registeredAt: string;
  updatedAt: string;
  dueOn: string | null;
  version: number;
  state: CarrierState;
}

/** One stored event of a carrier: who did it, when, and the event as the domain knows it. */
export interface CarrierEventDoc {
  id: string;
  carrierId: string;
  seq: number;
  at: string;
  actorId: string;
  actorName: string;
  event: CarrierEvent;
}

export interface CounterDoc {
  id: string;
  key: string;
  next: number;
}

export const peopleTable = defineEncryptedTable<Person, 'status' | 'clearance'>('people', ['status', 'clearance']);
export const carriersTable = defineEncryptedTable<CarrierDoc, 'status' | 'level' | 'kind' | 'custodianId' | 'registeredAt' | 'updatedAt' | 'dueOn' | 'version'>(
  'carriers',
  ['status', 'level', 'kind', 'custodianId', 'registeredAt', 'updatedAt', 'dueOn', 'version'],
);
export const eventsTable = defineEncryptedTable<CarrierEventDoc, 'carrierId' | 'seq' | 'at'>('carrierEvents', ['carrierId', 'seq', 'at']);
/** An approval as stored: the domain state plus the names of the accounts that asked and decided. */
export interface ApprovalDoc extends ApprovalState {
  requestedByName: string;
  decidedByName: string | null;
}

export const approvalsTable = defineEncryptedTable<ApprovalDoc, 'carrierId' | 'status' | 'version'>('approvals', ['carrierId', 'status', 'version']);
export const countersTable = defineEncryptedTable<CounterDoc, never>('counters', []);

export function carrierDoc(state: CarrierState): CarrierDoc {
  const dueOn = state.loan?.dueOn ?? state.outing?.expectedBackOn ?? null;
  return {
    id: state.id,
    status: state.status,
    level: state.level,
    kind: state.kind,
    custodianId: state.custodian.kind === 'person' ? state.custodian.personId : null,
    registeredAt: state.registeredAt,
    updatedAt: state.updatedAt,
    dueOn,
    version: state.version,
    state,
  };
}

/** 文号 as people type it: spaces dropped, the bracket variants 〔〕［］【】() unified, case folded. */
export function normalizeDocNumber(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[〔［【(（]/g, '[')
    .replace(/[〕］】)）]/g, ']')
    .toLowerCase();
}

export function normalizeRegistryNumber(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export async function carrierTokens(cipher: Cipher, state: CarrierState): Promise<{ regToken: string; docTokens: string[] }> {
  const regToken = await cipher.blind('carrier.registry', normalizeRegistryNumber(state.registryNumber));
  const doc = normalizeDocNumber(state.docNumber);
  return { regToken, docTokens: doc ? [await cipher.blind('carrier.doc', doc)] : [] };
}

export async function carrierRow(cipher: Cipher, state: CarrierState): Promise<CarrierRow> {
  return (await carriersTable.toRow(cipher, carrierDoc(state), await carrierTokens(cipher, state))) as unknown as CarrierRow;
}

/** The session's account as the domain sees it, linked to its person by login name. */
export function actorOf(session: Vault['session'], people: readonly Person[]): Actor {
  const username = normalizeUsername(session.username);
  const person = people.find((p) => p.username === username);
  return { accountId: session.accountId, username, roles: session.roles, personId: person?.id ?? null };
}

/** Local calendar date, YYYY-MM-DD: due dates are days in the office's time zone. */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Someone else changed the row between our read and our write. */
export class StaleError extends Error {
  constructor(readonly table: string) {
    super(`stale ${table}`);
    this.name = 'StaleError';
  }
}

/** Runs a repository operation with the session's vault, turning expected failures into refusals. */
export async function withVault<T>(source: VaultSource, run: (v: Vault) => Promise<Result<T>>): Promise<Result<T>> {
  const v = source.vault();
  if (!v.ok) return v;
  try {
    return await run(v.value);
  } catch (e) {
    if (e instanceof TamperError) return refuse('STORE_TAMPERED', { table: e.table, id: e.id });
    if (e instanceof StaleError) return refuse('STALE_STATE');
    if (e instanceof Error && e.message === 'NOT_SIGNED_IN') return refuse('NOT_SIGNED_IN');
    // The disk (or the browser's quota) is full: the transaction was aborted whole, nothing saved is lost.
    if (e instanceof StorageFullError || isStorageFull(e)) return refuse('STORAGE_FULL');
    if (isConstraintError(e)) return refuse('REGISTRY_NUMBER_TAKEN');
    throw e;
  }
}

function isConstraintError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const inner = (e as { inner?: unknown }).inner;
  return e.name === 'ConstraintError' || (inner instanceof Error && inner.name === 'ConstraintError');
}

/** The context the domain rules read: people, approvals and carriers as loaded for this change. */
export function ledgerContext(
  v: Vault,
  people: readonly Person[],
  extra: { approvals?: readonly ApprovalState[]; carriers?: readonly CarrierState[] } = {},
): LedgerContext {
  const now = v.now();
  const byPerson = new Map(people.map((p) => [p.id, p]));
  const byApproval = new Map((extra.approvals ?? []).map((a) => [a.id, a]));
  const byCarrier = new Map((extra.carriers ?? []).map((c) => [c.id, c]));
  return {
    at: now.toISOString(),
    today: localDate(now),
    actor: actorOf(v.session, people),
    person: (id) => byPerson.get(id),
    approval: (id) => byApproval.get(id),
    carrier: (id) => byCarrier.get(id),
  };
}

/** Dexie's row interfaces have no index signature; the encrypted-table reader wants one. */
export function asRow<R extends { id: string; ct: Uint8Array }>(row: R): { id: string; ct: Uint8Array } & Record<string, unknown> {
  return row as unknown as { id: string; ct: Uint8Array } & Record<string, unknown>;
}

export async function loadPeople(v: Vault): Promise<Person[]> {
  const rows = await v.db.people.toArray();
  return Promise.all(rows.map((r) => peopleTable.fromRow(v.cipher, asRow(r))));
}
