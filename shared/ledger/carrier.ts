import { assertNever, ok, refuse, type Result } from '../result';
import type { Level, Period, Scope } from './classification';
import type { HandoverEvent } from './events';

/**
 * 载体种类: paper document (纸质文件), disc (光介质), USB drive / SSD (电介质), hard disk (磁介质),
 * classified computer (涉密计算机), printer and its drum (打印机 / 硒鼓), other.
 */
export const CARRIER_KINDS = ['paper', 'disc', 'usb', 'hdd', 'computer', 'printer', 'other'] as const;
export type CarrierKind = (typeof CARRIER_KINDS)[number];

export function isCarrierKind(x: unknown): x is CarrierKind {
  return typeof x === 'string' && (CARRIER_KINDS as readonly string[]).includes(x);
}

/** What each kind records beyond the common fields. */
export type CarrierDetails =
  | { kind: 'paper'; pages: number }
  | { kind: 'disc'; discType: 'cd' | 'dvd' | 'bd' | 'other'; serial: string }
  | { kind: 'usb'; serial: string; model: string; capacity: string }
  | { kind: 'hdd'; serial: string; model: string; capacity: string }
  | { kind: 'computer'; assetNumber: string; model: string; serial: string; diskSerials: string[] }
  | { kind: 'printer'; assetNumber: string; model: string; drumSerial: string }
  | { kind: 'other'; description: string };

const short = (s: string, max = 80) => s.trim().length <= max;

/**
 * Checks a kind's own fields. Devices are identified by what is written on them: storage media by
 * serial number, computers and printers by the unit's asset number.
 */
export function validateDetails(d: CarrierDetails): Result<CarrierDetails> {
  // `rule` says which rule the field broke (required / tooLong with its max / pages), so the form can say it next to the field.
  const bad = (field: string, rule: string, max?: number) => refuse('CARRIER_INVALID_FIELD', max === undefined ? { field, rule } : { field, rule, max });
  const need = (field: string, v: string, max = 80) => (!v.trim() ? bad(field, 'required') : !short(v, max) ? bad(field, 'tooLong', max) : null);
  const long = (field: string, v: string, max = 80) => (short(v, max) ? null : bad(field, 'tooLong', max));
  switch (d.kind) {
    case 'paper':
      return Number.isInteger(d.pages) && d.pages >= 1 && d.pages <= 100_000 ? ok({ kind: 'paper', pages: d.pages }) : bad('pages', 'pages', 100_000);
    case 'disc':
      if (!['cd', 'dvd', 'bd', 'other'].includes(d.discType)) return bad('discType', 'choose');
      return long('serial', d.serial) ?? ok({ ...d, serial: d.serial.trim() });
    case 'usb':
    case 'hdd':
      return need('serial', d.serial) ?? long('model', d.model) ?? long('capacity', d.capacity) ?? ok({ ...d, serial: d.serial.trim(), model: d.model.trim(), capacity: d.capacity.trim() });
    case 'computer': {
      const assetBad = need('assetNumber', d.assetNumber);
      if (assetBad) return assetBad;
      const disks = d.diskSerials.map((s) => s.trim()).filter((s) => s.length > 0);
      if (disks.some((s) => !short(s))) return bad('diskSerials', 'tooLong', 80);
      return ok({ ...d, assetNumber: d.assetNumber.trim(), model: d.model.trim(), serial: d.serial.trim(), diskSerials: disks });
    }
    case 'printer':
      return need('assetNumber', d.assetNumber) ?? ok({ ...d, assetNumber: d.assetNumber.trim(), model: d.model.trim(), drumSerial: d.drumSerial.trim() });
    case 'other':
      return need('description', d.description, 200) ?? ok({ kind: 'other', description: d.description.trim() });
    default:
      return assertNever(d);
  }
}

/** Kinds that can be repaired at all (a paper or a disc is replaced, not repaired). */
export function isRepairable(kind: CarrierKind): boolean {
  switch (kind) {
    case 'usb':
    case 'hdd':
    case 'computer':
    case 'printer':
    case 'other':
      return true;
    case 'paper':
    case 'disc':
      return false;
    default:
      return assertNever(kind);
  }
}

/** Devices whose storage parts can be taken out before they go to an outside repairer (送外维修). */
export function hasRemovableStorage(kind: CarrierKind): boolean {
  return kind === 'computer' || kind === 'printer' || kind === 'other';
}

