import type { Refusal } from '../../../shared/result';
import { useT, type Translate } from '../../i18n';
import { describeRefusal } from '../../i18n/refusals';

/** Printing's own refusals in words; everything else as the app describes it. */
export function describePrintRefusal(refusal: Refusal, t: Translate): string {
  const p = refusal.params ?? {};
  switch (refusal.code) {
    case 'PRINT_ITEM_TOO_TALL':
      return p.row !== undefined ? t('print.refusal.tooTall.row', { row: p.row }) : t('print.refusal.tooTall');
    case 'PRINT_LAYOUT_MISMATCH':
      return t('print.refusal.layoutMismatch', { expected: p.expected ?? '?', actual: p.actual ?? '?' });
    case 'PRINTER_NOT_LOCAL':
      return t('print.refusal.notLocal');
    case 'PRINT_FAILED':
      return t('print.refusal.failed', { reason: p.reason || '—' });
    case 'PRINT_FAILED_NOT_KEPT':
      return t('print.refusal.failedNotKept', { reason: p.reason || '—' });
    case 'NO_PRINTER_IN_STANDIN':
      return t('print.printer.unavailable');
    default:
      if (refusal.code.startsWith('PRINT_') || refusal.code.startsWith('PRINTOUT_')) return t('print.refusal.invalid', { code: refusal.code });
      return describeRefusal(refusal, t);
  }
}

export function PrintRefusalAlert({ refusal }: { refusal: Refusal | null }) {
  const t = useT();
  if (!refusal) return null;
  return (
    <p role="alert" className="alert alert-error" data-code={refusal.code}>
      {describePrintRefusal(refusal, t)}
    </p>
  );
}
