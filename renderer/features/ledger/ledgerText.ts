import type { ApprovalDetails, ApprovalKind, ApprovalStatus } from '../../../shared/ledger/approvals';
import { CARRIER_KINDS, type CarrierDetails, type CarrierKind, type CarrierStatus, type CopyMode, type Origin, type Party } from '../../../shared/ledger/carrier';
import { isLevel, type Level, type Period, type Scope } from '../../../shared/ledger/classification';
import type { Confirmation, DeterminationApplied, HandoverEvent } from '../../../shared/ledger/events';
import type { Clearance, Person } from '../../../shared/ledger/people';
import { assertNever, type Refusal } from '../../../shared/result';
import type { CarrierEventDoc } from '../../db/ledgerAccess';
import { formatLocalTime, isMessageKey, type MessageKey, type Translate } from '../../i18n';
import { describeRefusal } from '../../i18n/refusals';

/** How the ledger's codes read in the current locale. */
export const levelLabel = (l: Level, t: Translate) => t(`ledger.level.${l}`);
export const kindLabel = (k: CarrierKind, t: Translate) => t(`ledger.kind.${k}`);
export const statusLabel = (s: CarrierStatus, t: Translate) => t(`ledger.status.${s}`);
export const clearanceLabel = (c: Clearance, t: Translate) => t(`ledger.clearance.${c}`);
export const approvalKindLabel = (k: ApprovalKind, t: Translate) => t(`ledger.approvalKind.${k}`);
export const approvalStatusLabel = (s: ApprovalStatus, t: Translate) => t(`ledger.approvalStatus.${s}`);
export const copyModeLabel = (m: CopyMode, t: Translate) => t(`ledger.copyMode.${m}`);

export function periodLabel(p: Period, t: Translate): string {
  switch (p.kind) {
    case 'years':
      return t('ledger.period.years', { n: p.years });
    case 'months':
      return t('ledger.period.months', { n: p.months });
    case 'until':
      return t('ledger.period.until', { date: p.date });
    case 'condition':
      return t('ledger.period.condition', { condition: p.condition });
    case 'none':
      return t('ledger.period.none');
    default:
      return assertNever(p);
  }
}

export function originLabel(o: Origin, t: Translate): string {
  switch (o.kind) {
    case 'produced':
      return t('ledger.origin.produced', { department: o.department });
    case 'received':
      return t('ledger.origin.received', { from: o.from });
    case 'copy':
      return t('ledger.origin.copy', { mode: copyModeLabel(o.mode, t), original: o.originalRegistryNumber });
    default:
      return assertNever(o);
  }
}

export type PeopleIndex = ReadonlyMap<string, Person>;

export function partyName(p: Party, people: PeopleIndex, t: Translate): string {
  if (p.kind === 'external') return p.name;
  return people.get(p.personId)?.name ?? t('ledger.person.unknown');
}

function confirmationText(c: Confirmation, t: Translate): string {
  switch (c.kind) {
    case 'slip':
      return t('ledger.confirmation.slipText', { slip: c.slipNumber });
    case 'receiver':
      return t('ledger.confirmation.receiverText');
    case 'awaiting':
      return t('ledger.confirmation.awaitingText');
    default:
      return assertNever(c);
  }
}

/** One line of the timeline: what happened, to whom, how it was confirmed. */
export function describeEvent(doc: CarrierEventDoc, people: PeopleIndex, t: Translate): string {
  const e = doc.event;
  const name = (p: Party) => partyName(p, people, t);
  switch (e.type) {
    case 'registered':
      return t('ledger.event.registered', { origin: originLabel(e.record.origin, t), custodian: people.get(e.custodianId)?.name ?? '?', place: e.place });
    case 'copyMade':
      return t('ledger.event.copyMade', { mode: copyModeLabel(e.mode, t), count: e.copyIds.length });
    case 'stored':
      return t('ledger.event.stored', { place: e.place, reason: e.reason });
    case 'destroyed':
      return t('ledger.event.destroyed', { body: e.destructionBody, certificate: e.certificateNumber, date: e.destroyedOn });
    case 'corrected': {
      const show = (v: unknown) => (isScope(v) ? scopeText(v, people, t) : valueText(v, t));
      return t('ledger.event.corrected', {
        changes: e.changes.map((c) => t('ledger.event.correctedField', { field: t(fieldKey(c.field)), from: show(c.from), to: show(c.to) })).join(t('list.separator')),
        reason: e.reason,
      });
    }
    case 'handoverConfirmed':
      return t('ledger.event.handoverConfirmed');
    case 'handoverCancelled':
      return t('ledger.event.handoverCancelled', { reason: e.reason });
    case 'determinationApplied':
      return describeDetermination(e, people, t);
    case 'transferred':
    case 'lent':
    case 'loanReturned':
    case 'repairSent':
    case 'repairReturned':
    case 'takenOut':
    case 'broughtBack':
    case 'dispatched':
    case 'returnedToIssuer':
      return describeHandover(e, name, t);
    default:
      return assertNever(e);
  }
}

