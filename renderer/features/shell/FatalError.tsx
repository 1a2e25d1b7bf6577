import { useT } from '../../i18n';
import { GateLayout } from './GateLayout';

export type FatalReason = { kind: 'noBridge' } | { kind: 'openFailed'; detail: string };

/** The app could not find its bridge or open its store: say so, and change nothing. */
export function FatalError({ reason }: { reason: FatalReason }) {
  const t = useT();
  return (
    <GateLayout wide>
      <h1>{t('fatal.heading')}</h1>
      {reason.kind === 'noBridge' ? (
        <p className="lead">{t('fatal.noBridge')}</p>
      ) : (
        <>
          <p className="lead">{t('fatal.openFailed')}</p>
          <p>{t('unreadable.detail', { detail: reason.detail })}</p>
          <p>{t('unreadable.untouched')}</p>
          <p className="alert alert-error">{t('unreadable.action')}</p>
        </>
      )}
    </GateLayout>
  );
}
