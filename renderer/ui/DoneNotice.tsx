import { useFocusIfLost } from './useFocusIfLost';

/**
 * The outcome of an action, shown where the person who acted is looking — under the form or where
 * the closed panel was, not at the top of the page — and announced (role=status). When the pressed
 * button went away with its panel the focus is nowhere, so the notice takes it.
 */
export function DoneNotice({ children }: { children: string | null | undefined }) {
  const ref = useFocusIfLost<HTMLParagraphElement>(children ?? null);
  if (!children) return null;
  return (
    <p ref={ref} tabIndex={-1} role="status" className="alert alert-ok">
      {children}
    </p>
  );
}
