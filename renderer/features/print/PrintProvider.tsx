import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { PrintDocument } from '../../../shared/print/document';
import type { VaultSource } from '../../db/ledgerAccess';
import { PrintoutsRepo } from '../../db/printouts.repo';
import { PrintPreview, type PrintOptions, type PrintoutSink, type PrintPreviewProps } from './PrintPreview';
import type { PrintApi } from './printout';

/**
 * How a module prints: `usePrint()?.printTable(doc)` with a document built from its data (for a
 * list, `tableDocument(...)` from shared/print/document.ts). The preview opens over the app; what
 * happens next — the PDF made by main, kept encrypted with its audit entry, sent to a local
 * printer — is the same for every module.
 */
export interface PrintServices {
  api: PrintApi;
  printouts: PrintoutsRepo;
}

/** Made once in main.tsx around the store (each call asks it for the session's vault) and window.api. */
export function createPrintServices(source: VaultSource, api: PrintApi): PrintServices {
  return { api, printouts: new PrintoutsRepo(source) };
}

export interface Print {
  /** Opens the print preview of a document (a list, a form); closing it returns to the module. */
  printTable(doc: PrintDocument, options?: PrintOptions): void;
  printouts: PrintoutsRepo;
}

const PrintContext = createContext<Print | null>(null);

/** The session's phase, read from its store (session.store.ts) without depending on all of it. */
export interface PhaseSource {
  getState(): { phase: string };
  subscribe(listener: () => void): () => void;
}

/**
 * The preview shows classified content: it is closed the moment the session locks or signs out,
 * like every other screen (the lock screen must not have a printout over it).
 */
export function PrintProvider({
  services,
  session,
  sink,
  layout,
  children,
}: {
  services: PrintServices;
  session: PhaseSource;
  sink?: PrintoutSink;
  /** Tests without a layout engine (happy-dom) pass fixed heights. */
  layout?: PrintPreviewProps['layout'];
  children: ReactNode;
}) {
  const [open, setOpen] = useState<{ doc: PrintDocument; options: PrintOptions } | null>(null);
  const unlocked = useSyncExternalStore(session.subscribe, () => session.getState().phase === 'unlocked');
  useEffect(() => {
    if (!unlocked) setOpen(null);
  }, [unlocked]);
  const close = useCallback(() => setOpen(null), []);
  const value = useMemo<Print>(() => ({ printTable: (doc, options = {}) => setOpen({ doc, options }), printouts: services.printouts }), [services]);
  return (
    <PrintContext.Provider value={value}>
      {children}
      {open && unlocked && (
        <PrintPreview document={open.doc} api={services.api} printouts={open.options.sink ?? sink ?? services.printouts} paperOnly={open.options.paperOnly} layout={layout} onClose={close} />
      )}
    </PrintContext.Provider>
  );
}

/** Null where the app was rendered without printing (screens tested on their own). */
export function usePrint(): Print | null {
  return useContext(PrintContext);
}
