import { act } from 'react';
import { App } from '../../renderer/App';
import type { Api } from '../../renderer/api';
import type { LedgerStore } from '../../renderer/db/storeApi';
import { createSessionStore, type SessionOptions, type SessionStore } from '../../renderer/session/session.store';
import { render } from './dom';

/** Starts a session around the given fakes and renders the whole app, as main.tsx does. */
export async function bootApp(
  ledger: LedgerStore,
  api: Api,
  options: SessionOptions = {},
): Promise<{ container: HTMLElement; session: SessionStore }> {
  const session = createSessionStore(ledger, api, options);
  const container = await render(<App session={session} />);
  await act(async () => {
    await session.getState().start();
  });
  return { container, session };
}
