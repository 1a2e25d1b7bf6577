import { CARRIER_KINDS, CARRIER_STATUSES, type CarrierState } from '../../../shared/ledger/carrier';
import { levelRank } from '../../../shared/ledger/classification';
import type { LedgerSort, SortColumn } from '../../../shared/ledger/ledgerView';
import { assertNever } from '../../../shared/result';
import { newestFirst } from '../../db/carrierListing';
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

interface ColumnKeys {
  keys: WeakMap<CarrierState, SortKey>;
  /** The text columns' character ranks, which learn characters first seen after a change. */
  collation: CollationKeys | null;
  /** The list the keys were last completed for. */
  covered: readonly CarrierState[];
}

export class SortKeys {
  private readonly cache: Map<SortColumn, ColumnKeys>;

  constructor(
    private readonly carriers: readonly CarrierState[],
    readonly people: PeopleIndex,
    cache?: Map<SortColumn, ColumnKeys>,
  ) {
    this.cache = cache ?? new Map();
  }

  /**
   * The keys of a changed ledger (a merge of a few carriers, ledgerMemory.ts): the keys already
   * made are kept — they are keyed by the carrier objects, and a changed carrier is a new object —
   * and only the new carriers get theirs, on first use. New people (names) start afresh.
   */
  next(carriers: readonly CarrierState[], people: PeopleIndex): SortKeys {
    return people === this.people ? new SortKeys(carriers, people, this.cache) : new SortKeys(carriers, people);
  }

  /** Each carrier's key for the column, computed over the whole ledger on first use. */
  of(column: SortColumn): WeakMap<CarrierState, SortKey> {
    let entry = this.cache.get(column);
    if (!entry) {
      entry = this.build(column);
      this.cache.set(column, entry);
    } else if (entry.covered !== this.carriers) {
      entry = this.extend(column, entry);
      this.cache.set(column, entry);
    }
    return entry.keys;
  }

  private build(column: SortColumn): ColumnKeys {
    const keys = new WeakMap<CarrierState, SortKey>();
    const text = TEXT_COLUMNS[column];
    if (text) {
      const values = this.carriers.map((c) => text(c, this.people));
      const collation = new CollationKeys(values);
      this.carriers.forEach((c, i) => keys.set(c, collation.key(values[i] ?? '')));
      return { keys, collation, covered: this.carriers };
    }
    for (const c of this.carriers) keys.set(c, plainKey(column, c));
    return { keys, collation: null, covered: this.carriers };
  }

