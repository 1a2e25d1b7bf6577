import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { useSession, useSessionStore } from '../../session/SessionContext';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { ChangePasswordPage } from '../account/ChangePassword';
import { NoRolesPage } from '../account/NoRolesPage';
import { BackupReminder } from '../dataSafety/BackupReminder';
import { sectionsFor, type SectionId } from './sections';

interface AppFrameProps {
  section: SectionId;
  onNavigate: (section: SectionId) => void;
}

/**
 * The signed-in frame: who and where in the header, on the left the modules this account's roles
 * allow (三员 see only their own), one page on the right.
 */
export function AppFrame({ section, onNavigate }: AppFrameProps) {
  const t = useT();
  const store = useSessionStore();
  const session = useSession((s) => s.session);
  const version = useSession((s) => s.appInfo?.version);
  const [ownPassword, setOwnPassword] = useState(false);
  const sections = sectionsFor(session?.roles ?? []);
  const current = sections.find((s) => s.id === section) ?? sections[0];
  const Page = ownPassword ? ChangePasswordPage : (current?.Page ?? NoRolesPage);
  const go = (id: SectionId) => {
    setOwnPassword(false);
    onNavigate(id);
  };
  const pageKey = ownPassword ? 'ownPassword' : (current?.id ?? 'none');
  // Each page starts at its top. The frame also comes after the sealed recovery code or a forced
  // password change without the session's phase changing, so App's reset does not run for those:
  // without this the officer landed half-way down the 账户管理 page, scrolled as the sheet was.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pageKey]);
  return (
    <div className="frame">
      <header className="frame-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </span>
        {session && <span className="frame-unit">{t('frame.unit', { unit: session.unit.name })}</span>}
        <span className="frame-spacer" />
        {session && <span className="frame-user">{t('frame.user', { displayName: session.displayName })}</span>}
        <LocaleSwitch />
        <button type="button" className="button-secondary" aria-pressed={ownPassword} onClick={() => setOwnPassword(true)}>
          {t('frame.changePassword')}
        </button>
        <button type="button" className="button-secondary" onClick={() => void store.getState().lock()}>
          {t('frame.lock')}
        </button>
        <button type="button" className="button-secondary" onClick={() => void store.getState().signOut()}>
          {t('frame.signOut')}
        </button>
      </header>
      <div className="frame-body">
        <nav className="frame-nav" aria-label={t('frame.navLabel')}>
          <ul>
            {sections.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  aria-current={!ownPassword && s.id === current?.id ? 'page' : undefined}
                  onClick={() => go(s.id)}
                >
                  {t(s.label)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="frame-main">
          {!ownPassword && current?.id !== 'dataSafety' && <BackupReminder onOpen={() => go('dataSafety')} />}
          <Page />
        </main>
      </div>
      <footer className="frame-footer">
        <span>{t('app.footer')}</span>
        {version && <span>{t('app.version', { version })}</span>}
      </footer>
    </div>
  );
}