/** 定密决定 on the carrier: which decision, each field old → new, and the marking it now carries. */
function describeDetermination(e: DeterminationApplied, people: PeopleIndex, t: Translate): string {
  const show = (v: unknown) => (isScope(v) ? scopeText(v, people, t) : valueText(v, t));
  const changes = e.changes.length
    ? e.changes.map((c) => t('ledger.event.correctedField', { field: t(fieldKey(c.field)), from: show(c.from), to: show(c.to) })).join(t('list.separator'))
    : t('ledger.event.determination.same');
  const what = t(e.auto ? 'ledger.event.determination.auto' : `ledger.event.determination.${e.effect}`, { changes });
  return what + (e.marking ? t('ledger.event.determination.marking', { marking: e.marking }) : t('ledger.event.determination.unmarked'));
}

function isScope(v: unknown): v is Scope {
  return typeof v === 'object' && v !== null && 'personIds' in v && 'posts' in v;
}

/** 知悉范围 in words: the people by name, then posts, departments and units ("—" when empty). */
export function scopeText(s: Scope, people: PeopleIndex, t: Translate): string {
  const names = [...s.personIds.map((pid) => people.get(pid)?.name ?? t('ledger.person.unknown')), ...s.posts, ...s.departments, ...s.units];
  return names.join(t('list.separator')) || t('ledger.empty');
}

function describeHandover(e: HandoverEvent, name: (p: Party) => string, t: Translate): string {
  const base = { from: name(e.handover.from), to: name(e.handover.to), confirmation: confirmationText(e.handover.confirmation, t) };
  switch (e.type) {
    case 'transferred':
      // A hand-over recorded without a reason says none, not a dangling "事由：".
      return e.reason.trim() ? t('ledger.event.transferred', { ...base, place: e.place, reason: e.reason }) : t('ledger.event.transferredNoReason', { ...base, place: e.place });
    case 'lent':
      return t('ledger.event.lent', { ...base, dueOn: e.dueOn });
    case 'loanReturned':
      return t('ledger.event.loanReturned', { ...base, place: e.place });
    case 'repairSent':
      return t('ledger.event.repairSent', { ...base, mode: t(`ledger.repairMode.${e.mode}`) }) + repairSentMore(e, name, t);
    case 'repairReturned':
      return t('ledger.event.repairReturned', { ...base, place: e.place }) + repairReturnedMore(e, t);
    case 'takenOut':
      return t('ledger.event.takenOut', { ...base, destination: e.destination, expectedBackOn: e.expectedBackOn });
    case 'broughtBack':
      return t('ledger.event.broughtBack', { ...base, place: e.place });
    case 'dispatched':
      return t('ledger.event.dispatched', base);
    case 'returnedToIssuer':
      return t('ledger.event.returnedToIssuer', base);
    default:
      return assertNever(e);
  }
}

/** 送修: the day, the escorts and whether the storage parts were removed (events recorded before these were asked have none). */
function repairSentMore(e: Extract<HandoverEvent, { type: 'repairSent' }>, name: (p: Party) => string, t: Translate): string {
  if (!e.sentOn && !e.escortIds?.length) return '';
  const escorts = (e.escortIds ?? []).map((id) => name({ kind: 'person', personId: id })).join(t('list.separator')) || t('ledger.empty');
  return t('ledger.event.repairSentMore', { date: e.sentOn ?? t('ledger.empty'), escorts, storage: e.storageRemoved ? t('ledger.event.repairStorageRemoved') : '' });
}

/** 修复返回: the day and each check on return, with what was found. */
function repairReturnedMore(e: Extract<HandoverEvent, { type: 'repairReturned' }>, t: Translate): string {
  if (!e.returnedOn || !e.check) return '';
  const c = e.check;
  const item = (passed: boolean, key: MessageKey) => t(passed ? 'ledger.event.repairCheckPassed' : 'ledger.event.repairCheckFailed', { check: t(key) });
  const checks = [
    item(c.identityVerified, 'repair.check.identityVerified'),
    item(c.noStorageRetained, 'repair.check.noStorageRetained'),
    item(c.storageRefitted, 'repair.check.storageRefitted'),
    ...(c.note.trim() ? [t('ledger.event.repairCheckNote', { note: c.note.trim() })] : []),
  ];
  return t('ledger.event.repairReturnedMore', { date: e.returnedOn, checks: checks.join(t('list.separator')) });
}

/** A kind's own details as the timeline shows them (a correction of 页数 or 序列号). */
function detailsText(d: CarrierDetails, t: Translate): string {
  switch (d.kind) {
    case 'paper':
      return t('ledger.details.paper', { pages: d.pages });
    case 'disc':
      return t('ledger.details.device', { serial: d.serial || t('ledger.empty') });
    case 'usb':
    case 'hdd':
      return [d.serial, d.model, d.capacity].filter(Boolean).join(' / ') || t('ledger.empty');
    case 'computer':
      return [d.assetNumber, d.model, d.serial].filter(Boolean).join(' / ');
    case 'printer':
      return [d.assetNumber, d.model, d.drumSerial].filter(Boolean).join(' / ');
    case 'other':
      return d.description;
    default:
      return assertNever(d);
  }
}

