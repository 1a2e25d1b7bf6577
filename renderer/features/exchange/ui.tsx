import type { Refusal } from '../../../shared/result';
import { useLocale, useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { useFocusIfLost } from '../../ui/useFocusIfLost';
import { describeExchangeRefusal } from './exchangeText';

/** A refusal of the exchange, read out by screen readers; `data-code` for tests. */
export function ExchangeAlert({ refusal }: { refusal: Refusal | null }) {
  const t = useT();
  const ref = useFocusIfLost<HTMLParagraphElement>(refusal);
  const locale = useLocale();
  if (!refusal) return null;
  return (
    <p ref={ref} tabIndex={-1} role="alert" className="alert alert-error" data-code={refusal.code}>
      {describeExchangeRefusal(refusal, t, locale)}
    </p>
  );
}

/** Success, announced politely. */
export function ExchangeDone({ children }: { children: React.ReactNode }) {
  return (
    <div role="status" className="alert alert-ok">
      {children}
    </div>
  );
}

/** A labelled progress bar (<progress>); `total` 0 shows it as busy. */
export function Progress({ label, done, total, text }: { label: string; done: number; total: number; text: string }) {
  return (
    <div className="ex-progress">
      <progress aria-label={label} max={total > 0 ? total : undefined} value={total > 0 ? Math.min(done, total) : undefined} />
      <p className="working">{text}</p>
    </div>
  );
}

/** Facts as a description list. */
export function Facts({ items }: { items: readonly (readonly [string, React.ReactNode])[] }) {
  return (
    <dl className="ex-facts">
      {items.map(([label, value]) => (
        <div key={label} className="ex-fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A fingerprint in groups, each group unbreakable, so it reads the same as on the printed sheet. */
export function Fingerprint({ text }: { text: string }) {
  return <code className="ex-fingerprint">{text}</code>;
}

/** A bundle recorded in the store whose file did not get its name: offer to save the same bytes again. */
export function UnsavedBundle({ n, busy, onSave }: { n: number; busy: boolean; onSave: () => void }) {
  const t = useT();
  return (
    <div className="alert alert-error">
      <p>{t('ex.unsaved.note', { n })}</p>
      <button type="button" className="button-primary" disabled={busy} onClick={onSave}>
        {t('ex.unsaved.save', { n })}
      </button>
    </div>
  );
}

/**
 * The exchange screens' table: scrolls sideways when narrow; `actions` adds a last column for
 * row buttons, named for screen readers only.
 */
export function ExTable({ columns, actions = false, caption, children }: { columns: readonly string[]; actions?: boolean; caption?: string; children: React.ReactNode }) {
  const t = useT();
  return (
    <div className="ex-scroll">
      <DataTable className="ex-table" columns={columns} actionsLabel={actions ? t('ex.log.actions') : undefined} caption={caption}>
        {children}
      </DataTable>
    </div>
  );
}
