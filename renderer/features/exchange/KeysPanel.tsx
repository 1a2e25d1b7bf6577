import { useState } from 'react';
import type { SignatureAlgorithm } from '../../../shared/bundle/keys';
import { keySheetDocument } from '../../../shared/exchange/documents';
import type { Refusal } from '../../../shared/result';
import type { ExchangeOverview, KeyInfo } from '../../db/exchange/exchange.repo';
import { localDate } from '../../db/ledgerAccess';
import { formatLocalTime, useT } from '../../i18n';
import { SelectField } from '../../ui/SelectField';
import { usePrint } from '../print/PrintProvider';
import { saveFile, utf8 } from './exchangeFiles';
import type { ExchangeServices } from './exchangeServices';
import { algorithmLabel } from './exchangeText';
import { ExchangeAlert, ExchangeDone, Facts, Fingerprint } from './ui';

/**
 * 签名密钥: this office's key pair. Made here the first time (Ed25519, or SM2/SM3 if the office
 * chooses 国密); the public key and its fingerprint are shown, printed for the bureau to register
 * and saved as a PEM file to hand over. 更换密钥 makes a new key announced in the next bundle.
 */
export function KeysPanel({ services, overview, onChanged }: { services: ExchangeServices; overview: ExchangeOverview; onChanged: () => void }) {
  const t = useT();
  const print = usePrint();
  const [algorithm, setAlgorithm] = useState<SignatureAlgorithm>('ed25519');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const may = overview.may.export;
  const options = [
    { value: 'ed25519', label: t('ex.algorithm.ed25519') },
    { value: 'sm2-sm3', label: t('ex.algorithm.sm2') },
  ];

  async function act(work: () => Promise<{ ok: boolean; error?: Refusal }>, message: string) {
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    setDone(null);
    const r = await work();
    setBusy(false);
    if (!r.ok && r.error) setRefusal(r.error);
    else {
      setDone(message);
      onChanged();
    }
  }

  function printSheet(k: KeyInfo, effectiveFromSequence?: number) {
    print?.printTable(
      keySheetDocument({
        unit: overview.unit,
        algorithm: k.algorithm,
        fingerprint: k.fingerprint,
        publicKeyPem: k.publicKeyPem,
        createdAt: formatLocalTime(k.createdAt),
        date: localDate(new Date()),
        ...(effectiveFromSequence !== undefined ? { effectiveFromSequence } : {}),
      }),
    );
  }

  async function savePem(k: KeyInfo, suffix: string) {
    if (busy) return;
    const fileName = `${overview.unit.code.replace(/[^A-Za-z0-9_-]/g, '_')}-${suffix}.pem`;
    setBusy(true);
    setRefusal(null);
    setDone(null);
    const r = await saveFile(services.api, 'publicKey', fileName, utf8(k.publicKeyPem), async () => ({ ok: true as const, value: null }));
    setBusy(false);
    if (!r.ok) setRefusal(r.error);
    else if (r.value) setDone(t('ex.keys.saved', { path: r.value.saved.finalPath }));
  }

  function keyBlock(k: KeyInfo, suffix: string, effectiveFromSequence?: number) {
    return (
      <>
        <Facts
          items={[
            [t('ex.keys.algorithm'), algorithmLabel(k.algorithm, t)],
            [t('ex.keys.fingerprint'), <Fingerprint key="fp" text={k.fingerprintText} />],
            [t('ex.keys.createdAt'), formatLocalTime(k.createdAt)],
            ...(effectiveFromSequence !== undefined ? [[t('ex.keys.effectiveFrom'), t('ex.keys.effectiveFromValue', { n: effectiveFromSequence })] as const] : []),
          ]}
        />
        <details className="ex-pem">
          <summary>{t('ex.keys.showPem')}</summary>
          <pre aria-label={t('ex.keys.pem')}>{k.publicKeyPem}</pre>
        </details>
        <div className="actions">
          <button type="button" className="button-secondary" disabled={!print} onClick={() => printSheet(k, effectiveFromSequence)}>
            {t('ex.keys.print')}
          </button>
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void savePem(k, suffix)}>
            {t('ex.keys.savePem')}
          </button>
        </div>
      </>
    );
  }

  if (!overview.key) {
    return (
      <section aria-labelledby="ex-keys-title">
        <h2 id="ex-keys-title">{t('ex.keys.heading')}</h2>
        <p className="note">{t(overview.mode === 'bureau' ? 'ex.keys.noneBureau' : 'ex.keys.none')}</p>
        {may ? (
          <form
            className="form-grid"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => services.exchange.createKey(algorithm), t('ex.keys.created'));
            }}
          >
            <SelectField label={t('ex.keys.algorithm')} hint={t('ex.keys.algorithmHint')} value={algorithm} onChange={(v) => setAlgorithm(v as SignatureAlgorithm)} options={options} disabled={busy} />
            <ExchangeAlert refusal={refusal} />
            <div className="actions">
              <button type="submit" className="button-primary" disabled={busy}>
                {t('ex.keys.create')}
              </button>
            </div>
          </form>
        ) : (
          <p className="note">{t('ex.keys.askClerk')}</p>
        )}
      </section>
    );
  }

  return (
    <section aria-labelledby="ex-keys-title">
      <h2 id="ex-keys-title">{t('ex.keys.heading')}</h2>
      <p className="note">{t('ex.keys.intro')}</p>
      {keyBlock(overview.key, 'public-key')}
      {done && <ExchangeDone>{done}</ExchangeDone>}
      <ExchangeAlert refusal={refusal} />

      {overview.pendingKey && (
        <>
          <h3>{t('ex.keys.pendingHeading')}</h3>
          <p className="note note-important">{t('ex.keys.pendingNote', { n: overview.pendingKey.effectiveFromSequence - 1, m: overview.pendingKey.effectiveFromSequence })}</p>
          {keyBlock(overview.pendingKey, `public-key-${overview.pendingKey.effectiveFromSequence}`, overview.pendingKey.effectiveFromSequence)}
        </>
      )}

      {may && (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => services.exchange.rotateKey(algorithm), t('ex.keys.rotated'));
          }}
        >
          <h3>{t('ex.keys.rotateHeading')}</h3>
          <p className="note">{t('ex.keys.rotateNote')}</p>
          <SelectField label={t('ex.keys.newAlgorithm')} value={algorithm} onChange={(v) => setAlgorithm(v as SignatureAlgorithm)} options={options} disabled={busy} />
          <div className="actions">
            <button type="submit" className="button-secondary" disabled={busy}>
              {t('ex.keys.rotate')}
            </button>
          </div>
        </form>
      )}

      {overview.retiredKeys.length > 0 && (
        <>
          <h3>{t('ex.keys.retiredHeading')}</h3>
          <ul className="ex-list">
            {overview.retiredKeys.map((k) => (
              <li key={k.fingerprint}>
                {t('ex.keys.retiredItem', { algorithm: algorithmLabel(k.algorithm, t), fingerprint: k.fingerprint.slice(0, 16), n: k.lastSequence, at: formatLocalTime(k.retiredAt) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
