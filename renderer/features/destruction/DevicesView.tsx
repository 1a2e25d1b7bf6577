import { useCallback, useEffect, useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import { currentDecommission, isOpenApplication, type Decommission } from '../../../shared/destruction/device';
import { activeNames } from '../../../shared/destruction/lists';
import type { Refusal } from '../../../shared/result';
import type { DeviceEntry } from '../../db/decommissions.repo';
import type { DecommissionDoc, DestructionEventDoc } from '../../db/destructionAccess';
import { localDate } from '../../db/ledgerAccess';
import { formatLocalTime, useT } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { TextField } from '../../ui/TextField';
import { useSubmit } from '../../ui/useSubmit';
import { SelectField, TextAreaField } from '../ledger/fields';
import { kindLabel, statusLabel } from '../ledger/ledgerText';
import { describeEventDoc, deviceStatusLabel, modeLabel } from './destructionText';
import type { DestructionServices } from './destructionServices';
import { DstAlert, DstTable, DecideButtons } from './dstUi';
import type { DestructionData } from './useDestructionData';

/**
 * 设备停用/报废: every classified computer and storage device, where its decommissioning stands,
 * and for the one chosen the next step — the application, the approver's decision, the clerk's
 * record of the information erasure (who, which approved tool, when). Only an erased device may
 * join a destruction batch.
 */
export function DevicesView({ services, data }: { services: DestructionServices; data: DestructionData }) {
  const t = useT();
  const [devices, setDevices] = useState<DeviceEntry[] | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await services.devices.devices();
    if (r.ok) setDevices(r.value);
    else setRefusal(r.error);
  }, [services]);
  useEffect(() => {
    void load();
  }, [load]);

  if (refusal) return <DstAlert refusal={refusal} />;
  if (!devices) {
    return (
      <p role="status" className="working">
        {t('dst.loading')}
      </p>
    );
  }
  if (devices.length === 0) return <p className="placeholder-note">{t('dst.devices.none')}</p>;
  const chosen = devices.find((d) => d.carrier.id === open) ?? null;
  return (
    <section aria-labelledby="dst-devices">
      <h2 id="dst-devices">{t('dst.devices.heading')}</h2>
      <p className="muted">{t('dst.devices.intro')}</p>
      <DstTable label={t('dst.devices.heading')} columns={[t('dst.col.registryNumber'), t('dst.col.title'), t('dst.col.kind'), t('dst.col.carrierStatus'), t('dst.col.decommission'), '']}>
        {devices.map((d) => {
          const current = currentDecommission(d.records.map((r) => r.state));
          return (
            <tr key={d.carrier.id} aria-selected={open === d.carrier.id}>
              <td className="nowrap">{d.carrier.registryNumber}</td>
              <td>{d.carrier.title}</td>
              <td>{kindLabel(d.carrier.kind, t)}</td>
              <td>{statusLabel(d.carrier.status, t)}</td>
              <td>{current ? t('dst.devices.state', { mode: modeLabel(current.mode, t), status: deviceStatusLabel(current.status, t) }) : t('dst.devices.notApplied')}</td>
              <td>
                <button type="button" className="button-small" aria-label={t('dst.devices.openLabel', { number: d.carrier.registryNumber })} onClick={() => setOpen(open === d.carrier.id ? null : d.carrier.id)}>
                  {t('dst.devices.open')}
                </button>
              </td>
            </tr>
          );
        })}
      </DstTable>
      {chosen && <DevicePanel key={chosen.carrier.id} entry={chosen} services={services} data={data} onDone={load} />}
    </section>
  );
}

function DevicePanel({ entry, services, data, onDone }: { entry: DeviceEntry; services: DestructionServices; data: DestructionData; onDone: () => Promise<void> }) {
  const t = useT();
  const roles = useSession((s) => s.session?.roles ?? []);
  const me = useSession((s) => s.session?.accountId ?? '');
  const current = entry.records.find((r) => isOpenApplication(r.state)) ?? null;
  const latest = entry.records[0] ?? null;
  const c = entry.carrier;
  const closed = c.status === 'destroyed';
  return (
    <section className="panel dst-panel" aria-labelledby="dst-device-title">
      <h2 id="dst-device-title">{t('dst.device.heading', { number: c.registryNumber, title: c.title })}</h2>
      {entry.records.map((r) => (
        <DeviceRecord key={r.id} doc={r} services={services} data={data} />
      ))}
      {!closed && !current && authorize(roles, 'destruction.request').ok && <ApplyForm carrierId={c.id} services={services} onDone={onDone} />}
      {current?.state.status === 'applied' && authorize(roles, 'destruction.decide').ok && <DecideForm doc={current} services={services} onDone={onDone} />}
      {current?.state.status === 'approved' && authorize(roles, 'destruction.prepare').ok && <ErasureForm doc={current} services={services} data={data} onDone={onDone} />}
      {current?.state.status === 'erased' && !closed && <p className="note">{t('dst.device.ready')}</p>}
      {!current && latest?.state.status === 'reenabled' && <p className="note">{t('dst.reenable.done')}</p>}
      {current?.state.status === 'approved' && current.state.mode === 'stop' && !closed && authorize(roles, 'destruction.request').ok && <ReenableForm doc={current} services={services} onDone={onDone} />}
      {current?.state.status === 'reenablePending' && authorize(roles, 'destruction.decide').ok && (
        <DecideForm doc={current} services={services} onDone={onDone} reenable mine={current.state.reenable?.requestedBy === me} />
      )}
    </section>
  );
}

