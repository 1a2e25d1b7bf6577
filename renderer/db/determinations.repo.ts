import { authorize } from '../../shared/auth/permissions';
import { carrierFloor, type CarrierFloor } from '../../shared/determination/carrierLevel';
import {
  entriesFromVersions,
  planBureauCatalogue,
  reviseCatalogue,
  withdrawCatalogueEntry,
  type BureauCatalogue,
  type CatalogueEntry,
  type CatalogueInput,
  type CatalogueVersion,
} from '../../shared/determination/catalogue';
import { deriveTerms, type DerivedStart } from '../../shared/determination/derive';
import { fold, type DeterminationRecord, type DeterminationState, type Subject } from '../../shared/determination/records';
import { autoDeclassifications, reviewQueue, type ReviewItem, type ReviewOptions } from '../../shared/determination/review';
import type { Terms } from '../../shared/determination/terms';
import { transition, type Actor, type Command } from '../../shared/determination/transition';
import { ok, refuse, type Result } from '../../shared/result';
import { prepareCarrierApplications } from './determinationCarriers';
import { defineEncryptedTable } from './encryptedTable';
import { asRow, localDate, StaleError, withVault, type VaultSource } from './ledgerAccess';
import type { Vault } from './ledgerStore';

/** A catalogue version as stored: one row per (entry, version). */
type CatalogueDoc = CatalogueVersion & { id: string };
/** A determination's folded state as stored, with the fields indexed in the clear. */
interface DeterminationDoc {
  id: string;
  status: DeterminationState['status'];
  /** 'none' | 'pending' | 'returned': the determiner's queue is `pending`. */
  proposal: string;
  seq: number;
  updatedAt: string;
  carrierIds: string[];
  state: DeterminationState;
}

const catalogueTable = defineEncryptedTable<CatalogueDoc, 'entryId' | 'version'>('catalogue', ['entryId', 'version']);
const determinationsTable = defineEncryptedTable<DeterminationDoc, 'status' | 'proposal' | 'seq' | 'updatedAt' | 'carrierIds'>('determinations', [
  'status',
  'proposal',
  'seq',
  'updatedAt',
  'carrierIds',
]);
const recordsTable = defineEncryptedTable<DeterminationRecord, 'determinationId' | 'seq' | 'at'>('determinationRecords', ['determinationId', 'seq', 'at']);

export interface DeterminationView {
  state: DeterminationState;
  records: DeterminationRecord[];
}

/**
 * 定密: the catalogue, the determinations and their records. Every change is decided by the pure
 * rules in shared/determination, encrypted, and written with its audit entry in one transaction
 * (vault.commit). Records are only ever added; the determination row is a cache of their fold and
 * carries `seq`, so a decision based on a stale view is refused (STALE_STATE) instead of written.
 * The audit entries name ids, record types and markings but never titles: the auditor is not
 * necessarily within an item's scope.
 */
export class DeterminationsRepo {
  constructor(private readonly source: VaultSource) {}

  /** Who the session is, as the rules see it (the screens offer only what these roles may do). */
  actor(): Result<Actor> {
    const v = this.source.vault();
    return v.ok ? ok(actorOf(v.value)) : v;
  }

  /** The unit's name, as printed on every printout. */
  unitName(): string {
    const v = this.source.vault();
    return v.ok ? v.value.session.unit.name : '';
  }

  /** Today's local date, from the store's clock. */
  today(): string {
    const v = this.source.vault();
    return localDate(v.ok ? v.value.now() : new Date());
  }

