import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import { CARRIER_KINDS, CARRIER_STATUSES, type CarrierState } from '../../../shared/ledger/carrier';
import { LEVELS, marking } from '../../../shared/ledger/classification';
import { checkDateFilters, NO_FILTER, type LedgerFilters, type LedgerSort, type SortColumn, type StatusFilter } from '../../../shared/ledger/ledgerView';
import { isOverdue } from '../../../shared/ledger/transition';
import { formatLocalTime, useT, type MessageKey } from '../../i18n';
import { TextField } from '../../ui/TextField';
import { VirtualList } from '../../ui/VirtualList';
import { useSession } from '../../session/SessionContext';
import { ledgerPrintout } from '../print/ledgerPrint';
import { usePrint } from '../print/PrintProvider';
import { describeLedgerRefusal } from './ledgerText';
import { SelectField } from './fields';
import { distinctSorted, filterCarriers } from './ledgerFilters';
import { SortedView } from './ledgerSort';
import { kindLabel, levelLabel, partyName, statusLabel, type PeopleIndex } from './ledgerText';
import type { LedgerServices } from './ledgerServices';
import { SavedFilters, sortText } from './SavedFilters';
import type { LedgerData } from './useLedgerData';

export { filterCarriers } from './ledgerFilters';

const ROW_HEIGHT = 40;
const VIEW_HEIGHT = 480;

type Filters = Required<LedgerFilters>;

/** The table's columns, left to right, and the column each orders by. */
const COLUMNS: readonly { id: string; label: MessageKey; sort: SortColumn }[] = [
  { id: 'registryNumber', label: 'ledger.field.registryNumber', sort: 'registryNumber' },
  { id: 'title', label: 'ledger.field.title', sort: 'title' },
  { id: 'marking', label: 'ledger.field.marking', sort: 'level' },
  { id: 'kind', label: 'ledger.field.kind', sort: 'kind' },
  { id: 'copyNumber', label: 'ledger.field.copyNumber', sort: 'copyNumber' },
  { id: 'status', label: 'ledger.field.status', sort: 'status' },
  { id: 'custodian', label: 'ledger.field.custodian', sort: 'custodian' },
  { id: 'place', label: 'ledger.field.place', sort: 'place' },
  { id: 'registeredAt', label: 'ledger.field.registeredAt', sort: 'registeredAt' },
  { id: 'dueOn', label: 'ledger.field.dueOn', sort: 'dueOn' },
];

