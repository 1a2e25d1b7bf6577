import { useDeferredValue, useMemo, useState } from 'react';
import { CARRIER_KINDS, CARRIER_STATUSES, type CarrierKind, type CarrierState, type CarrierStatus } from '../../../shared/ledger/carrier';
import { LEVELS, marking, type Level } from '../../../shared/ledger/classification';
import { isOverdue } from '../../../shared/ledger/transition';
import { useT } from '../../i18n';
import { TextField } from '../../ui/TextField';
import { VirtualList } from '../../ui/VirtualList';
import { normalizeDocNumber } from '../../db/ledgerAccess';
import { useSession } from '../../session/SessionContext';
import { ledgerPrintout } from '../print/ledgerPrint';
import { usePrint } from '../print/PrintProvider';
import { SelectField } from './fields';
import { matches, type SearchIndex } from './ledgerSearch';
import { kindLabel, levelLabel, partyName, statusLabel, type PeopleIndex } from './ledgerText';
import type { LedgerData } from './useLedgerData';

const ROW_HEIGHT = 40;
const VIEW_HEIGHT = 480;

type StatusFilter = 'all' | CarrierStatus | 'overdue' | 'pending';

interface Filters {
  level: 'all' | Level;
  kind: 'all' | CarrierKind;
  status: StatusFilter;
  custodian: string;
  query: string;
}

const NO_FILTER: Filters = { level: 'all', kind: 'all', status: 'all', custodian: 'all', query: '' };

