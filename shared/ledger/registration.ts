import { assertNever, ok, refuse, type Result } from '../result';
import {
  COPY_NUMBER,
  formatCopyNumber,
  validateDetails,
  type CarrierDetails,
  type CarrierRecord,
  type CarrierState,
  type CopyMode,
  type Origin,
} from './carrier';
import { isLevel, validatePeriod, validateScope } from './classification';

/** What the registration form sends for one carrier (the batch form adds a count). */
export interface RegistrationInput {
  record: CarrierRecord;
  custodianId: string;
  place: string;
}

export const MAX_BATCH = 999;

/** A field the registration rules refuse, with the rule it broke (required / tooLong with its max / a format) for the form to say. */
const bad = (field: string, rule: string, max?: number) => refuse('CARRIER_INVALID_FIELD', max === undefined ? { field, rule } : { field, rule, max });
const text = (field: string, value: string, max: number, required = true): Result<never> | null =>
  required && value.length < 1 ? bad(field, 'required') : value.length > max ? bad(field, 'tooLong', max) : null;

function checkOrigin(origin: Origin): Result<Origin> {
  switch (origin.kind) {
    case 'produced':
      return origin.department.trim() ? ok({ kind: 'produced', department: origin.department.trim() }) : bad('originDepartment', 'required');
    case 'received': {
      const fromBad = text('originFrom', origin.from.trim(), 80);
      if (fromBad) return fromBad;
      const receiptNumber = origin.receiptNumber?.trim();
      return ok({ kind: 'received', from: origin.from.trim(), ...(receiptNumber ? { receiptNumber } : {}) });
    }
    case 'copy':
      return origin.originalId && origin.approvalId ? ok(origin) : refuse('CARRIER_INVALID_FIELD', { field: 'origin' });
    default:
      return assertNever(origin);
  }
}

/** Checks and trims the common fields of a carrier; the first problem names its field. */
export function validateRecord(r: CarrierRecord): Result<CarrierRecord> {
  const title = r.title.trim();
  const titleBad = text('title', title, 200);
  if (titleBad) return titleBad;
  const docNumber = r.docNumber.trim();
  if (docNumber.length > 60) return bad('docNumber', 'tooLong', 60);
  if (!isLevel(r.level)) return refuse('CARRIER_INVALID_FIELD', { field: 'level' });
  const period = validatePeriod(r.level, r.period);
  if (!period.ok) return period;
  const scope = validateScope(r.level, r.scope);
  if (!scope.ok) return scope;
  const copyNumber = r.copyNumber.trim();
  if (copyNumber !== '' && !COPY_NUMBER.test(copyNumber)) return bad('copyNumber', 'copyNumber');
  const details = validateDetails(r.details);
  if (!details.ok) return details;
  const origin = checkOrigin(r.origin);
  if (!origin.ok) return origin;
  const note = r.note.trim();
  if (note.length > 500) return bad('note', 'tooLong', 500);
  return ok({ title, docNumber, level: r.level, period: period.value, scope: scope.value, copyNumber, details: details.value, origin: origin.value, note });
}

export function validatePlace(place: string): Result<string> {
  const p = place.trim();
  return text('place', p, 60) ?? ok(p);
}

/**
 * A batch (收到 20 份): one record per copy number, `first` … `first + count − 1`, each its own
 * carrier. Paper copies of one document share everything but the copy number.
 */
export function expandBatch(input: RegistrationInput, count: number, firstCopyNumber: number): Result<RegistrationInput[]> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_BATCH) return refuse('BATCH_COUNT_INVALID', { max: MAX_BATCH });
  if (!Number.isInteger(firstCopyNumber) || firstCopyNumber < 1 || firstCopyNumber + count - 1 > 999_999) {
    return bad('copyNumber', 'firstCopyNumber', 999_999 - count + 1);
  }
  const out: RegistrationInput[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ ...input, record: { ...input.record, copyNumber: formatCopyNumber(firstCopyNumber + i) } });
  }
  return ok(out);
}

/** What may differ on a copy: its own medium, copy number, title (an excerpt's) and note. */
export interface CopyInput {
  mode: CopyMode;
  approvalId: string;
  title: string;
  copyNumber: string;
  details: CarrierDetails;
  note: string;
}

/**
 * The record of a copy (复制件): level, period, scope and 文号 come from the original and cannot
 * be changed on the copy (复制件视同原件管理, 不得擅自改变原件的密级、保密期限和知悉范围).
 */
export function copyRecord(original: CarrierState, input: CopyInput): CarrierRecord {
  return {
    title: input.title.trim() || original.title,
    docNumber: original.docNumber,
    level: original.level,
    period: original.period,
    scope: original.scope,
    copyNumber: input.copyNumber,
    details: input.details,
    origin: {
      kind: 'copy',
      originalId: original.id,
      originalRegistryNumber: original.registryNumber,
      mode: input.mode,
      approvalId: input.approvalId,
    },
    note: input.note,
  };
}
