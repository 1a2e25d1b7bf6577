import type { ReactNode } from 'react';
import type { CarrierState } from '../../../shared/ledger/carrier';
import type { Refusal } from '../../../shared/result';
import { useT } from '../../i18n';
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
    <table className="table dst-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={`${c}-${i}`} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
