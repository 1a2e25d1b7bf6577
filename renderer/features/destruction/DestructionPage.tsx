import { useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import { assertNever } from '../../../shared/result';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { PlaceholderPage } from '../../ui/PlaceholderPage';
import { useLedgerServices } from '../ledger/ledgerServices';
import { BatchDetail } from './BatchDetail';
import { BatchList } from './BatchList';
import { DevicesView } from './DevicesView';
import { DstAlert } from './dstUi';
import { useDestructionServices, type DestructionServices } from './destructionServices';
import { ListsView } from './ListsView';
import { NewBatchForm } from './NewBatchForm';
import { useDestructionData } from './useDestructionData';
import './destruction.css';
import { TabBar } from '../../ui/TabBar';

const TABS = ['batches', 'new', 'devices', 'lists'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, MessageKey> = {
  batches: 'dst.tab.batches',
  new: 'dst.tab.new',
  devices: 'dst.tab.devices',
  lists: 'dst.tab.lists',
};

/** 销毁: batches from the request to the hand-over, device decommissioning, and the two lists. */
export function DestructionPage() {
  const services = useDestructionServices();
  if (!services) return <PlaceholderPage title="nav.destruction" note="page.destruction.note" />;
  return <Destruction services={services} />;
}

function Destruction({ services }: { services: DestructionServices }) {
  const t = useT();
  const ledger = useLedgerServices();
  const roles = useSession((s) => s.session?.roles ?? []);
  const me = useSession((s) => s.session?.accountId ?? '');
  const data = useDestructionData(services, ledger?.people ?? null);
  const [tab, setTab] = useState<Tab>('batches');
  const [open, setOpen] = useState<string | null>(null);
  const mayRequest = authorize(roles, 'destruction.request').ok;
  const tabs = TABS.filter((id) => id !== 'new' || mayRequest);
  const decides = authorize(roles, 'destruction.decide').ok;
  const waiting = data.batches.filter((b) => b.state.status === 'pending' && decides && b.state.requestedBy !== me && b.state.countedBy !== me).length;

  const after = async (id?: string) => {
    await data.reload();
    if (id) setOpen(id);
  };

  return (
    <section className="page dst-page" aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.destruction')}</h1>
      <TabBar
        label={t('dst.tabsLabel')}
        tabs={tabs.map((id) => ({ id, label: t(TAB_LABEL[id]), ...(id === 'batches' ? { count: waiting } : {}) }))}
        selected={open === null ? tab : null}
        onSelect={(id) => {
          setOpen(null);
          setTab(id);
        }}
      />
      <DstAlert refusal={data.refusal} />
      {data.loading ? (
        <p role="status" className="working">
          {t('dst.loading')}
        </p>
      ) : open !== null ? (
        <BatchDetail key={open} id={open} services={services} data={data} onBack={() => setOpen(null)} onChanged={after} />
      ) : (
        <TabPanel tab={tab} services={services} onOpen={setOpen} onChanged={after} data={data} />
      )}
    </section>
  );
}

function TabPanel({ tab, services, data, onOpen, onChanged }: { tab: Tab; services: DestructionServices; data: ReturnType<typeof useDestructionData>; onOpen: (id: string) => void; onChanged: (id?: string) => Promise<void> }) {
  switch (tab) {
    case 'batches':
      return <BatchList batches={data.batches} onOpen={onOpen} />;
    case 'new':
      return <NewBatchForm services={services} onRequested={(id) => void onChanged(id)} />;
    case 'devices':
      return <DevicesView services={services} data={data} />;
    case 'lists':
      return <ListsView services={services} data={data} onChanged={() => void onChanged()} />;
    default:
      return assertNever(tab);
  }
}
