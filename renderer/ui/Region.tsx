import { useId, type ReactNode } from 'react';

/** A sub-section with its own heading, which screen readers (and tests) know as a region by that name. */
export function Region({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={className ?? 'panel'} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
