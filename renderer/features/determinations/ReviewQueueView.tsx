import { useState } from 'react';
import type { DeterminationsRepo } from '../../db/determinations.repo';
import { useT } from '../../i18n';
import { usePrint } from '../print/PrintProvider';
import { TextField } from '../../ui/TextField';
import type { StartDraft } from './ActionPanel';
import { currentMarking, procedureLabel, reviewLabel } from './detText';
import { reviewListPrintout } from './detPrint';
import { DetTable } from './detUi';
import type { DeterminationData } from './useDeterminationData';

/**
 * 定期审核: periods ending within the window, declassification conditions to check again, and the
 * yearly review of every live determination. Periods that ended are declassified automatically
 * (recorded as such) before this list is drawn.
 */
export function ReviewQueueView({
  repo,
  data,
  onOpen,
  onDraft,
  windowDays,
  setWindowDays,
}: {
  repo: DeterminationsRepo;
  data: DeterminationData;
  onOpen: (id: string) => void;
  /** Given to handlers: a period ending, a condition met or the yearly review leads to a 变更 or 解密 draft. */
  onDraft?: (id: string, what: StartDraft) => void;
  windowDays: number;
  setWindowDays: (n: number) => void;
}) {
  const t = useT();
  const print = usePrint();
  const [typed, setTyped] = useState(String(windowDays));
  return (
    <>
      <p className="lead">{t('det.review.intro')}</p>
      <form
        className="det-inline"
        onSubmit={(e) => {
          e.preventDefault();
          setWindowDays(Number(typed));
        }}
      >
        <TextField label={t('det.field.windowDays')} inputMode="numeric" value={typed} onChange={setTyped} hint={t('det.hint.windowDays')} />
        <button type="submit" className="button-secondary">
          {t('det.action.applyWindow')}
        </button>
        <button type="button" className="button-secondary" disabled={!print} title={t('det.action.printReviewHint')} onClick={() => print?.printTable(reviewListPrintout(repo, data))}>
          {t('det.action.printReview')}
        </button>
      </form>
      {data.review.length === 0 ? (
        <p className="det-empty">{t('det.review.empty')}</p>
      ) : (
        <DetTable columns={[t('det.col.title'), t('det.col.marking'), t('det.col.reviewReason')]}>
            {data.review.map((item) => {
              const s = data.byId.get(item.determinationId);
              const title = s?.subject.title ?? '';
              // An ended period waits for the automatic declassification; a waiting draft is decided first.
              const draftable = onDraft && s && item.kind !== 'expired' && s.status === 'live' && s.proposal === null;
              const declassify = t('det.action.draftDeclassify', { procedure: procedureLabel('declassify', s?.inForce?.terms.level ?? null, t) });
              return (
                <tr key={item.determinationId} className={`det-review-${item.kind}`}>
                  <td>{s?.subject.title ?? item.determinationId}</td>
                  <td className="det-marking-cell">{s ? currentMarking(s, t) : ''}</td>
                  <td>{reviewLabel(item, t)}</td>
                  <td className="det-row-actions">
                    <button type="button" className="button-link" onClick={() => onOpen(item.determinationId)} aria-label={t('det.action.named', { action: t('det.action.open'), title })}>
                      {t('det.action.open')}
                    </button>
                    {draftable && (
                      <>
                        <button type="button" className="button-link" onClick={() => onDraft(item.determinationId, 'change')} aria-label={t('det.action.named', { action: t('det.action.draftChange'), title })}>
                          {t('det.action.draftChange')}
                        </button>
                        <button type="button" className="button-link" onClick={() => onDraft(item.determinationId, 'declassify')} aria-label={t('det.action.named', { action: declassify, title })}>
                          {declassify}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
        </DetTable>
      )}
    </>
  );
}
