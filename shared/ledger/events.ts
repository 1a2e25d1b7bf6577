import type { Action } from '../auth/permissions';
import { assertNever } from '../result';
import type { CarrierKind, CarrierRecord, CopyMode, Party } from './carrier';

/**
 * How the receiver of a hand-over confirms it (交接签收): the signed paper slip whose number the
 * clerk records (covers both signatures), the receiver acting in their own session, or not yet —
 * then the hand-over waits for the receiver to confirm in their own session.
 */
export type Confirmation = { kind: 'slip'; slipNumber: string } | { kind: 'receiver' } | { kind: 'awaiting' };

/** Both parties of a hand-over, named; `from` is always the current custodian. */
export interface Handover {
  from: Party;
  to: Party;
  confirmation: Confirmation;
}

/**
 * The events of a carrier's life, the ten regulated steps of SPEC §4:
 * 制作 / 收 → registered (origin produced / received); 发 → dispatched; 传递 → transferred;
 * 阅读使用 / 借阅 → lent, loanReturned; 复制 / 摘录 / 汇编 → copyMade (and the copy's own
 * registered); 保存 → stored; 维修 → repairSent, repairReturned; 携带外出 → takenOut, broughtBack;
 * 清退 → returnedToIssuer; 销毁 → destroyed (the closing event of the destruction workflow).
 * Plus corrections and the confirmation or withdrawal of a waiting hand-over.
 */
export type CarrierEvent =
  | {
      type: 'registered';
      carrierId: string;
      registryNumber: string;
      kind: CarrierKind;
      record: CarrierRecord;
      custodianId: string;
      place: string;
    }
  | { type: 'transferred'; handover: Handover; place: string; reason: string }
  | { type: 'lent'; handover: Handover; dueOn: string; approvalId?: string }
  | { type: 'loanReturned'; handover: Handover; place: string }
  | { type: 'copyMade'; approvalId: string; mode: CopyMode; copyIds: string[] }
  | { type: 'stored'; place: string; reason: string }
  | {
      type: 'repairSent';
      mode: 'internal' | 'outside';
      handover: Handover;
      approvalId?: string;
      storageRemoved: boolean;
      /** The day it left (送修日期); required for outside repair. Older events have none. */
      sentOn?: string;
      /** 陪同人员: who goes with it (at least one for outside repair). */
      escortIds?: string[];
    }
  | { type: 'repairReturned'; handover: Handover; place: string; returnedOn?: string; check?: RepairReturnCheck }
  | {
      type: 'takenOut';
      handover: Handover;
      destination: string;
      expectedBackOn: string;
      abroad: boolean;
      approvalId: string;
    }
  | { type: 'broughtBack'; handover: Handover; place: string }
  | { type: 'dispatched'; handover: Handover }
  | { type: 'returnedToIssuer'; handover: Handover }
  | { type: 'destroyed'; certificateNumber: string; destructionBody: string; destroyedOn: string; batchId?: string }
  | { type: 'corrected'; changes: Correction[]; reason: string }
  | { type: 'handoverConfirmed' }
  | { type: 'handoverCancelled'; reason: string }
  | DeterminationApplied;

/**
 * 定密决定适用: a decision on a determination (定密) covering the carrier — 确定, 变更, 解密 / 解除, or
 * its period ending (保密期限届满自动解密) — sets the carrier's level, period and scope. The carrier
 * takes the terms of the highest live determination covering it (or of its original, for a copy);
 * when none is left it becomes 非密. `changes` may be empty: the decision is on the timeline even
 * when the carrier already had those terms.
 */
export interface DeterminationApplied {
  type: 'determinationApplied';
  determinationId: string;
  /** The determination's record this follows (its decision). */
  recordId: string;
  /** 确定 (or linked to a live determination), 变更, 解密 / 解除. */
  effect: 'classified' | 'changed' | 'declassified';
  /** The period ended with no decision: the rules acted, not a person. */
  auto: boolean;
  /** 密级标志 of the carrier afterwards ('' for 非密). */
  marking: string;
  changes: TermsChange[];
}

/** The fields a determination sets on a carrier: 密级, 保密期限, 知悉范围. */
export const DETERMINED_FIELDS = ['level', 'period', 'scope'] as const;
export type TermsChange = Extract<Correction, { field: (typeof DETERMINED_FIELDS)[number] }>;

export type CarrierEventType = CarrierEvent['type'];

/** The events that move custody from one party to another. */
export type HandoverEvent = Extract<CarrierEvent, { handover: Handover }>;

export function isHandoverEvent(e: CarrierEvent): e is HandoverEvent {
  return 'handover' in e;
}

/**
 * 维修返回查验: what the office checks when a device comes back from an outside repairer. A failed
 * check does not stop the return being recorded (the device is back either way) but needs a note
 * saying what was found and what was done.
 */
export interface RepairReturnCheck {
  /** 型号、序列号（资产编号）与送修时一致 */
  identityVerified: boolean;
  /** 维修单位未留存、未加装任何存储部件 */
  noStorageRetained: boolean;
  /** 送修前拆下的存储部件已装回（否则仍在本单位单独保管） */
  storageRefitted: boolean;
  note: string;
}

/**
 * The fields a correction may change. Custody and status change only by hand-over events; `place`
 * is corrected when it was recorded wrongly (moving the carrier is `stored`).
 */
export const CORRECTABLE_FIELDS = ['title', 'docNumber', 'copyNumber', 'note', 'details', 'place', 'level', 'period', 'scope'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
type CorrectableValues = CarrierRecord & { place: string };

/** One changed field of a correction, with the value before and after (shown on the timeline). */
export type Correction = {
  [F in CorrectableField]: { field: F; from: CorrectableValues[F]; to: CorrectableValues[F] };
}[CorrectableField];

export const CARRIER_EVENT_TYPES = [
  'registered',
  'transferred',
  'lent',
  'loanReturned',
  'copyMade',
  'stored',
  'repairSent',
  'repairReturned',
  'takenOut',
  'broughtBack',
  'dispatched',
  'returnedToIssuer',
  'destroyed',
  'corrected',
  'handoverConfirmed',
  'handoverCancelled',
  'determinationApplied',
] as const satisfies readonly CarrierEventType[];

/** The permission each event needs (shared/auth/permissions.ts). */
export function actionFor(type: CarrierEventType): Action {
  switch (type) {
    case 'registered':
      return 'carrier.register';
    case 'lent':
    case 'loanReturned':
      return 'carrier.loan';
    case 'copyMade':
      return 'carrier.copy';
    case 'transferred':
    case 'stored':
    case 'repairSent':
    case 'repairReturned':
    case 'takenOut':
    case 'broughtBack':
    case 'dispatched':
    case 'returnedToIssuer':
    case 'handoverCancelled':
      return 'carrier.handOver';
    case 'destroyed':
      return 'destruction.prepare';
    case 'corrected':
      return 'carrier.correct';
    case 'handoverConfirmed':
      return 'carrier.confirmReceipt';
    case 'determinationApplied':
      return 'carrier.applyDetermination';
    default:
      return assertNever(type);
  }
}
