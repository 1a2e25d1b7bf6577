import type { Refusal } from '../../shared/result';
import { useT } from '../i18n';
import { describeRefusal } from '../i18n/refusals';

/** The store's (authoritative) answer to a refused action, read out by screen readers. */
export function RefusalAlert({ refusal }: { refusal: Refusal | null }) {
  const t = useT();
  if (!refusal) return null;
  return (
    <p role="alert" className="alert alert-error" data-code={refusal.code}>
      {describeRefusal(refusal, t)}
    </p>
  );
}
