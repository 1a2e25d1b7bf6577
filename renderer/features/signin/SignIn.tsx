import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Refusal } from '../../../shared/result';
import { useT } from '../../i18n';
import { useSessionStore } from '../../session/SessionContext';
import { GateLayout } from '../shell/GateLayout';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { TextField } from '../../ui/TextField';
import { RecoveryForm } from '../recovery/RecoveryForm';

export function SignIn() {
  const [recovering, setRecovering] = useState(false);
  return (
    <GateLayout>{recovering ? <RecoveryForm onBack={() => setRecovering(false)} /> : <SignInForm onRecover={() => setRecovering(true)} />}</GateLayout>
  );
}

function SignInForm({ onRecover }: { onRecover: () => void }) {
  const t = useT();
  const store = useSessionStore();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // After a refusal the password was cleared: put the cursor back there for the next try.
  useEffect(() => {
    if (refusal) passwordRef.current?.focus();
  }, [refusal]);
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const empty = { username: username.trim() === '', password: password === '' };
    setMissing(empty);
    if (empty.username || empty.password) return;
    setBusy(true);
    setRefusal(null);
    const result = await store.getState().signIn(username.trim(), password);
    // On success this screen is gone; on refusal the password is cleared for the next try.
    if (!result.ok) {
      setRefusal(result.error);
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('signin.heading')}</h1>
      <p className="lead">{t('signin.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('field.username')}
          value={username}
          onChange={setUsername}
          error={missing.username ? t('validation.username.required') : null}
          autoFocus
          disabled={busy}
        />
        <TextField
          label={t('field.password')}
          type="password"
          inputRef={passwordRef}
          value={password}
          onChange={setPassword}
          error={missing.password ? t('validation.password.required') : null}
          disabled={busy}
        />
        <RefusalAlert refusal={refusal} />
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('signin.submit')}
          </button>
          {busy && (
            <span role="status" className="working">
              {t('signin.working')}
            </span>
          )}
          <span className="actions-spacer" />
          <button type="button" className="button-link" disabled={busy} onClick={onRecover}>
            {t('signin.forgot')}
          </button>
        </div>
      </form>
    </>
  );
}
