import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { useSession, useSessionStore } from '../../session/SessionContext';
import { GateLayout } from '../shell/GateLayout';
import { GateActions, usePasswordAttempt } from '../../ui/passwordGate';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { TextField } from '../../ui/TextField';

/** Shown after an idle timeout or the 锁定 button: only the signed-in person's password opens it. */
export function LockScreen() {
  const t = useT();
  const store = useSessionStore();
  const session = useSession((s) => s.session);
  const { password, setPassword, busy, refusal, passwordRef, attempt } = usePasswordAttempt();
  const [missing, setMissing] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setMissing(password === '');
    if (password === '') return;
    await attempt(() => store.getState().unlock(password));
  }

  return (
    <GateLayout>
      <h1>{t('lock.heading')}</h1>
      {session && <p className="lead">{t('lock.text', { displayName: session.displayName, username: session.username })}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('field.password')}
          type="password"
          inputRef={passwordRef}
          value={password}
          onChange={setPassword}
          error={missing ? t('validation.password.required') : null}
          autoFocus
          disabled={busy}
        />
        <RefusalAlert refusal={refusal} />
        <GateActions submit={t('lock.submit')} working={t('lock.working')} busy={busy} link={{ label: t('lock.switchUser'), onClick: () => void store.getState().signOut() }} />
      </form>
    </GateLayout>
  );
}
