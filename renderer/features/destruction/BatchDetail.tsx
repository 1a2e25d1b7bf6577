import { useCallback, useEffect, useMemo, useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import { isOpenBatch } from '../../../shared/destruction/batch';
import { approvalFormDocument, batchNumber, carrierIdentifier, destructionListDocument, type BatchPrintInput } from '../../../shared/destruction/documents';
import type { CarrierState } from '../../../shared/ledger/carrier';
import { marking } from '../../../shared/ledger/classification';
import type { Refusal } from '../../../shared/result';
import type { BatchHistory } from '../../db/destruction.repo';
import { localDate } from '../../db/ledgerAccess';
import { formatLocalTime, useT } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { CheckboxField } from '../../ui/CheckboxField';
import { useSubmit } from '../../ui/useSubmit';
import { TextAreaField } from '../ledger/fields';
import { kindLabel, levelLabel, statusLabel } from '../ledger/ledgerText';
import { usePrint } from '../print/PrintProvider';
import { batchStatusLabel, describeEventDoc } from './destructionText';
import type { DestructionServices } from './destructionServices';
import { DstAlert, DstTable, DecideButtons } from './dstUi';
import { HandoverForm } from './HandoverForm';
import { ScanViewer } from './ScanViewer';
import type { DestructionData } from './useDestructionData';

/**
 * One batch: where it stands, its carriers, the next step for this person (count, submit, decide,
 * hand over, withdraw), the two printouts, and its whole record.
 */
export function BatchDetail({ id, services, data, onBack, onChanged }: { id: string; services: DestructionServices; data: DestructionData; onBack: () => void; onChanged: (id?: string) => Promise<void> }) {
  const t = useT();
  const print = usePrint();
  const session = useSession((s) => s.session);
  const [history, setHistory] = useState<BatchHistory | null>(null);
  const [loadRefusal, setLoadRefusal] = useState<Refusal | null>(null);

  const load = useCallback(async () => {
    const r = await services.destruction.history(id);
    if (r.ok) setHistory(r.value);
    else setLoadRefusal(r.error);
  }, [services, id]);
  useEffect(() => {
    void load();
  }, [load]);
  const changed = useCallback(async () => {
    await Promise.all([load(), onChanged()]);
  }, [load, onChanged]);

  const carriers = useMemo(() => new Map((history?.carriers ?? []).map((c) => [c.id, c])), [history]);
  const back = (
    <button type="button" className="button-secondary" onClick={onBack}>
      {t('dst.back')}
    </button>
  );
  if (!history || !session) {
    return (
      <section>
        {back}
        <DstAlert refusal={loadRefusal} />
      </section>
    );
  }
  const b = history.batch.state;
  const names = history.batch.names;
  const name = (accountId: string | null) => (accountId ? (names[accountId] ?? '?') : '');
  const roles = session.roles;
  const me = session.accountId;
  const h = b.handover;

  const printInput: BatchPrintInput = {
    batch: b,
    carriers: history.carriers,
    unitName: session.unit.name,
    date: localDate(new Date()),
    accountName: (accountId) => names[accountId] ?? '?',
    personName: (personId) => data.peopleById.get(personId)?.name ?? '?',
  };

  const facts: [string, string][] = [
    [t('dst.fact.status'), batchStatusLabel(b.status, t)],
    [t('dst.fact.requested'), t('dst.fact.byAt', { name: name(b.requestedBy), at: formatLocalTime(b.requestedAt) })],
    [t('dst.fact.reason'), b.reason],
    [t('dst.fact.count'), t('dst.fact.countValue', { n: b.carrierIds.length })],
  ];
  if (b.countedBy && b.countedAt) facts.push([t('dst.fact.counted'), t('dst.fact.byAt', { name: name(b.countedBy), at: formatLocalTime(b.countedAt) })]);
  if (b.decidedBy && b.decidedAt && (b.status === 'approved' || b.status === 'refused' || b.status === 'completed')) {
    facts.push([t('dst.fact.decided'), t('dst.fact.decision', { name: name(b.decidedBy), at: formatLocalTime(b.decidedAt), decision: t(b.status === 'refused' ? 'dst.decision.refused' : 'dst.decision.approved'), opinion: b.opinion || t('dst.none') })]);
  }
  if (b.status === 'withdrawn') facts.push([t('dst.fact.withdrawn'), b.opinion]);
  if (h) {
    facts.push([t('dst.fact.body'), h.body], [t('dst.fact.handedOverOn'), h.on], [t('dst.fact.escorts'), h.escortIds.map((pid) => data.peopleById.get(pid)?.name ?? '?').join(t('list.separator'))], [t('dst.fact.certificate'), h.certificateNumber]);
    facts.push([t('dst.fact.scan'), history.scan ? t('dst.fact.scanValue', { name: history.scan.name, kb: Math.ceil(history.scan.bytes / 1024), sha: history.scan.sha256.slice(0, 16) }) : t('dst.none')]);
  }

  return (
    <section aria-labelledby="batch-title" className="dst-batch">
      {back}
      <h2 id="batch-title">{t('dst.batch.heading', { number: batchNumber(b.id) })}</h2>
      <dl className="dst-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {history.scan && <ScanViewer batchId={b.id} services={services} />}
      <div className="actions" role="group" aria-label={t('dst.print.group')}>
        <button type="button" className="button-secondary" disabled={!print} onClick={() => print?.printTable(destructionListDocument(printInput))}>
          {t('dst.print.list')}
        </button>
        <button type="button" className="button-secondary" disabled={!print} onClick={() => print?.printTable(approvalFormDocument(printInput))}>
          {t('dst.print.form')}
        </button>
      </div>

      {b.status === 'open' && authorize(roles, 'destruction.prepare').ok && <CountPanel history={history} services={services} onDone={changed} />}
      {b.status === 'counted' && authorize(roles, 'destruction.prepare').ok && (
        <StepButton label={t('dst.submit')} note={t('dst.submit.note')} run={() => services.destruction.submit(b.id, b.version)} onDone={changed} carriers={carriers} />
      )}
      {b.status === 'pending' && authorize(roles, 'destruction.decide').ok && <DecisionPanel history={history} services={services} onDone={changed} carriers={carriers} mine={b.requestedBy === me || b.countedBy === me} />}
      {b.status === 'approved' && authorize(roles, 'destruction.prepare').ok && <HandoverForm history={history} services={services} data={data} onDone={changed} />}
      {isOpenBatch(b.status) && b.status !== 'approved' && b.requestedBy === me && <WithdrawPanel history={history} services={services} onDone={changed} />}

      <CarrierTable history={history} services={services} onDone={changed} mayRemove={(b.status === 'open' || b.status === 'counted') && authorize(roles, 'destruction.request').ok} />

      <section aria-labelledby="batch-record">
        <h2 id="batch-record">{t('dst.batch.record')}</h2>
        <ol className="dst-timeline">
          {history.events.map((e) => (
            <li key={e.id}>
              <span className="dst-when">{t('dst.record.meta', { at: formatLocalTime(e.at), actor: e.actorName })}</span>
              <span className="dst-what">{describeEventDoc(e, carriers, data.peopleById, t)}</span>
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}

/**
 * The batch's carriers; while it is not yet submitted, one may be taken out of it (it must then be
 * counted again) — what to do with a carrier that cannot be found at the count.
 */
function CarrierTable({ history, services, onDone, mayRemove }: { history: BatchHistory; services: DestructionServices; onDone: () => Promise<void>; mayRemove: boolean }) {
  const t = useT();
  const { busy, refusal, run } = useSubmit();
  const b = history.batch.state;
  const carriers = new Map(history.carriers.map((c) => [c.id, c]));
  const columns = [t('dst.col.no'), t('dst.col.registryNumber'), t('dst.col.title'), t('dst.col.kind'), t('dst.col.marking'), t('dst.col.identifier'), t('dst.col.carrierStatus')];
  return (
    <section aria-labelledby="batch-carriers">
      <h2 id="batch-carriers">{t('dst.batch.carriers')}</h2>
      <DstAlert refusal={refusal} carriers={carriers} />
      <DstTable label={t('dst.batch.carriers')} columns={mayRemove ? [...columns, ''] : columns}>
        {history.carriers.map((c, i) => (
          <tr key={c.id}>
            <td>{i + 1}</td>
            <td className="nowrap">{c.registryNumber}</td>
            <td>{c.title}</td>
            <td className="nowrap">{kindLabel(c.kind, t)}</td>
            <td className="nowrap">{marking(c.level, c.period) || levelLabel(c.level, t)}</td>
            <td>{carrierIdentifier(c)}</td>
            <td>{statusLabel(c.status, t)}</td>
            {mayRemove && (
              <td>
                <button type="button" className="button-small" disabled={busy} aria-label={t('dst.batch.removeLabel', { number: c.registryNumber })} onClick={() => void run(() => services.destruction.changeCarriers(b.id, [], [c.id], b.version), () => void onDone())}>
                  {t('dst.batch.remove')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </DstTable>
    </section>
  );
}

/** 清点登记: the clerk ticks every carrier found against the list; all of them, or the count is refused. */
function CountPanel({ history, services, onDone }: { history: BatchHistory; services: DestructionServices; onDone: () => Promise<void> }) {
  const t = useT();
  const [found, setFound] = useState<string[]>([]);
  const { busy, refusal, run } = useSubmit();
  const carriers = new Map(history.carriers.map((c) => [c.id, c]));
  const b = history.batch.state;
  return (
    <form
      className="panel dst-panel"
      aria-label={t('dst.count.heading')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => services.destruction.count(b.id, found, b.version), () => void onDone());
      }}
    >
      <h2>{t('dst.count.heading')}</h2>
      <p className="muted">{t('dst.count.intro')}</p>
      <fieldset className="checkbox-group">
        <legend>{t('dst.count.found')}</legend>
        {history.carriers.map((c) => (
          <CheckboxField
            key={c.id}
            label={t('dst.count.item', { number: c.registryNumber, title: c.title })}
            checked={found.includes(c.id)}
            disabled={busy}
            onChange={(on) => setFound((ids) => (on ? [...ids, c.id] : ids.filter((x) => x !== c.id)))}
          />
        ))}
      </fieldset>
      <DstAlert refusal={refusal} carriers={carriers} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('dst.count.submit', { found: found.length, total: b.carrierIds.length })}
        </button>
      </div>
    </form>
  );
}

function StepButton({ label, note, run: work, onDone, carriers }: { label: string; note: string; run: () => ReturnType<DestructionServices['destruction']['submit']>; onDone: () => Promise<void>; carriers: ReadonlyMap<string, CarrierState> }) {
  const { busy, refusal, run } = useSubmit();
  return (
    <div className="panel dst-panel">
      <p className="muted">{note}</p>
      <DstAlert refusal={refusal} carriers={carriers} />
      <div className="actions">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void run(work, () => void onDone())}>
          {label}
        </button>
      </div>
    </div>
  );
}

/** The approver's decision: approve, or refuse with an opinion. Never on one's own request or count. */
function DecisionPanel({ history, services, onDone, carriers, mine }: { history: BatchHistory; services: DestructionServices; onDone: () => Promise<void>; carriers: ReadonlyMap<string, CarrierState>; mine: boolean }) {
  const t = useT();
  const [opinion, setOpinion] = useState('');
  const { busy, refusal, run } = useSubmit();
  const b = history.batch.state;
  const decide = (decision: 'approved' | 'refused') => void run(() => services.destruction.decide(b.id, decision, opinion, b.version), () => void onDone());
  return (
    <section className="panel dst-panel" aria-labelledby="dst-decide">
      <h2 id="dst-decide">{t('dst.decide.heading')}</h2>
      <p className="muted">{mine ? t('dst.decide.mine') : t('dst.decide.intro')}</p>
      <TextAreaField label={t('dst.decide.opinion')} value={opinion} onChange={setOpinion} disabled={busy} />
      <DstAlert refusal={refusal} carriers={carriers} />
      <DecideButtons busy={busy} onDecide={decide} />
    </section>
  );
}

function WithdrawPanel({ history, services, onDone }: { history: BatchHistory; services: DestructionServices; onDone: () => Promise<void> }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const { busy, refusal, run } = useSubmit();
  const b = history.batch.state;
  if (!open) {
    return (
      <div className="actions">
        <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
          {t('dst.withdraw')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="panel dst-panel"
      aria-label={t('dst.withdraw')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => services.destruction.withdraw(b.id, reason, b.version), () => void onDone());
      }}
    >
      <TextAreaField label={t('dst.withdraw.reason')} value={reason} onChange={setReason} disabled={busy} />
      <DstAlert refusal={refusal} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('dst.withdraw')}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={() => setOpen(false)}>
          {t('dst.cancel')}
        </button>
      </div>
    </form>
  );
}
