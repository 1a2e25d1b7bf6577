import { useState } from 'react';
import type { Refusal } from '../../../shared/result';
import type { UnitImportOutcome } from '../../db/exchange/bureau.repo';
import { useT } from '../../i18n';
import { openFile } from './exchangeFiles';
import type { ExchangeServices } from './exchangeServices';
import { countsText, shortHash } from './exchangeText';
import { ExchangeAlert, ExchangeDone, Progress } from './ui';

/**
 * 导入数据包 (bureau): a unit's bundle from the disc. Every check runs before anything is written;
 * a refusal names its reason in words (the same sentences as the command-line verifier).
 */
export function ImportPanel({ services, may, onImported }: { services: ExchangeServices; may: boolean; onImported: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; text: string } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [outcome, setOutcome] = useState<(UnitImportOutcome & { fileName: string }) | null>(null);

  async function run() {
    setBusy(true);
    setRefusal(null);
    setOutcome(null);
    setProgress({ done: 0, total: 0, text: t('ex.progress.reading') });
    const file = await openFile(services.api, 'bundle', undefined, (done, total) => setProgress({ done, total, text: t('ex.progress.reading') }));
    if (!file.ok || !file.value) {
      setBusy(false);
      setProgress(null);
      if (!file.ok) setRefusal(file.error);
      return;
    }
    const { name, path, bytes } = file.value;
    const r = await services.bureau.importBundle(bytes, { fileName: name, path }, (p) =>
      setProgress({ done: p.done, total: p.total, text: t(p.phase === 'verify' ? 'ex.progress.verify' : p.phase === 'encrypt' ? 'ex.progress.encrypt' : 'ex.progress.store', { done: p.done, total: p.total }) }),
    );
    setBusy(false);
    setProgress(null);
    if (!r.ok) return setRefusal(r.error);
    setOutcome({ ...r.value, fileName: name });
    onImported();
  }

  return (
    <section aria-labelledby="ex-import-title">
      <h2 id="ex-import-title">{t('ex.import.heading')}</h2>
      <p className="note">{t('ex.import.intro')}</p>
      {may ? (
        <div className="actions">
          <button type="button" className="button-primary" disabled={busy} onClick={() => void run()}>
            {t('ex.import.choose')}
          </button>
        </div>
      ) : (
        <p className="note">{t('ex.import.askClerk')}</p>
      )}
      {progress && <Progress label={t('ex.progress.label')} done={progress.done} total={progress.total} text={progress.text} />}
      <ExchangeAlert refusal={refusal} />
      {refusal && <p className="note">{t('ex.import.nothingWritten')}</p>}
      {outcome && (
        <ExchangeDone>
          {outcome.action === 'already-imported' ? (
            <p>{t('ex.import.already', { name: outcome.unitName, n: outcome.sequence })}</p>
          ) : (
            <>
              <p>{t('ex.import.done', { name: outcome.unitName, code: outcome.unitCode, n: outcome.sequence })}</p>
              <p>{countsText(outcome.counts, t)}</p>
              <p>
                {t('ex.log.hash')}：<code title={outcome.manifestHash}>{shortHash(outcome.manifestHash)}</code>
              </p>
              {outcome.keyRotation && <p>{t('ex.import.rotated')}</p>}
            </>
          )}
        </ExchangeDone>
      )}
    </section>
  );
}