export function todayLocal(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * 载体台账: what is out, overdue or waiting at a glance; filters and a search over titles,
 * registry numbers and 文号 (in memory, on what was decrypted at load); the rows virtualized.
 */
export function LedgerTable({ data, onOpen }: { data: LedgerData; onOpen: (id: string) => void }) {
  const t = useT();
  const print = usePrint();
  const unitName = useSession((s) => s.session?.unit.name ?? '');
  const [filters, setFilters] = useState<Filters>(NO_FILTER);
  const query = useDeferredValue(filters.query);
  const today = todayLocal();
  const set = <K extends keyof Filters>(key: K) => (value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  // Until every carrier is read (useLedgerData), the first page is shown as it is: filtering a part would mislead.
  const rows = useMemo(() => (data.complete ? filterCarriers(data.carriers, { ...filters, query }, today, data.searchIndex) : data.carriers), [data.complete, data.carriers, data.searchIndex, filters, query, today]);
  const counts = useMemo(() => countAtGlance(data.carriers, today), [data.carriers, today]);
  const pendingApprovals = data.approvals.filter((a) => a.status === 'pending').length;

  return (
    <section aria-label={t('ledger.table.heading')}>
      <ul className="glance" aria-label={t('ledger.glance.label')} hidden={!data.complete}>
        {(
          [
            ['on_loan', counts.onLoan, 'ledger.glance.onLoan'],
            ['overdue', counts.overdue, 'ledger.glance.overdue'],
            ['taken_out', counts.out, 'ledger.glance.out'],
            ['under_repair', counts.repair, 'ledger.glance.repair'],
            ['pending', counts.pending, 'ledger.glance.pending'],
          ] as const
        ).map(([status, n, key]) => (
          <li key={status}>
            <button type="button" className={status === 'overdue' && n > 0 ? 'glance-item glance-warn' : 'glance-item'} aria-pressed={filters.status === status} onClick={() => set('status')(filters.status === status ? 'all' : status)}>
              {t(key, { n })}
            </button>
          </li>
        ))}
        <li>
          <span className="glance-item">{t('ledger.glance.approvals', { n: pendingApprovals })}</span>
        </li>
      </ul>
      <div className="filters">
        <TextField label={t('ledger.filter.search')} value={filters.query} onChange={set('query')} hint={t('ledger.filter.searchHint')} />
        <SelectField label={t('ledger.field.level')} value={filters.level} onChange={set('level')} options={[{ value: 'all', label: t('ledger.filter.all') }, ...LEVELS.map((l) => ({ value: l, label: levelLabel(l, t) }))]} />
        <SelectField label={t('ledger.field.kind')} value={filters.kind} onChange={set('kind')} options={[{ value: 'all', label: t('ledger.filter.all') }, ...CARRIER_KINDS.map((k) => ({ value: k, label: kindLabel(k, t) }))]} />
        <SelectField<StatusFilter>
          label={t('ledger.field.status')}
          value={filters.status}
          onChange={set('status')}
          options={[
            { value: 'all', label: t('ledger.filter.all') },
            ...CARRIER_STATUSES.map((s) => ({ value: s, label: statusLabel(s, t) })),
            { value: 'overdue', label: t('ledger.filter.overdue') },
            { value: 'pending', label: t('ledger.filter.pending') },
          ]}
        />
        <SelectField
          label={t('ledger.field.custodian')}
          value={filters.custodian}
          onChange={set('custodian')}
          options={[{ value: 'all', label: t('ledger.filter.all') }, ...data.people.map((p) => ({ value: p.id, label: `${p.name}（${p.department}）` }))]}
        />
        <button type="button" className="button-secondary filters-reset" onClick={() => setFilters(NO_FILTER)}>
          {t('ledger.filter.reset')}
        </button>
        {/* Printed only once the whole ledger is read: a printout of the first page would pass for the ledger. */}
        <button type="button" className="button-secondary" disabled={!print || !data.complete} title={t('print.ledger.hint', { n: rows.length })} onClick={() => print?.printTable(ledgerPrintout(rows, data.carriers.length, filters, data.peopleById, unitName))}>
          {t('print.ledger.action')}
        </button>
      </div>
      <p className="table-count" role="status">
        {t('ledger.table.count', { shown: rows.length, total: data.total })}
      </p>
      {!data.complete && <p className="working">{t('ledger.table.reading', { done: data.loaded, total: data.total })}</p>}
      {data.total === 0 ? (
        <p className="placeholder-note">{t('ledger.table.empty')}</p>
      ) : (
        <div className="ledger-grid" role="table" aria-label={t('ledger.table.heading')} aria-rowcount={rows.length + 1}>
          <div role="rowgroup">
            <div role="row" aria-rowindex={1} className="ledger-row ledger-head">
              {(['registryNumber', 'title', 'marking', 'kind', 'copyNumber', 'status', 'custodian', 'place', 'dueOn'] as const).map((c) => (
                <span key={c} role="columnheader" className={`col-${c}`}>
                  {t(`ledger.field.${c}`)}
                </span>
              ))}
            </div>
          </div>
          <VirtualList items={rows} rowHeight={ROW_HEIGHT} height={Math.min(VIEW_HEIGHT, rows.length * ROW_HEIGHT + 2)} rowKey={(c) => c.id} renderRow={(c) => <Row c={c} people={data.peopleById} today={today} onOpen={onOpen} />} />
        </div>
      )}
    </section>
  );
}

function Row({ c, people, today, onOpen }: { c: CarrierState; people: PeopleIndex; today: string; onOpen: (id: string) => void }) {
  const t = useT();
  const overdue = isOverdue(c, today);
  const due = c.loan?.dueOn ?? c.outing?.expectedBackOn ?? '';
  return (
    <div className={`ledger-row${overdue ? ' ledger-row-overdue' : ''}`}>
      <span role="cell" className="col-registryNumber">
        <button type="button" className="button-link" onClick={() => onOpen(c.id)}>
          {c.registryNumber}
        </button>
      </span>
      <span role="cell" className="col-title" title={c.title}>
        {c.title}
      </span>
      <span role="cell" className="col-marking">
        {marking(c.level, c.period) || levelLabel(c.level, t)}
      </span>
      <span role="cell" className="col-kind">
        {kindLabel(c.kind, t)}
      </span>
      <span role="cell" className="col-copyNumber">
        {c.copyNumber}
      </span>
      <span role="cell" className="col-status">
        {statusLabel(c.status, t)}
        {c.pending ? t('ledger.table.pendingMark') : ''}
      </span>
      <span role="cell" className="col-custodian">
        {partyName(c.custodian, people, t)}
      </span>
      <span role="cell" className="col-place">
        {c.place}
      </span>
      <span role="cell" className="col-dueOn">
        {due}
        {overdue ? t('ledger.table.overdueMark') : ''}
      </span>
    </div>
  );
}

/** `index` (ledgerSearch.ts) holds each carrier's folded search text; without it the text is computed per call. */
export function filterCarriers(all: readonly CarrierState[], f: Filters, today: string, index?: SearchIndex): CarrierState[] {
  const q = f.query.trim().toLowerCase();
  const qDoc = normalizeDocNumber(f.query);
  return all.filter((c) => {
    if (f.level !== 'all' && c.level !== f.level) return false;
    if (f.kind !== 'all' && c.kind !== f.kind) return false;
    if (f.status === 'overdue') {
      if (!isOverdue(c, today)) return false;
    } else if (f.status === 'pending') {
      if (!c.pending) return false;
    } else if (f.status !== 'all' && c.status !== f.status) return false;
    if (f.custodian !== 'all' && !(c.custodian.kind === 'person' && c.custodian.personId === f.custodian)) return false;
    if (q && !matches(c, q, qDoc, index)) return false;
    return true;
  });
}

function countAtGlance(all: readonly CarrierState[], today: string) {
  let onLoan = 0;
  let overdue = 0;
  let out = 0;
  let repair = 0;
  let pending = 0;
  for (const c of all) {
    if (c.status === 'on_loan') onLoan++;
    if (isOverdue(c, today)) overdue++;
    if (c.status === 'taken_out') out++;
    if (c.status === 'under_repair') repair++;
    if (c.pending) pending++;
  }
  return { onLoan, overdue, out, repair, pending };
}
