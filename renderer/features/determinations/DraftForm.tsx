import { useState } from 'react';
import type { Subject } from '../../../shared/determination/records';
import { useT } from '../../i18n';
import { CheckboxField } from '../../ui/CheckboxField';
import { TextField } from '../../ui/TextField';
import { useSubmit } from '../../ui/useSubmit';
import type { DeterminationsRepo } from '../../db/determinations.repo';
import { DetAlert } from './detUi';
import { TermsEditor, type SourceOption } from './TermsEditor';
import { EMPTY_TERMS_FORM, formFromTerms, termsFromForm, type TermsForm } from './termsForm';
import type { DeterminationData } from './useDeterminationData';

/** The live determinations a new one may derive from, as the editor lists them. */
export function sourceOptions(data: DeterminationData, except?: string): SourceOption[] {
  return data.states
    .filter((s) => s.status === 'live' && s.inForce && s.id !== except)
    .map((s) => ({ id: s.id, title: s.subject.title, marking: s.inForce?.marking || '' }));
}

/**
 * 拟定: the handler drafts a determination when the item is produced — a 过程稿 counts too — and
 * sends it to a determiner. The marking the terms produce is shown as they are typed.
 */
export function DraftForm({ repo, data, onDrafted }: { repo: DeterminationsRepo; data: DeterminationData; onDrafted: (id: string) => void }) {
  const t = useT();
  const [subject, setSubject] = useState<Subject>({ title: '', docNumber: '', processDraft: false, carrierIds: [] });
  const [terms, setTerms] = useState<TermsForm>(EMPTY_TERMS_FORM);
  const [notes, setNotes] = useState<string[]>([]);
  const submit = useSubmit();
  const derive = useSubmit();

  const onDerive = (ids: string[]) =>
    void derive.run(
      () => repo.deriveStart(ids),
      (d) => {
        setTerms({ ...formFromTerms(d.terms), sourceIds: ids });
        setNotes(d.notes.map((n) => t(`det.derive.${n}`)));
      },
    );

  return (
    <form
      className="det-form"
      aria-label={t('det.tab.draft')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(() => repo.draft(subject, termsFromForm(terms)), (v) => onDrafted(v.state.id));
      }}
    >
      <p className="lead">{t('det.draft.intro')}</p>
      <fieldset>
        <legend>{t('det.field.subject')}</legend>
        <TextField label={t('det.field.title')} value={subject.title} onChange={(title) => setSubject({ ...subject, title })} />
        <TextField label={t('det.field.docNumber')} value={subject.docNumber ?? ''} onChange={(docNumber) => setSubject({ ...subject, docNumber })} hint={t('det.hint.docNumber')} />
        <CheckboxField label={t('det.field.processDraft')} checked={subject.processDraft} onChange={(processDraft) => setSubject({ ...subject, processDraft })} />
      </fieldset>
      <TermsEditor
        value={terms}
        onChange={setTerms}
        catalogue={data.citable}
        people={data.people}
        sources={sourceOptions(data)}
        onDerive={onDerive}
        start={data.today}
        allowUnclassified
      />
      {notes.map((n) => (
        <p key={n} className="note note-important">
          {n}
        </p>
      ))}
      <DetAlert refusal={derive.refusal ?? submit.refusal} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={submit.busy}>
          {t('det.action.submitDraft')}
        </button>
      </div>
    </form>
  );
}
