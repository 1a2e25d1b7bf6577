import { ok, refuse, type Result } from '../result';
import { CARRIER_KINDS, CARRIER_STATUSES, type CarrierKind, type CarrierStatus } from './carrier';
import { LEVELS, type Level } from './classification';

/**
 * How the ledger table is narrowed and ordered (issue 3 §4, Views), and a saved view (已存筛选):
 * the same filter, search and sort kept under a name for the account that saved it.
 */
export type StatusFilter = 'all' | CarrierStatus | 'overdue' | 'pending';

export interface LedgerFilters {
  level: 'all' | Level;
  kind: 'all' | CarrierKind;
  status: StatusFilter;
  /** A person's id, or 'all'. */
  custodian: string;
  query: string;
  /** 存放位置, exactly as registered, or 'all'. */
  place?: string;
  /** The custodian's department in the people directory, or 'all'. */
  department?: string;
  /** 登记日期 from / to, local days (YYYY-MM-DD), both inclusive; '' = open. */
  registeredFrom?: string;
  registeredTo?: string;
  /** 应还日期 on or before this local day (YYYY-MM-DD); '' = any. */
  dueBy?: string;
}

export const NO_FILTER: Required<LedgerFilters> = {
  level: 'all',
  kind: 'all',
  status: 'all',
  custodian: 'all',
  query: '',
  place: 'all',
  department: 'all',
  registeredFrom: '',
  registeredTo: '',
  dueBy: '',
};

/** The columns a person may order the table by. */
export const SORT_COLUMNS = ['registryNumber', 'title', 'level', 'kind', 'copyNumber', 'status', 'custodian', 'place', 'registeredAt', 'dueOn'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';

/** null: the ledger's own order (newest registration first). */
export type LedgerSort = { column: SortColumn; direction: SortDirection } | null;

/** 已存筛选: one account's named view of the ledger. */
export interface SavedFilter {
  id: string;
  accountId: string;
  name: string;
  filters: Required<LedgerFilters>;
  sort: LedgerSort;
  savedAt: string;
}

export const SAVED_FILTER_NAME_MAX = 30;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A name as compared for duplicates: width variants and spaces folded, case ignored. */
export function savedFilterKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Checks a name for a new saved view against the account's existing ones; the name comes back trimmed. */
export function validateSavedFilterName(name: string, existing: readonly Pick<SavedFilter, 'name'>[]): Result<string> {
  const trimmed = name.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (trimmed === '') return refuse('SAVED_FILTER_NAME_EMPTY');
  if (trimmed.length > SAVED_FILTER_NAME_MAX) return refuse('SAVED_FILTER_NAME_TOO_LONG', { max: SAVED_FILTER_NAME_MAX });
  const key = savedFilterKey(trimmed);
  if (existing.some((f) => savedFilterKey(f.name) === key)) return refuse('SAVED_FILTER_NAME_TAKEN', { name: trimmed });
  return ok(trimmed);
}

/** Does the date range make sense? From after to is refused with the field that is wrong. */
export function checkDateFilters(f: LedgerFilters): Result<void> {
  for (const field of ['registeredFrom', 'registeredTo', 'dueBy'] as const) {
    const v = f[field] ?? '';
    if (v !== '' && !DAY.test(v)) return refuse('LEDGER_FILTER_BAD_DATE', { field });
  }
  if (f.registeredFrom && f.registeredTo && f.registeredFrom > f.registeredTo) return refuse('LEDGER_FILTER_DATES_REVERSED');
  return ok(undefined);
}

/**
 * What is stored, read back as a complete view: fields a newer version added are filled with
 * "all", unknown codes (a level or status removed since) fall back to "all" rather than hiding rows.
 */
export function completeFilters(raw: Partial<Record<keyof LedgerFilters, unknown>>): Required<LedgerFilters> {
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  const day = (v: unknown) => (typeof v === 'string' && DAY.test(v) ? v : '');
  const level = str(raw.level, 'all');
  const kind = str(raw.kind, 'all');
  const status = str(raw.status, 'all');
  return {
    level: (LEVELS as readonly string[]).includes(level) ? (level as Level) : 'all',
    kind: (CARRIER_KINDS as readonly string[]).includes(kind) ? (kind as CarrierKind) : 'all',
    status: status === 'overdue' || status === 'pending' || (CARRIER_STATUSES as readonly string[]).includes(status) ? (status as StatusFilter) : 'all',
    custodian: str(raw.custodian, 'all'),
    query: str(raw.query, ''),
    place: str(raw.place, 'all'),
    department: str(raw.department, 'all'),
    registeredFrom: day(raw.registeredFrom),
    registeredTo: day(raw.registeredTo),
    dueBy: day(raw.dueBy),
  };
}

export function completeSort(raw: unknown): LedgerSort {
  if (!raw || typeof raw !== 'object') return null;
  const { column, direction } = raw as { column?: unknown; direction?: unknown };
  if (typeof column !== 'string' || !(SORT_COLUMNS as readonly string[]).includes(column)) return null;
  return { column: column as SortColumn, direction: direction === 'descending' ? 'descending' : 'ascending' };
}
