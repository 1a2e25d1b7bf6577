import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SessionState, SessionStore } from './session.store';

const SessionContext = createContext<SessionStore | null>(null);

/** Hands the session store made in main.tsx (or a test) to the screens below. */
export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSessionStore: no SessionProvider above this component');
  return store;
}

export function useSession<T>(selector: (s: SessionState) => T): T {
  return useStore(useSessionStore(), selector);
}
