import type { CatalogueVersion } from '../../../shared/determination/catalogue';
import type { DeterminationRecord, DeterminationState, Procedure, Status } from '../../../shared/determination/records';
import type { ReviewItem } from '../../../shared/determination/review';
import type { Basis, FieldChange } from '../../../shared/determination/terms';
import type { Command } from '../../../shared/determination/transition';
import { isLevel, type Level, type Period, type Scope } from '../../../shared/ledger/classification';
import { assertNever, type Refusal } from '../../../shared/result';
import { isMessageKey, type MessageKey, type Translate } from '../../i18n';
import { describeRefusal } from '../../i18n/refusals';

/** How determination codes read in the current locale. */
export const levelLabel = (l: Level, t: Translate) => t(`det.level.${l}`);
/** 已解密 — and 已解除 where what ended is a work secret (工作秘密 are released, not declassified). */
export function statusLabel(s: Status, t: Translate, level: Level | null = null): string {
  if (s === 'declassified' && level === 'internal') return t('det.status.released');
  return t(`det.status.${s}`);
}

/** How it ended, with the same 解除 wording for a work secret. */
export function endedLabel(ended: NonNullable<DeterminationState['ended']>, level: Level | null, t: Translate): string {
  if (level === 'internal' && ended.how === 'declassified') return t('det.ended.released', { date: ended.date });
  if (level === 'internal' && ended.how === 'period_end') return t('det.ended.period_end_released', { date: ended.date });
  return t(`det.ended.${ended.how}`, { date: ended.date });
}

/** 确定 / 变更 / 解密 — and 解除 where what is released is a work secret. */
export function procedureLabel(p: Procedure, level: Level | null, t: Translate): string {
  if (p === 'declassify' && level === 'internal') return t('det.procedure.release');
  return t(`det.procedure.${p}`);
}

export function periodLabel(p: Period, t: Translate): string {
  switch (p.kind) {
    case 'years':
      return t('det.period.yearsText', { n: p.years });
    case 'months':
      return t('det.period.monthsText', { n: p.months });
    case 'until':
      return t('det.period.untilText', { date: p.date });
    case 'condition':
      return t('det.period.conditionText', { condition: p.condition });
    case 'none':
      return t('det.period.noneText');
    default:
      return assertNever(p);
  }
}

/** People by id, for naming them in a scope. */
export type NameOf = (personId: string) => string | undefined;

export function scopeLabel(s: Scope, t: Translate, nameOf: NameOf = () => undefined): string {
  const sep = t('list.separator');
  const parts = [
    s.personIds.length ? t('det.scope.peopleText', { list: s.personIds.map((id) => nameOf(id) ?? t('det.scope.unknownPerson')).join(sep) }) : '',
    s.posts.length ? t('det.scope.postsText', { list: s.posts.join(sep) }) : '',
    s.departments.length ? t('det.scope.departmentsText', { list: s.departments.join(sep) }) : '',
    s.units.length ? t('det.scope.unitsText', { list: s.units.join(sep) }) : '',
    s.note ? s.note : '',
  ].filter(Boolean);
  return parts.length ? parts.join('；') : t('det.scope.empty');
}

export function basisLabel(b: Basis, t: Translate, titleOf: (id: string) => string | undefined = () => undefined): string {
  switch (b.kind) {
    case 'catalogue':
      return t('det.basis.catalogueText', { code: b.code, title: b.title, version: b.version });
    case 'reason':
      return t('det.basis.reasonText', { text: b.text });
    case 'derived':
      return t('det.basis.derivedText', { list: b.sourceIds.map((id) => titleOf(id) ?? id).join(t('list.separator')) });
    default:
      return assertNever(b);
  }
}

export function catalogueLine(v: CatalogueVersion, t: Translate): string {
  return t('det.catalogue.option', { code: v.code, title: v.title, level: levelLabel(v.level, t), period: periodLabel(v.defaultPeriod, t) });
}

/** One changed field: 保密期限：10年 → 5年（缩短）. */
export function changeLabel(c: FieldChange, t: Translate, nameOf?: NameOf): string {
  switch (c.field) {
    case 'level':
      return t('det.change.line', { field: t('det.field.level'), from: levelLabel(c.from, t), to: levelLabel(c.to, t), direction: t(`det.direction.${c.direction}`) });
    case 'period':
      return t('det.change.line', { field: t('det.field.period'), from: periodLabel(c.from, t), to: periodLabel(c.to, t), direction: t(`det.direction.${c.direction}`) });
    case 'scope':
      return t('det.change.line', { field: t('det.field.scope'), from: scopeLabel(c.from, t, nameOf), to: scopeLabel(c.to, t, nameOf), direction: t(`det.direction.${c.direction}`) });
    case 'basis':
      return t('det.change.plain', { field: t('det.field.basis'), from: basisLabel(c.from, t), to: basisLabel(c.to, t) });
    case 'longerPeriodBasis':
      return t('det.change.plain', { field: t('det.field.longerPeriodBasis'), from: c.from ?? t('det.none'), to: c.to ?? t('det.none') });
    default:
      return assertNever(c);
  }
}

