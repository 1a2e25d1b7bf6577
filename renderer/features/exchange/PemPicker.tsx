import { useState } from 'react';
import { fingerprint, formatFingerprint, parsePublicKeyPem } from '../../../shared/bundle/keys';
import type { Refusal } from '../../../shared/result';
import { useT } from '../../i18n';
import { openFile, textOf } from './exchangeFiles';
import type { ExchangeServices } from './exchangeServices';
import { algorithmLabel } from './exchangeText';
import { ExchangeAlert, Facts, Fingerprint } from './ui';

export interface PickedKey {
  pem: string;
  fileName: string;
}

/**
 * Chooses a PEM public key file and shows its fingerprint, to be compared with the printed sheet
 * before the key is trusted; `onConfirm` runs only after the person confirms.
 */
export function PemPicker({ services, confirmLabel, disabled, onConfirm }: { services: ExchangeServices; confirmLabel: string; disabled?: boolean; onConfirm: (k: PickedKey) => void }) {
  const t = useT();
  const [picked, setPicked] = useState<(PickedKey & { fingerprintText: string; algorithm: 'ed25519' | 'sm2-sm3' }) | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose() {
    setBusy(true);
    setRefusal(null);
    setPicked(null);
    const file = await openFile(services.api, 'publicKey');
    setBusy(false);
    if (!file.ok) return setRefusal(file.error);
    if (!file.value) return;
    const pem = textOf(file.value.bytes);
    const key = parsePublicKeyPem(pem);
    if (!key.ok) return setRefusal(key.error);
    setPicked({ pem, fileName: file.value.name, fingerprintText: formatFingerprint(fingerprint(key.value)), algorithm: key.value.algorithm });
  }

  return (
    <div className="ex-pem-picker">
      <div className="actions">
        <button type="button" className="button-secondary" disabled={disabled || busy} onClick={() => void choose()}>
          {t('ex.pem.choose')}
        </button>
      </div>
      <ExchangeAlert refusal={refusal} />
      {picked && (
        <div className="ex-confirm">
          <Facts
            items={[
              [t('ex.pem.file'), picked.fileName],
              [t('ex.keys.algorithm'), algorithmLabel(picked.algorithm, t)],
              [t('ex.keys.fingerprint'), <Fingerprint key="fp" text={picked.fingerprintText} />],
            ]}
          />
          <p className="note note-important">{t('ex.pem.compare')}</p>
          <div className="actions">
            <button type="button" className="button-primary" disabled={disabled} onClick={() => onConfirm(picked)}>
              {confirmLabel}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