export function todayLocal(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * The table as the person left it — filters, search, sort, scroll, and the sorted view with its
 * keys — kept by the ledger page while a carrier's page or another tab is shown, so that coming
 * back after a change shows the same view with the change in it (no re-sorting of the ledger).
 */
export interface KeptTable {
  filters?: Filters;
  sort?: LedgerSort;
  scrollTop?: number;
  view: SortedView;
}

export function keptTable(): KeptTable {
  return { view: new SortedView() };
}

/** A column header click: ascending first, then the other way; another column starts ascending. */
function nextSort(current: LedgerSort, column: SortColumn): LedgerSort {
  if (current?.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: 'ascending' };
}

/**
 * 载体台账: what is out, overdue or waiting at a glance; filters (level, kind, status, custodian,
 * the custodian's department, place, registration dates, due date) and a search over titles,
 * registry numbers and 文号 (in memory, on what was decrypted at load); sorting by any column;
 * saved filters; the rows virtualized. The whole ledger is sorted once per sort (ledgerSort.ts)
 * and a filter keeps that order, so a filter change costs only the filter.
 */
export function LedgerTable({ data, services, onOpen, kept }: { data: LedgerData; services?: Pick<LedgerServices, 'savedFilters'>; onOpen: (id: string) => void; kept?: KeptTable }) {
  const t = useT();
  const print = usePrint();
  const unitName = useSession((s) => s.session?.unit.name ?? '');
  // Who cannot register (an 审批人, a 定密责任人) is told who does, not sent to a tab they do not have.
  const mayRegister = useSession((s) => authorize(s.session?.roles ?? [], 'carrier.register').ok);
  const [filters, setFilters] = useState<Filters>(() => kept?.filters ?? NO_FILTER);
  const [sort, setSort] = useState<LedgerSort>(() => kept?.sort ?? null);
  useEffect(() => {
    if (kept) Object.assign(kept, { filters, sort });
  }, [kept, filters, sort]);
  const query = useDeferredValue(filters.query);
  const today = todayLocal();
  const set = <K extends keyof Filters>(key: K) => (value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  // A reversed date range is said, and not applied, rather than showing an empty table.
  const dates = checkDateFilters(filters);
  const effective = useMemo<Filters>(() => (dates.ok ? { ...filters, query } : { ...filters, query, registeredFrom: '', registeredTo: '' }), [dates.ok, filters, query]);
  // Kept across changes: a change merged into the ledger patches the order instead of sorting it again (ledgerSort.ts).
  const [view] = useState(() => kept?.view ?? new SortedView());
  const keys = useMemo(() => view.keysFor(data.carriers, data.peopleById), [view, data.carriers, data.peopleById]);
  // Until every carrier is read (useLedgerData), the first page is shown as it is: filtering or sorting a part would mislead.
  const ordered = useMemo(() => (data.complete ? view.order(data.carriers, sort, keys, data.delta) : data.carriers), [view, data.complete, data.carriers, sort, keys, data.delta]);
  const rows = useMemo(
    () => (data.complete ? filterCarriers(ordered, effective, today, data.searchIndex, data.peopleById) : data.carriers),
    [data.complete, data.carriers, ordered, effective, today, data.searchIndex, data.peopleById],
  );
  const counts = useMemo(() => countAtGlance(data.carriers, today), [data.carriers, today]);
  const places = useMemo(() => (data.complete ? distinctSorted(data.carriers.map((c) => c.place)) : []), [data.complete, data.carriers]);
  const departments = useMemo(() => distinctSorted(data.people.map((p) => p.department)), [data.people]);
  const pendingApprovals = data.approvals.filter((a) => a.status === 'pending').length;
  const shownSort = data.complete ? sort : null;
  const all = { value: 'all' as const, label: t('ledger.filter.all') };
  /** A saved value no longer among the options (a place emptied since) stays selectable, so the select shows what filters. */
  const keep = (options: string[], value: string) => (value === 'all' || options.includes(value) ? options : [...options, value]);

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
        <SelectField label={t('ledger.field.level')} value={filters.level} onChange={set('level')} options={[all, ...LEVELS.map((l) => ({ value: l, label: levelLabel(l, t) }))]} />
        <SelectField label={t('ledger.field.kind')} value={filters.kind} onChange={set('kind')} options={[all, ...CARRIER_KINDS.map((k) => ({ value: k, label: kindLabel(k, t) }))]} />
        <SelectField<StatusFilter>
          label={t('ledger.field.status')}
          value={filters.status}
          onChange={set('status')}
          options={[
            all,
            ...CARRIER_STATUSES.map((s) => ({ value: s, label: statusLabel(s, t) })),
            { value: 'overdue', label: t('ledger.filter.overdue') },
            { value: 'pending', label: t('ledger.filter.pending') },
          ]}
        />
        <SelectField
          label={t('ledger.field.custodian')}
          value={filters.custodian}
          onChange={set('custodian')}
          options={[all, ...data.people.map((p) => ({ value: p.id, label: `${p.name}（${p.department}）` }))]}
        />
      </div>
      <div className="filters">
        <SelectField label={t('lv.filter.department')} value={filters.department} onChange={set('department')} options={[all, ...keep(departments, filters.department).map((d) => ({ value: d, label: d }))]} />
        <SelectField label={t('ledger.field.place')} value={filters.place} onChange={set('place')} options={[all, ...keep(places, filters.place).map((p) => ({ value: p, label: p }))]} />
        <TextField type="date" label={t('lv.filter.registeredFrom')} value={filters.registeredFrom} onChange={set('registeredFrom')} />
        <TextField
          type="date"
          label={t('lv.filter.registeredTo')}
          value={filters.registeredTo}
          onChange={set('registeredTo')}
          error={dates.ok ? null : describeLedgerRefusal(dates.error, t)}
        />
        <TextField type="date" label={t('lv.filter.dueBy')} value={filters.dueBy} onChange={set('dueBy')} />
        <button
          type="button"
          className="button-secondary filters-reset"
          onClick={() => {
            setFilters(NO_FILTER);
          }}
        >
          {t('ledger.filter.reset')}
        </button>
        {/* Printed only once the whole ledger is read: a printout of the first page would pass for the ledger. */}
        <button
          type="button"
          className="button-secondary filters-reset"
          disabled={!print || !data.complete}
          title={t('print.ledger.hint', { n: rows.length })}
          onClick={() => print?.printTable(ledgerPrintout(rows, data.carriers.length, effective, data.peopleById, unitName, shownSort))}
        >
          {t('print.ledger.action')}
        </button>
      </div>
      <p className="table-count" role="status">
        {data.total === null && !data.complete ? t('lv.table.counting', { shown: rows.length }) : t('ledger.table.count', { shown: rows.length, total: data.total ?? rows.length })}
        {data.complete && rows.length > 0 ? ` · ${sortText(shownSort, t)}` : ''}
        {shownSort && (
          <button type="button" className="button-link sort-reset" onClick={() => setSort(null)}>
            {t('lv.sort.reset')}
          </button>
        )}
      </p>
      {!data.complete && <p className="working">{data.total === null ? t('lv.table.readingUncounted', { done: data.loaded }) : t('ledger.table.reading', { done: data.loaded, total: data.total })}</p>}
      {data.carriers.length === 0 ? (
        <p className="placeholder-note">{t(mayRegister ? 'ledger.table.empty' : 'ledger.table.emptyNoRegister')}</p>
      ) : (
        <div className="ledger-grid" role="table" aria-label={t('ledger.table.heading')} aria-rowcount={rows.length + 1}>
          <div role="rowgroup">
            <div role="row" aria-rowindex={1} className="ledger-row ledger-head">
              {COLUMNS.map((c) => {
                const direction = shownSort?.column === c.sort ? shownSort.direction : null;
                return (
                  <span key={c.id} role="columnheader" className={`col-${c.id}`} aria-sort={direction ?? 'none'}>
                    <button type="button" className="sort-button" disabled={!data.complete} title={t('lv.sort.by', { column: t(c.label) })} onClick={() => setSort((s) => nextSort(s, c.sort))}>
                      {t(c.label)}
                      <span className="sort-mark" aria-hidden="true">
                        {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
                      </span>
                    </button>
                  </span>
                );
              })}
            </div>
          </div>
          <VirtualList items={rows} rowHeight={ROW_HEIGHT} height={Math.min(VIEW_HEIGHT, rows.length * ROW_HEIGHT + 2)} scrollTop={kept?.scrollTop} onScrollTop={kept ? (top) => (kept.scrollTop = top) : undefined} rowKey={(c) => c.id} renderRow={(c) => <Row c={c} people={data.peopleById} today={today} onOpen={onOpen} />} />
        </div>
      )}
      {services && (
        <SavedFilters
          repo={services.savedFilters}
          filters={filters}
          sort={sort}
          people={data.peopleById}
          onApply={(f) => {
            setFilters(f.filters);
            setSort(f.sort);
          }}
        />
      )}
    </section>
  );
}

/** A row of fixed height: each cell is one line, cut with an ellipsis, and says its whole text in its title. */
function Row({ c, people, today, onOpen }: { c: CarrierState; people: PeopleIndex; today: string; onOpen: (id: string) => void }) {
  const t = useT();
  const overdue = isOverdue(c, today);
  const due = c.loan?.dueOn ?? c.outing?.expectedBackOn ?? '';
  const markingText = marking(c.level, c.period) || levelLabel(c.level, t);
  const statusText = statusLabel(c.status, t) + (c.pending ? t('ledger.table.pendingMark') : '');
  const custodian = partyName(c.custodian, people, t);
  const dueText = due + (overdue ? t('ledger.table.overdueMark') : '');
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
      <span role="cell" className="col-marking" title={markingText}>
        {markingText}
      </span>
      <span role="cell" className="col-kind" title={kindLabel(c.kind, t)}>
        {kindLabel(c.kind, t)}
      </span>
      <span role="cell" className="col-copyNumber">
        {c.copyNumber}
      </span>
      <span role="cell" className="col-status" title={statusText}>
        {statusText}
      </span>
      <span role="cell" className="col-custodian" title={custodian}>
        {custodian}
      </span>
      <span role="cell" className="col-place" title={c.place}>
        {c.place}
      </span>
      <span role="cell" className="col-registeredAt">
        {formatLocalTime(c.registeredAt).slice(0, 10)}
      </span>
      <span role="cell" className="col-dueOn" title={dueText || undefined}>
        {dueText}
      </span>
    </div>
  );
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
