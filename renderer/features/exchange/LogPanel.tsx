import type { ExchangeOverview } from '../../db/exchange/exchange.repo';
import { formatLocalTime, useT } from '../../i18n';
import type { ExchangeServices } from './exchangeServices';
import { countsText, kindLabel, shortHash } from './exchangeText';
import { useBundleWriter } from './useBundleWriter';
import { ExTable } from './ui';

/** 交换记录: every bundle this office wrote or imported, each with its receipt to print again. */
export function LogPanel({ services, overview }: { services: ExchangeServices; overview: ExchangeOverview }) {
  const t = useT();
  const writer = useBundleWriter(services, () => undefined);
  return (
    <section aria-labelledby="ex-log-title">
      <h2 id="ex-log-title">{t('ex.log.heading')}</h2>
      {overview.log.length === 0 ? (
        <p className="note">{t('ex.log.empty')}</p>
      ) : (
        <ExTable columns={[t('ex.log.at'), t('ex.log.direction'), t('ex.log.sequence'), t('ex.log.period'), t('ex.log.counts'), t('ex.log.hash'), t('ex.log.file'), t('ex.log.by')]} actions>
          {overview.log.map((e) => (
            <tr key={e.id}>
              <td>{formatLocalTime(e.at)}</td>
              <td>{t(e.direction === 'out' ? 'ex.log.out' : 'ex.log.in', { kind: kindLabel(e.kind, t), issuer: e.issuer.name })}</td>
              <td>{e.sequence}</td>
              <td>
                {e.period.from} — {e.period.to}
              </td>
              <td>{countsText(e.counts, t)}</td>
              <td>
                <code title={e.manifestHash}>{shortHash(e.manifestHash)}</code>
              </td>
              <td>{e.fileName}</td>
              <td>{e.byName}</td>
              <td>
                {e.direction === 'out' && (
                  <button type="button" className="button-link" disabled={!writer.canPrint} onClick={() => writer.printReceipt(e)} aria-label={t('ex.receipt.printNumber', { n: e.sequence })}>
                    {t('ex.receipt.print')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </ExTable>
      )}
    </section>
  );
}
