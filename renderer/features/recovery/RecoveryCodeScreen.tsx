import { useT } from '../../i18n';
import { useSession, useSessionStore } from '../../session/SessionContext';
import { GateLayout } from '../shell/GateLayout';
import { SetupSteps } from '../setup/SetupSteps';
import { RecoveryCodeCard } from './RecoveryCodeCard';

/** After set-up (its step 5), and after the code was used (it is then replaced): the new code, once. */
export function RecoveryCodeScreen() {
  const t = useT();
  const store = useSessionStore();
  const pending = useSession((s) => s.recoveryCode);
  if (!pending) return null;
  const atSetup = pending.reason === 'setup';
  return (
    <GateLayout wide>
      <h1>{t(atSetup ? 'setup.heading' : 'recovery.heading')}</h1>
      {atSetup && <SetupSteps current={5} />}
      {atSetup && <h2>{t('recovery.heading')}</h2>}
      <p className="lead">{t(atSetup ? 'recovery.intro.setup' : 'recovery.intro.recovered')}</p>
      <RecoveryCodeCard code={pending.code} reason={atSetup ? 'setup' : 'used'} onConfirmed={() => store.getState().acknowledgeRecoveryCode()} />
    </GateLayout>
  );
}
