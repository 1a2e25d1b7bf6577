import { useCallback } from 'react';
import { useSessionStore } from '../../session/SessionContext';

/**
 * A backup, restore or integrity check the person started and is watching counts as activity for
 * the idle lock: locking halfway would leave a large store's backup unrecorded or a restore
 * unfinished on screen. It counts only while progress is being made; a stalled one lets the lock
 * come as usual. (docs/decisions.md, "Data safety".)
 */
export function useKeepAwake(): () => void {
  const store = useSessionStore();
  return useCallback(() => store.getState().activity(), [store]);
}
