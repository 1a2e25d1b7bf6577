import { useMemo, useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import { marking } from '../../../shared/ledger/classification';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { PlaceholderPage } from '../../ui/PlaceholderPage';
import { ApprovalList } from './ApprovalList';
import { Dashboard } from './Dashboard';
import { ImportPage } from './ImportPage';
import { InventoryPage } from './InventoryPage';
import { CarrierPage } from './CarrierPage';
import { LedgerAlert } from './fields';
import { keptTable, LedgerTable } from './LedgerTable';
import { useLedgerServices, type LedgerServices } from './ledgerServices';
import { levelLabel } from './ledgerText';
import { PeoplePage } from './PeoplePage';
import { RegisterForm } from './RegisterForm';
import { useLedgerData } from './useLedgerData';
import './ledger.css';
import { TabBar } from '../../ui/TabBar';

type View = { kind: 'table' } | { kind: 'dashboard' } | { kind: 'register' } | { kind: 'people' } | { kind: 'approvals' } | { kind: 'inventory' } | { kind: 'import' } | { kind: 'carrier'; id: string };
type Tab = Exclude<View['kind'], 'carrier'>;

const TABS: { id: Tab; label: MessageKey }[] = [
  { id: 'table', label: 'ledger.tab.table' },
  { id: 'dashboard', label: 'ledger.tab.dashboard' },
  { id: 'register', label: 'ledger.tab.register' },
  { id: 'people', label: 'ledger.tab.people' },
  { id: 'approvals', label: 'ledger.tab.approvals' },
  { id: 'inventory', label: 'ledger.tab.inventory' },
  { id: 'import', label: 'ledger.tab.import' },
];

/** 载体台账: the register of classified carriers, the people who hold them, and the approvals. */
export function LedgerPage() {
  const services = useLedgerServices();
  if (!services) return <PlaceholderPage title="nav.ledger" note="page.ledger.note" />;
  return <Ledger services={services} />;
}

function Ledger({ services }: { services: LedgerServices }) {
  const t = useT();
  const roles = useSession((s) => s.session?.roles ?? []);
  const data = useLedgerData(services);
  const [view, setView] = useState<View>({ kind: 'table' });
  // The table's filters, sort and scroll, kept while a carrier or another tab is shown.
  const [kept] = useState(keptTable);
  const mayRegister = authorize(roles, 'carrier.register').ok;
  const mayImport = authorize(roles, 'ledger.import').ok;
  const tabs = TABS.filter((tab) => (tab.id !== 'register' || mayRegister) && (tab.id !== 'import' || mayImport));
  const open = (id: string) => setView({ kind: 'carrier', id });
  const registryNumbers = useMemo(() => new Map(data.carriers.map((c) => [c.id, c.registryNumber])), [data.carriers]);
  const carrierTitles = useMemo(() => new Map(data.carriers.map((c) => [c.id, t('ledger.approval.carrier', { title: c.title, marking: marking(c.level, c.period) || levelLabel(c.level, t) })])), [data.carriers, t]);
  const pendingFirst = useMemo(() => [...data.approvals].sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending')), [data.approvals]);

  return (
    <section className="page ledger" aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.ledger')}</h1>
      <TabBar label={t('ledger.tabs.label')} tabs={tabs.map((tab) => ({ id: tab.id, label: t(tab.label) }))} selected={view.kind === 'carrier' ? null : view.kind} onSelect={(id) => setView({ kind: id })} />
      <LedgerAlert refusal={data.refusal} />
      {/* The table shows its first page at once; the other views use the whole ledger, read in the background. */}
      {data.loading || (view.kind !== 'table' && !data.complete) ? (
        <p role="status" className="working">
          {t('ledger.loading')}
        </p>
      ) : (
        <>
          {view.kind === 'table' && <LedgerTable data={data} services={services} onOpen={open} kept={kept} />}
          {view.kind === 'dashboard' && <Dashboard data={data} onOpen={open} />}
          {view.kind === 'register' && <RegisterForm services={services} data={data} onDone={(c) => open(c.id)} />}
          {view.kind === 'people' && <PeoplePage services={services} data={data} />}
          {view.kind === 'approvals' && (
            <section aria-labelledby="approvals-title">
              <h2 id="approvals-title">{t('ledger.approvals.heading')}</h2>
              <ApprovalList approvals={pendingFirst} people={data.peopleById} services={services} registryNumbers={registryNumbers} carrierTitles={carrierTitles} onChanged={data.reload} onOpenCarrier={open} />
            </section>
          )}
          {view.kind === 'inventory' && <InventoryPage services={services} data={data} onOpen={open} />}
          {view.kind === 'import' && <ImportPage services={services} data={data} />}
          {view.kind === 'carrier' && <CarrierPage key={view.id} id={view.id} services={services} data={data} onBack={() => setView({ kind: 'table' })} onOpen={open} />}
        </>
      )}
    </section>
  );
}
