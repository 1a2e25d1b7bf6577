import type { Scope } from '../../../shared/ledger/classification';
import type { Person } from '../../../shared/ledger/people';
import { useId } from 'react';
import { useT } from '../../i18n';
import { TextField } from '../../ui/TextField';

/** 知悉范围 as the form holds it: people ticked by name, posts / departments / units as typed lists. */
export interface ScopeDraft {
  personIds: string[];
  posts: string;
  departments: string;
  units: string;
}

const split = (s: string) => s.split(/[,，、;；\n]+/).map((x) => x.trim()).filter(Boolean);

export function scopeFrom(d: ScopeDraft): Scope {
  return { personIds: d.personIds, posts: split(d.posts), departments: split(d.departments), units: split(d.units) };
}

/** `error` (知悉范围 is required for a state secret) shows under the legend and marks the people group invalid, so the focus can land there. */
export function ScopeFields({ people, value, onChange, error }: { people: Person[]; value: ScopeDraft; onChange: (v: ScopeDraft) => void; error?: string | null }) {
  const t = useT();
  const errorId = useId();
  const toggle = (id: string) =>
    onChange({ ...value, personIds: value.personIds.includes(id) ? value.personIds.filter((x) => x !== id) : [...value.personIds, id] });
  return (
    <fieldset className="scope">
      <legend>{t('ledger.field.scope')}</legend>
      <p className="field-hint">{t('ledger.hint.scope')}</p>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {people.length > 0 && (
        <div className="scope-people" role="group" aria-label={t('ledger.field.scopePeople')} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} tabIndex={error ? -1 : undefined}>
          {people
            .filter((p) => p.status === 'active')
            .map((p) => (
              <label key={p.id} className="scope-person">
                <input type="checkbox" checked={value.personIds.includes(p.id)} onChange={() => toggle(p.id)} />
                {p.name}（{p.department}）
              </label>
            ))}
        </div>
      )}
      <TextField label={t('ledger.field.scopePosts')} value={value.posts} onChange={(posts) => onChange({ ...value, posts })} aria-invalid={error && people.length === 0 ? true : undefined} aria-describedby={error && people.length === 0 ? errorId : undefined} />
      <TextField label={t('ledger.field.scopeDepartments')} value={value.departments} onChange={(departments) => onChange({ ...value, departments })} />
      <TextField label={t('ledger.field.scopeUnits')} value={value.units} onChange={(units) => onChange({ ...value, units })} />
    </fieldset>
  );
}