/** What a record says, in one line (the history table adds who and when). */
export function recordLabel(r: DeterminationRecord, level: Level | null, t: Translate): string {
  switch (r.type) {
    case 'drafted': {
      const what = procedureLabel(r.procedure, level, t);
      const key = r.resubmission ? 'det.record.resubmitted' : 'det.record.drafted';
      if (r.procedure === 'declassify') return t(key, { procedure: what, detail: r.reason });
      return t(key, { procedure: what, detail: r.marking || levelLabel(r.terms.level, t) });
    }
    case 'approved':
      return t('det.record.approved', { procedure: procedureLabel(r.procedure, level, t), detail: r.procedure === 'declassify' ? '' : r.marking });
    case 'corrected':
      return t('det.record.corrected', { procedure: procedureLabel(r.procedure, level, t), detail: r.marking });
    case 'returned':
      return t('det.record.returned', { procedure: procedureLabel(r.procedure, level, t) });
    case 'notClassified':
      return t('det.record.notClassified');
    case 'withdrawn':
      return t('det.record.withdrawn', { procedure: procedureLabel(r.procedure, level, t) });
    case 'reviewed':
      return t('det.record.reviewed');
    case 'carriersLinked':
      return t('det.record.carriersLinked', { count: r.carrierIds.length });
    case 'autoDeclassified':
      return t('det.record.autoDeclassified', { date: r.periodEnd });
    default:
      return assertNever(r);
  }
}

/** The written words of a record: opinion, reason or note. */
export function recordText(r: DeterminationRecord): string {
  switch (r.type) {
    case 'drafted':
      return r.procedure === 'determine' ? '' : r.reason;
    case 'approved':
    case 'corrected':
    case 'notClassified':
      return r.opinion;
    case 'returned':
    case 'withdrawn':
      return r.reason;
    case 'reviewed':
      return r.note;
    case 'carriersLinked':
    case 'autoDeclassified':
      return '';
    default:
      return assertNever(r);
  }
}

export function reviewLabel(item: ReviewItem, t: Translate): string {
  switch (item.kind) {
    case 'expired':
      return t('det.review.expiredText', { date: item.periodEnd });
    case 'expiring':
      return t('det.review.expiringText', { date: item.periodEnd, days: item.daysLeft });
    case 'condition':
      return t('det.review.conditionText', { condition: item.condition, last: item.lastReviewDate ?? t('det.review.never') });
    case 'yearly':
      return t('det.review.yearlyText', { last: item.lastReviewDate ?? t('det.review.never') });
    default:
      return assertNever(item);
  }
}

/** The marking in force, else the one proposed, else none. */
export function currentMarking(s: DeterminationState, t: Translate): string {
  if (s.inForce) return s.inForce.marking || t('det.marking.none');
  if (s.proposal && s.proposal.procedure !== 'declassify') return t('det.marking.proposed', { marking: s.proposal.marking || t('det.marking.none') });
  return t('det.marking.none');
}

/** Refusals of empty words, and the field they name when the form does not say which it was. */
const WORDS_REQUIRED: Partial<Record<string, MessageKey>> = { REASON_REQUIRED: 'det.field.reason', OPINION_REQUIRED: 'det.field.opinion' };

/**
 * The rules' answer to a refused step, in words, with what to do. `field` is the label of the text
 * the form sent: an empty one is asked for by that label (请填写变更理由。), as the person sees it.
 */
export function describeDetRefusal(r: Refusal, t: Translate, field?: string): string {
  const key = `det.refusal.${r.code}`;
  if (!isMessageKey(key)) return describeRefusal(r, t);
  const p: Record<string, string | number> = { ...(r.params ?? {}) };
  if (typeof p.level === 'string' && isLevel(p.level)) p.level = levelLabel(p.level, t);
  const wordsField = WORDS_REQUIRED[r.code];
  if (wordsField) p.field = field ?? t(wordsField);
  return t(key, p);
}

/** The label of the text field whose words a command carries (null: it carries none). */
export function wordsFieldOf(cmd: Command, reasonLabel: MessageKey | null): MessageKey | null {
  switch (cmd.type) {
    case 'approve':
    case 'correct':
    case 'return':
    case 'notClassified':
      return 'det.field.opinion';
    case 'draftChange':
      return 'det.field.changeReason';
    case 'draftDeclassify':
      return 'det.field.declassifyReason';
    case 'resubmit':
      return reasonLabel;
    case 'withdraw':
      return 'det.field.withdrawReason';
    case 'review':
      return 'det.field.reviewNote';
    case 'draft':
    case 'linkCarriers':
      return null;
    default:
      return assertNever(cmd);
  }
}
