import { createContext, useContext, type ReactNode } from 'react';
import type { Result } from '../../../shared/result';
import type { Api } from '../../api';
import { ApprovalsRepo } from '../../db/approvals.repo';
import { CarrierImportRepo } from '../../db/carrierImport.repo';
import { CarrierListing } from '../../db/carrierListing';
import { CarriersRepo } from '../../db/carriers.repo';
import { InventoriesRepo } from '../../db/inventories.repo';
import type { VaultSource } from '../../db/ledgerAccess';
import { PeopleRepo } from '../../db/people.repo';
import { SavedFiltersRepo } from '../../db/savedFilters.repo';
import { pickLedgerFile, type LedgerFile } from './importFile';

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
  /** 导入台账: the import, and the file the person chooses through the shell (null: cancelled). */
  imports: CarrierImportRepo;
  /** 已存筛选: the account's named views of the ledger table. */
  savedFilters: SavedFiltersRepo;
  pickImportFile(): Promise<Result<LedgerFile | null>>;
}

export function createLedgerServices(source: VaultSource, files?: Pick<Api, 'fileOpen' | 'fileRead' | 'fileClose'>): LedgerServices {
  return {
    people: new PeopleRepo(source),
    carriers: new CarriersRepo(source),
    listing: new CarrierListing(source),
    approvals: new ApprovalsRepo(source),
    inventories: new InventoriesRepo(source),
    imports: new CarrierImportRepo(source),
    savedFilters: new SavedFiltersRepo(source),
    pickImportFile: () => (files ? pickLedgerFile(files) : Promise.resolve({ ok: false, error: { code: 'IMPORT_FILE_UNREADABLE', params: { code: 'NO_SHELL' } } })),
  };
}

const LedgerServicesContext = createContext<LedgerServices | null>(null);

export function LedgerServicesProvider({ services, children }: { services: LedgerServices; children: ReactNode }) {
  return <LedgerServicesContext.Provider value={services}>{children}</LedgerServicesContext.Provider>;
}

/** Null where the app was rendered without them (screens tested on their own). */
export function useLedgerServices(): LedgerServices | null {
  return useContext(LedgerServicesContext);
}
