import { useEffect, useState } from 'react';
import { useT } from './i18n';
import { describeRefusal } from './i18n/refusals';
import { AppFrame } from './features/shell/AppFrame';
import { GateLayout } from './features/shell/GateLayout';
import { NetworkBanner } from './features/shell/NetworkBanner';
import { DEFAULT_SECTION, type SectionId } from './features/shell/sections';
import { SetupGate, UnreadableGate } from './features/dataSafety/RestoreGates';
import { LockScreen } from './features/lock/LockScreen';
import { ForcedPasswordChange } from './features/account/ChangePassword';
import { RecoveryCodeScreen } from './features/recovery/RecoveryCodeScreen';
import { SignIn } from './features/signin/SignIn';
import { assertNever } from '../shared/result';
import type { Phase, SessionStore } from './session/session.store';
import { SessionProvider, useSession, useSessionStore } from './session/SessionContext';

/** Input that counts as "someone is at the keyboard" for the idle lock. */
const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

export function App({ session }: { session: SessionStore }) {
  return (
    <SessionProvider store={session}>
      <Screens />
    </SessionProvider>
  );
}

function Screens() {
  const t = useT();
  const store = useSessionStore();
  const phase = useSession((s) => s.phase);
  const startProblem = useSession((s) => s.startProblem);
  // Kept here, above the frame, so that unlocking returns to the module the user was in.
  const [section, setSection] = useState<SectionId>(DEFAULT_SECTION);

  useEffect(() => {
    const onActivity = () => store.getState().activity();
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [store]);

  useEffect(() => {
    if (phase === 'signin' || phase === 'setup') setSection(DEFAULT_SECTION);
    // A new screen starts at the top, where the warnings are.
    window.scrollTo(0, 0);
  }, [phase]);

  return (
    <>
      <NetworkBanner />
      {startProblem && (
        <p role="alert" className="start-problem">
          {t('app.startProblem', { message: describeRefusal(startProblem, t) })}
        </p>
      )}
      {screenFor(phase, section, setSection)}
    </>
  );
}

function screenFor(phase: Phase, section: SectionId, onNavigate: (s: SectionId) => void) {
  switch (phase) {
    case 'loading':
      return <Loading />;
    case 'setup':
      // The set-up wizard, with 从备份恢复 offered above it.
      return <SetupGate />;
    case 'signin':
      return <SignIn />;
    case 'unlocked':
      return <Unlocked section={section} onNavigate={onNavigate} />;
    case 'locked':
      return <LockScreen />;
    case 'unreadable':
      return <UnreadableGate />;
    default:
      return assertNever(phase);
  }
}

/** Signed in: a recovery code to seal comes first, then a forced password change, then the frame. */
function Unlocked({ section, onNavigate }: { section: SectionId; onNavigate: (s: SectionId) => void }) {
  const code = useSession((s) => s.recoveryCode);
  const mustChange = useSession((s) => s.session?.mustChangePassword ?? null);
  if (code) return <RecoveryCodeScreen />;
  if (mustChange) return <ForcedPasswordChange />;
  return <AppFrame section={section} onNavigate={onNavigate} />;
}

function Loading() {
  const t = useT();
  return (
    <GateLayout>
      <p role="status" className="working">
        {t('app.loading')}
      </p>
    </GateLayout>
  );
}
