import { authorize } from '../../shared/auth/permissions';
import { approvalTransition, type ApprovalDetails, type ApprovalEvent, type ApprovalStatus } from '../../shared/ledger/approvals';
import { isClosed } from '../../shared/ledger/carrier';
import { ok, refuse, type Result } from '../../shared/result';
import { approvalsTable, asRow, carriersTable, ledgerContext, loadPeople, StaleError, withVault, type ApprovalDoc, type VaultSource } from './ledgerAccess';
import type { Vault } from './ledgerStore';
import type { ApprovalRow } from './schema';

/**
 * 审批: requests for copying, take-out, outside repair and loans outside the 知悉范围, and the
 * approver's decision. The rules (who may decide, never one's own request) are in
 * shared/ledger/approvals.ts; the carrier event that uses an approval marks it used (carriers.repo).
 * The audit entries leave out the free-text reason and opinion (the auditor need not be within the
 * carrier's scope); the approval record keeps them.
 */
export class ApprovalsRepo {
  constructor(private readonly source: VaultSource) {}

  /** Approvals, newest first; by status (e.g. the approver's queue of pending ones) or for one carrier. */
  list(filter: { status?: ApprovalStatus; carrierId?: string } = {}): Promise<Result<ApprovalDoc[]>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      const rows = filter.carrierId
        ? await v.db.approvals.where('carrierId').equals(filter.carrierId).toArray()
        : filter.status
          ? await v.db.approvals.where('status').equals(filter.status).toArray()
          : await v.db.approvals.toArray();
      const docs = await Promise.all(rows.map((r) => approvalsTable.fromRow(v.cipher, asRow(r))));
      return ok(docs.filter((d) => !filter.status || d.status === filter.status).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)));
    });
  }

  /**
   * The approvals with these ids, read by primary key and decrypted — nothing else is read;
   * `missing`: ids no longer stored. What the ledger page merges after a change (ledgerChanges.ts).
   */
  byIds(ids: readonly string[]): Promise<Result<{ approvals: ApprovalDoc[]; missing: string[] }>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      const rows = await v.db.approvals.bulkGet([...ids]);
      const found = rows.filter((r): r is ApprovalRow => r !== undefined);
      const missing = ids.filter((_, i) => rows[i] === undefined);
      return ok({ approvals: await Promise.all(found.map((r) => approvalsTable.fromRow(v.cipher, asRow(r)))), missing });
    });
  }

  request(carrierId: string, details: ApprovalDetails, reason: string): Promise<Result<ApprovalDoc>> {
    return withVault(this.source, async (v) => {
      const row = await v.db.carriers.get(carrierId);
      if (!row) return refuse('CARRIER_NOT_FOUND');
      const carrier = (await carriersTable.fromRow(v.cipher, asRow(row))).state;
      if (carrier.status === 'destroyed') return refuse('CARRIER_DESTROYED');
      if (isClosed(carrier.status)) return refuse('CARRIER_CLOSED', { status: carrier.status });
      const id = crypto.randomUUID();
      const event: ApprovalEvent = { type: 'requested', approvalId: id, carrierId, details, reason };
      return this.write(v, null, event, { requestedByName: v.session.displayName, decidedByName: null }, { registryNumber: carrier.registryNumber });
    });
  }

  decide(id: string, decision: 'approved' | 'refused', opinion: string): Promise<Result<ApprovalDoc>> {
    return withVault(this.source, async (v) => {
      const before = await this.read(v, id);
      if (!before) return refuse('APPROVAL_NOT_FOUND');
      return this.write(v, before, { type: decision, opinion }, { requestedByName: before.requestedByName, decidedByName: v.session.displayName });
    });
  }

  withdraw(id: string): Promise<Result<ApprovalDoc>> {
    return withVault(this.source, async (v) => {
      const before = await this.read(v, id);
      if (!before) return refuse('APPROVAL_NOT_FOUND');
      return this.write(v, before, { type: 'withdrawn' }, { requestedByName: before.requestedByName, decidedByName: before.decidedByName });
    });
  }

  private async read(v: Vault, id: string): Promise<ApprovalDoc | null> {
    const row = await v.db.approvals.get(id);
    return row ? approvalsTable.fromRow(v.cipher, asRow(row)) : null;
  }

  private async write(
    v: Vault,
    before: ApprovalDoc | null,
    event: ApprovalEvent,
    names: Pick<ApprovalDoc, 'requestedByName' | 'decidedByName'>,
    extra: Record<string, unknown> = {},
  ): Promise<Result<ApprovalDoc>> {
    const ctx = ledgerContext(v, await loadPeople(v));
    const next = approvalTransition(before, event, ctx);
    if (!next.ok) return next;
    const doc: ApprovalDoc = { ...next.value, ...names };
    const row = (await approvalsTable.toRow(v.cipher, doc)) as unknown as ApprovalRow;
    await v.commit([v.db.approvals], async () => {
      const current = await v.db.approvals.get(doc.id);
      if (before ? current?.version !== before.version : current !== undefined) throw new StaleError('approvals');
      await v.db.approvals.put(row);
    }, [{ action: `approval.${event.type}`, detail: { approvalId: doc.id, carrierId: doc.carrierId, kind: doc.details.kind, status: doc.status, details: doc.details, requestedBy: doc.requestedBy, decidedBy: doc.decidedBy, ...extra } }]);
    return ok(doc);
  }
}
