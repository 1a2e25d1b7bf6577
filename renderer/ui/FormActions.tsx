import { DoneNotice } from './DoneNotice';

/**
 * The row under a form: its submit button, an optional cancel, and "working…" while the store
 * works. Buttons are disabled meanwhile, so a form is submitted once. `done` is the outcome of the
 * last submit, shown under the buttons the person just pressed.
 */
export function FormActions({
  submit,
  busy,
  working,
  variant = 'primary',
  cancel,
  done,
}: {
  submit: string;
  busy: boolean;
  /** Shown (role=status) while busy; nothing when left out. */
  working?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  cancel?: { label: string; onClick: () => void };
  /** What the last submit did (role=status, under the buttons); nothing when null or left out. */
  done?: string | null;
}) {
  return (
    <>
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
      <DoneNotice>{done}</DoneNotice>
    </>
  );
}