  listCatalogue(): Promise<Result<CatalogueEntry[]>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      return ok(await loadCatalogue(v));
    });
  }

  /** A new entry (entryId null) or a new version of one; the old versions stay as they were. */
  saveCatalogueEntry(entryId: string | null, input: CatalogueInput): Promise<Result<CatalogueVersion>> {
    return withVault(this.source, async (v) => {
      const entries = await loadCatalogue(v);
      const next = reviseCatalogue(entries, entryId, input, { actor: actorOf(v), at: v.now().toISOString(), newEntryId: crypto.randomUUID() });
      if (!next.ok) return next;
      await this.addVersions(v, [next.value], entryId === null ? 'catalogue.entry_added' : 'catalogue.entry_revised');
      return next;
    });
  }

  withdrawCatalogueEntry(entryId: string, note: string): Promise<Result<CatalogueVersion>> {
    return withVault(this.source, async (v) => {
      const entries = await loadCatalogue(v);
      const next = withdrawCatalogueEntry(
        entries.find((e) => e.id === entryId),
        note,
        { actor: actorOf(v), at: v.now().toISOString() },
      );
      if (!next.ok) return next;
      await this.addVersions(v, [next.value], 'catalogue.entry_withdrawn');
      return next;
    });
  }

  /** For the exchange feature: apply the catalogue of a verified policy bundle, all or nothing. */
  applyBureauCatalogue(incoming: BureauCatalogue): Promise<Result<CatalogueVersion[]>> {
    return withVault(this.source, async (v) => {
      const entries = await loadCatalogue(v);
      const plan = planBureauCatalogue(entries, incoming, { actor: actorOf(v), at: v.now().toISOString(), newEntryId: () => crypto.randomUUID() });
      if (!plan.ok) return plan;
      if (plan.value.length > 0) await this.addVersions(v, plan.value, 'catalogue.bureau_applied', { issue: incoming.issue });
      return plan;
    });
  }

  private async addVersions(v: Vault, versions: CatalogueVersion[], action: string, extra: Record<string, unknown> = {}): Promise<void> {
    const rows = await Promise.all(versions.map((c) => catalogueTable.toRow(v.cipher, { ...c, id: `${c.entryId}:${c.version}` })));
    await v.commit(
      [v.db.catalogue],
      async () => {
        for (const c of versions) {
          if ((await v.db.catalogue.where('[entryId+version]').equals([c.entryId, c.version]).count()) > 0) throw new StaleError('catalogue');
        }
        await v.db.catalogue.bulkAdd(rows.map((r) => ({ id: r.id, entryId: r.entryId, version: r.version, ct: r.ct })));
      },
      [{ action, detail: { ...extra, versions: versions.map((c) => ({ entryId: c.entryId, version: c.version, code: c.code, level: c.level, status: c.status })) } }],
    );
  }

  /** Every determination's current state, newest change first. */
  list(): Promise<Result<DeterminationState[]>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const states = await loadStates(v);
      return ok(states.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
    });
  }

  /** One determination with its whole history, folded again from the records (not the cache). */
  get(id: string): Promise<Result<DeterminationView>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const records = await loadRecords(v, id);
      const state = fold(records);
      return state ? ok({ state, records }) : refuse('DETERMINATION_NOT_FOUND');
    });
  }

  /** 拟定: the handler's new draft. */
  draft(subject: Subject, terms: Terms): Promise<Result<DeterminationView>> {
    return this.act(null, { type: 'draft', determinationId: crypto.randomUUID(), subject, terms });
  }

  /**
   * Any other step on an existing determination (change and declassification drafts, resubmit,
   * withdraw, the determiner's decisions, review, linking carriers). `expectedSeq`, when given, is
   * the version the person was looking at: a newer one in the store refuses with STALE_STATE.
   */
  act(id: string | null, cmd: Command, expectedSeq?: number): Promise<Result<DeterminationView>> {
    return withVault(this.source, async (v) => {
      const determinationId = id ?? (cmd.type === 'draft' ? cmd.determinationId : '');
      const records = id === null ? [] : await loadRecords(v, id);
      const before = fold(records);
      if (expectedSeq !== undefined && (before?.seq ?? 0) !== expectedSeq) return refuse('STALE_STATE');
      const catalogue = await loadCatalogue(v);
      const proposed = before?.proposal && before.proposal.procedure !== 'declassify' ? before.proposal.terms : undefined;
      const sources = await sourcesFor(v, [termsOf(cmd), proposed]);
      const now = v.now();
      const next = transition(before, cmd, {
        actor: actorOf(v),
        at: now.toISOString(),
        date: localDate(now),
        recordId: crypto.randomUUID(),
        catalogue: (entryId) => catalogue.find((e) => e.id === entryId),
        determination: (sid) => sources.get(sid),
      });
      if (!next.ok) return next;
      const record = next.value;
      const after = fold([...records, record]);
      if (!after) return refuse('DETERMINATION_NOT_FOUND');
      const written = await this.append(v, determinationId, before, record, after);
      if (!written.ok) return written;
      return ok({ state: after, records: [...records, record] });
    });
  }

  /** 派生定密: the starting terms from the sources (highest level, longest period, narrowest scope). */
  deriveStart(sourceIds: readonly string[]): Promise<Result<DerivedStart>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const states = await loadStates(v);
      return deriveTerms(sourceIds, (id) => states.find((s) => s.id === id));
    });
  }

  /**
   * The review queue for today (定期审核), after recording any automatic declassification due when
   * this account may record it (otherwise an ended period shows as awaiting it).
   */
  reviewQueue(options: Partial<ReviewOptions> = {}): Promise<Result<ReviewItem[]>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      if (authorize(v.session.roles, 'determination.autoDeclassify').ok) await this.declassifyEnded(v);
      return ok(reviewQueue(await loadStates(v), localDate(v.now()), options));
    });
  }

  /**
   * 保密期限届满: appends the automatic declassification of every live determination whose period
   * has ended, one transaction each (with the `determinationApplied` event of every carrier it
   * covers); returns the records written. Safe to run at any time and twice: it is the rule acting,
   * recorded as `system`, in the session of a determiner or clerk (`determination.autoDeclassify`),
   * who is the audit entry's actor — the session layer runs it at every sign-in and unlock.
   */
  runAutoDeclassification(): Promise<Result<DeterminationRecord[]>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'determination.autoDeclassify');
      if (!allowed.ok) return allowed;
      return ok(await this.declassifyEnded(v));
    });
  }

  private async declassifyEnded(v: Vault): Promise<DeterminationRecord[]> {
    const now = v.now();
    const states = await loadStates(v);
    const due = autoDeclassifications(states, { at: now.toISOString(), date: localDate(now) }, () => crypto.randomUUID());
    const written: DeterminationRecord[] = [];
    for (const record of due) {
      const records = await loadRecords(v, record.determinationId);
      const before = fold(records);
      if (!before || before.seq !== record.seq - 1) continue; // someone else got there first
      const after = fold([...records, record]);
      if (!after) continue;
      try {
        // A carrier the ledger's rules refuse to change leaves the determination live: it shows in the queue again.
        if ((await this.append(v, record.determinationId, before, record, after)).ok) written.push(record);
      } catch (e) {
        if (!(e instanceof StaleError)) throw e;
      }
    }
    return written;
  }

  /** For the ledger: the level a carrier may not drop below, or null when no live determination covers it. */
  floorFor(carrierId: string): Promise<Result<CarrierFloor | null>> {
    return withVault(this.source, async (v) => {
      const rows = await v.db.determinations.where('carrierIds').equals(carrierId).toArray();
      const states = await Promise.all(rows.map(async (r) => (await determinationsTable.fromRow(v.cipher, asRow(r))).state));
      return ok(carrierFloor(carrierId, states));
    });
  }

  /**
   * Writes one record, the determination's new state and — for a decision that takes effect — the
   * `determinationApplied` event of every carrier it covers, in one transaction with their audit
   * entries (see determinationCarriers.ts). A carrier the ledger's rules refuse to change refuses
   * the whole step.
   */
  private async append(v: Vault, id: string, before: DeterminationState | null, record: DeterminationRecord, after: DeterminationState): Promise<Result<void>> {
    const expectedSeq = before?.seq ?? 0;
    const applied = await prepareCarrierApplications(v, before, record, after, (ids) => statesCovering(v, ids));
    if (!applied.ok) return applied;
    const { prepared, skipped } = applied.value;
    const recordRow = await recordsTable.toRow(v.cipher, record);
    const doc = docOf(after);
    const stateRow = await determinationsTable.toRow(v.cipher, doc);
    const audit = auditFor(before, record, after);
    if (prepared.length > 0 || skipped.length > 0) {
      audit.detail.carriersApplied = prepared.map((p) => p.state.id);
      if (skipped.length > 0) audit.detail.carriersSkipped = skipped;
    }
    const carrierTables = prepared.length > 0 ? [v.db.carriers, v.db.carrierEvents] : [];
    await v.commit(
      [v.db.determinations, v.db.determinationRecords, ...carrierTables],
      async () => {
        const current = await v.db.determinations.get(id);
        if ((current?.seq ?? 0) !== expectedSeq) throw new StaleError('determinations');
        await v.db.determinationRecords.add({ id: recordRow.id, determinationId: recordRow.determinationId, seq: recordRow.seq, at: recordRow.at, ct: recordRow.ct });
        await v.db.determinations.put({ id, status: doc.status, proposal: doc.proposal, seq: doc.seq, updatedAt: doc.updatedAt, carrierIds: doc.carrierIds, ct: stateRow.ct });
        for (const p of prepared) await p.write();
      },
      [audit, ...prepared.map((p) => p.audit)],
    );
    return ok(undefined);
  }
}

