import type { ReactNode } from 'react';
import type { CarrierState } from '../../../shared/ledger/carrier';
import type { Refusal } from '../../../shared/result';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { useFocusIfLost } from '../../ui/useFocusIfLost';
import { describeDestructionRefusal } from './destructionText';

const NO_CARRIERS: ReadonlyMap<string, CarrierState> = new Map();

/** The rules' answer to a refused step, naming the carrier concerned and saying what to do. */
export function DstAlert({ refusal, carriers = NO_CARRIERS }: { refusal: Refusal | null; carriers?: ReadonlyMap<string, CarrierState> }) {
  const t = useT();
  const ref = useFocusIfLost<HTMLParagraphElement>(refusal);
  if (!refusal) return null;
  return (
    <p ref={ref} tabIndex={-1} role="alert" className="alert alert-error" data-code={refusal.code}>
      {describeDestructionRefusal(refusal, t, carriers)}
    </p>
  );
}

export function Done({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="alert alert-ok">
      {children}
    </p>
  );
}

/** A list table with its column headings. */
export function DstTable({ columns, label, children }: { columns: string[]; label: string; children: ReactNode }) {
  return (
    <DataTable className="table dst-table" columns={columns} label={label}>
      {children}
    </DataTable>
  );
}

/** 批准 / 不批准: the decision buttons under an opinion field (a batch, a device, a 重新起用). */
export function DecideButtons({ busy, onDecide }: { busy: boolean; onDecide: (decision: 'approved' | 'refused') => void }) {
  const t = useT();
  return (
    <div className="actions">
      <button type="button" className="button-primary" disabled={busy} onClick={() => onDecide('approved')}>
        {t('dst.decide.approve')}
      </button>
      <button type="button" className="button-secondary" disabled={busy} onClick={() => onDecide('refused')}>
        {t('dst.decide.refuse')}
      </button>
    </div>
  );
}
