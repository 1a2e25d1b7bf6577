import type { AuditEntry } from '../audit/chain';
import type { BundleRecord } from '../bundle/content';
import type { CarrierState, Party } from '../ledger/carrier';
import { marking } from '../ledger/classification';
import type { CarrierEvent } from '../ledger/events';
import type { DeterminationRecord, DeterminationState } from '../determination/records';
import type { BatchState } from '../destruction/batch';
import type { DeviceState } from '../destruction/device';
import { countBy, type CarrierTotals } from './statistics';

/**
 * What a unit's export bundle (单位上报包) holds, record by record: the content files and the shape
 * of their records. Pure: the store reads and decrypts, this shapes, shared/bundle writes and signs.
 * docs/bundle-format.md §5 leaves the record shapes to the ledger; they are listed in
 * docs/decisions.md ("Exchange, app side").
 */

/** The content files of a unit export, always all of them (empty files when nothing changed). */
export const UNIT_EXPORT_CONTENT = [
  'carriers',
  'events',
  'destructions',
  'determinations',
  'determination-records',
  'inventories',
  'audit',
  'statistics',
  'key-rotation',
  'destruction-batches',
  'device-decommissions',
] as const;
export type UnitExportContent = (typeof UNIT_EXPORT_CONTENT)[number];

/** Full: the whole ledger as it is now. Delta: what changed since the last bundle (增量). */
export type ExportMode = 'full' | 'delta';

/** One carrier event as the store keeps it (renderer/db's CarrierEventDoc). */
export interface ExportEvent {
  id: string;
  carrierId: string;
  seq: number;
  at: string;
  actorName: string;
  event: CarrierEvent;
}

/**
 * A destruction batch as the store keeps it: the fold of its events, the names of the accounts that
 * acted on it (accountId → display name), when it last changed, and its carriers as the ledger
 * knows them (read by id: a batch's carriers need not have changed in the bundle's period).
 */
export interface ExportBatch {
  state: BatchState;
  names: Readonly<Record<string, string>>;
  updatedAt: string;
}

/** A 停用/报废 application as the store keeps it, with its device's registry number. */
export interface ExportDecommission {
  state: DeviceState;
  names: Readonly<Record<string, string>>;
  registryNumber: string;
  updatedAt: string;
}

/** An audit entry with the name of the account that acted (the bureau does not know account ids). */
export type ExportAuditEntry = AuditEntry & { actorName: string | null };

export interface UnitExportData {
  mode: ExportMode;
  /** The carriers this bundle carries: all (full) or those changed since the last bundle (delta). */
  carriers: readonly CarrierState[];
  /** The whole ledger's counts for the statistics (counted by the store; see carrierTotals). */
  totals: CarrierTotals;
  /** Loans and take-outs past their date at the cutoff, in the whole ledger. */
  overdue: number;
  events: readonly ExportEvent[];
  determinations: readonly DeterminationState[];
  determinationRecords: readonly DeterminationRecord[];
  /** Inventories and recalls as stored (records with an id). */
  inventories: readonly BundleRecord[];
  /** The audit trail since the last bundle. */
  audit: readonly ExportAuditEntry[];
  /** Destruction batches: all (full) or those changed since the last bundle (delta). */
  batches?: readonly ExportBatch[];
  /** 停用/报废 applications: all (full) or those changed since the last bundle (delta). */
  decommissions?: readonly ExportDecommission[];
  /** The carriers of the batches carried, by id (whether or not they changed in the period). */
  batchCarrier?: (carrierId: string) => CarrierState | undefined;
  /** Names of the people of the directory, for the custodian column the bureau reads. */
  personName: (personId: string) => string | undefined;
  /** The moment the content was read (the bundle's createdAt) and the period it covers. */
  cutoff: string;
  period: { from: string; to: string };
}

export function partyName(p: Party, personName: (id: string) => string | undefined): string {
  return p.kind === 'person' ? (personName(p.personId) ?? p.personId) : p.name;
}

/** A carrier as the bureau receives it: its whole state, its marking and the custodian's name. */
export function carrierRecord(c: CarrierState, personName: (id: string) => string | undefined): BundleRecord {
  return { ...c, marking: marking(c.level, c.period), custodianName: partyName(c.custodian, personName) };
}

export function eventRecord(e: ExportEvent): BundleRecord {
  return { id: e.id, carrierId: e.carrierId, seq: e.seq, at: e.at, actorName: e.actorName, type: e.event.type, event: e.event };
}

/** 销毁记录: every carrier destroyed in the period, from its closing `destroyed` event. */
export function destructionRecords(events: readonly ExportEvent[], carriers: ReadonlyMap<string, CarrierState>): BundleRecord[] {
  const out: BundleRecord[] = [];
  for (const e of events) {
    if (e.event.type !== 'destroyed') continue;
    const c = carriers.get(e.carrierId);
    out.push({
      id: e.id,
      carrierId: e.carrierId,
      registryNumber: c?.registryNumber ?? '',
      title: c?.title ?? '',
      level: c?.level ?? '',
      kind: c?.kind ?? '',
      destroyedOn: e.event.destroyedOn,
      destructionBody: e.event.destructionBody,
      certificateNumber: e.event.certificateNumber,
      ...(e.event.batchId !== undefined ? { batchId: e.event.batchId } : {}),
      recordedAt: e.at,
    });
  }
  return out;
}

const accountName = (names: Readonly<Record<string, string>>, id: string | null): string | null => (id === null ? null : (names[id] ?? id));

