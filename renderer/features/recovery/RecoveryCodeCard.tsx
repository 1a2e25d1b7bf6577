import { useState } from 'react';
import { useT } from '../../i18n';
import { CheckboxField } from '../../ui/CheckboxField';

/**
 * A recovery code, shown once: how to keep it, and a confirmation that it was copied and sealed
 * before the screen moves on. Printing it comes with the printing module; until then it is copied
 * by hand.
 */
export function RecoveryCodeCard({ code, onConfirmed }: { code: string; onConfirmed: () => void }) {
  const t = useT();
  const [sealed, setSealed] = useState(false);
  return (
    <div className="recovery">
      <output className="recovery-code" aria-label={t('recovery.codeLabel')}>
        {code}
      </output>
      <ol className="recovery-steps">
        <li>{t('recovery.step.copy')}</li>
        <li>{t('recovery.step.seal')}</li>
        <li>{t('recovery.step.once')}</li>
      </ol>
      <p className="note">{t('recovery.printLater')}</p>
      <CheckboxField label={t('recovery.sealed')} checked={sealed} onChange={setSealed} />
      <div className="actions">
        <span className="actions-spacer" />
        <button type="button" className="button-primary" disabled={!sealed} onClick={onConfirmed}>
          {t('recovery.continue')}
        </button>
      </div>
    </div>
  );
}
