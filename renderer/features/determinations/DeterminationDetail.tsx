import { useCallback, useEffect, useState } from 'react';
import type { DeterminationRecord, DeterminationState, Proposal } from '../../../shared/determination/records';
import { periodEnd, type Terms } from '../../../shared/determination/terms';
import type { Level } from '../../../shared/ledger/classification';
import type { Refusal } from '../../../shared/result';
import type { DeterminationsRepo, DeterminationView } from '../../db/determinations.repo';
import { formatLocalTime, useT } from '../../i18n';
import { Region } from '../../ui/Region';
import { authorize } from '../../../shared/auth/permissions';
import { usePrint } from '../print/PrintProvider';
import { ActionPanel, type StartDraft } from './ActionPanel';
import { determinationPrintout } from './detPrint';
import { CarrierLinks } from './CarrierLinks';
import { DetAlert, DetTable } from './detUi';
import { basisLabel, changeLabel, currentMarking, endedLabel, levelLabel, periodLabel, procedureLabel, recordLabel, recordText, scopeLabel, statusLabel, type NameOf } from './detText';
import type { DeterminationData } from './useDeterminationData';

interface DetailProps {
  id: string;
  repo: DeterminationsRepo;
  data: DeterminationData;
  onBack: () => void;
  onChanged: (id?: string) => Promise<void>;
  onOpen: (id: string) => void;
  /** A draft to open at once (from the review queue). */
  startWith?: StartDraft | null;
}

/** One determination: the terms in force, the draft waiting (if any), what this person may do, and every record. */
export function DeterminationDetail({ id, repo, data, onBack, onChanged, onOpen, startWith = null }: DetailProps) {
  const t = useT();
  const print = usePrint();
  const [view, setView] = useState<DeterminationView | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const load = useCallback(async () => {
    const r = await repo.get(id);
    if (r.ok) setView(r.value);
    setRefusal(r.ok ? null : r.error);
  }, [repo, id]);
  useEffect(() => {
    void load();
  }, [load]);

  const nameOf: NameOf = (pid) => data.people.find((p) => p.id === pid)?.name;
  const titleOf = (sid: string) => data.byId.get(sid)?.subject.title;
  if (!view) {
    return (
      <>
        <BackButton onBack={onBack} />
        <DetAlert refusal={refusal} />
      </>
    );
  }
  const s = view.state;
  const level = s.inForce?.terms.level ?? null;
  const canLink = authorize(data.actor?.roles ?? [], 'determination.draft').ok && (s.status === 'live' || s.status === 'proposed' || s.status === 'returned');
  return (
    <article className="det-detail" aria-labelledby="det-detail-title">
      <BackButton onBack={onBack} />
      <h2 id="det-detail-title">{s.subject.title}</h2>
      <p className="det-headline">
        <span className="det-status">{statusLabel(s.status, t, s.inForce?.terms.level ?? null)}</span>
        <span className="det-big-marking">{currentMarking(s, t)}</span>
        <button type="button" className="button-secondary det-print" disabled={!print} onClick={() => print?.printTable(determinationPrintout(view, repo, data))}>
          {t('det.action.printRecord')}
        </button>
      </p>
      <Facts state={s} nameOf={nameOf} titleOf={titleOf} onOpen={onOpen} />
      {s.proposal && <ProposalBox proposal={s.proposal} state={s} nameOf={nameOf} titleOf={titleOf} />}
      <ActionPanel
        view={view}
        repo={repo}
        data={data}
        startWith={startWith}
        onDone={async () => {
          await load();
          await onChanged(id);
        }}
      />
      {(canLink || s.subject.carrierIds.length > 0) && (
        <Region title={t('det.carriers.title')}>
          <CarrierLinks
            state={s}
            repo={repo}
            canLink={canLink}
            onDone={async () => {
              await load();
              await onChanged(id);
            }}
          />
        </Region>
      )}
      <Region title={t('det.history.title')}>
        <RecordHistory records={view.records} level={level} nameOf={nameOf} />
      </Region>
    </article>
  );
}

function BackButton({ onBack }: { onBack: () => void }) {
  const t = useT();
  return (
    <button type="button" className="button-link det-back" onClick={onBack}>
      {t('det.action.back')}
    </button>
  );
}

