import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { findApi } from './api';
import { openLedgerStore, type EncryptedLedgerStore } from './db/ledgerStore';
import { autoDeclassifyForSession } from './features/determinations/autoDeclassify';
import { createDeterminationServices, DeterminationServicesProvider } from './features/determinations/determinationServices';
import { createDestructionServices, DestructionServicesProvider } from './features/destruction/destructionServices';
import { pickScanFile } from './features/destruction/scanFile';
import { createDataSafetyServices, DataSafetyServicesProvider } from './features/dataSafety/dataSafetyServices';
import { createExchangeServices, ExchangeServicesProvider } from './features/exchange/exchangeServices';
import { createLedgerServices, LedgerServicesProvider } from './features/ledger/ledgerServices';
import { createPrintServices, PrintProvider } from './features/print/PrintProvider';
import { FatalError } from './features/shell/FatalError';
import { applyDocumentLocale } from './i18n';
import { runAfterUnlock } from './session/afterUnlock';
import { createSessionStore } from './session/session.store';
import './styles.css';

// The composition root of the page: the only place that opens the store and reads window.api.
async function main(): Promise<void> {
  applyDocumentLocale();
  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');
  const root = createRoot(container);

  const api = findApi(window);
  if (!api) {
    root.render(<FatalError reason={{ kind: 'noBridge' }} />);
    return;
  }
  let ledger: EncryptedLedgerStore;
  try {
    ledger = await openLedgerStore();
  } catch (e) {
    root.render(<FatalError reason={{ kind: 'openFailed', detail: e instanceof Error ? e.message : String(e) }} />);
    return;
  }
  const session = createSessionStore(ledger, api);
  const destruction = createDestructionServices(ledger, () => pickScanFile(api));
  // After a restore the app starts afresh, opening the store the pointer now names.
  const determinations = createDeterminationServices(ledger);
  // 保密期限届满自动解密 at every sign-in and unlock of a determiner or clerk, after the first screen.
  runAfterUnlock(session, [() => autoDeclassifyForSession(determinations.determinations)]);
  const dataSafety = createDataSafetyServices(ledger, api, () => window.location.reload());
  root.render(
    <StrictMode>
      <LedgerServicesProvider services={createLedgerServices(ledger, api)}>
        <DeterminationServicesProvider services={determinations}>
          <PrintProvider services={createPrintServices(ledger, api)} session={session}>
            <DataSafetyServicesProvider services={dataSafety}>
              <DestructionServicesProvider services={destruction}>
                <ExchangeServicesProvider services={createExchangeServices(ledger, api)}>
                  <App session={session} />
                </ExchangeServicesProvider>
              </DestructionServicesProvider>
            </DataSafetyServicesProvider>
          </PrintProvider>
        </DeterminationServicesProvider>
      </LedgerServicesProvider>
    </StrictMode>,
  );
  await session.getState().start();
}

main().catch((e: unknown) => {
  console.error('renderer start failed', e);
});
