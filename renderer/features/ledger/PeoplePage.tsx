import { useRef, useState, type FormEvent } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import { CLEARANCES, type Clearance, type Person, type PersonStatus } from '../../../shared/ledger/people';
import type { Refusal } from '../../../shared/result';
import { useT } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { TextField } from '../../ui/TextField';
import { Done, LedgerAlert, SelectField, useFieldRefusal } from './fields';
import type { LedgerServices } from './ledgerServices';
import { clearanceLabel } from './ledgerText';
import type { LedgerData } from './useLedgerData';

interface PersonDraft {
  name: string;
  department: string;
  post: string;
  clearance: Clearance;
  status: PersonStatus;
  separationEndsOn: string;
  username: string;
}

const EMPTY: PersonDraft = { name: '', department: '', post: '', clearance: 'general', status: 'active', separationEndsOn: '', username: '' };

const draftOf = (p: Person): PersonDraft => ({
  name: p.name,
  department: p.department,
  post: p.post,
  clearance: p.clearance,
  status: p.status,
  separationEndsOn: p.separationEndsOn ?? '',
  username: p.username ?? '',
});

/** 人员名录: who may hold carriers, and up to which level (核心 / 重要 / 一般涉密人员). */
export function PeoplePage({ services, data }: { services: LedgerServices; data: LedgerData }) {
  const t = useT();
  const roles = useSession((s) => s.session?.roles ?? []);
  const mayManage = authorize(roles, 'person.manage').ok;
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<PersonDraft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const set = <K extends keyof PersonDraft>(key: K) => (value: PersonDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const form = useRef<HTMLFormElement>(null);
  const fields = ['name', 'department', 'post', 'clearance', 'status', ...(draft.status === 'left' ? ['separationEndsOn'] : []), 'username'];
  const { errorFor, general } = useFieldRefusal(refusal, form, fields);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    setSaved(null);
    const input = { ...draft, separationEndsOn: draft.status === 'left' ? draft.separationEndsOn : '' };
    const result = editing ? await services.people.update(editing, input) : await services.people.create(input);
    setBusy(false);
    if (!result.ok) {
      setRefusal(result.error);
      return;
    }
    setSaved(result.value.name);
    setEditing(null);
    setDraft(EMPTY);
    await data.reload();
  }

  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">{t('ledger.people.heading')}</h2>
      <p className="lead">{t('ledger.people.intro')}</p>
      {data.people.length === 0 ? (
        <p className="placeholder-note">{t('ledger.people.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('ledger.person.name')}</th>
              <th scope="col">{t('ledger.person.department')}</th>
              <th scope="col">{t('ledger.person.post')}</th>
              <th scope="col">{t('ledger.person.clearance')}</th>
              <th scope="col">{t('ledger.person.status')}</th>
              <th scope="col">{t('ledger.person.username')}</th>
              {mayManage && <th scope="col">{t('ledger.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {data.people.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.department}</td>
                <td>{p.post}</td>
                <td>{clearanceLabel(p.clearance, t)}</td>
                <td>{p.status === 'active' ? t('ledger.personStatus.active') : t('ledger.personStatus.left', { until: p.separationEndsOn ?? '—' })}</td>
                <td>{p.username ?? ''}</td>
                {mayManage && (
                  <td>
                    <button
                      type="button"
                      className="button-link"
                      aria-label={t('ledger.people.editNamed', { name: p.name })}
                      onClick={() => {
                        setEditing(p.id);
                        setDraft(draftOf(p));
                        setRefusal(null);
                        setSaved(null);
                      }}
                    >
                      {t('ledger.people.edit')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayManage && (
        <form ref={form} onSubmit={(e) => void submit(e)} noValidate className="form-grid">
          <fieldset>
            <legend>{editing ? t('ledger.people.editHeading') : t('ledger.people.addHeading')}</legend>
            <TextField label={t('ledger.person.name')} value={draft.name} onChange={set('name')} error={errorFor('name')} />
            <TextField label={t('ledger.person.department')} value={draft.department} onChange={set('department')} error={errorFor('department')} />
            <TextField label={t('ledger.person.post')} value={draft.post} onChange={set('post')} error={errorFor('post')} />
            <SelectField
              label={t('ledger.person.clearance')}
              value={draft.clearance}
              onChange={set('clearance')}
              hint={t('ledger.hint.clearance')}
              error={errorFor('clearance')}
              options={CLEARANCES.map((c) => ({ value: c, label: clearanceLabel(c, t) }))}
            />
            <SelectField<PersonStatus>
              label={t('ledger.person.status')}
              value={draft.status}
              onChange={set('status')}
              error={errorFor('status')}
              options={[
                { value: 'active', label: t('ledger.personStatus.active') },
                { value: 'left', label: t('ledger.personStatus.leftShort') },
              ]}
            />
            {draft.status === 'left' && <TextField label={t('ledger.person.separationEndsOn')} type="date" value={draft.separationEndsOn} onChange={set('separationEndsOn')} error={errorFor('separationEndsOn')} />}
            <TextField label={t('ledger.person.username')} value={draft.username} onChange={set('username')} hint={t('ledger.hint.username')} error={errorFor('username')} />
          </fieldset>
          <LedgerAlert refusal={general} />
          {saved && <Done>{t('ledger.people.saved', { name: saved })}</Done>}
          <div className="actions">
            <button type="submit" className="button-primary" disabled={busy}>
              {editing ? t('ledger.people.save') : t('ledger.people.add')}
            </button>
            {editing && (
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setEditing(null);
                  setDraft(EMPTY);
                }}
              >
                {t('ledger.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