/** One side of a hand-over: a person in the directory, or an outside unit (received from, dispatched to). */
export type Party = { kind: 'person'; personId: string } | { kind: 'external'; name: string };

export function sameParty(a: Party, b: Party): boolean {
  if (a.kind === 'person' && b.kind === 'person') return a.personId === b.personId;
  if (a.kind === 'external' && b.kind === 'external') return a.name === b.name;
  return false;
}

/** 来源: produced here (制作), received from an outside unit (收), or a copy of another carrier. */
export type Origin =
  | { kind: 'produced'; department: string }
  | { kind: 'received'; from: string; receiptNumber?: string }
  | { kind: 'copy'; originalId: string; originalRegistryNumber: string; mode: CopyMode; approvalId: string };

/** 复制 / 摘录 / 汇编 */
export type CopyMode = 'copy' | 'excerpt' | 'compile';

/**
 * Where the carrier is in its lifecycle. `in_custody` is the normal state (held by its custodian at
 * its place); the three last ones are closed: the carrier has left the ledger's control for good.
 */
export const CARRIER_STATUSES = [
  'in_custody',
  'on_loan',
  'taken_out',
  'under_repair',
  'dispatched',
  'returned_to_issuer',
  'destroyed',
] as const;
export type CarrierStatus = (typeof CARRIER_STATUSES)[number];

export function isClosed(status: CarrierStatus): boolean {
  return status === 'dispatched' || status === 'returned_to_issuer' || status === 'destroyed';
}

/** A loan in progress (借阅): who has it, from whom, until when. */
export interface Loan {
  borrowerId: string;
  lenderId: string;
  since: string;
  dueOn: string;
}

/** Taken out of the office (携带外出). */
export interface Outing {
  personId: string;
  since: string;
  destination: string;
  expectedBackOn: string;
  abroad: boolean;
}

/** Away for repair (维修), with our own technician or an outside repairer. */
export interface Repair {
  since: string;
  mode: 'internal' | 'outside';
  repairer: Party;
  /** The day it left, as recorded (events before it was recorded have none: `since` then). */
  sentOn?: string;
  escortIds?: string[];
}

/** The fields every carrier has, as registered (and as corrected later). */
export interface CarrierRecord {
  title: string;
  /** 文号 */
  docNumber: string;
  level: Level;
  period: Period;
  scope: Scope;
  /** 份号: six digits, or empty where the carrier has none (a device). */
  copyNumber: string;
  details: CarrierDetails;
  origin: Origin;
  note: string;
}

/** A carrier as the fold of its events (see transition.ts). */
export interface CarrierState extends CarrierRecord {
  id: string;
  registryNumber: string;
  kind: CarrierKind;
  status: CarrierStatus;
  /** Who holds it right now: exactly one party at every moment. */
  custodian: Party;
  /** Where it is kept (保存位置, e.g. 保密柜 3 号); while on loan, out or away it is where it returns to. */
  place: string;
  loan: Loan | null;
  outing: Outing | null;
  repair: Repair | null;
  /** A hand-over waiting for the receiver's own confirmation (see HandoverEvent). */
  pending: PendingHandover | null;
  /** Copies made from this carrier, in order. */
  copyIds: string[];
  registeredAt: string;
  updatedAt: string;
  /** Number of events folded so far: the optimistic-concurrency version of the stored row. */
  version: number;
}

/** A hand-over offered but not yet confirmed by its receiver: it takes effect at confirmation. */
export interface PendingHandover {
  event: HandoverEvent;
  offeredAt: string;
}

/** Is this carrier a copy (whose level, period and scope are fixed by the original)? */
export function isCopy(c: Pick<CarrierRecord, 'origin'>): boolean {
  return c.origin.kind === 'copy';
}

export const COPY_NUMBER = /^\d{6}$/;

export function formatCopyNumber(n: number): string {
  return String(n).padStart(6, '0');
}

/** The registered (and correctable) fields of a carrier state. */
export function recordOf(s: CarrierState): CarrierRecord {
  return {
    title: s.title,
    docNumber: s.docNumber,
    level: s.level,
    period: s.period,
    scope: s.scope,
    copyNumber: s.copyNumber,
    details: s.details,
    origin: s.origin,
    note: s.note,
  };
}