  /** Keys for the carriers that have none yet; a character never seen gets a rank between its neighbours' (or the column is keyed afresh). */
  private extend(column: SortColumn, entry: ColumnKeys): ColumnKeys {
    const missing = this.carriers.filter((c) => !entry.keys.has(c));
    const text = TEXT_COLUMNS[column];
    if (text && entry.collation) {
      const values = missing.map((c) => text(c, this.people));
      const collation = entry.collation;
      if (!values.every((v) => collation.learn(v))) return this.build(column);
      missing.forEach((c, i) => entry.keys.set(c, collation.key(values[i] ?? '')));
    } else {
      for (const c of missing) entry.keys.set(c, plainKey(column, c));
    }
    return { ...entry, covered: this.carriers };
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
  const byKey = keyOrder(sort.direction);
  const order = carriers.map((_, i) => i);
  order.sort((a, b) => byKey(k[a] as SortKey, k[b] as SortKey) || a - b);
  return order.map((i) => carriers[i] as CarrierState);
}

/** Keys in the sort's direction, empty values last whichever the direction; 0 for a tie. */
function keyOrder(direction: 'ascending' | 'descending'): (x: SortKey, y: SortKey) => number {
  const sign = direction === 'ascending' ? 1 : -1;
  return (x, y) => {
    if (x === y) return 0;
    if (x === EMPTY_LAST) return 1;
    if (y === EMPTY_LAST) return -1;
    return (x < y ? -1 : 1) * sign;
  };
}

/**
 * The ledger's own order as one comparison: newest registration first, the registry number within
 * a batch (newestFirst), then the id — the order a whole read gives (rows are read by id, and the
 * sort is stable).
 */
export function ledgerOrder(): (a: CarrierState, b: CarrierState) => number {
  if (!byLedgerOrder) {
    const byLedger = newestFirst();
    byLedgerOrder = (a, b) => byLedger(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }
  return byLedgerOrder;
}

/** Made once: a collator costs more to make than a merge of a few carriers. */
let byLedgerOrder: ((a: CarrierState, b: CarrierState) => number) | null = null;

/** What one merge changed in the ledger list (ledgerMemory.ts): `from` became the new list. */
export interface LedgerDelta {
  from: readonly CarrierState[];
  /** The new objects (changed or new carriers). */
  added: readonly CarrierState[];
  /** The objects no longer in the list (the changed carriers' old states, deleted carriers). */
  removed: readonly CarrierState[];
}

/**
 * `ordered` (sortCarriers' result for the list `delta.from`) made the same as sortCarriers would
 * give for the list after the delta, without sorting again: the removed left out, each added put
 * at its place by binary search on (key, ledger order). O(n + k log n) instead of a sort of the
 * whole ledger (100,000 rows: a third of a second).
 */
export function patchSorted(ordered: readonly CarrierState[], sort: LedgerSort, keys: SortKeys, delta: LedgerDelta): readonly CarrierState[] {
  if (!sort) return ordered;
  const byCarrier = keys.of(sort.column);
  const byKey = keyOrder(sort.direction);
  const byLedger = ledgerOrder();
  const key = (c: CarrierState) => byCarrier.get(c) ?? EMPTY_LAST;
  return insertSorted(ordered, delta.added, delta.removed, (a, b) => byKey(key(a), key(b)) || byLedger(a, b));
}

/**
 * `list` (ordered by `compare`) without the objects in `removed` and with `added` each at its
 * place: one pass to drop, then a binary search per added item.
 */
export function insertSorted<T>(list: readonly T[], added: readonly T[], removed: readonly T[], compare: (a: T, b: T) => number): T[] {
  const drop = new Set<T>(removed);
  const kept = drop.size > 0 ? list.filter((c) => !drop.has(c)) : list;
  const incoming = [...added].sort(compare);
  const out: T[] = [];
  let from = 0;
  for (const c of incoming) {
    // The first kept item that comes after c.
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(kept[mid] as T, c) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(kept[i] as T);
    out.push(c);
    from = lo;
  }
  for (let i = from; i < kept.length; i++) out.push(kept[i] as T);
  return out;
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
  /** The characters in collation order, for placing one learnt later. */
  private readonly sorted: string[];
  private readonly fullCollator = new Intl.Collator('zh-CN', { numeric: true });
  private readonly baseCollator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

  constructor(texts: readonly string[]) {
    const chars = new Set<string>(['0']);
    for (const t of texts) for (const ch of t) if (!isDigit(ch)) chars.add(ch);
    this.sorted = [...chars].sort((a, b) => this.order(a, b));
    // Ranks are spaced out, so that a character first seen after a change (a new title) can be
    // given a rank between its neighbours without re-keying the whole ledger (learn()).
    const gap = Math.max(1, Math.floor(MAX_RANK / (this.sorted.length + 2)));
    let baseRank = gap;
    let fullRank = gap;
    this.sorted.forEach((ch, i) => {
      const prev = this.sorted[i - 1];
      if (prev !== undefined) {
        if (this.baseCollator.compare(prev, ch) !== 0) baseRank += gap;
        if (this.fullCollator.compare(prev, ch) !== 0) fullRank += gap;
      }
      this.base.set(ch, baseRank);
      this.full.set(ch, fullRank);
    });
    this.digitBase = this.base.get('0') ?? 0;
    this.digitFull = this.full.get('0') ?? 0;
  }

  private order(a: string, b: string): number {
    return this.fullCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
  }

  /**
   * Gives the characters of `text` not seen yet a rank between their neighbours', leaving every
   * existing key as it was. False when there is no room between two ranks: key the column afresh.
   */
  learn(text: string): boolean {
    for (const ch of text) {
      if (isDigit(ch) || this.base.has(ch)) continue;
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.order(this.sorted[mid] as string, ch) < 0) lo = mid + 1;
        else hi = mid;
      }
      const prev = this.sorted[lo - 1];
      const next = this.sorted[lo];
      const base = this.rankBetween(this.base, this.baseCollator, ch, prev, next);
      const full = this.rankBetween(this.full, this.fullCollator, ch, prev, next);
      if (base === null || full === null) return false;
      this.sorted.splice(lo, 0, ch);
      this.base.set(ch, base);
      this.full.set(ch, full);
    }
    return true;
  }

  /** A neighbour's rank when the collator finds them equal; otherwise one strictly between (null: none). */
  private rankBetween(ranks: Map<string, number>, collator: Intl.Collator, ch: string, prev: string | undefined, next: string | undefined): number | null {
    const below = prev === undefined ? 0 : (ranks.get(prev) ?? 0);
    const above = next === undefined ? MAX_RANK + 1 : (ranks.get(next) ?? 0);
    if (prev !== undefined && collator.compare(prev, ch) === 0) return below;
    if (next !== undefined && collator.compare(ch, next) === 0) return above;
    return above - below >= 2 ? below + Math.floor((above - below) / 2) : null;
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

/** The highest rank one UTF-16 unit holds above the separators. */
const MAX_RANK = 0xfe00;

/** A rank as one UTF-16 unit above the separators (ranks past 60,000 characters share the last unit). */
function unit(rank: number): string {
  return String.fromCharCode(0x100 + Math.min(rank, MAX_RANK));
}

/**
 * The ledger table's sorted view, kept across changes: the keys already made are carried over
 * (SortKeys.next), and when a merge made the new list from the one last ordered (its delta), the
 * order is patched (patchSorted) instead of sorting 100,000 rows again. Anything else — another
 * sort, new people, a whole read — sorts afresh.
 */
export class SortedView {
  private keys: SortKeys | null = null;
  private last: { carriers: readonly CarrierState[]; people: PeopleIndex; sort: LedgerSort; ordered: readonly CarrierState[] } | null = null;

  keysFor(carriers: readonly CarrierState[], people: PeopleIndex): SortKeys {
    this.keys = this.keys ? this.keys.next(carriers, people) : new SortKeys(carriers, people);
    return this.keys;
  }

  order(carriers: readonly CarrierState[], sort: LedgerSort, keys: SortKeys, delta: LedgerDelta | null): readonly CarrierState[] {
    const last = this.last;
    // Asked again for the same (a render repeated): the same answer.
    if (last !== null && last.carriers === carriers && last.sort === sort && last.people === keys.people) return last.ordered;
    const patch = last !== null && sort !== null && last.sort === sort && last.people === keys.people && delta !== null && delta.from === last.carriers;
    const ordered = patch ? patchSorted(last.ordered, sort, keys, delta) : sortCarriers(carriers, sort, keys);
    this.last = { carriers, people: keys.people, sort, ordered };
    return ordered;
  }
}
