import { useCallback, useEffect, useRef, useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import { isClosed } from '../../../shared/ledger/carrier';
import { inCustody } from '../../../shared/ledger/checks';
import { marking } from '../../../shared/ledger/classification';
import { normalizeUsername } from '../../../shared/setup';
import type { Refusal } from '../../../shared/result';
import type { CarrierHistory } from '../../db/carriers.repo';
import { useT } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { loanSlipPrintout } from '../print/loanSlipPrint';
import { usePrint } from '../print/PrintProvider';
import { ApprovalList } from './ApprovalList';
import { CarrierActions } from './CarrierActions';
import { CorrectionSection } from './CorrectionForm';
import { LedgerAlert } from './fields';
import type { LedgerServices } from './ledgerServices';
import { describeEvent, describeLedgerRefusal, kindLabel, levelLabel, originLabel, partyName, periodLabel, statusLabel, when } from './ledgerText';
import type { LedgerData } from './useLedgerData';

/** One carrier: what it is, where it is and with whom, its whole timeline, its approvals, and what can be done next. */
export function CarrierPage({ id, services, data, onBack, onOpen }: { id: string; services: LedgerServices; data: LedgerData; onBack: () => void; onOpen: (id: string) => void }) {
  const t = useT();
  const username = useSession((s) => s.session?.username ?? '');
  const unitName = useSession((s) => s.session?.unit.name ?? '');
  const print = usePrint();
  const mayCorrect = useSession((s) => authorize(s.session?.roles ?? [], 'carrier.correct').ok);
  const [history, setHistory] = useState<CarrierHistory | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await services.carriers.history(id);
    if (r.ok) setHistory(r.value);
    else setRefusal(r.error);
  }, [services, id]);

  useEffect(() => {
    void load();
  }, [load]);

  // After an action its form is gone (and the pressed button with it): the focus goes to the
  // carrier's heading, so the reader goes on from the carrier's new state, not from the page's top.
  const heading = useRef<HTMLHeadingElement>(null);
  const changed = useCallback(async () => {
    await Promise.all([load(), data.reload()]);
    heading.current?.focus();
  }, [load, data]);

  const me = data.people.find((p) => p.username === normalizeUsername(username)) ?? null;
  const back = (
    <button type="button" className="button-secondary" onClick={onBack}>
      {t('ledger.backToTable')}
    </button>
  );
  if (!history) {
    return (
      <section>
        {back}
        <LedgerAlert refusal={refusal} />
      </section>
    );
  }
  const c = history.state;
  // A closed carrier: the rules' own refusal says why nothing more can be done (a correction still can).
  const away = inCustody(c);
  const closedReason = isClosed(c.status) && !away.ok ? describeLedgerRefusal(away.error, t) : null;
  const people = data.peopleById;
  const pending = c.pending;
  const pendingTo = pending?.event.handover.to;
  const iAmReceiver = pendingTo?.kind === 'person' && pendingTo.personId === me?.id;

  async function pendingAction(kind: 'confirm' | 'cancel') {
    setBusy(true);
    setRefusal(null);
    const r = kind === 'confirm' ? await services.carriers.act(c.id, { type: 'handoverConfirmed' }, c.version) : await services.carriers.act(c.id, { type: 'handoverCancelled', reason: t('ledger.pending.cancelReason') }, c.version);
    setBusy(false);
    if (!r.ok) setRefusal(r.error);
    else await changed();
  }

  /** 借阅单 of the loan in progress (SPEC §6), through the shared print preview. */
  function printLoanSlip() {
    const doc = loanSlipPrintout(c, history?.events ?? [], history?.approvals ?? [], people, unitName);
    if (doc) print?.printTable(doc);
  }

  const rows: [string, string][] = [
    [t('ledger.field.title'), c.title],
    [t('ledger.field.marking'), marking(c.level, c.period) || levelLabel(c.level, t)],
    [t('ledger.field.level'), levelLabel(c.level, t)],
    [t('ledger.field.period'), periodLabel(c.period, t)],
    [t('ledger.field.docNumber'), c.docNumber || t('ledger.empty')],
    [t('ledger.field.copyNumber'), c.copyNumber || t('ledger.empty')],
    [t('ledger.field.kind'), kindLabel(c.kind, t)],
    [t('ledger.field.origin'), originLabel(c.origin, t)],
    [t('ledger.field.status'), statusLabel(c.status, t)],
    [t('ledger.field.custodian'), partyName(c.custodian, people, t)],
    [t('ledger.field.place'), c.place],
  ];
  if (c.loan) rows.push([t('ledger.field.dueOn'), c.loan.dueOn]);
  if (c.outing) rows.push([t('ledger.field.expectedBackOn'), `${c.outing.expectedBackOn}（${c.outing.destination}）`]);
  const scope = [...c.scope.personIds.map((pid) => people.get(pid)?.name ?? '?'), ...c.scope.posts, ...c.scope.departments, ...c.scope.units].join(t('list.separator'));
  rows.push([t('ledger.field.scope'), scope || t('ledger.empty')]);
  if (c.note) rows.push([t('ledger.field.note'), c.note]);

  return (
    <section aria-labelledby="carrier-title" className="carrier-page">
      {back}
      <h2 id="carrier-title" ref={heading} tabIndex={-1}>
        {t('ledger.carrier.heading', { number: c.registryNumber })}
      </h2>
      {c.origin.kind === 'copy' && (
        <p className="note">
          {t('ledger.carrier.copyOf')}
          <button type="button" className="button-link" onClick={() => onOpen(c.origin.kind === 'copy' ? c.origin.originalId : c.id)}>
            {c.origin.originalRegistryNumber}
          </button>
          {t('ledger.carrier.copyLocked')}
        </p>
      )}
      <dl className="carrier-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {c.loan && (
        <div className="actions">
          <button type="button" className="button-secondary" disabled={!print} onClick={() => printLoanSlip()}>
            {t('ledger.loanSlip.print')}
          </button>
        </div>
      )}
      {pending && pendingTo && (
        <div className="note note-important" role="status">
          <p>{t('ledger.pending.text', { to: partyName(pendingTo, people, t), at: when(pending.offeredAt) })}</p>
          <div className="actions">
            {iAmReceiver && (
              <button type="button" className="button-primary" disabled={busy} onClick={() => void pendingAction('confirm')}>
                {t('ledger.pending.confirm')}
              </button>
            )}
            <button type="button" className="button-secondary" disabled={busy} onClick={() => void pendingAction('cancel')}>
              {t('ledger.pending.cancel')}
            </button>
          </div>
        </div>
      )}
      <LedgerAlert refusal={refusal} />
      <CarrierActions carrier={c} people={data.people} peopleById={people} approvals={history.approvals} services={services} me={me} onDone={changed} />
      {closedReason && (
        <p className="note" role="note">
          {closedReason}
        </p>
      )}
      {mayCorrect && <CorrectionSection carrier={c} people={data.people} services={services} onDone={changed} />}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('ledger.timeline.heading')}</h2>
        <ol className="timeline">
          {history.events.map((e) => (
            <li key={e.id}>
              <span className="timeline-when">{t('ledger.timeline.meta', { at: when(e.at), actor: e.actorName })}</span>
              <span className="timeline-what">{describeEvent(e, people, t)}</span>
            </li>
          ))}
        </ol>
      </section>
      {c.copyIds.length > 0 && (
        <section aria-labelledby="copies-title">
          <h2 id="copies-title">{t('ledger.carrier.copies')}</h2>
          <ul className="inline-list">
            {c.copyIds.map((cid) => (
              <li key={cid}>
                <button type="button" className="button-link" onClick={() => onOpen(cid)}>
                  {data.carriers.find((x) => x.id === cid)?.registryNumber ?? cid}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="carrier-approvals-title">
        <h2 id="carrier-approvals-title">{t('ledger.approvals.heading')}</h2>
        <ApprovalList approvals={history.approvals} people={people} services={services} onChanged={changed} />
      </section>
    </section>
  );
}