/** Reading determinations: whoever reads the ledger (handlers, clerks, approvers, determiners). */
function mayRead(v: Vault): Result<void> {
  return authorize(v.session.roles, 'carrier.read');
}

function actorOf(v: Vault): Actor {
  return { accountId: v.session.accountId, displayName: v.session.displayName, roles: v.session.roles };
}

async function loadCatalogue(v: Vault): Promise<CatalogueEntry[]> {
  const rows = await v.db.catalogue.toArray();
  const docs = await Promise.all(rows.map((r) => catalogueTable.fromRow(v.cipher, asRow(r))));
  return entriesFromVersions(docs.map(({ id: _id, ...version }) => version));
}

async function loadStates(v: Vault): Promise<DeterminationState[]> {
  const rows = await v.db.determinations.toArray();
  return Promise.all(rows.map(async (r) => (await determinationsTable.fromRow(v.cipher, asRow(r))).state));
}

/** The stored determinations covering any of these carriers (the `carrierIds` multi-entry index). */
async function statesCovering(v: Vault, carrierIds: readonly string[]): Promise<DeterminationState[]> {
  const rows = carrierIds.length ? await v.db.determinations.where('carrierIds').anyOf([...carrierIds]).distinct().toArray() : [];
  return Promise.all(rows.map(async (r) => (await determinationsTable.fromRow(v.cipher, asRow(r))).state));
}

