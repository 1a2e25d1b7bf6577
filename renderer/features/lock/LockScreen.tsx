import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Refusal } from '../../../shared/result';
import { useT } from '../../i18n';
import { useSession, useSessionStore } from '../../session/SessionContext';
import { GateLayout } from '../shell/GateLayout';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { TextField } from '../../ui/TextField';

/** Shown after an idle timeout or the 锁定 button: only the signed-in person's password opens it. */
export function LockScreen() {
  const t = useT();
  const store = useSessionStore();
  const session = useSession((s) => s.session);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // After a refusal the password was cleared: put the cursor back there for the next try.
  useEffect(() => {
    if (refusal) passwordRef.current?.focus();
  }, [refusal]);
  const [missing, setMissing] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setMissing(password === '');
    if (password === '') return;
    setBusy(true);
    setRefusal(null);
    const result = await store.getState().unlock(password);
    if (!result.ok) {
      setRefusal(result.error);
      setPassword('');
      setBusy(false);
    }
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
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {t('lock.submit')}
          </button>
          {busy && (
            <span role="status" className="working">
              {t('lock.working')}
            </span>
          )}
          <span className="actions-spacer" />
          <button type="button" className="button-link" disabled={busy} onClick={() => void store.getState().signOut()}>
            {t('lock.switchUser')}
          </button>
        </div>
      </form>
    </GateLayout>
  );
}
