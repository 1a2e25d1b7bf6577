import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { LocaleSwitch } from '../../ui/LocaleSwitch';

/** The frame of every screen shown before the ledger itself: set-up, sign-in, lock, errors. */
export function GateLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const t = useT();
  return (
    <div className="gate">
      <div className="gate-bar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </span>
        <LocaleSwitch />
      </div>
      <main className={wide ? 'gate-card gate-card-wide' : 'gate-card'}>{children}</main>
      <p className="gate-footer">{t('app.footer')}</p>
    </div>
  );
}
