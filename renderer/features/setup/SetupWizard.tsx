import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Refusal } from '../../../shared/result';
import { useT, type MessageKey } from '../../i18n';
import { useSessionStore } from '../../session/SessionContext';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { GateLayout } from '../shell/GateLayout';
import {
  ADMIN_FIELDS,
  checkStep,
  EMPTY_SETUP_FORM,
  firstStepWithErrors,
  stepOfStoreField,
  toSetupInput,
  type AdminStep,
  type FieldErrors,
  type SetupField,
  type SetupForm,
  type SetupStep,
} from './setupForm';
import { SetupSteps } from './SetupSteps';

/** Each administrator's step: its title and what that administrator does (and may not do). */
const ADMIN_STEP_TEXT: Record<AdminStep, { heading: MessageKey; note: MessageKey }> = {
  2: { heading: 'setup.step.admin', note: 'setup.note.sysadmin' },
  3: { heading: 'setup.step.secadmin', note: 'setup.note.secadmin' },
  4: { heading: 'setup.step.auditor', note: 'setup.note.auditor' },
};

/**
 * 初始设置: the unit, then the three administrators (三员) — 系统管理员, 安全保密管理员, 安全审计员 —
 * each with a password of their own. After the store is created, the recovery code is shown (step 5,
 * RecoveryCodeScreen).
 */
export function SetupWizard() {
  const t = useT();
  const store = useSessionStore();
  const [step, setStep] = useState<SetupStep>(1);
  const [form, setForm] = useState<SetupForm>(EMPTY_SETUP_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A new step is announced by moving focus to its title.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const field = (name: SetupField) => ({
    value: form[name],
    onChange: (value: string) => setForm((f) => ({ ...f, [name]: value })),
    error: errors[name] ? t(errors[name]) : null,
    disabled: busy,
  });

  function next(e: FormEvent) {
    e.preventDefault();
    const found = checkStep(form, step);
    setErrors(found);
    if (Object.keys(found).length === 0 && step < 4) {
      setRefusal(null);
      setStep((step + 1) as SetupStep);
    }
  }

  async function finish(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problem = firstStepWithErrors(form, 4);
    setErrors(problem?.errors ?? {});
    if (problem) {
      setStep(problem.step);
      return;
    }
    setBusy(true);
    setRefusal(null);
    const result = await store.getState().setup(toSetupInput(form));
    if (!result.ok) {
      // The store's word is final; show it on the step that holds the field it names.
      setRefusal(result.error);
      const named = stepOfStoreField(result.error.params?.field);
      if (named !== null) setStep(named);
      setBusy(false);
    }
  }

  const back = (
    <button type="button" className="button-secondary" disabled={busy} onClick={() => setStep((step - 1) as SetupStep)}>
      {t('setup.back')}
    </button>
  );

  return (
    <GateLayout wide>
      <h1>{t('setup.heading')}</h1>
      <p className="lead">{t('setup.intro')}</p>
      <SetupSteps current={step} />

      {step === 1 ? (
        <form onSubmit={next} noValidate>
          <h2 ref={headingRef} tabIndex={-1}>
            {t('setup.step.unit')}
          </h2>
          <TextField label={t('field.unitName')} hint={t('setup.hint.unitName')} autoFocus {...field('unitName')} />
          <TextField label={t('field.unitCode')} hint={t('setup.hint.unitCode')} {...field('unitCode')} />
          <SelectField
            label={t('setup.mode.label')}
            hint={t(form.mode === 'bureau' ? 'setup.mode.bureau.hint' : 'setup.mode.unit.hint')}
            value={form.mode}
            onChange={(mode) => setForm((f) => ({ ...f, mode }))}
            options={[
              { value: 'unit', label: t('setup.mode.unit') },
              { value: 'bureau', label: t('setup.mode.bureau') },
            ]}
          />
          <RefusalAlert refusal={refusal} />
          <div className="actions">
            <span className="actions-spacer" />
            <button type="submit" className="button-primary">
              {t('setup.next')}
            </button>
          </div>
        </form>
      ) : (
        <form key={step} onSubmit={step === 4 ? (e) => void finish(e) : next} noValidate>
          <h2 ref={headingRef} tabIndex={-1}>
            {t(ADMIN_STEP_TEXT[step].heading)}
          </h2>
          <p className="note">{t(ADMIN_STEP_TEXT[step].note)}</p>
          <TextField label={t('field.username')} hint={t('setup.hint.username')} {...field(ADMIN_FIELDS[step].username)} />
          <TextField label={t('field.displayName')} {...field(ADMIN_FIELDS[step].displayName)} />
          {step === 2 && <p className="note note-important">{t('setup.passwordNote')}</p>}
          <TextField label={t('field.password')} type="password" hint={t('setup.hint.password')} {...field(ADMIN_FIELDS[step].password)} />
          <TextField label={t('field.passwordConfirm')} type="password" {...field(ADMIN_FIELDS[step].confirm)} />
          <RefusalAlert refusal={refusal} />
          <div className="actions">
            {back}
            <span className="actions-spacer" />
            {busy && (
              <span role="status" className="working">
                {t('setup.working')}
              </span>
            )}
            <button type="submit" className="button-primary" disabled={busy}>
              {t(step === 4 ? 'setup.finish' : 'setup.next')}
            </button>
          </div>
        </form>
      )}
    </GateLayout>
  );
}