async function loadRecords(v: Vault, id: string): Promise<DeterminationRecord[]> {
  const rows = await v.db.determinationRecords.where('[determinationId+seq]').between([id, 0], [id, Number.MAX_SAFE_INTEGER]).toArray();
  return Promise.all(rows.map((r) => recordsTable.fromRow(v.cipher, asRow(r))));
}

function termsOf(cmd: Command): Terms | undefined {
  return cmd.type === 'draft' || cmd.type === 'draftChange' || cmd.type === 'correct' || cmd.type === 'resubmit' ? cmd.terms : undefined;
}

/** The sources derived terms cite (the command's, or the draft's being decided), for the rule that they may not go below them. */
async function sourcesFor(v: Vault, termsList: (Terms | undefined)[]): Promise<Map<string, DeterminationState>> {
  const out = new Map<string, DeterminationState>();
  for (const terms of termsList) {
    if (terms?.basis.kind !== 'derived') continue;
    for (const sid of terms.basis.sourceIds) {
      const s = out.has(sid) ? undefined : fold(await loadRecords(v, sid));
      if (s) out.set(sid, s);
    }
  }
  return out;
}

function docOf(s: DeterminationState): DeterminationDoc {
  return { id: s.id, status: s.status, proposal: s.proposal?.state ?? 'none', seq: s.seq, updatedAt: s.updatedAt, carrierIds: s.subject.carrierIds, state: s };
}

/** The audit entry for a record: ids, what kind of step, the markings before and after — never the title. */
function auditFor(before: DeterminationState | null, r: DeterminationRecord, after: DeterminationState): { action: string; detail: Record<string, unknown> } {
  const detail: Record<string, unknown> = {
    determinationId: r.determinationId,
    recordId: r.id,
    seq: r.seq,
    before: before ? { status: before.status, marking: before.inForce?.marking ?? null } : null,
    after: { status: after.status, marking: after.inForce?.marking ?? null },
  };
  if ('procedure' in r) detail.procedure = r.procedure;
  if (r.type === 'autoDeclassified') detail.by = 'system';
  if (r.type === 'carriersLinked') detail.carrierIds = r.carrierIds;
  return { action: `determination.${r.type}`, detail };
}