/**
 * 销毁批次 as the secrecy office recorded it: who requested, counted and decided it and when, the
 * approval opinion, its carriers (id, registry number, title, level, kind) and their counts, and —
 * once handed over — the destruction body, the date, the escorts (监销人) by name, the certificate
 * number and the SHA-256 of the certificate scan (the scan itself stays in the unit's store).
 */
export function destructionBatchRecord(b: ExportBatch, carrier: (id: string) => CarrierState | undefined, personName: (id: string) => string | undefined): BundleRecord {
  const s = b.state;
  const carriers = s.carrierIds.map((id) => {
    const c = carrier(id);
    return { carrierId: id, registryNumber: c?.registryNumber ?? '', title: c?.title ?? '', level: c?.level ?? '', kind: c?.kind ?? '' };
  });
  const h = s.handover;
  return {
    id: s.id,
    status: s.status,
    reason: s.reason,
    requestedBy: accountName(b.names, s.requestedBy),
    requestedAt: s.requestedAt,
    countedBy: accountName(b.names, s.countedBy),
    countedAt: s.countedAt,
    decidedBy: accountName(b.names, s.decidedBy),
    decidedAt: s.decidedAt,
    opinion: s.opinion,
    carrierCount: carriers.length,
    byLevel: countBy(carriers, (c) => c.level),
    byKind: countBy(carriers, (c) => c.kind),
    carriers,
    handover: h
      ? {
          body: h.body,
          on: h.on,
          escorts: h.escortIds.map((id) => personName(id) ?? id),
          certificateNumber: h.certificateNumber,
          certificateSha256: h.certificateScan?.sha256 ?? null,
          certificateBytes: h.certificateScan?.bytes ?? null,
        }
      : null,
    updatedAt: b.updatedAt,
  };
}

/**
 * 停用/报废 of a device with its decision and its information erasure (信息消除: who, which approved
 * tool, when) — what lets the device join a destruction batch.
 */
export function deviceDecommissionRecord(d: ExportDecommission, personName: (id: string) => string | undefined): BundleRecord {
  const s = d.state;
  const e = s.erasure;
  const r = s.reenable ?? null;
  return {
    id: s.id,
    carrierId: s.carrierId,
    registryNumber: d.registryNumber,
    mode: s.mode,
    reason: s.reason,
    status: s.status,
    appliedBy: accountName(d.names, s.appliedBy),
    appliedAt: s.appliedAt,
    decidedBy: accountName(d.names, s.decidedBy),
    decidedAt: s.decidedAt,
    opinion: s.opinion,
    erasure: e ? { by: personName(e.personId) ?? e.personId, tool: e.tool, on: e.on, note: e.note } : null,
    reenable: r
      ? { requestedBy: accountName(d.names, r.requestedBy), requestedAt: r.requestedAt, reason: r.reason, decidedBy: accountName(d.names, r.decidedBy), decidedAt: r.decidedAt, opinion: r.opinion }
      : null,
    updatedAt: d.updatedAt,
  };
}

export const auditRecordId = (seq: number): string => `audit-${String(seq).padStart(12, '0')}`;

export function auditRecord(a: ExportAuditEntry): BundleRecord {
  return {
    id: auditRecordId(a.seq),
    seq: a.seq,
    at: a.at,
    actor: a.actor,
    actorName: a.actorName,
    action: a.action,
    detail: a.detail,
    prevHash: a.prevHash,
    hash: a.hash,
  };
}

export interface StatisticsRecord extends BundleRecord {
  id: 'statistics';
  asOf: string;
  period: { from: string; to: string };
  mode: ExportMode;
  carriers: CarrierTotals;
  /** Loans and take-outs past their date at the cutoff. */
  overdue: number;
  /** Events of the period by type (registered, lent, destroyed, …). */
  eventsByType: Record<string, number>;
  determinationsByStatus: Record<string, number>;
  auditEntries: number;
}

export function statisticsRecord(d: UnitExportData): StatisticsRecord {
  return {
    id: 'statistics',
    asOf: d.cutoff,
    period: d.period,
    mode: d.mode,
    carriers: d.totals,
    overdue: d.overdue,
    eventsByType: countBy(d.events, (e) => e.event.type),
    determinationsByStatus: countBy(d.determinations, (s) => s.status),
    auditEntries: d.audit.length,
  };
}

/** The content of a unit export, one list of records per file; `key-rotation` is the keyring's (outgoing.ts). */
export function unitExportContent(d: UnitExportData): Record<Exclude<UnitExportContent, 'key-rotation'>, BundleRecord[]> {
  // A carrier destroyed in the period changed in it, so it is among the carriers carried.
  const byId = new Map(d.carriers.map((c) => [c.id, c]));
  return {
    carriers: d.carriers.map((c) => carrierRecord(c, d.personName)),
    events: d.events.map(eventRecord),
    destructions: destructionRecords(d.events, byId),
    determinations: d.determinations.map((s) => ({ ...s })),
    'determination-records': d.determinationRecords.map((r) => ({ ...r })),
    inventories: [...d.inventories],
    audit: d.audit.map(auditRecord),
    statistics: [statisticsRecord(d)],
    'destruction-batches': (d.batches ?? []).map((b) => destructionBatchRecord(b, (id) => d.batchCarrier?.(id) ?? byId.get(id), d.personName)),
    'device-decommissions': (d.decommissions ?? []).map((x) => deviceDecommissionRecord(x, d.personName)),
  };
}
