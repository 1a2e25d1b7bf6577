import { useState, type FormEvent } from 'react';
import type { Refusal } from '../../../shared/result';
import { useT, type MessageKey } from '../../i18n';
import { useSessionStore } from '../../session/SessionContext';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { TextField } from '../../ui/TextField';

/**
 * 使用恢复码: the 系统管理员's lost password. Everyone else's is reset by the 系统管理员; this form
 * says so, because the code restores only that one account.
 */
export function RecoveryForm({ onBack }: { onBack: () => void }) {
  const t = useT();
  const store = useSessionStore();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [errors, setErrors] = useState<{ code?: MessageKey; password?: MessageKey; confirm?: MessageKey }>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const found: typeof errors = {};
    if (code.trim() === '') found.code = 'validation.recoveryCode.required';
    if (password === '') found.password = 'validation.password.required';
    if (confirm === '') found.confirm = 'validation.passwordConfirm.required';
    else if (password !== confirm) found.confirm = 'validation.passwordConfirm.mismatch';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setRefusal(null);
    const result = await store.getState().recover(code, password);
    // On success the recovery-code screen replaces this one.
    if (!result.ok) {
      setRefusal(result.error);
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('recover.heading')}</h1>
      <p className="lead">{t('recover.intro')}</p>
      <p className="note note-important">{t('recover.audited')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField label={t('field.recoveryCode')} hint={t('recover.hint.code')} value={code} onChange={setCode} error={errors.code ? t(errors.code) : null} disabled={busy} autoFocus />
        <TextField label={t('field.newPassword')} type="password" value={password} onChange={setPassword} error={errors.password ? t(errors.password) : null} disabled={busy} />
        <TextField label={t('field.newPasswordConfirm')} type="password" value={confirm} onChange={setConfirm} error={errors.confirm ? t(errors.confirm) : null} disabled={busy} />
        <RefusalAlert refusal={refusal} />
        <div className="actions">
          <button type="button" className="button-secondary" disabled={busy} onClick={onBack}>
            {t('recover.back')}
          </button>
          <span className="actions-spacer" />
          {busy && (
            <span role="status" className="working">
              {t('recover.working')}
            </span>
          )}
          <button type="submit" className="button-primary" disabled={busy}>
            {t('recover.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
