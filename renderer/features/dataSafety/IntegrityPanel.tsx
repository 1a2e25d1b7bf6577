import { useState } from 'react';
import type { Refusal } from '../../../shared/result';
import type { IntegrityProgress, IntegrityReason, IntegrityReport } from '../../db/dataSafety/integrity';
import { useT, type MessageKey } from '../../i18n';
import { refusalFromError } from '../../session/refusalFromError';
import { useKeepAwake } from './useKeepAwake';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { Region } from '../../ui/Region';
import type { DataSafetyServices } from './dataSafetyServices';
import { ProgressBar } from './ProgressBar';
import { formatCount, percent, tableLabel } from './safetyText';

const REASON: Record<IntegrityReason, MessageKey> = {
  unreadable: 'safety.reason.unreadable',
  plainMismatch: 'safety.reason.plainMismatch',
  idMismatch: 'safety.reason.idMismatch',
  unencrypted: 'safety.reason.unencrypted',
  sealedUnreadable: 'safety.reason.sealedUnreadable',
  installInvalid: 'safety.reason.installInvalid',
  keyslotInvalid: 'safety.reason.keyslotInvalid',
  chain: 'safety.reason.chain',
};

const CHAIN_DETAIL: Record<string, MessageKey> = {
  missing: 'safety.chain.missing',
  relinked: 'safety.chain.relinked',
  altered: 'safety.chain.altered',
  truncated: 'safety.chain.truncated',
  unreadable: 'safety.chain.unreadable',
};

/**
 * 完整性检查: decrypts and verifies every record of every table and walks the audit chain, with a
 * progress bar; names each problem by table and record. For the clerk and the auditor.
 */
export function IntegrityPanel({ services }: { services: DataSafetyServices }) {
  const t = useT();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<IntegrityProgress | null>(null);
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const awake = useKeepAwake();

  async function run() {
    if (running) return;
    setRunning(true);
    setReport(null);
    setRefusal(null);
    setProgress(null);
    try {
      const r = await services.store.checkIntegrity((p) => {
        awake();
        setProgress(p);
      });
      if (r.ok) setReport(r.value);
      else setRefusal(r.error);
    } catch (e) {
      setRefusal(refusalFromError(e));
    } finally {
      setRunning(false);
    }
  }

  return (
    <Region title={t('safety.integrity.heading')}>
      <p className="note">{t('safety.integrity.intro')}</p>
      <div className="toolbar">
        <button type="button" className="button-primary" disabled={running} onClick={() => void run()}>
          {running ? t('safety.integrity.running') : t('safety.integrity.start')}
        </button>
      </div>
      {running && (
        <ProgressBar
          label={t('safety.integrity.progressLabel')}
          done={progress?.done ?? 0}
          total={progress?.total ?? 0}
          text={
            progress
              ? t('safety.integrity.progress', { done: formatCount(progress.done), total: formatCount(progress.total), percent: percent(progress.done, progress.total), table: tableLabel(progress.table, t) })
              : t('safety.integrity.starting')
          }
        />
      )}
      <RefusalAlert refusal={refusal} />
      {report && <IntegrityResult report={report} />}
    </Region>
  );
}

function IntegrityResult({ report }: { report: IntegrityReport }) {
  const t = useT();
  const chainText = (detail: string | undefined) => {
    const key = detail === undefined ? undefined : CHAIN_DETAIL[detail];
    return key ? t(key) : (detail ?? '');
  };
  if (report.problemCount === 0 && report.chain.ok) {
    return (
      <p role="status" className="alert alert-ok">
        {t('safety.integrity.ok', { rows: formatCount(report.rows), chain: formatCount(report.chain.count) })}
      </p>
    );
  }
  return (
    <>
      <p role="alert" className="alert alert-error">
        {t('safety.integrity.problems', { problems: formatCount(report.problemCount), rows: formatCount(report.rows) })}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('safety.integrity.col.table')}</th>
            <th scope="col">{t('safety.integrity.col.record')}</th>
            <th scope="col">{t('safety.integrity.col.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {report.problems.map((p, i) => (
            <tr key={`${p.table}/${p.id}/${p.reason}/${i}`}>
              <td>{tableLabel(p.table, t)}</td>
              <td className="cell-detail">
                <code className="code-small">{p.id}</code>
              </td>
              <td className="cell-broken">
                {t(REASON[p.reason], { field: p.detail ?? '', detail: chainText(p.detail) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.problemCount > report.problems.length && <p className="note">{t('safety.integrity.more', { shown: report.problems.length, total: formatCount(report.problemCount) })}</p>}
      <p className="note">{t('safety.integrity.whatNow')}</p>
    </>
  );
}
