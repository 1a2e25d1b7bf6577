import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Refusal } from '../../../shared/result';
import { useT, type MessageKey } from '../../i18n';
import { useSessionStore } from '../../session/SessionContext';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { TextField } from '../../ui/TextField';
import { GateLayout } from '../shell/GateLayout';
import {
  checkAdminStep,
  checkUnitStep,
  EMPTY_SETUP_FORM,
  UNIT_FIELDS,
  type FieldErrors,
  type SetupField,
  type SetupForm,
} from './setupForm';

const STEPS: readonly MessageKey[] = ['setup.step.unit', 'setup.step.admin'];

/** 初始设置: the unit and the first of the three administrators, the 系统管理员. */
export function SetupWizard() {
  const t = useT();
  const store = useSessionStore();
  const [step, setStep] = useState<1 | 2>(1);
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
    const found = checkUnitStep(form);
    setErrors(found);
    if (Object.keys(found).length === 0) {
      setRefusal(null);
      setStep(2);
    }
  }

  async function finish(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const found = { ...checkUnitStep(form), ...checkAdminStep(form) };
    setErrors(found);
    if (Object.keys(found).length > 0) {
      if (Object.keys(found).some((f) => UNIT_FIELDS.includes(f as SetupField))) setStep(1);
      return;
    }
    setBusy(true);
    setRefusal(null);
    const result = await store.getState().setup({
      unitName: form.unitName.trim(),
      unitCode: form.unitCode.trim(),
      adminUsername: form.adminUsername.trim(),
      adminDisplayName: form.adminDisplayName.trim(),
      password: form.password,
    });
    if (!result.ok) {
      // The store's word is final; show it on the step that holds the field it names.
      setRefusal(result.error);
      const named = result.error.params?.field;
      if (typeof named === 'string' && (named === 'unitName' || named === 'unitCode')) setStep(1);
      setBusy(false);
    }
  }

  return (
    <GateLayout wide>
      <h1>{t('setup.heading')}</h1>
      <p className="lead">{t('setup.intro')}</p>
      <ol className="steps">
        {STEPS.map((key, i) => (
          <li key={key} aria-current={i + 1 === step ? 'step' : undefined}>
            {t(key)}
          </li>
        ))}
      </ol>
      <p className="step-progress">{t('setup.progress', { current: step, total: STEPS.length })}</p>

      {step === 1 ? (
        <form onSubmit={next} noValidate>
          <h2 ref={headingRef} tabIndex={-1}>
            {t('setup.step.unit')}
          </h2>
          <TextField label={t('field.unitName')} hint={t('setup.hint.unitName')} autoFocus {...field('unitName')} />
          <TextField label={t('field.unitCode')} hint={t('setup.hint.unitCode')} {...field('unitCode')} />
          <RefusalAlert refusal={refusal} />
          <div className="actions">
            <span className="actions-spacer" />
            <button type="submit" className="button-primary">
              {t('setup.next')}
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={(e) => void finish(e)} noValidate>
          <h2 ref={headingRef} tabIndex={-1}>
            {t('setup.step.admin')}
          </h2>
          <TextField label={t('field.username')} hint={t('setup.hint.username')} {...field('adminUsername')} />
          <TextField label={t('field.displayName')} {...field('adminDisplayName')} />
          <p className="note note-important">{t('setup.passwordNote')}</p>
          <TextField label={t('field.password')} type="password" hint={t('setup.hint.password')} {...field('password')} />
          <TextField label={t('field.passwordConfirm')} type="password" {...field('passwordConfirm')} />
          <p className="note">{t('setup.adminsNote')}</p>
          <RefusalAlert refusal={refusal} />
          <div className="actions">
            <button type="button" className="button-secondary" disabled={busy} onClick={() => setStep(1)}>
              {t('setup.back')}
            </button>
            <span className="actions-spacer" />
            {busy && (
              <span role="status" className="working">
                {t('setup.working')}
              </span>
            )}
            <button type="submit" className="button-primary" disabled={busy}>
              {t('setup.finish')}
            </button>
          </div>
        </form>
      )}
    </GateLayout>
  );
}
