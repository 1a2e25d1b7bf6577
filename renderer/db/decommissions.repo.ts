import { authorize } from '../../shared/auth/permissions';
import { checkNoOpenApplication, DEVICE_KINDS, deviceTransition, isDevice, isOpenApplication, type Decommission, type DeviceContext, type DeviceEvent } from '../../shared/destruction/device';
import { activeNames } from '../../shared/destruction/lists';
import type { CarrierState } from '../../shared/ledger/carrier';
import { ok, refuse, type Result } from '../../shared/result';
import { decommissionsTable, mayReadDestruction as mayRead, destructionEventsTable, eventDocOf, readCarriers, readCarriersOfKinds, readDecommissions, readLists, rowOf, type DecommissionDoc, type DestructionEventDoc } from './destructionAccess';
import { actorOf, asRow, loadPeople, localDate, StaleError, withVault, type VaultSource } from './ledgerAccess';
import type { Vault } from './ledgerStore';
import type { DecommissionRow, DestructionEventRow } from './schema';

/** A device of the ledger with its decommissioning records, newest first. */
export interface DeviceEntry {
  carrier: CarrierState;
  records: DecommissionDoc[];
}

export interface ErasureInput {
  personId: string;
  tool: string;
  on: string;
  note: string;
}

/**
 * 涉密计算机和存储设备的停用/报废与信息消除: an application (handler or clerk), the approver's
 * decision (not the applicant's own), then the clerk's record of the erasure — who, with which
 * approved tool, on which day. The rules are shared/destruction/device.ts; each step is encrypted
 * and written with its event and audit entry in one transaction, after checking the record is
 * unchanged. A device may have one application in force at a time; refused ones stay on record.
 * A stopped (停用) device not yet erased may be put back into use (重新起用) with an approval; its
 * application then no longer counts, and a new one may follow.
 */
export class DecommissionsRepo {
  constructor(private readonly source: VaultSource) {}

