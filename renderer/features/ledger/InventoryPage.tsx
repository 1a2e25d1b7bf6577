import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import { inventoryResult, outstanding, type InventoryResult, type InventoryState, type RecallRecord } from '../../../shared/ledger/inventory';
import type { Refusal, Result } from '../../../shared/result';
import type { InventoryDoc } from '../../db/inventories.repo';
import { useT } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { TextField } from '../../ui/TextField';
import { Done, LedgerAlert } from './fields';
import type { LedgerServices } from './ledgerServices';
import { partyName, statusLabel, when } from './ledgerText';
import { todayLocal } from './LedgerTable';
import { usePrint } from '../print/PrintProvider';
import { inventoryPrintout } from '../print/inventoryPrint';
import type { LedgerData } from './useLedgerData';

/** 召回 and 清查: what is out before a holiday, and the check of every carrier against the ledger. */
export function InventoryPage({ services, data, onOpen }: { services: LedgerServices; data: LedgerData; onOpen: (id: string) => void }) {
  const t = useT();
  const roles = useSession((s) => s.session?.roles ?? []);
  const mayRun = authorize(roles, 'inventory.run').ok;
  const [docs, setDocs] = useState<InventoryDoc[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const load = useCallback(async () => {
    const r = await services.inventories.list();
    if (r.ok) setDocs(r.value);
    else setRefusal(r.error);
  }, [services]);
  useEffect(() => {
    void load();
  }, [load]);

  const changed = async () => {
    await Promise.all([load(), data.reload()]);
  };
  const open = docs.find((d): d is Extract<InventoryDoc, { kind: 'inventory' }> => d.kind === 'inventory' && d.status === 'open');
  return (
    <section aria-label={t('ledger.tab.inventory')}>
      <LedgerAlert refusal={refusal} />
      <RecallSection services={services} data={data} docs={docs} mayRun={authorize(roles, 'carrier.recall').ok} onChanged={changed} onOpen={onOpen} />
      <InventorySection services={services} data={data} open={open?.state ?? null} startedBy={open?.startedByName ?? null} mayRun={mayRun} onChanged={changed} onOpen={onOpen} />
      <PastInventories docs={docs} data={data} onOpen={onOpen} />
    </section>
  );
}

function useAction(onDone: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  async function run<T>(work: () => Promise<Result<T>>): Promise<T | null> {
    setBusy(true);
    setRefusal(null);
    const r = await work();
    setBusy(false);
    if (!r.ok) {
      setRefusal(r.error);
      return null;
    }
    await onDone();
    return r.value;
  }
  return { busy, refusal, run };
}

function RecallSection({ services, data, docs, mayRun, onChanged, onOpen }: { services: LedgerServices; data: LedgerData; docs: InventoryDoc[]; mayRun: boolean; onChanged: () => Promise<void>; onOpen: (id: string) => void }) {
  const t = useT();
  const today = todayLocal();
  const out = useMemo(() => outstanding(data.carriers, today), [data.carriers, today]);
  const [reason, setReason] = useState('');
  const [returnBy, setReturnBy] = useState(today);
  const [made, setMade] = useState<RecallRecord | null>(null);
  const { busy, refusal, run } = useAction(onChanged);
  const last = docs.find((d): d is Extract<InventoryDoc, { kind: 'recall' }> => d.kind === 'recall');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await run(() => services.inventories.recall(reason, returnBy));
    if (r) setMade(r);
  }

  return (
    <section aria-labelledby="recall-title">
      <h2 id="recall-title">{t('ledger.recall.heading')}</h2>
      <p className="lead">{t('ledger.recall.outNow', { n: out.length })}</p>
      {out.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('ledger.field.registryNumber')}</th>
              <th scope="col">{t('ledger.field.status')}</th>
              <th scope="col">{t('ledger.field.custodian')}</th>
              <th scope="col">{t('ledger.field.dueOn')}</th>
            </tr>
          </thead>
          <tbody>
            {out.map((i) => (
              <tr key={i.carrierId}>
                <td>
                  <button type="button" className="button-link" onClick={() => onOpen(i.carrierId)}>
                    {i.registryNumber}
                  </button>
                </td>
                <td>
                  {statusLabel(i.status, t)}
                  {i.pending ? t('ledger.table.pendingMark') : ''}
                </td>
                <td>{partyName(i.custodian, data.peopleById, t)}</td>
                <td className={i.overdue ? 'overdue' : undefined}>
                  {i.dueOn ?? ''}
                  {i.overdue ? t('ledger.table.overdueMark') : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayRun && (
        <form onSubmit={(e) => void submit(e)} noValidate className="action-form" aria-label={t('ledger.recall.submit')}>
          <fieldset>
            <legend>{t('ledger.recall.submit')}</legend>
            <TextField label={t('ledger.field.reason')} value={reason} onChange={setReason} hint={t('ledger.recall.reasonHint')} />
            <TextField label={t('ledger.recall.returnBy')} type="date" value={returnBy} onChange={setReturnBy} />
          </fieldset>
          <LedgerAlert refusal={refusal} />
          {made && <Done>{t('ledger.recall.done', { n: made.items.length, date: made.returnBy })}</Done>}
          <div className="actions">
            <button type="submit" className="button-primary" disabled={busy}>
              {t('ledger.recall.submit')}
            </button>
          </div>
        </form>
      )}
      {last && (
        <p className="note">
          {t('ledger.recall.last', {
            at: when(last.recall.at),
            name: last.startedByName,
            reason: last.recall.reason,
            n: last.recall.items.length,
            back: last.recall.items.filter((i) => data.carriers.find((c) => c.id === i.carrierId)?.status === 'in_custody').length,
          })}
        </p>
      )}
    </section>
  );
}

function InventorySection({ services, data, open, startedBy, mayRun, onChanged, onOpen }: { services: LedgerServices; data: LedgerData; open: InventoryState | null; startedBy: string | null; mayRun: boolean; onChanged: () => Promise<void>; onOpen: (id: string) => void }) {
  const t = useT();
  const [note, setNote] = useState('');
  const [number, setNumber] = useState('');
  const [closed, setClosed] = useState<{ state: InventoryState; startedBy: string } | null>(null);
  const [lastScan, setLastScan] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { busy, refusal, run } = useAction(onChanged);
  const live = useMemo(() => (open ? inventoryResult(open, data.carriers) : null), [open, data.carriers]);

  async function scan(e: FormEvent) {
    e.preventDefault();
    if (!open) return;
    const typed = number;
    const r = await run(() => services.inventories.scan(open.id, typed));
    setNumber('');
    input.current?.focus();
    const s = r?.scans.at(-1);
    if (s) setLastScan(s.carrierId ? t('ledger.inventory.scanFound', { number: s.registryNumber }) : t('ledger.inventory.scanUnknown', { number: s.registryNumber }));
  }

  return (
    <section aria-labelledby="inventory-title">
      <h2 id="inventory-title">{t('ledger.inventory.heading')}</h2>
      {!open && <p className="lead">{t('ledger.inventory.intro')}</p>}
      {!open && mayRun && (
        <div className="actions">
          <TextField label={t('ledger.inventory.note')} value={note} onChange={setNote} />
          <button type="button" className="button-primary" disabled={busy} onClick={() => void run(() => services.inventories.start(note)).then((s) => s && setNote(''))}>
            {t('ledger.inventory.start')}
          </button>
        </div>
      )}
      {open && live && (
        <>
          <p className="lead">{t('ledger.inventory.progress', { note: open.note || t('ledger.empty'), at: when(open.startedAt), found: live.found.length, total: live.found.length + live.missing.length, unexpected: live.unexpected.length })}</p>
          {mayRun && (
            <form onSubmit={(e) => void scan(e)} noValidate className="scan-form" aria-label={t('ledger.inventory.scan')}>
              <TextField label={t('ledger.inventory.number')} value={number} onChange={setNumber} inputRef={input} hint={t('ledger.inventory.numberHint')} autoFocus />
              <div className="actions">
                <button type="submit" className="button-primary" disabled={busy}>
                  {t('ledger.inventory.scan')}
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  disabled={busy}
                  onClick={() =>
                    void run(() => services.inventories.close(open.id)).then((s) => {
                      if (s?.result) setClosed({ state: s, startedBy: startedBy ?? '' });
                    })
                  }
                >
                  {t('ledger.inventory.close')}
                </button>
              </div>
            </form>
          )}
          {lastScan && <Done>{lastScan}</Done>}
        </>
      )}
      <LedgerAlert refusal={refusal} />
      {closed?.state.result && <ResultView result={closed.state.result} inventory={closed.state} startedBy={closed.startedBy} data={data} onOpen={onOpen} />}
    </section>
  );
}

function ResultView({ result, inventory, startedBy, data, onOpen }: { result: InventoryResult; inventory: InventoryState; startedBy: string; data: LedgerData; onOpen: (id: string) => void }) {
  const t = useT();
  const print = usePrint();
  const unitName = useSession((s) => s.session?.unit.name ?? '');
  const people = data.peopleById;
  const doc = () => inventoryPrintout(inventory, startedBy, data.carriers, people, unitName);
  return (
    <div className="inventory-result">
      <p className="lead">{t('ledger.inventory.result', { found: result.found.length, missing: result.missing.length, unexpected: result.unexpected.length })}</p>
      <div className="actions">
        {/* Titles and levels come from the ledger in memory: printed once all of it is read. */}
        <button
          type="button"
          className="button-secondary"
          disabled={!print || !data.complete}
          onClick={() => {
            const d = doc();
            if (d) print?.printTable(d);
          }}
        >
          {t('ledger.inventory.print')}
        </button>
      </div>
      {result.missing.length > 0 && (
        <table className="data-table" aria-label={t('ledger.inventory.missing')}>
          <caption>{t('ledger.inventory.missing')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ledger.field.registryNumber')}</th>
              <th scope="col">{t('ledger.field.status')}</th>
              <th scope="col">{t('ledger.inventory.lastHolder')}</th>
              <th scope="col">{t('ledger.field.place')}</th>
              <th scope="col">{t('ledger.inventory.lastEvent')}</th>
            </tr>
          </thead>
          <tbody>
            {result.missing.map((m) => (
              <tr key={m.carrierId}>
                <td>
                  <button type="button" className="button-link" onClick={() => onOpen(m.carrierId)}>
                    {m.registryNumber}
                  </button>
                </td>
                <td>{statusLabel(m.status, t)}</td>
                <td>{partyName(m.custodian, people, t)}</td>
                <td>{m.place}</td>
                <td>{m.lastEvent ? `${t(`ledger.eventType.${m.lastEvent.type}`)} · ${when(m.lastEvent.at)}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.unexpected.length > 0 && <p className="note">{t('ledger.inventory.unexpected', { list: result.unexpected.map((u) => u.registryNumber).join(t('list.separator')) })}</p>}
    </div>
  );
}

function PastInventories({ docs, data, onOpen }: { docs: InventoryDoc[]; data: LedgerData; onOpen: (id: string) => void }) {
  const t = useT();
  const closed = docs.filter((d): d is Extract<InventoryDoc, { kind: 'inventory' }> => d.kind === 'inventory' && d.status === 'closed');
  const [shown, setShown] = useState<string | null>(null);
  if (closed.length === 0) return null;
  return (
    <section aria-labelledby="past-inventories-title">
      <h2 id="past-inventories-title">{t('ledger.inventory.past')}</h2>
      <ul className="approval-list">
        {closed.map((d) => (
          <li key={d.id} className="approval">
            <p>
              {t('ledger.inventory.pastItem', { note: d.state.note || t('ledger.empty'), at: when(d.state.closedAt ?? d.startedAt), name: d.startedByName })}{' '}
              <button type="button" className="button-link" aria-expanded={shown === d.id} onClick={() => setShown(shown === d.id ? null : d.id)}>
                {t('ledger.inventory.show')}
              </button>
            </p>
            {shown === d.id && d.state.result && <ResultView result={d.state.result} inventory={d.state} startedBy={d.startedByName} data={data} onOpen={onOpen} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
