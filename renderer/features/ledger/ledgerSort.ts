import { CARRIER_KINDS, CARRIER_STATUSES, type CarrierState } from '../../../shared/ledger/carrier';
import { levelRank } from '../../../shared/ledger/classification';
import type { LedgerSort, SortColumn } from '../../../shared/ledger/ledgerView';
import { assertNever } from '../../../shared/result';
import type { PeopleIndex } from './ledgerText';

/**
 * Ordering the ledger table by a column, at 100,000 carriers (issue 3 §4).
 *
 * Text is ordered as `Intl.Collator('zh-CN', { numeric: true })` orders it — Chinese by pinyin,
 * numbers by value — without calling the collator per comparison (1.7 million calls for one sort
 * of 100,000 rows, seconds): the collator orders the *distinct characters* once (a few thousand),
 * and each text becomes a key of those ranks that plain string comparison orders. The key has the
 * collator's levels: first every character's base rank (so 'a' and 'A' tie there, as in the
 * collator), then, after a separator, its full rank (the case or width difference decides only
 * when everything else is equal). A run of digits is one token ordered by its value.
 *
 * Ties keep the ledger's own order (newest registration first): the sort is stable, and
 * descending reverses the comparison, not the ties. Empty values go last in both directions.
 */
export type SortKey = string | number;

const EMPTY_LAST = '\uffff';

export class SortKeys {
  private readonly cache = new Map<SortColumn, WeakMap<CarrierState, SortKey>>();

  constructor(
    private readonly carriers: readonly CarrierState[],
    private readonly people: PeopleIndex,
  ) {}

  /** Each carrier's key for the column, computed over the whole ledger on first use. */
  of(column: SortColumn): WeakMap<CarrierState, SortKey> {
    let keys = this.cache.get(column);
    if (!keys) {
      keys = this.build(column);
      this.cache.set(column, keys);
    }
    return keys;
  }

  private build(column: SortColumn): WeakMap<CarrierState, SortKey> {
    const keys = new WeakMap<CarrierState, SortKey>();
    const text = TEXT_COLUMNS[column];
    if (text) {
      const values = this.carriers.map((c) => text(c, this.people));
      const collation = new CollationKeys(values);
      this.carriers.forEach((c, i) => keys.set(c, collation.key(values[i] ?? '')));
      return keys;
    }
    for (const c of this.carriers) keys.set(c, plainKey(column, c));
    return keys;
  }
}

const TEXT_COLUMNS: Partial<Record<SortColumn, (c: CarrierState, people: PeopleIndex) => string>> = {
  registryNumber: (c) => c.registryNumber,
  title: (c) => c.title,
  custodian: (c, people) => (c.custodian.kind === 'person' ? (people.get(c.custodian.personId)?.name ?? '') : c.custodian.name),
  place: (c) => c.place,
};

const KIND_ORDER = new Map<string, number>(CARRIER_KINDS.map((k, i) => [k, i]));
const STATUS_ORDER = new Map<string, number>(CARRIER_STATUSES.map((s, i) => [s, i]));

/** Codes in the order the domain lists them (kind, status), levels from 非密 up to 绝密, dates as ISO text. */
function plainKey(column: SortColumn, c: CarrierState): SortKey {
  switch (column) {
    case 'level':
      return levelRank(c.level);
    case 'kind':
      return KIND_ORDER.get(c.kind) ?? 99;
    case 'status':
      return STATUS_ORDER.get(c.status) ?? 99;
    case 'copyNumber':
      return c.copyNumber || EMPTY_LAST;
    case 'registeredAt':
      return c.registeredAt;
    case 'dueOn':
      return c.loan?.dueOn ?? c.outing?.expectedBackOn ?? EMPTY_LAST;
    case 'registryNumber':
    case 'title':
    case 'custodian':
    case 'place':
      // Text columns are keyed by CollationKeys (TEXT_COLUMNS).
      return '';
    default:
      return assertNever(column);
  }
}

/**
 * `carriers` (in the ledger's order) ordered by the sort; the same array when there is none.
 * Sorting the whole ledger once per sort lets a filter keep that order by filtering it.
 */
export function sortCarriers(carriers: readonly CarrierState[], sort: LedgerSort, keys: SortKeys): readonly CarrierState[] {
  if (!sort) return carriers;
  const byCarrier = keys.of(sort.column);
  const k = carriers.map((c) => byCarrier.get(c) ?? EMPTY_LAST);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const order = carriers.map((_, i) => i);
  order.sort((a, b) => {
    const x = k[a] as SortKey;
    const y = k[b] as SortKey;
    if (x === y) return a - b;
    // Empty values last whichever the direction.
    if (x === EMPTY_LAST) return 1;
    if (y === EMPTY_LAST) return -1;
    return (x < y ? -1 : 1) * sign;
  });
  return order.map((i) => carriers[i] as CarrierState);
}

/**
 * Keys that order texts as the zh-CN collator (numeric) does, built from the texts' distinct
 * characters. See the file's comment for the levels.
 */
export class CollationKeys {
  private readonly base = new Map<string, number>();
  private readonly full = new Map<string, number>();
  private readonly digitBase: number;
  private readonly digitFull: number;

  constructor(texts: readonly string[]) {
    const chars = new Set<string>(['0']);
    for (const t of texts) for (const ch of t) if (!isDigit(ch)) chars.add(ch);
    const fullCollator = new Intl.Collator('zh-CN', { numeric: true });
    const baseCollator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });
    const sorted = [...chars].sort((a, b) => fullCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
    let baseRank = 0;
    let fullRank = 0;
    sorted.forEach((ch, i) => {
      const prev = sorted[i - 1];
      if (prev !== undefined) {
        if (baseCollator.compare(prev, ch) !== 0) baseRank++;
        if (fullCollator.compare(prev, ch) !== 0) fullRank++;
      }
      this.base.set(ch, baseRank);
      this.full.set(ch, fullRank);
    });
    this.digitBase = this.base.get('0') ?? 0;
    this.digitFull = this.full.get('0') ?? 0;
  }

  /** The text's key; '' (nothing to order by) sorts last. */
  key(text: string): string {
    if (text === '') return EMPTY_LAST;
    let primary = '';
    let tertiary = '';
    let digits = '';
    const flush = () => {
      if (!digits) return;
      const n = digits.replace(/^0+(?=\d)/, '');
      // A number: the digits' rank, its length, then its digits, so 9 < 10 < 100.
      const token = unit(this.digitBase) + String.fromCharCode(0x21 + Math.min(n.length, 0xff)) + n;
      primary += token;
      tertiary += unit(this.digitFull) + String.fromCharCode(0x21 + Math.min(n.length, 0xff)) + n;
      digits = '';
    };
    for (const ch of text) {
      if (isDigit(ch)) {
        digits += ch;
        continue;
      }
      flush();
      primary += unit(this.base.get(ch) ?? 0);
      tertiary += unit(this.full.get(ch) ?? 0);
    }
    flush();
    // U+0001 sorts below every unit, so a text that is a prefix of another comes first at either level.
    return `${primary}\u0001${tertiary}`;
  }
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/** A rank as one UTF-16 unit above the separators (ranks past 60,000 characters share the last unit). */
function unit(rank: number): string {
  return String.fromCharCode(0x100 + Math.min(rank, 0xfe00));
}
