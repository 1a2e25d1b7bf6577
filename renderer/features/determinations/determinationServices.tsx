import { createContext, useContext, type ReactNode } from 'react';
import { DeterminationsRepo } from '../../db/determinations.repo';
import type { VaultSource } from '../../db/ledgerAccess';

/**
 * The determinations repository, made once in main.tsx around the store (each call asks the store
 * for the session's vault, so nothing here outlives a lock) and handed to the 定密 screens.
 */
export interface DeterminationServices {
  determinations: DeterminationsRepo;
}

export function createDeterminationServices(source: VaultSource): DeterminationServices {
  return { determinations: new DeterminationsRepo(source) };
}

const DeterminationServicesContext = createContext<DeterminationServices | null>(null);

export function DeterminationServicesProvider({ services, children }: { services: DeterminationServices; children: ReactNode }) {
  return <DeterminationServicesContext.Provider value={services}>{children}</DeterminationServicesContext.Provider>;
}

/** Null where the app was rendered without them (screens tested on their own). */
export function useDeterminationServices(): DeterminationServices | null {
  return useContext(DeterminationServicesContext);
}