  /** Every device of the ledger not yet closed, with its applications. */
  devices(): Promise<Result<DeviceEntry[]>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const carriers = (await readCarriersOfKinds(v, DEVICE_KINDS)).filter((c) => isDevice(c.kind) && c.status !== 'dispatched' && c.status !== 'returned_to_issuer');
      const records = await readDecommissions(v);
      const byCarrier = new Map<string, DecommissionDoc[]>();
      for (const r of records) byCarrier.set(r.carrierId, [...(byCarrier.get(r.carrierId) ?? []), r]);
      return ok(
        carriers.map((carrier) => ({ carrier, records: (byCarrier.get(carrier.id) ?? []).sort((a, b) => b.state.appliedAt.localeCompare(a.state.appliedAt)) })),
      );
    });
  }

  /** The events of one application, oldest first. */
  events(id: string): Promise<Result<DestructionEventDoc[]>> {
    return withVault(this.source, async (v) => {
      const allowed = mayRead(v);
      if (!allowed.ok) return allowed;
      const row = await v.db.decommissions.get(id);
      if (!row) return refuse('DEVICE_NOT_FOUND');
      const doc = await decommissionsTable.fromRow(v.cipher, asRow(row));
      const rows = await v.db.destructionEvents.where('[subjectId+seq]').between([id, 0], [id, Infinity]).toArray();
      const events = await Promise.all(rows.map((r) => destructionEventsTable.fromRow(v.cipher, asRow(r))));
      if (events.length !== doc.version || events.some((e, i) => e.seq !== i + 1)) return refuse('STORE_TAMPERED', { table: 'destructionEvents', id });
      return ok(events);
    });
  }

  /** 停用/报废申请 for a device. */
  apply(carrierId: string, mode: Decommission, reason: string): Promise<Result<DecommissionDoc>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'destruction.request');
      if (!allowed.ok) return allowed;
      const existing = await readDecommissions(v, [carrierId]);
      const one = checkNoOpenApplication(existing.map((d) => d.state));
      if (!one.ok) return one;
      return this.write(v, null, { type: 'applied', deviceId: crypto.randomUUID(), carrierId, mode, reason }, carrierId, existing);
    });
  }

  decide(id: string, decision: 'approved' | 'refused', opinion: string, expectedVersion?: number): Promise<Result<DecommissionDoc>> {
    return this.step(id, { type: decision, opinion }, expectedVersion);
  }

  /** 信息消除: who erased it, with which approved tool, on which day. */
  recordErasure(id: string, input: ErasureInput, expectedVersion?: number): Promise<Result<DecommissionDoc>> {
    return this.step(id, { type: 'erased', ...input }, expectedVersion);
  }

  /** 重新起用申请: a stopped device, not erased, asked to be put back into use. */
  requestReenable(id: string, reason: string, expectedVersion?: number): Promise<Result<DecommissionDoc>> {
    return this.step(id, { type: 'reenableRequested', reason }, expectedVersion);
  }

  /** The approver's decision on 重新起用; never the requester's own. */
  decideReenable(id: string, decision: 'approved' | 'refused', opinion: string, expectedVersion?: number): Promise<Result<DecommissionDoc>> {
    return this.step(id, decision === 'approved' ? { type: 'reenableApproved', opinion } : { type: 'reenableRefused', opinion }, expectedVersion);
  }

  private step(id: string, event: DeviceEvent, expectedVersion: number | undefined): Promise<Result<DecommissionDoc>> {
    return withVault(this.source, async (v) => {
      const row = await v.db.decommissions.get(id);
      if (!row) return refuse('DEVICE_NOT_FOUND');
      const before = await decommissionsTable.fromRow(v.cipher, asRow(row));
      if (expectedVersion !== undefined && before.version !== expectedVersion) return refuse('STALE_STATE');
      return this.write(v, before, event, before.carrierId, []);
    });
  }

  private async write(v: Vault, before: DecommissionDoc | null, event: DeviceEvent, carrierId: string, existing: DecommissionDoc[]): Promise<Result<DecommissionDoc>> {
    const people = await loadPeople(v);
    const carriers = await readCarriers(v, [carrierId]);
    const now = v.now();
    const byPerson = new Map(people.map((p) => [p.id, p]));
    const ctx: DeviceContext = {
      at: now.toISOString(),
      today: localDate(now),
      actor: actorOf(v.session, people),
      carrier: (id) => carriers.get(id),
      person: (id) => byPerson.get(id),
      approvedTools: activeNames(await readLists(v), 'tool'),
    };
    const next = deviceTransition(before?.state ?? null, event, ctx);
    if (!next.ok) return next;
    const carrier = carriers.get(carrierId);
    const doc: DecommissionDoc = {
      id: next.value.id,
      carrierId: next.value.carrierId,
      status: next.value.status,
      updatedAt: ctx.at,
      version: next.value.version,
      state: next.value,
      registryNumber: before?.registryNumber ?? carrier?.registryNumber ?? '',
      names: { ...(before?.names ?? {}), [v.session.accountId]: v.session.displayName },
    };
    const row = rowOf<DecommissionRow>(await decommissionsTable.toRow(v.cipher, doc));
    const eventRow = rowOf<DestructionEventRow>(await destructionEventsTable.toRow(v.cipher, eventDocOf(v, doc.id, doc.version, ctx.at, { subject: 'device', event })));
    const openBefore = existing.filter((d) => isOpenApplication(d.state)).map((d) => d.id);
    await v.commit([v.db.decommissions, v.db.destructionEvents], async () => {
      const current = await v.db.decommissions.get(doc.id);
      if (before ? current?.version !== before.version : current !== undefined) throw new StaleError('decommissions');
      if (!before) {
        // No other application for the device came into force meanwhile.
        const others = await v.db.decommissions.where('carrierId').equals(carrierId).toArray();
        if (others.some((o) => isOpenApplication({ status: o.status as DecommissionDoc['state']['status'] }) && !openBefore.includes(o.id))) throw new StaleError('decommissions');
      }
      await v.db.decommissions.put(row);
      await v.db.destructionEvents.add(eventRow);
    }, [{ action: `destruction.device.${event.type}`, detail: deviceDetail(doc, event) }]);
    return ok(doc);
  }
}

/** Ids, the device's registry number, mode and status, the erasure's person, tool and day; no reasons or opinions. */
function deviceDetail(doc: DecommissionDoc, event: DeviceEvent): Record<string, unknown> {
  const s = doc.state;
  return {
    deviceId: doc.id,
    carrierId: doc.carrierId,
    registryNumber: doc.registryNumber,
    mode: s.mode,
    status: s.status,
    appliedBy: s.appliedBy,
    decidedBy: s.decidedBy,
    ...(event.type === 'erased' ? { erasure: { personId: event.personId, tool: event.tool.trim(), on: event.on } } : {}),
    ...(s.reenable ? { reenable: { requestedBy: s.reenable.requestedBy, decidedBy: s.reenable.decidedBy } } : {}),
  };
}
