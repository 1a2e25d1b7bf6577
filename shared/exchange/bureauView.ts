import { z } from 'zod';
import type { BundleRecord } from '../bundle/content';
import { daysBetween } from '../determination/dates';
import type { DeterminationState } from '../determination/records';
import { reviewQueue } from '../determination/review';
import { periodEnd } from '../determination/terms';
import type { ReceivedBatch, ReceivedDecommission } from './receive';
import type { ReceivedCarrier } from './receive';

/**
 * What the bureau (上级部门) sees of one unit, computed from the records its bundles brought. Pure:
 * the store decrypts, this selects. Records were checked for these fields at import (receive.ts),
 * and anything unexpected beyond them is skipped, not trusted.
 */

export interface OverdueCarrier {
  id: string;
  registryNumber: string;
  title: string;
  marking: string;
  status: string;
  custodianName: string;
  dueOn: string;
  daysOver: number;
}

/** Loans and take-outs past their date on `today` (借阅超期, 外出逾期). */
export function overdueCarriers(carriers: readonly ReceivedCarrier[], today: string): OverdueCarrier[] {
  const out: OverdueCarrier[] = [];
  for (const c of carriers) {
    const dueOn = c.status === 'on_loan' ? c.loan?.dueOn : c.status === 'taken_out' ? c.outing?.expectedBackOn : undefined;
    if (!dueOn || dueOn >= today) continue;
    out.push({ id: c.id, registryNumber: c.registryNumber, title: c.title, marking: c.marking, status: c.status, custodianName: c.custodianName, dueOn, daysOver: daysBetween(dueOn, today) });
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.registryNumber.localeCompare(b.registryNumber));
}

const missingItem = z.looseObject({ carrierId: z.string(), registryNumber: z.string() });
const closedInventory = z.looseObject({
  id: z.string(),
  kind: z.literal('inventory'),
  status: z.literal('closed'),
  state: z.looseObject({ closedAt: z.string(), result: z.looseObject({ missing: z.array(missingItem) }) }),
});

export interface MissingCarrier {
  carrierId: string;
  registryNumber: string;
  title: string;
  marking: string;
  custodianName: string;
  inventoryClosedAt: string;
}

/** 清查缺失: what the unit's latest closed inventory did not find, unless found or closed since. */
export function missingCarriers(inventories: readonly BundleRecord[], carriers: readonly ReceivedCarrier[]): MissingCarrier[] {
  let latest: z.infer<typeof closedInventory> | null = null;
  for (const r of inventories) {
    const p = closedInventory.safeParse(r);
    if (p.success && (!latest || p.data.state.closedAt > latest.state.closedAt)) latest = p.data;
  }
  if (!latest) return [];
  const byId = new Map(carriers.map((c) => [c.id, c]));
  const out: MissingCarrier[] = [];
  for (const m of latest.state.result.missing) {
    const c = byId.get(m.carrierId);
    // A carrier the unit has since closed (destroyed, dispatched, returned) is no longer missing here.
    if (c && ['destroyed', 'dispatched', 'returned_to_issuer'].includes(c.status)) continue;
    out.push({
      carrierId: m.carrierId,
      registryNumber: m.registryNumber,
      title: c?.title ?? '',
      marking: c?.marking ?? '',
      custodianName: c?.custodianName ?? '',
      inventoryClosedAt: latest.state.closedAt,
    });
  }
  return out;
}

export interface ExpiringItem {
  determinationId: string;
  title: string;
  marking: string;
  periodEnd: string;
  daysLeft: number;
}

/** 保密期限即将届满 (or already past, awaiting the unit's automatic declassification). */
export function expiringPeriods(determinations: readonly BundleRecord[], today: string, windowDays = 90): ExpiringItem[] {
  const states = determinations.filter((d) => d.status === 'live' && typeof d.inForce === 'object' && d.inForce !== null) as unknown as DeterminationState[];
  const out: ExpiringItem[] = [];
  for (const item of reviewQueue(states, today, { windowDays })) {
    if (item.kind !== 'expired' && item.kind !== 'expiring') continue;
    const s = states.find((x) => x.id === item.determinationId);
    if (!s?.inForce) continue;
    out.push({
      determinationId: s.id,
      title: s.subject.title,
      marking: s.inForce.marking,
      periodEnd: item.periodEnd,
      daysLeft: item.kind === 'expiring' ? item.daysLeft : -daysBetween(item.periodEnd, today),
    });
  }
  return out;
}

