/**
 * The row under a form: its submit button, an optional cancel, and "working…" while the store
 * works. Buttons are disabled meanwhile, so a form is submitted once.
 */
export function FormActions({
  submit,
  busy,
  working,
  variant = 'primary',
  cancel,
}: {
  submit: string;
  busy: boolean;
  /** Shown (role=status) while busy; nothing when left out. */
  working?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  cancel?: { label: string; onClick: () => void };
}) {
  return (
    <div className="actions">
      <button type="submit" className={`button-${variant}`} disabled={busy}>
        {submit}
      </button>
      {cancel && (
        <button type="button" className="button-secondary" disabled={busy} onClick={cancel.onClick}>
          {cancel.label}
        </button>
      )}
      {busy && working !== undefined && (
        <span role="status" className="working">
          {working}
        </span>
      )}
    </div>
  );
}
