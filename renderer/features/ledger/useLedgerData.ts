import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Person } from '../../../shared/ledger/people';
import { LedgerMemory, type LedgerSnapshot } from './ledgerMemory';
import type { LedgerServices } from './ledgerServices';

export { FIRST_PAGE, PAGE_SIZE } from './ledgerMemory';

export interface LedgerData extends LedgerSnapshot {
  peopleById: ReadonlyMap<string, Person>;
  /**
   * Resolves once every change committed before the call is in memory. Changes reach the memory
   * by themselves (ledgerMemory.ts); a screen awaits this after a write before it shows the result.
   */
  reload(): Promise<void>;
}

/**
 * The ledger as the screens show it, held by a LedgerMemory for as long as the ledger module is
 * open: the first page when it opens, every carrier read in the background, and then each change
 * merged by the ids it wrote, without reading the ledger again. Unmounting (another module, a
 * lock) stops it and drops it with the keys; the next opening reads the ledger again.
 */
export function useLedgerData(services: LedgerServices): LedgerData {
  const memory = useMemo(() => new LedgerMemory(services), [services]);
  useEffect(() => {
    memory.start().catch((e: unknown) => console.error('ledger read failed', e));
    return () => memory.stop();
  }, [memory]);
  const snap = useSyncExternalStore(memory.subscribe, memory.snapshot);
  const peopleById = useMemo(() => new Map(snap.people.map((p) => [p.id, p])), [snap.people]);
  return { ...snap, peopleById, reload: memory.refresh };
}
