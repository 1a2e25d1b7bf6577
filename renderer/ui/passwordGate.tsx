import { useEffect, useRef, useState } from 'react';
import type { Refusal, Result } from '../../shared/result';
import { refusalFromError } from '../session/refusalFromError';

/**
 * A password typed to get in (登录, 解锁): one attempt at a time; on a refusal the password is
 * cleared and the cursor put back in its field for the next try. On success the screen is gone,
 * so nothing is reset.
 */
export function usePasswordAttempt() {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (refusal) passwordRef.current?.focus();
  }, [refusal]);

  async function attempt(work: () => Promise<Result<unknown>>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    let r: Result<unknown>;
    try {
      r = await work();
    } catch (e) {
      r = { ok: false, error: refusalFromError(e) };
    }
    if (!r.ok) {
      setRefusal(r.error);
      setPassword('');
      setBusy(false);
    }
  }
  return { password, setPassword, busy, refusal, passwordRef, attempt };
}

/** The row under a gate's form: the submit button, "working…" while busy, and a link on the right. */
export function GateActions({ submit, working, busy, link }: { submit: string; working: string; busy: boolean; link: { label: string; onClick: () => void } }) {
  return (
    <div className="actions">
      <button type="submit" className="button-primary" disabled={busy}>
        {submit}
      </button>
      {busy && (
        <span role="status" className="working">
          {working}
        </span>
      )}
      <span className="actions-spacer" />
      <button type="button" className="button-link" disabled={busy} onClick={link.onClick}>
        {link.label}
      </button>
    </div>
  );
}
