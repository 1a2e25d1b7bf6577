import type { ReactNode } from 'react';
import type { Refusal } from '../../../shared/result';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { useFocusIfLost } from '../../ui/useFocusIfLost';
import { describeDetRefusal } from './detText';

/** The rules' answer to a refused step, in words that say what to do; `field` names the text the form sent. */
export function DetAlert({ refusal, field }: { refusal: Refusal | null; field?: string }) {
  const t = useT();
  const ref = useFocusIfLost<HTMLParagraphElement>(refusal);
  if (!refusal) return null;
  return (
    <p ref={ref} tabIndex={-1} role="alert" className="alert alert-error" data-code={refusal.code}>
      {describeDetRefusal(refusal, t, field)}
    </p>
  );
}

/** A list table: the column headings, then an unlabelled actions column (named for screen readers). */
export function DetTable({ columns, actions = true, className, children }: { columns: string[]; actions?: boolean; className?: string; children: ReactNode }) {
  const t = useT();
  return (
    <DataTable className={className ?? 'det-table'} columns={columns} actionsLabel={actions ? t('det.col.actions') : undefined}>
      {children}
    </DataTable>
  );
}
