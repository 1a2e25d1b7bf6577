import { useState } from 'react';
import type { ExportMode } from '../../../shared/exchange/unitExport';
import type { ExchangeOverview } from '../../db/exchange/exchange.repo';
import { formatLocalTime, useT } from '../../i18n';
import { SelectField } from '../../ui/SelectField';
import type { ExchangeServices } from './exchangeServices';
import { countsText } from './exchangeText';
import { ExchangeAlert, ExchangeDone, Facts, Progress, UnsavedBundle } from './ui';
import { useBundleWriter } from './useBundleWriter';

/**
 * 上报数据包: the unit's next bundle for the bureau — everything since the last bundle, or the whole
 * ledger — written to the folder the disc is burned from, with its printed hand-over receipt.
 */
export function ExportPanel({ services, overview, onChanged, onKeys }: { services: ExchangeServices; overview: ExchangeOverview; onChanged: () => void; onKeys: () => void }) {
  const t = useT();
  const last = overview.outgoing;
  const [mode, setMode] = useState<ExportMode>('delta');
  const writer = useBundleWriter(services, onChanged);
  const { state } = writer;

  if (!overview.key) {
    return (
      <section aria-labelledby="ex-export-title">
        <h2 id="ex-export-title">{t('ex.export.heading')}</h2>
        <p className="note note-important">{t('ex.export.needKey')}</p>
        <button type="button" className="button-primary" onClick={onKeys}>
          {t('ex.export.toKeys')}
        </button>
      </section>
    );
  }

  return (
    <section aria-labelledby="ex-export-title">
      <h2 id="ex-export-title">{t('ex.export.heading')}</h2>
      <p className="note">{t('ex.export.intro')}</p>
      <Facts
        items={[
          [t('ex.export.next'), String((last?.sequence ?? 0) + 1)],
          [t('ex.export.last'), last ? t('ex.export.lastValue', { n: last.sequence, to: last.periodTo, at: formatLocalTime(last.cutoff) }) : t('ex.export.none')],
          ...(overview.pendingKey ? [[t('ex.export.rotation'), t('ex.export.rotationValue', { n: overview.pendingKey.effectiveFromSequence })] as const] : []),
        ]}
      />
      {overview.may.export ? (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void writer.write((report) => services.exchange.prepareExport(mode, report));
          }}
        >
          <SelectField
            label={t('ex.export.mode')}
            hint={t(last ? 'ex.export.modeHint' : 'ex.export.firstHint')}
            value={last ? mode : 'full'}
            onChange={(v) => setMode(v as ExportMode)}
            options={[
              { value: 'delta', label: t('ex.export.delta') },
              { value: 'full', label: t('ex.export.full') },
            ]}
            disabled={state.busy || !last}
          />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={state.busy}>
              {t('ex.export.write')}
            </button>
          </div>
        </form>
      ) : (
        <p className="note">{t('ex.export.askClerk')}</p>
      )}
      {state.progress && <Progress label={t('ex.progress.label')} done={state.progress.done} total={state.progress.total} text={state.progress.text} />}
      <ExchangeAlert refusal={state.refusal} />
      {state.cancelled && <p className="note">{t('ex.export.cancelled')}</p>}
      {state.unsaved && <UnsavedBundle n={state.unsaved.entry.sequence} busy={state.busy} onSave={() => void writer.saveAgain()} />}
      {state.written && (
        <ExchangeDone>
          <p>{t('ex.export.done', { n: state.written.entry.sequence, path: state.written.finalPath })}</p>
          <Facts
            items={[
              [t('ex.log.period'), `${state.written.entry.period.from} — ${state.written.entry.period.to}`],
              [t('ex.log.counts'), countsText(state.written.entry.counts, t)],
              [t('ex.log.hash'), <code key="h">{state.written.entry.manifestHash}</code>],
            ]}
          />
          <button type="button" className="button-secondary" disabled={!writer.canPrint} onClick={() => state.written && writer.printReceipt(state.written.entry)}>
            {t('ex.receipt.print')}
          </button>
        </ExchangeDone>
      )}
      <p className="note">{t('ex.export.checkHint')}</p>
    </section>
  );
}
