import { useState, type FormEvent } from 'react';
import type { PasswordChangeReason } from '../../../shared/auth/accounts';
import { CLEARANCE_LABEL_KEYS } from '../../../shared/auth/policy';
import type { Refusal } from '../../../shared/result';
import { useT, type MessageKey } from '../../i18n';
import { useSession, useSessionStore } from '../../session/SessionContext';
import { FormActions } from '../../ui/FormActions';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { TextField } from '../../ui/TextField';
import { GateLayout } from '../shell/GateLayout';

const REASON: Record<PasswordChangeReason, MessageKey> = {
  reset: 'password.reason.reset',
  expired: 'password.reason.expired',
  weak: 'password.reason.weak',
};

/**
 * One's own password: the current one (the key is rewrapped, so it must be unwrapped first), the
 * new one twice. The store checks the rule for the account's level and that it differs.
 */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const t = useT();
  const store = useSessionStore();
  const level = useSession((s) => s.session?.level ?? 'confidential');
  const minLength = useSession((s) => s.session?.passwordMinLength ?? 8);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [errors, setErrors] = useState<{ current?: MessageKey; next?: MessageKey; confirm?: MessageKey }>({});
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const found: typeof errors = {};
    if (current === '') found.current = 'validation.password.required';
    if (next === '') found.next = 'validation.password.required';
    if (confirm === '') found.confirm = 'validation.passwordConfirm.required';
    else if (next !== confirm) found.confirm = 'validation.passwordConfirm.mismatch';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setRefusal(null);
    setDone(false);
    const result = await store.getState().changePassword(current, next);
    setBusy(false);
    setCurrent('');
    if (!result.ok) {
      setRefusal(result.error);
      return;
    }
    setNext('');
    setConfirm('');
    setDone(true);
    onChanged?.();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p className="note">{t('password.rule', { level: t(CLEARANCE_LABEL_KEYS[level] as MessageKey), minLength })}</p>
      <TextField label={t('field.currentPassword')} type="password" value={current} onChange={setCurrent} error={errors.current ? t(errors.current) : null} disabled={busy} autoFocus />
      <TextField label={t('field.newPassword')} type="password" value={next} onChange={setNext} error={errors.next ? t(errors.next) : null} disabled={busy} />
      <TextField label={t('field.newPasswordConfirm')} type="password" value={confirm} onChange={setConfirm} error={errors.confirm ? t(errors.confirm) : null} disabled={busy} />
      <RefusalAlert refusal={refusal} />
      {done && (
        <p role="status" className="alert alert-ok">
          {t('password.changed')}
        </p>
      )}
      <FormActions submit={t('password.submit')} busy={busy} working={t('password.working')} />
    </form>
  );
}

/** Before anything else: a reset, an expired password or one below a raised rule. */
export function ForcedPasswordChange() {
  const t = useT();
  const store = useSessionStore();
  const session = useSession((s) => s.session);
  if (!session?.mustChangePassword) return null;
  return (
    <GateLayout>
      <h1>{t('password.forced.heading')}</h1>
      <p className="lead">{t(REASON[session.mustChangePassword], { displayName: session.displayName })}</p>
      <ChangePasswordForm />
      <div className="actions">
        <span className="actions-spacer" />
        <button type="button" className="button-link" onClick={() => void store.getState().signOut()}>
          {t('frame.signOut')}
        </button>
      </div>
    </GateLayout>
  );
}

/** 修改密码 from the frame's header, for any signed-in account. */
export function ChangePasswordPage() {
  const t = useT();
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('password.heading')}</h1>
      <ChangePasswordForm />
    </section>
  );
}