function valueText(v: unknown, t: Translate): string {
  if (isDetails(v)) return detailsText(v, t);
  if (typeof v === 'string') return isLevel(v) ? levelLabel(v, t) : v || t('ledger.empty');
  if (v && typeof v === 'object' && 'kind' in v && typeof (v as { kind: unknown }).kind === 'string') {
    const k = (v as { kind: string }).kind;
    if (['years', 'months', 'until', 'condition', 'none'].includes(k)) return periodLabel(v as Period, t);
  }
  return JSON.stringify(v);
}

export function approvalSummary(d: ApprovalDetails, people: PeopleIndex, t: Translate): string {
  switch (d.kind) {
    case 'copy':
      return t('ledger.approval.summary.copy', { mode: copyModeLabel(d.mode, t), copies: d.copies });
    case 'takeOut':
      return t(d.abroad ? 'ledger.approval.summary.abroad' : 'ledger.approval.summary.takeOut', { destination: d.destination, until: d.until });
    case 'repairOutside':
      return t('ledger.approval.summary.repairOutside', { repairer: d.repairer });
    case 'loanOutsideScope':
      return t('ledger.approval.summary.loanOutsideScope', { person: people.get(d.personId)?.name ?? '?' });
    default:
      return assertNever(d);
  }
}

/** Form fields the rules name in `params.field`. */
const FIELD_KEYS: Record<string, MessageKey> = {
  title: 'ledger.field.title',
  docNumber: 'ledger.field.docNumber',
  level: 'ledger.field.level',
  period: 'ledger.field.period',
  scope: 'ledger.field.scope',
  copyNumber: 'ledger.field.copyNumber',
  details: 'ledger.field.details',
  note: 'ledger.field.note',
  place: 'ledger.field.place',
  origin: 'ledger.field.origin',
  pages: 'ledger.field.pages',
  serial: 'ledger.field.serial',
  model: 'ledger.field.model',
  assetNumber: 'ledger.field.assetNumber',
  diskSerials: 'ledger.field.diskSerials',
  description: 'ledger.field.description',
  capacity: 'ledger.field.capacity',
  drumSerial: 'ledger.field.drumSerial',
  originFrom: 'ledger.field.originFrom',
  originDepartment: 'ledger.field.originDepartment',
  discType: 'ledger.field.discType',
  kind: 'ledger.field.kind',
  registryNumber: 'ledger.field.registryNumber',
  record: 'ledger.field.record',
  name: 'ledger.person.name',
  department: 'ledger.person.department',
  post: 'ledger.person.post',
  clearance: 'ledger.person.clearance',
  status: 'ledger.person.status',
  separationEndsOn: 'ledger.person.separationEndsOn',
  username: 'ledger.person.username',
  copies: 'ledger.approval.copies',
  destination: 'ledger.approval.destination',
  until: 'ledger.approval.until',
  repairer: 'ledger.approval.repairer',
  personId: 'ledger.approval.person',
  mode: 'ledger.approval.mode',
};

function fieldKey(field: string): MessageKey {
  return FIELD_KEYS[field] ?? 'ledger.field.record';
}

/**
 * A refusal of the ledger's rules as a sentence saying what is wrong and what to do, with its
 * codes (level, category, status, field) in words. Codes the ledger does not own go to the app's
 * general describer.
 */
export function describeLedgerRefusal(r: Refusal, t: Translate): string {
  // A field the rules refused with the rule it broke (empty, too long, a format): that rule, in words.
  const rule = r.params?.rule;
  const ruleKey = `ledger.fieldRule.${String(rule)}`;
  const key = rule !== undefined && r.code.endsWith('_INVALID_FIELD') && isMessageKey(ruleKey) ? ruleKey : `ledger.refusal.${r.code}`;
  if (!isMessageKey(key)) return describeRefusal(r, t);
  const p: Record<string, string | number> = { ...(r.params ?? {}) };
  if (typeof p.level === 'string' && isLevel(p.level)) p.level = levelLabel(p.level, t);
  if (typeof p.clearance === 'string' && ['core', 'important', 'general', 'none'].includes(p.clearance)) p.clearance = clearanceLabel(p.clearance as Clearance, t);
  if (typeof p.status === 'string') {
    const s = p.status;
    const statusKey = `ledger.status.${s}`;
    const approvalKey = `ledger.approvalStatus.${s}`;
    p.status = isMessageKey(statusKey) ? t(statusKey) : isMessageKey(approvalKey) ? t(approvalKey) : s;
  }
  if (typeof p.kind === 'string' && isMessageKey(`ledger.approvalKind.${p.kind}`)) p.kind = t(`ledger.approvalKind.${p.kind}` as MessageKey);
  if (typeof p.field === 'string') p.field = t(fieldKey(p.field));
  return t(key, p);
}

export function when(iso: string): string {
  return formatLocalTime(iso);
}

function isDetails(v: unknown): v is CarrierDetails {
  return typeof v === 'object' && v !== null && 'kind' in v && (CARRIER_KINDS as readonly unknown[]).includes((v as { kind: unknown }).kind);
}