function Facts({ state: s, nameOf, titleOf, onOpen }: { state: DeterminationState; nameOf: NameOf; titleOf: (id: string) => string | undefined; onOpen: (id: string) => void }) {
  const t = useT();
  const f = s.inForce;
  return (
    <dl className="det-facts">
      {s.subject.docNumber && <Fact term={t('det.field.docNumber')} value={s.subject.docNumber} />}
      {s.subject.processDraft && <Fact term={t('det.field.stage')} value={t('det.tag.processDraft')} />}
      {f && <TermsFacts terms={f.terms} start={f.startDate} nameOf={nameOf} titleOf={titleOf} />}
      {f && <Fact term={t('det.field.decided')} value={t('det.decidedText', { date: f.decidedDate })} />}
      {f?.terms.basis.kind === 'derived' && (
        <div>
          <dt>{t('det.field.sources')}</dt>
          <dd>
            {f.terms.basis.sourceIds.map((sid) => (
              <button key={sid} type="button" className="button-link" onClick={() => onOpen(sid)}>
                {titleOf(sid) ?? sid}
              </button>
            ))}
          </dd>
        </div>
      )}
      <Fact term={t('det.field.carriers')} value={s.subject.carrierIds.length ? t('det.carriersCount', { count: s.subject.carrierIds.length }) : t('det.carriersNone')} />
      {s.lastReviewDate && <Fact term={t('det.field.lastReview')} value={s.lastReviewDate} />}
      {s.ended && <Fact term={t('det.field.ended')} value={endedLabel(s.ended, s.inForce?.terms.level ?? null, t)} />}
    </dl>
  );
}

function TermsFacts({ terms, start, nameOf, titleOf }: { terms: Terms; start: string; nameOf: NameOf; titleOf: (id: string) => string | undefined }) {
  const t = useT();
  const end = periodEnd(terms.period, start);
  return (
    <>
      <Fact term={t('det.field.level')} value={levelLabel(terms.level, t)} />
      <Fact term={t('det.field.period')} value={end ? t('det.periodWithEnd', { period: periodLabel(terms.period, t), end }) : periodLabel(terms.period, t)} />
      <Fact term={t('det.field.scope')} value={scopeLabel(terms.scope, t, nameOf)} />
      <Fact term={t('det.field.basis')} value={basisLabel(terms.basis, t, titleOf)} />
      {terms.longerPeriodBasis && <Fact term={t('det.field.longerPeriodBasis')} value={terms.longerPeriodBasis} />}
    </>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** The draft waiting for a decision, or sent back: what it proposes and why. */
function ProposalBox({ proposal: p, state: s, nameOf, titleOf }: { proposal: Proposal; state: DeterminationState; nameOf: NameOf; titleOf: (id: string) => string | undefined }) {
  const t = useT();
  const procedure = procedureLabel(p.procedure, s.inForce?.terms.level ?? null, t);
  return (
    <Region title={t(p.state === 'pending' ? 'det.proposal.pending' : 'det.proposal.returned', { procedure })} className="panel det-proposal">
      <p>{t('det.proposal.by', { name: p.drafterName, at: formatLocalTime(p.draftedAt) })}</p>
      {p.state === 'returned' && p.returnReason && <p className="note note-important">{t('det.proposal.returnReason', { reason: p.returnReason })}</p>}
      {p.procedure !== 'declassify' && (
        <>
          <p className="det-marking">
            {t('det.marking.proposedLabel')}
            <strong>{p.marking || t('det.marking.none')}</strong>
          </p>
          <dl className="det-facts">
            <TermsFacts terms={p.terms} start={s.inForce?.startDate ?? s.createdAt.slice(0, 10)} nameOf={nameOf} titleOf={titleOf} />
          </dl>
        </>
      )}
      {p.procedure === 'change' && (
        <ul className="det-changes" aria-label={t('det.proposal.changes')}>
          {p.changes.map((c) => (
            <li key={c.field}>{changeLabel(c, t, nameOf)}</li>
          ))}
        </ul>
      )}
      {p.procedure !== 'determine' && <p>{t('det.proposal.reason', { reason: p.reason })}</p>}
    </Region>
  );
}

/** Every record, oldest first: who, when, what, and their written words. Records are never edited. */
function RecordHistory({ records, level, nameOf }: { records: DeterminationRecord[]; level: Level | null; nameOf: NameOf }) {
  const t = useT();
  return (
    <DetTable className="det-table det-history" actions={false} columns={[t('det.col.seq'), t('det.col.time'), t('det.col.actor'), t('det.col.record'), t('det.col.words')]}>
        {records.map((r) => (
          <tr key={r.id}>
            <td>{r.seq}</td>
            <td>{formatLocalTime(r.at)}</td>
            <td>{r.actor === 'system' ? t('det.actor.system') : r.actorName}</td>
            <td>
              {recordLabel(r, level, t)}
              {(r.type === 'corrected' || (r.type === 'drafted' && r.procedure === 'change')) && (
                <ul className="det-changes">
                  {r.changes.map((c) => (
                    <li key={c.field}>{changeLabel(c, t, nameOf)}</li>
                  ))}
                </ul>
              )}
            </td>
            <td>{recordText(r)}</td>
          </tr>
        ))}
    </DetTable>
  );
}
