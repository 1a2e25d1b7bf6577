import { addTotals, emptyTotals } from '../../../shared/exchange/statistics';
import { CARRIER_KINDS, CARRIER_STATUSES } from '../../../shared/ledger/carrier';
import { LEVELS } from '../../../shared/ledger/classification';
import type { UnitSummary } from '../../db/exchange/bureau.repo';
import { formatLocalTime, useT } from '../../i18n';
import { kindLabel as carrierKindLabel, levelLabel, statusLabel } from '../ledger/ledgerText';
import { BarChart } from './BarChart';
import { ExTable } from './ui';

/** 各单位: every registered unit with its reporting status, and the totals across all units as charts. */
export function UnitsPanel({ units, onOpen }: { units: UnitSummary[]; onOpen: (id: string) => void }) {
  const t = useT();
  const totals = units.reduce((sum, u) => (u.totals ? addTotals(sum, u.totals) : sum), emptyTotals());
  const unitWord = t('ex.units.carrierUnit');
  return (
    <section aria-labelledby="ex-units-title">
      <h2 id="ex-units-title">{t('ex.units.heading')}</h2>
      {units.length === 0 ? (
        <p className="note">{t('ex.units.empty')}</p>
      ) : (
        <>
          <ExTable columns={[t('ex.units.code'), t('ex.units.name'), t('ex.units.lastSequence'), t('ex.units.coveredTo'), t('ex.units.since'), t('ex.units.carriers'), t('ex.units.overdue')]} actions>
            {units.map((u) => (
              <tr key={u.id}>
                <td>{u.code}</td>
                <td>{u.name}</td>
                <td>{u.reporting.lastSequence ?? t('ex.units.never')}</td>
                <td>{u.reporting.coveredTo ?? '—'}</td>
                <td className={u.reporting.late ? 'ex-late' : undefined}>
                  {u.reporting.daysSinceCovered === null ? t('ex.units.noBundle') : t('ex.units.days', { n: u.reporting.daysSinceCovered })}
                  {u.reporting.late && u.reporting.daysSinceCovered !== null ? ` ${t('ex.units.late')}` : ''}
                </td>
                <td>{u.totals?.total ?? '—'}</td>
                <td className={u.overdueReported ? 'ex-late' : undefined}>{u.overdueReported ?? '—'}</td>
                <td>
                  <button type="button" className="button-link" onClick={() => onOpen(u.id)} aria-label={t('ex.units.openNamed', { name: u.name })}>
                    {t('ex.units.open')}
                  </button>
                </td>
              </tr>
            ))}
          </ExTable>
          <p className="note">{t('ex.units.lastImport', { at: lastImport(units) })}</p>
          <h3>{t('ex.units.totalsHeading', { n: totals.total, units: units.filter((u) => u.totals).length })}</h3>
          <div className="ex-charts">
            <BarChart title={t('ex.chart.byLevel')} unit={unitWord} bars={LEVELS.map((l) => ({ label: levelLabel(l, t), value: totals.byLevel[l] }))} />
            <BarChart title={t('ex.chart.byKind')} unit={unitWord} bars={CARRIER_KINDS.map((k) => ({ label: carrierKindLabel(k, t), value: totals.byKind[k] }))} />
            <BarChart title={t('ex.chart.byStatus')} unit={unitWord} bars={CARRIER_STATUSES.map((s) => ({ label: statusLabel(s, t), value: totals.byStatus[s] }))} />
          </div>
        </>
      )}
    </section>
  );
}

function lastImport(units: UnitSummary[]): string {
  const at = units.map((u) => u.reporting.lastImportedAt).filter((x): x is string => x !== null).sort().pop();
  return at ? formatLocalTime(at) : '—';
}
