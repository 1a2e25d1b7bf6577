import { createContext, useContext, type ReactNode } from 'react';
import { ApprovalsRepo } from '../../db/approvals.repo';
import { CarrierListing } from '../../db/carrierListing';
import { CarriersRepo } from '../../db/carriers.repo';
import { InventoriesRepo } from '../../db/inventories.repo';
import type { VaultSource } from '../../db/ledgerAccess';
import { PeopleRepo } from '../../db/people.repo';

/**
 * The ledger's repositories, made once in main.tsx around the store (each call asks the store for
 * the session's vault, so nothing here outlives a lock) and handed to the ledger screens.
 */
export interface LedgerServices {
  people: PeopleRepo;
  carriers: CarriersRepo;
  /** The ledger page's reading: first page, then everything in pages (carrierListing.ts). */
  listing: CarrierListing;
  approvals: ApprovalsRepo;
  inventories: InventoriesRepo;
}

export function createLedgerServices(source: VaultSource): LedgerServices {
  return { people: new PeopleRepo(source), carriers: new CarriersRepo(source), listing: new CarrierListing(source), approvals: new ApprovalsRepo(source), inventories: new InventoriesRepo(source) };
}

const LedgerServicesContext = createContext<LedgerServices | null>(null);

export function LedgerServicesProvider({ services, children }: { services: LedgerServices; children: ReactNode }) {
  return <LedgerServicesContext.Provider value={services}>{children}</LedgerServicesContext.Provider>;
}

/** Null where the app was rendered without them (screens tested on their own). */
export function useLedgerServices(): LedgerServices | null {
  return useContext(LedgerServicesContext);
}
