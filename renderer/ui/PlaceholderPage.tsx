import { useT, type MessageKey } from '../i18n';

/** A module that is not built yet: its name and what it will hold, and no invented data. */
export function PlaceholderPage({ title, note }: { title: MessageKey; note: MessageKey }) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t(title)}</h1>
      <p className="placeholder-note">{t(note)}</p>
    </section>
  );
}
