import { createContext, useContext, type ReactNode } from 'react';
import { DecommissionsRepo } from '../../db/decommissions.repo';
import { DestructionRepo, type ScanInput } from '../../db/destruction.repo';
import type { VaultSource } from '../../db/ledgerAccess';
import type { Result } from '../../../shared/result';

/**
 * The destruction repositories, made once in main.tsx around the store (each call asks the store
 * for the session's vault, so nothing here outlives a lock), and the way to pick the certificate
 * scan from a file (the shell's open dialog), handed to the 销毁 screens.
 */
export interface DestructionServices {
  destruction: DestructionRepo;
  devices: DecommissionsRepo;
  /** Asks the person for the scanned certificate: null when they cancelled, a refusal when it cannot be read. */
  pickScan(): Promise<Result<ScanInput | null>>;
}

export function createDestructionServices(source: VaultSource, pickScan: () => Promise<Result<ScanInput | null>>): DestructionServices {
  return { destruction: new DestructionRepo(source), devices: new DecommissionsRepo(source), pickScan };
}

const DestructionServicesContext = createContext<DestructionServices | null>(null);

export function DestructionServicesProvider({ services, children }: { services: DestructionServices; children: ReactNode }) {
  return <DestructionServicesContext.Provider value={services}>{children}</DestructionServicesContext.Provider>;
}

/** Null where the app was rendered without them (screens tested on their own). */
export function useDestructionServices(): DestructionServices | null {
  return useContext(DestructionServicesContext);
}
