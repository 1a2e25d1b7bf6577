import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { useSessionStore } from '../../session/SessionContext';
import { GateLayout } from '../shell/GateLayout';
import { GateActions, usePasswordAttempt } from '../../ui/passwordGate';
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
  const { password, setPassword, busy, refusal, passwordRef, attempt } = usePasswordAttempt();
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const empty = { username: username.trim() === '', password: password === '' };
    setMissing(empty);
    if (empty.username || empty.password) return;
    await attempt(() => store.getState().signIn(username.trim(), password));
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
        <GateActions submit={t('signin.submit')} working={t('signin.working')} busy={busy} link={{ label: t('signin.forgot'), onClick: onRecover }} />
      </form>
    </>
  );
}
