import Dexie, { type IntervalTree, type ObservabilitySet } from 'dexie';
import type { LedgerDb } from './schema';

/**
 * What changed in the ledger's tables, told after the write transaction committed: which carriers
 * (their ids), or 'all' when the write cannot name them (a bulk write of many rows, a clear, more
 * than MAX_NAMED carriers at once); which approvals, alike; and whether the people changed.
 */
export interface LedgerChange {
  carriers: ReadonlySet<string> | 'all' | null;
  people: boolean;
  /** The approvals written (their ids), as for the carriers. */
  approvals: ReadonlySet<string> | 'all' | null;
}

/**
 * Beyond this many carriers in one notification, re-reading the whole ledger in the background (in
 * pages, the old list on screen) is the better way: a merge of this many is no longer a moment.
 */
export const MAX_NAMED = 2000;

/**
 * The one place the ledger learns of changes to its carriers, whatever wrote them (the ledger's own
 * actions, a destruction closing carriers, a determination applying its level to linked carriers,
 * an import, a recall): Dexie's `storagemutated` event, fired when a write transaction has
 * committed, names the primary keys each transaction put, added or deleted (dexie.org,
 * Dexie.on.storagemutated). No repository has to remember to report, and none can forget.
 *
 * Dexie names keys for writes of fewer than 50 rows per call (`put`, `add`, `bulkPut` of a few);
 * a larger bulk write or a clear is a range, told here as 'all'. The listener runs synchronously
 * in the transaction's completion, before the code that awaited the write resumes, so a screen
 * that awaits a write and then the ledger's refresh sees the change merged.
 *
 * Returns the function that stops listening.
 */
export function watchLedger(db: LedgerDb, listener: (change: LedgerChange) => void): () => void {
  const prefix = `idb://${db.name}/`;
  const carriersPart = `${prefix}carriers/`;
  const approvalsPart = `${prefix}approvals/`;
  const onMutated = (parts: ObservabilitySet) => {
    let carriers: Set<string> | 'all' | null = null;
    let approvals: Set<string> | 'all' | null = null;
    let people = false;
    for (const [part, tree] of Object.entries(parts)) {
      if (!part.startsWith(prefix)) continue;
      // The primary keys' part ('…/carriers/'); the index parts beside it name no rows.
      if (part === carriersPart) {
        if (carriers !== 'all') carriers = keysOf(tree, carriers ?? new Set());
      } else if (part === approvalsPart) {
        if (approvals !== 'all') approvals = keysOf(tree, approvals ?? new Set());
      } else if (part.startsWith(`${prefix}people/`)) people = true;
    }
    if (carriers instanceof Set && carriers.size === 0) carriers = null;
    if (approvals instanceof Set && approvals.size === 0) approvals = null;
    if (carriers || people || approvals) listener({ carriers, people, approvals });
  };
  Dexie.on('storagemutated', onMutated);
  return () => Dexie.on('storagemutated').unsubscribe(onMutated);
}

interface Node {
  from?: unknown;
  to?: unknown;
  l?: Node | null;
  r?: Node | null;
}

/** The single keys of an interval tree, added to `into`; 'all' at the first true range or past MAX_NAMED. */
function keysOf(tree: IntervalTree, into: Set<string>): Set<string> | 'all' {
  const stack: (Node | null | undefined)[] = [tree as Node];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || !('from' in node)) continue;
    if (typeof node.from !== 'string' || node.from !== node.to) return 'all';
    into.add(node.from);
    if (into.size > MAX_NAMED) return 'all';
    stack.push(node.l, node.r);
  }
  return into;
}
