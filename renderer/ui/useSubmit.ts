import { useState } from 'react';
import type { Refusal, Result } from '../../shared/result';
import { refusalFromError } from '../session/refusalFromError';

/** One submit at a time; the store's refusal is kept to be shown. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  async function run<T>(work: () => Promise<Result<T>>, onOk: (value: T) => void): Promise<void> {
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    let r: Result<T>;
    try {
      r = await work();
    } catch (e) {
      // A thrown failure (a full disk, a shell error) is shown like a refusal, not lost.
      r = { ok: false, error: refusalFromError(e) };
    }
    setBusy(false);
    if (r.ok) onOk(r.value);
    else setRefusal(r.error);
  }
  return { busy, refusal, run };
}