/** One application with its record, read when shown. */
function DeviceRecord({ doc, services, data }: { doc: DecommissionDoc; services: DestructionServices; data: DestructionData }) {
  const t = useT();
  const [events, setEvents] = useState<DestructionEventDoc[]>([]);
  useEffect(() => {
    void services.devices.events(doc.id).then((r) => {
      if (r.ok) setEvents(r.value);
    });
  }, [services, doc.id, doc.version]);
  return (
    <div className="dst-device-record">
      <p>
        <strong>{t('dst.devices.state', { mode: modeLabel(doc.state.mode, t), status: deviceStatusLabel(doc.state.status, t) })}</strong>
      </p>
      <ol className="dst-timeline">
        {events.map((e) => (
          <li key={e.id}>
            <span className="dst-when">{t('dst.record.meta', { at: formatLocalTime(e.at), actor: e.actorName })}</span>
            <span className="dst-what">{describeEventDoc(e, new Map(), data.peopleById, t)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ApplyForm({ carrierId, services, onDone }: { carrierId: string; services: DestructionServices; onDone: () => Promise<void> }) {
  const t = useT();
  const [mode, setMode] = useState<Decommission>('scrap');
  const [reason, setReason] = useState('');
  const { busy, refusal, run } = useSubmit();
  return (
    <form
      aria-label={t('dst.device.apply')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => services.devices.apply(carrierId, mode, reason), () => void onDone());
      }}
    >
      <SelectField<Decommission> label={t('dst.device.mode')} value={mode} onChange={setMode} options={(['scrap', 'stop'] as const).map((m) => ({ value: m, label: modeLabel(m, t) }))} disabled={busy} />
      <TextAreaField label={t('dst.device.reason')} value={reason} onChange={setReason} disabled={busy} />
      <DstAlert refusal={refusal} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('dst.device.apply')}
        </button>
      </div>
    </form>
  );
}

/** The approver's decision on a 停用/报废 application, or (`reenable`) on putting a stopped device back into use. */
function DecideForm({ doc, services, onDone, reenable = false, mine = false }: { doc: DecommissionDoc; services: DestructionServices; onDone: () => Promise<void>; reenable?: boolean; mine?: boolean }) {
  const t = useT();
  const [opinion, setOpinion] = useState('');
  const { busy, refusal, run } = useSubmit();
  const decide = (d: 'approved' | 'refused') =>
    void run(() => (reenable ? services.devices.decideReenable(doc.id, d, opinion, doc.version) : services.devices.decide(doc.id, d, opinion, doc.version)), () => void onDone());
  return (
    <div role="group" aria-label={t(reenable ? 'dst.reenable.decide' : 'dst.device.decide')}>
      {reenable && <h3>{t('dst.reenable.decide')}</h3>}
      {mine && <p className="muted">{t('dst.reenable.mine')}</p>}
      <TextAreaField label={t('dst.decide.opinion')} value={opinion} onChange={setOpinion} disabled={busy} />
      <DstAlert refusal={refusal} />
      <DecideButtons busy={busy} onDecide={decide} />
    </div>
  );
}

/** 重新起用: a stopped device, not yet erased, asked to be put back into use, with the reason. */
function ReenableForm({ doc, services, onDone }: { doc: DecommissionDoc; services: DestructionServices; onDone: () => Promise<void> }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const { busy, refusal, run } = useSubmit();
  return (
    <form
      aria-label={t('dst.reenable.submit')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => services.devices.requestReenable(doc.id, reason, doc.version), () => void onDone());
      }}
    >
      <h3>{t('dst.reenable.heading')}</h3>
      <p className="muted">{t('dst.reenable.intro')}</p>
      <TextAreaField label={t('dst.reenable.reason')} value={reason} onChange={setReason} disabled={busy} />
      <DstAlert refusal={refusal} />
      <div className="actions">
        <button type="submit" className="button-secondary" disabled={busy}>
          {t('dst.reenable.submit')}
        </button>
      </div>
    </form>
  );
}

/** 信息消除: who (from the directory), which approved tool (from the list), on which day. */
function ErasureForm({ doc, services, data, onDone }: { doc: DecommissionDoc; services: DestructionServices; data: DestructionData; onDone: () => Promise<void> }) {
  const t = useT();
  const tools = activeNames(data.lists, 'tool');
  const people = data.people.filter((p) => p.status === 'active');
  const [personId, setPersonId] = useState(people[0]?.id ?? '');
  const [tool, setTool] = useState(tools[0] ?? '');
  const [on, setOn] = useState(localDate(new Date()));
  const [note, setNote] = useState('');
  const { busy, refusal, run } = useSubmit();
  return (
    <form
      aria-label={t('dst.erasure.heading')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => services.devices.recordErasure(doc.id, { personId, tool, on, note }, doc.version), () => void onDone());
      }}
    >
      <h3>{t('dst.erasure.heading')}</h3>
      <SelectField label={t('dst.erasure.person')} value={personId} onChange={setPersonId} options={people.map((p) => ({ value: p.id, label: t('dst.person', { name: p.name, department: p.department }) }))} disabled={busy} />
      {tools.length === 0 ? (
        <p className="note note-important">{t('dst.erasure.noTools')}</p>
      ) : (
        <SelectField label={t('dst.erasure.tool')} value={tool} onChange={setTool} options={tools.map((n) => ({ value: n, label: n }))} disabled={busy} />
      )}
      <TextField label={t('dst.erasure.on')} type="date" value={on} onChange={setOn} disabled={busy} />
      <TextField label={t('dst.erasure.note')} value={note} onChange={setNote} disabled={busy} />
      <DstAlert refusal={refusal} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('dst.erasure.submit')}
        </button>
      </div>
    </form>
  );
}
