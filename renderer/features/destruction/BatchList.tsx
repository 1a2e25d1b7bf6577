import { batchNumber } from '../../../shared/destruction/documents';
import type { BatchDoc } from '../../db/destructionAccess';
import { formatLocalTime, useT } from '../../i18n';
import { batchStatusLabel } from './destructionText';
import { DstTable } from './dstUi';

/** Every batch, newest first: number, requester, when, how many carriers, where it stands. */
export function BatchList({ batches, onOpen }: { batches: BatchDoc[]; onOpen: (id: string) => void }) {
  const t = useT();
  if (batches.length === 0) return <p className="placeholder-note">{t('dst.batches.none')}</p>;
  return (
    <DstTable label={t('dst.batches.heading')} columns={[t('dst.col.batch'), t('dst.col.requester'), t('dst.col.requestedAt'), t('dst.col.count'), t('dst.col.status'), t('dst.col.updatedAt')]}>
      {batches.map((b) => (
        <tr key={b.id}>
          <td>
            <button type="button" className="button-link" onClick={() => onOpen(b.id)}>
              {batchNumber(b.id)}
            </button>
          </td>
          <td>{b.names[b.state.requestedBy] ?? '?'}</td>
          <td className="nowrap">{formatLocalTime(b.state.requestedAt)}</td>
          <td>{b.state.carrierIds.length}</td>
          <td className={`dst-status dst-status-${b.state.status}`}>{batchStatusLabel(b.state.status, t)}</td>
          <td className="nowrap">{formatLocalTime(b.updatedAt)}</td>
        </tr>
      ))}
    </DstTable>
  );
}
