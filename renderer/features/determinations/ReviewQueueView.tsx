import { useState } from 'react';
import type { DeterminationsRepo } from '../../db/determinations.repo';
import { useT } from '../../i18n';
import { usePrint } from '../print/PrintProvider';
import { TextField } from '../../ui/TextField';
import { currentMarking, reviewLabel } from './detText';
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
  windowDays,
  setWindowDays,
}: {
  repo: DeterminationsRepo;
  data: DeterminationData;
  onOpen: (id: string) => void;
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
              return (
                <tr key={item.determinationId} className={`det-review-${item.kind}`}>
                  <td>{s?.subject.title ?? item.determinationId}</td>
                  <td className="det-marking-cell">{s ? currentMarking(s, t) : ''}</td>
                  <td>{reviewLabel(item, t)}</td>
                  <td>
                    <button type="button" className="button-link" onClick={() => onOpen(item.determinationId)} aria-label={t('det.action.named', { action: t('det.action.open'), title: s?.subject.title ?? '' })}>
                      {t('det.action.open')}
                    </button>
                  </td>
                </tr>
              );
            })}
        </DetTable>
      )}
    </>
  );
}
