import { useCallback, useEffect, useState } from 'react';
import type { Refusal } from '../../../shared/result';
import type { UnitSummary } from '../../db/exchange/bureau.repo';
import type { ExchangeOverview } from '../../db/exchange/exchange.repo';
import { useT, type MessageKey } from '../../i18n';
import { PlaceholderPage } from '../../ui/PlaceholderPage';
import { BureauLinkPanel } from './BureauLinkPanel';
import { useExchangeServices, type ExchangeServices } from './exchangeServices';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { KeysPanel } from './KeysPanel';
import { LogPanel } from './LogPanel';
import { PolicyPanel } from './PolicyPanel';
import { RegisterPanel } from './RegisterPanel';
import { ExchangeAlert } from './ui';
import { UnitDetailView } from './UnitDetailView';
import { UnitsPanel } from './UnitsPanel';
import './exchange.css';
import { TabBar } from '../../ui/TabBar';

/** 数据交换: signed bundles to and from the supervising bureau (SPEC §7), as a unit or as the bureau. */
export function ExchangePage() {
  const services = useExchangeServices();
  if (!services) return <PlaceholderPage title="nav.exchange" note="page.exchange.note" />;
  return <Exchange services={services} />;
}

type UnitTab = 'export' | 'keys' | 'bureau' | 'log';
type BureauTab = 'units' | 'import' | 'register' | 'policy' | 'keys' | 'log';

const UNIT_TABS: { id: UnitTab; label: MessageKey }[] = [
  { id: 'export', label: 'ex.tab.export' },
  { id: 'bureau', label: 'ex.tab.bureau' },
  { id: 'keys', label: 'ex.tab.keys' },
  { id: 'log', label: 'ex.tab.log' },
];
const BUREAU_TABS: { id: BureauTab; label: MessageKey }[] = [
  { id: 'units', label: 'ex.tab.units' },
  { id: 'import', label: 'ex.tab.import' },
  { id: 'register', label: 'ex.tab.register' },
  { id: 'policy', label: 'ex.tab.policy' },
  { id: 'keys', label: 'ex.tab.keys' },
  { id: 'log', label: 'ex.tab.log' },
];

function Exchange({ services }: { services: ExchangeServices }) {
  const t = useT();
  const [overview, setOverview] = useState<ExchangeOverview | null>(null);
  const [units, setUnits] = useState<UnitSummary[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [tab, setTab] = useState<string | null>(null);
  const [openUnit, setOpenUnit] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const o = await services.exchange.overview();
    if (!o.ok) return setRefusal(o.error);
    setRefusal(null);
    setOverview(o.value);
    if (o.value.mode === 'bureau') {
      const u = await services.bureau.units();
      if (u.ok) setUnits(u.value);
      else setRefusal(u.error);
    }
  }, [services]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const mode = overview?.mode ?? 'unit';
  const tabs = mode === 'bureau' ? BUREAU_TABS : UNIT_TABS;
  // A unit without a key starts at 签名密钥 (it can do nothing else before the key exists), and stays
  // there when the key is made, to print and save it. The bureau registers and imports without one.
  const start = overview && overview.mode === 'unit' && !overview.key ? 'keys' : (tabs[0]?.id ?? 'keys');
  useEffect(() => {
    if (overview && tab === null) setTab(start);
  }, [overview, tab, start]);
  const current = tab ?? start;
  const reloadNow = () => void reload();

  return (
    <section className="page exchange" aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.exchange')}</h1>
      {overview && <p className="note ex-mode">{t(mode === 'bureau' ? 'ex.mode.bureau' : 'ex.mode.unit', { name: overview.unit.name, code: overview.unit.code })}</p>}
      <ExchangeAlert refusal={refusal} />
      {!overview ? (
        !refusal && <p className="working">{t('ex.loading')}</p>
      ) : (
        <>
          <TabBar
            label={t('ex.tabs.label')}
            tabs={tabs.map((x) => ({ id: x.id, label: t(x.label) }))}
            selected={current}
            onSelect={(id) => {
              setTab(id);
              setOpenUnit(null);
            }}
          />
          {current === 'keys' && <KeysPanel services={services} overview={overview} onChanged={reloadNow} />}
          {current === 'log' && <LogPanel services={services} overview={overview} />}
          {current === 'export' && <ExportPanel services={services} overview={overview} onChanged={reloadNow} onKeys={() => setTab('keys')} />}
          {current === 'bureau' && <BureauLinkPanel services={services} overview={overview} onChanged={reloadNow} />}
          {current === 'units' &&
            (openUnit ? <UnitDetailView services={services} unitId={openUnit} onBack={() => setOpenUnit(null)} /> : <UnitsPanel units={units} onOpen={setOpenUnit} />)}
          {current === 'import' && <ImportPanel services={services} may={overview.may.import} onImported={reloadNow} />}
          {current === 'register' && <RegisterPanel services={services} may={overview.may.import} onRegistered={reloadNow} />}
          {current === 'policy' && <PolicyPanel services={services} overview={overview} onChanged={reloadNow} onKeys={() => setTab('keys')} />}
        </>
      )}
    </section>
  );
}
