import type { DeterminationState } from '../../../shared/determination/records';
import { formatLocalTime, useT } from '../../i18n';
import { currentMarking, procedureLabel, statusLabel } from './detText';
import { DetTable } from './detUi';

/** Every determination, newest change first: what it is, where it stands, what marking it carries. */
export function DeterminationList({ states, onOpen, empty }: { states: DeterminationState[]; onOpen: (id: string) => void; empty?: string }) {
  const t = useT();
  if (states.length === 0) return <p className="det-empty">{empty ?? t('det.list.empty')}</p>;
  return (
    <DetTable columns={[t('det.col.title'), t('det.col.marking'), t('det.col.status'), t('det.col.updated')]}>
        {states.map((s) => (
          <tr key={s.id}>
            <td>
              {s.subject.title}
              {s.subject.docNumber && <span className="det-sub">{s.subject.docNumber}</span>}
              {s.subject.processDraft && <span className="det-tag">{t('det.tag.processDraft')}</span>}
            </td>
            <td className="det-marking-cell">{currentMarking(s, t)}</td>
            <td>
              {statusLabel(s.status, t, s.inForce?.terms.level ?? null)}
              {s.proposal && s.status === 'live' && (
                <span className="det-sub">
                  {t(s.proposal.state === 'pending' ? 'det.list.pendingProcedure' : 'det.list.returnedProcedure', {
                    procedure: procedureLabel(s.proposal.procedure, s.inForce?.terms.level ?? null, t),
                  })}
                </span>
              )}
            </td>
            <td>{formatLocalTime(s.updatedAt)}</td>
            <td>
              <button type="button" className="button-link" onClick={() => onOpen(s.id)} aria-label={t('det.action.named', { action: t('det.action.open'), title: s.subject.title })}>
                {t('det.action.open')}
              </button>
            </td>
          </tr>
        ))}
    </DetTable>
  );
}
