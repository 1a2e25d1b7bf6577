import { useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import { assertNever } from '../../../shared/result';
import type { DeterminationsRepo } from '../../db/determinations.repo';
import { useT, type MessageKey } from '../../i18n';
import { PlaceholderPage } from '../../ui/PlaceholderPage';
import { useLedgerServices } from '../ledger/ledgerServices';
import type { StartDraft } from './ActionPanel';
import { CatalogueView } from './CatalogueView';
import { DeterminationDetail } from './DeterminationDetail';
import { DeterminationList } from './DeterminationList';
import { DetAlert } from './detUi';
import { DraftForm } from './DraftForm';
import { ReviewQueueView } from './ReviewQueueView';
import { useDeterminationServices } from './determinationServices';
import { useDeterminationData, type DeterminationData } from './useDeterminationData';
import { useReviewWindow } from './reviewWindow';
import { WorkQueue } from './WorkQueue';
import './determinations.css';
import { TabBar } from '../../ui/TabBar';

const TABS = ['work', 'all', 'draft', 'review', 'catalogue'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, MessageKey> = {
  work: 'det.tab.work',
  all: 'det.tab.all',
  draft: 'det.tab.draft',
  review: 'det.tab.review',
  catalogue: 'det.tab.catalogue',
};

/** 定密: drafts and decisions, changes and declassification, the review queue and the catalogue. */
export function DeterminationsPage() {
  const services = useDeterminationServices();
  if (!services) return <PlaceholderPage title="nav.determinations" note="page.determinations.note" />;
  return <Determinations />;
}

function Determinations() {
  const t = useT();
  const services = useDeterminationServices();
  const ledger = useLedgerServices();
  const [windowDays, setWindowDays] = useReviewWindow();
  if (!services) throw new Error('no determination services');
  const repo = services.determinations;
  const data = useDeterminationData(repo, ledger?.people ?? null, windowDays);
  const roles = data.actor?.roles ?? [];
  const drafts = authorize(roles, 'determination.draft').ok;
  const decides = authorize(roles, 'determination.decide').ok;
  const tabs = TABS.filter((tab) => (tab === 'draft' ? drafts : tab === 'work' ? drafts || decides : true));
  const [tab, setTab] = useState<Tab>(drafts || decides ? 'work' : 'all');
  const [open, setOpen] = useState<string | null>(null);
  const [startWith, setStartWith] = useState<StartDraft | null>(null);

  const show = (id: string) => {
    setStartWith(null);
    setOpen(id);
  };
  const draftFrom = (id: string, what: StartDraft) => {
    setStartWith(what);
    setOpen(id);
  };
  // A new draft opens at once; the reload that follows never takes the person back to an item
  // they have left in the meantime (it used to reopen it when it finished).
  const after = async (id?: string) => {
    if (id) setOpen(id);
    await data.reload();
  };

  return (
    <section className="page det-page" aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.determinations')}</h1>
      <TabBar
        label={t('det.tabsLabel')}
        tabs={tabs.map((id) => ({
          id,
          label: t(TAB_LABEL[id]),
          ...(id === 'work' ? { count: workCount(data, decides) } : id === 'review' ? { count: data.review.length } : {}),
        }))}
        selected={open === null ? tab : null}
        onSelect={(id) => {
          setOpen(null);
          setTab(id);
        }}
      />
      <DetAlert refusal={data.refusal} />
      {data.loading ? (
        <p role="status" className="working">
          {t('det.loading')}
        </p>
      ) : open !== null ? (
        <DeterminationDetail id={open} repo={repo} data={data} onBack={() => setOpen(null)} onChanged={() => after()} onOpen={show} startWith={startWith} />
      ) : (
        <TabPanel
          tab={tab}
          repo={repo}
          data={data}
          onOpen={show}
          onDraft={drafts ? draftFrom : undefined}
          onChanged={after}
          windowDays={windowDays}
          setWindowDays={setWindowDays}
        />
      )}
    </section>
  );
}

function TabPanel(props: {
  tab: Tab;
  repo: DeterminationsRepo;
  data: DeterminationData;
  onOpen: (id: string) => void;
  /** For a handler: open a 变更 or 解密 draft of a live determination straight from the review queue. */
  onDraft: ((id: string, what: StartDraft) => void) | undefined;
  onChanged: (id?: string) => Promise<void>;
  windowDays: number;
  setWindowDays: (n: number) => void;
}) {
  const { tab, repo, data, onOpen, onChanged } = props;
  switch (tab) {
    case 'work':
      return <WorkQueue data={data} onOpen={onOpen} />;
    case 'all':
      return <DeterminationList states={data.states} onOpen={onOpen} />;
    case 'draft':
      return <DraftForm repo={repo} data={data} onDrafted={(id) => void onChanged(id)} />;
    case 'review':
      return <ReviewQueueView repo={repo} data={data} onOpen={onOpen} onDraft={props.onDraft} windowDays={props.windowDays} setWindowDays={props.setWindowDays} />;
    case 'catalogue':
      return <CatalogueView repo={repo} data={data} onChanged={() => void onChanged()} />;
    default:
      return assertNever(tab);
  }
}

/** What waits for this person: drafts to decide, or their own drafts sent back. */
function workCount(data: DeterminationData, decides: boolean): number {
  const me = data.actor?.accountId ?? '';
  return data.states.filter((s) => {
    const p = s.proposal;
    if (!p) return false;
    if (decides && p.state === 'pending' && !p.draftedBy.includes(me)) return true;
    return p.state === 'returned' && p.draftedBy.includes(me);
  }).length;
}
