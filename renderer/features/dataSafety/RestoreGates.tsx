import { useState } from 'react';
import { useT } from '../../i18n';
import { SetupWizard } from '../setup/SetupWizard';
import { GateLayout } from '../shell/GateLayout';
import { UnreadableStore } from '../shell/UnreadableStore';
import './dataSafety.css';
import { useDataSafety } from './dataSafetyServices';
import { RestoreFlow } from './RestoreFlow';

/** A fresh install: set up a new store, or restore one from a backup (从备份恢复). */
export function SetupGate() {
  const t = useT();
  const services = useDataSafety();
  const [restoring, setRestoring] = useState(false);
  if (services && restoring) {
    return (
      <GateLayout wide>
        <h1>{t('safety.restore.gateHeading')}</h1>
        <RestoreFlow services={services} replacing={false} onCancel={() => setRestoring(false)} />
      </GateLayout>
    );
  }
  return (
    <>
      {services && (
        <div className="safety-offer">
          {t('safety.offer.text')}
          <button type="button" className="button-secondary" onClick={() => setRestoring(true)}>
            {t('safety.offer.restore')}
          </button>
        </div>
      )}
      <SetupWizard />
    </>
  );
}

/** The store cannot be read: it stays as it is; a backup can be restored beside it. */
export function UnreadableGate() {
  const t = useT();
  const services = useDataSafety();
  const [restoring, setRestoring] = useState(false);
  if (services && restoring) {
    return (
      <GateLayout wide>
        <h1>{t('safety.restore.gateHeading')}</h1>
        <RestoreFlow services={services} replacing={false} onCancel={() => setRestoring(false)} />
      </GateLayout>
    );
  }
  return <UnreadableStore onRestore={services ? () => setRestoring(true) : undefined} />;
}
