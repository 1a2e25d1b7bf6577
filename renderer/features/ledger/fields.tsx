import { useEffect, useId, type ReactNode, type RefObject } from 'react';
import type { Refusal } from '../../../shared/result';
import { useT } from '../../i18n';
import { describeLedgerRefusal } from './ledgerText';

/** A labelled select; tests and screen readers find it by exactly its label. */
export function SelectField<V extends string>({
  label,
  value,
  onChange,
  options,
  hint,
  disabled,
  error,
}: {
  label: string;
  value: V;
  onChange: (v: V) => void;
  options: readonly { value: V; label: string }[];
  hint?: string;
  disabled?: boolean;
  /** What is wrong with the choice, shown under it and tied to it (aria-invalid, aria-describedby). */
  error?: string | null;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextAreaField({ label, value, onChange, disabled, error }: { label: string; value: string; onChange: (v: string) => void; disabled?: boolean; error?: string | null }) {
  const id = useId();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        rows={2}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Which of a form's fields a refusal of the ledger's rules concerns: the field the rules name
 * (`params.field`), the period, the scope, the custodian or the batch count; null when it concerns
 * no one field (then the form says it under its fields).
 */
export function refusedField(r: Refusal | null): string | null {
  if (!r) return null;
  if (r.code.startsWith('PERIOD_')) return 'period';
  if (r.code === 'SCOPE_REQUIRED') return 'scope';
  if (r.code === 'BATCH_COUNT_INVALID') return 'count';
  if (r.code === 'PERSON_USERNAME_TAKEN') return 'username';
  if (r.code === 'CLEARANCE_TOO_LOW' || r.code === 'PERSON_NOT_ACTIVE' || r.code === 'PERSON_NOT_FOUND') return 'custodianId';
  const f = r.params?.field;
  return r.code.endsWith('_INVALID_FIELD') && typeof f === 'string' ? f : null;
}

/**
 * A refused form's field errors: `errorFor(field)` is the refusal in words on the field it
 * concerns (null on the others); `general` is the refusal when no shown field takes it. After each
 * refusal the focus goes to the first field marked invalid, so the person lands on what to fix.
 */
export function useFieldRefusal(refusal: Refusal | null, form: RefObject<HTMLFormElement | null>, shown: readonly string[], fieldOf: (r: Refusal | null) => string | null = refusedField) {
  const t = useT();
  const field = fieldOf(refusal);
  const onField = field !== null && shown.includes(field) ? field : null;
  useEffect(() => {
    if (!refusal) return;
    const target = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.current?.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [refusal, form]);
  return {
    errorFor: (name: string) => (refusal && onField === name ? describeLedgerRefusal(refusal, t) : null),
    general: onField ? null : refusal,
  };
}

export function CheckField({ label, checked, onChange, disabled }: { label: string; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** The rules' answer to a refused ledger action, in words, with what to do. */
export function LedgerAlert({ refusal }: { refusal: Refusal | null }) {
  const t = useT();
  if (!refusal) return null;
  return (
    <p role="alert" className="alert alert-error" data-code={refusal.code} tabIndex={-1}>
      {describeLedgerRefusal(refusal, t)}
    </p>
  );
}

export function Done({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="alert alert-done">
      {children}
    </p>
  );
}
