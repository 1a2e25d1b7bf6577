import { useMemo, useState } from 'react';
import { dashboardOf, DASHBOARD_KINDS, type DashboardEntry, type DashboardKind } from '../../../shared/ledger/dashboard';
import { useT, type MessageKey } from '../../i18n';
import { todayLocal } from './LedgerTable';
import { approvalKindLabel, levelLabel, partyName, when } from './ledgerText';
import type { LedgerData } from './useLedgerData';
import './dashboard.css';

const KIND_LABELS: Record<DashboardKind, MessageKey> = {
  onLoan: 'dash.kind.onLoan',
  overdue: 'dash.kind.overdue',
  takenOut: 'dash.kind.takenOut',
  underRepair: 'dash.kind.underRepair',
  awaitingApproval: 'dash.kind.awaitingApproval',
};

/**
 * 看板: a count card per board (借出中, 逾期未还, 携带外出, 维修中, 待审批), each opening the list of
 * its carriers with who holds them, since when and until when, and a link to the carrier's page.
 * Computed from the ledger the page has already read (no second read of the store); `today` is the
 * local date the page opened on, so a board changes only when the ledger does.
 */
export function Dashboard({ data, onOpen, today = todayLocal() }: { data: LedgerData; onOpen: (id: string) => void; today?: string }) {
  const t = useT();
  const board = useMemo(() => dashboardOf(data.carriers, data.approvals, today), [data.carriers, data.approvals, today]);
  const [open, setOpen] = useState<DashboardKind>(() => DASHBOARD_KINDS.find((k) => board[k].length > 0) ?? 'onLoan');
  const entries = board[open];
  const kind = t(KIND_LABELS[open]);
  return (
    <section aria-labelledby="dash-title" className="dashboard">
      <h2 id="dash-title">{t('dash.heading')}</h2>
      <p className="field-hint">{t('dash.intro', { today })}</p>
      <ul className="dash-cards" aria-label={t('dash.heading')}>
        {DASHBOARD_KINDS.map((k) => {
          const n = board[k].length;
          const warn = k === 'overdue' && n > 0;
          return (
            <li key={k}>
              <button
                type="button"
                className={`dash-card${warn ? ' dash-card-warn' : ''}`}
                aria-pressed={open === k}
                aria-label={t('dash.card.label', { kind: t(KIND_LABELS[k]), n })}
                onClick={() => setOpen(k)}
              >
                <span className="dash-count">{n}</span>
                <span className="dash-kind">{t(KIND_LABELS[k])}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <section aria-labelledby="dash-list-title">
        <h3 id="dash-list-title">{t('dash.list.heading', { kind, n: entries.length })}</h3>
        {entries.length === 0 ? (
          <p className="placeholder-note">{t('dash.list.none', { kind })}</p>
        ) : (
          <DashboardList kind={open} entries={entries} data={data} onOpen={onOpen} />
        )}
      </section>
    </section>
  );
}

function DashboardList({ kind, entries, data, onOpen }: { kind: DashboardKind; entries: DashboardEntry[]; data: LedgerData; onOpen: (id: string) => void }) {
  const t = useT();
  const approvals = kind === 'awaitingApproval';
  return (
    <table className="data-table dash-table">
      <thead>
        <tr>
          <th scope="col">{t('dash.col.registryNumber')}</th>
          <th scope="col">{t('dash.col.title')}</th>
          <th scope="col">{t('dash.col.level')}</th>
          <th scope="col">{t('dash.col.holder')}</th>
          <th scope="col">{t('dash.col.since')}</th>
          <th scope="col">{approvals ? t('dash.col.approvals') : t('dash.col.dueOn')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.carrier.id}>
            <td>
              <button type="button" className="button-link" aria-label={t('dash.open', { number: e.carrier.registryNumber })} onClick={() => onOpen(e.carrier.id)}>
                {e.carrier.registryNumber}
              </button>
            </td>
            <td>{e.carrier.title}</td>
            <td>{levelLabel(e.carrier.level, t)}</td>
            <td>{partyName(e.holder, data.peopleById, t)}</td>
            <td>{e.since.length > 10 ? when(e.since) : e.since}</td>
            {approvals ? (
              <td>{e.approvalKinds.map((k) => approvalKindLabel(k, t)).join(t('list.separator'))}</td>
            ) : (
              <td className={e.daysOverdue > 0 ? 'overdue' : undefined}>
                {e.dueOn ?? t('dash.noDue')}
                {e.daysOverdue > 0 && <> · {t('dash.overdueDays', { n: e.daysOverdue })}</>}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