/** The period end of a determination record, for a list; null when it has none or is not in force. */
export function determinationPeriodEnd(d: DeterminationState): string | null {
  return d.inForce ? periodEnd(d.inForce.terms.period, d.inForce.startDate) : null;
}

export interface ImportLogEntry {
  sequence: number;
  manifestHash: string;
  period: { from: string; to: string };
  createdAt: string;
  importedAt: string;
}

export interface ReportingStatus {
  lastSequence: number | null;
  lastImportedAt: string | null;
  /** The last day the unit's bundles cover. */
  coveredTo: string | null;
  /** Days between the last covered day and today: how long nothing has come from the unit. */
  daysSinceCovered: number | null;
  /** Over the reporting interval (default 31 days): the bureau should ask for the next bundle. */
  late: boolean;
}

export function reportingStatus(log: readonly ImportLogEntry[], today: string, intervalDays = 31): ReportingStatus {
  const last = [...log].sort((a, b) => b.sequence - a.sequence)[0];
  if (!last) return { lastSequence: null, lastImportedAt: null, coveredTo: null, daysSinceCovered: null, late: true };
  const days = Math.max(0, daysBetween(last.period.to, today));
  return { lastSequence: last.sequence, lastImportedAt: last.importedAt, coveredTo: last.period.to, daysSinceCovered: days, late: days > intervalDays };
}

/** One destroyed carrier as the bureau lists it, with its batch's hand-over (body, escorts, certificate). */
export interface DestroyedCarrier {
  id: string;
  carrierId: string;
  registryNumber: string;
  title: string;
  level: string;
  destroyedOn: string;
  body: string;
  certificateNumber: string;
  /** The batch (销毁批次) it was destroyed in, when the unit's bundles carried it. */
  batchId: string | null;
  escorts: string[];
  certificateSha256: string | null;
}

const destructionLine = z.looseObject({
  id: z.string(),
  carrierId: z.string(),
  registryNumber: z.string(),
  title: z.string(),
  level: z.string(),
  destroyedOn: z.string(),
  destructionBody: z.string(),
  certificateNumber: z.string(),
  batchId: z.string().optional(),
});

/**
 * 销毁记录 joined with their batches: each destroyed carrier with the batch, the escorts and the
 * certificate scan's SHA-256 (from `destruction-batches`; bundles written before batches were
 * exported leave those empty). Newest first.
 */
export function destroyedCarriers(destructions: readonly BundleRecord[], batches: readonly ReceivedBatch[]): DestroyedCarrier[] {
  const byId = new Map(batches.map((b) => [b.id, b]));
  const out: DestroyedCarrier[] = [];
  for (const r of destructions) {
    const p = destructionLine.safeParse(r);
    if (!p.success) continue;
    const d = p.data;
    const batch = d.batchId !== undefined ? byId.get(d.batchId) : undefined;
    out.push({
      id: d.id,
      carrierId: d.carrierId,
      registryNumber: d.registryNumber,
      title: d.title,
      level: d.level,
      destroyedOn: d.destroyedOn,
      body: d.destructionBody,
      certificateNumber: d.certificateNumber,
      batchId: d.batchId ?? null,
      escorts: batch?.handover?.escorts ?? [],
      certificateSha256: batch?.handover?.certificateSha256 ?? null,
    });
  }
  return out.sort((a, b) => b.destroyedOn.localeCompare(a.destroyedOn) || a.registryNumber.localeCompare(b.registryNumber));
}

/** Batches newest first (by request time), then by id. */
export function sortedBatches(batches: readonly ReceivedBatch[]): ReceivedBatch[] {
  return [...batches].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt) || a.id.localeCompare(b.id));
}

/** Decommissions newest first (by application time), then by id. */
export function sortedDecommissions(list: readonly ReceivedDecommission[]): ReceivedDecommission[] {
  return [...list].sort((a, b) => b.appliedAt.localeCompare(a.appliedAt) || a.id.localeCompare(b.id));
}
