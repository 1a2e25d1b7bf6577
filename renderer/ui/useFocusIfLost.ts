import { useEffect, useRef } from 'react';

/**
 * An answer that appears after an action takes the focus when the focus is nowhere — the button
 * that was pressed is disabled while the work runs, so the browser drops the focus to the page and
 * a keyboard or screen-reader user would start again from the top. Where the focus still is on
 * something (a field being typed in), it is left there. `key` is what was shown (the refusal).
 */
export function useFocusIfLost<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key === null || key === undefined) return;
    const active = document.activeElement;
    if (!active || active === document.body) ref.current?.focus();
  }, [key]);
  return ref;
}
