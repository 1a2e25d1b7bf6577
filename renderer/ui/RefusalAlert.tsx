import type { Refusal } from '../../shared/result';
import { useT } from '../i18n';
import { describeRefusal } from '../i18n/refusals';
import { useFocusIfLost } from './useFocusIfLost';

/** The store's (authoritative) answer to a refused action, read out by screen readers. */
export function RefusalAlert({ refusal }: { refusal: Refusal | null }) {
  const t = useT();
  const ref = useFocusIfLost<HTMLParagraphElement>(refusal);
  if (!refusal) return null;
  return (
    <p ref={ref} tabIndex={-1} role="alert" className="alert alert-error" data-code={refusal.code}>
      {describeRefusal(refusal, t)}
    </p>
  );
}
