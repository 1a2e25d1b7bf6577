import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from '../../api';
import type { BackupFile, BackupFileSink, DataSafetyStore } from '../../db/dataSafety/api';
import { openBackupFile, openBackupSink } from './fileChannels';

/**
 * What the 数据安全 screens work with, made once in main.tsx: the store's data-safety service,
 * the shell's file dialogs, and a way to start the app afresh after a restore (the new store is
 * opened the way every start opens it).
 */
export interface DataSafetyServices {
  store: DataSafetyStore;
  openSink(fileName: string): Promise<BackupFileSink | null>;
  openFile(): Promise<BackupFile | null>;
  restart(): void;
}

export function createDataSafetyServices(source: { dataSafety: DataSafetyStore }, api: Api, restart: () => void): DataSafetyServices {
  return {
    store: source.dataSafety,
    openSink: (fileName) => openBackupSink(api, fileName),
    openFile: () => openBackupFile(api),
    restart,
  };
}

const DataSafetyContext = createContext<DataSafetyServices | null>(null);

export function DataSafetyServicesProvider({ services, children }: { services: DataSafetyServices; children: ReactNode }) {
  return <DataSafetyContext.Provider value={services}>{children}</DataSafetyContext.Provider>;
}

/** Null where the app was rendered without them (screens tested on their own). */
export function useDataSafety(): DataSafetyServices | null {
  return useContext(DataSafetyContext);
}
