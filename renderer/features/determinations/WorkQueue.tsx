import { authorize } from '../../../shared/auth/permissions';
import type { DeterminationState } from '../../../shared/determination/records';
import { formatLocalTime, useT } from '../../i18n';
import { Region } from '../../ui/Region';
import { procedureLabel } from './detText';
import { DetTable } from './detUi';
import type { DeterminationData } from './useDeterminationData';

/**
 * 待办: for a determiner, the drafts waiting for their decision (never their own); for a handler,
 * their drafts that came back, and those still waiting.
 */
export function WorkQueue({ data, onOpen }: { data: DeterminationData; onOpen: (id: string) => void }) {
  const t = useT();
  const me = data.actor?.accountId ?? '';
  const roles = data.actor?.roles ?? [];
  const decides = authorize(roles, 'determination.decide').ok;
  const drafts = authorize(roles, 'determination.draft').ok;
  const mine = (s: DeterminationState) => s.proposal?.draftedBy.includes(me) ?? false;
  const toDecide = data.states.filter((s) => s.proposal?.state === 'pending' && !mine(s));
  const returned = data.states.filter((s) => s.proposal?.state === 'returned' && mine(s));
  const waiting = data.states.filter((s) => s.proposal?.state === 'pending' && mine(s));
  return (
    <>
      {decides && (
        <Region title={t('det.work.toDecide')}>
          <ProposalTable states={toDecide} onOpen={onOpen} empty={t('det.work.toDecideEmpty')} action={t('det.action.decide')} />
        </Region>
      )}
      {drafts && (
        <Region title={t('det.work.returned')}>
          <ProposalTable states={returned} onOpen={onOpen} empty={t('det.work.returnedEmpty')} action={t('det.action.revise')} />
        </Region>
      )}
      {drafts && (
        <Region title={t('det.work.waiting')}>
          <ProposalTable states={waiting} onOpen={onOpen} empty={t('det.work.waitingEmpty')} action={t('det.action.open')} />
        </Region>
      )}
    </>
  );
}

function ProposalTable({ states, onOpen, empty, action }: { states: DeterminationState[]; onOpen: (id: string) => void; empty: string; action: string }) {
  const t = useT();
  if (states.length === 0) return <p className="det-empty">{empty}</p>;
  return (
    <DetTable columns={[t('det.col.title'), t('det.col.procedure'), t('det.col.proposed'), t('det.col.drafter')]}>
        {states.map((s) => {
          const p = s.proposal;
          if (!p) return null;
          return (
            <tr key={s.id}>
              <td>{s.subject.title}</td>
              <td>{procedureLabel(p.procedure, s.inForce?.terms.level ?? null, t)}</td>
              <td className="det-marking-cell">{p.procedure === 'declassify' ? p.reason : p.marking || t('det.marking.none')}</td>
              <td>
                {p.drafterName}
                <span className="det-sub">{formatLocalTime(p.draftedAt)}</span>
              </td>
              <td>
                <button type="button" className="button-secondary" onClick={() => onOpen(s.id)} aria-label={t('det.action.named', { action, title: s.subject.title })}>
                  {action}
                </button>
              </td>
            </tr>
          );
        })}
    </DetTable>
  );
}
