import { useState } from 'react';
import { hasRemovableStorage, type Party } from '../../../shared/ledger/carrier';
import type { Confirmation, RepairReturnCheck } from '../../../shared/ledger/events';
import { mayHold } from '../../../shared/ledger/people';
import { useT } from '../../i18n';
import { TextField } from '../../ui/TextField';
import { Form, useSubmit, type ActionProps } from './CarrierActions';
import { CheckField, SelectField, TextAreaField } from './fields';
import { todayLocal } from './LedgerTable';
import { approvalSummary, partyName, when } from './ledgerText';

const person = (id: string): Party => ({ kind: 'person', personId: id });

/**
 * 送修: in house, to our own technician; or 送外维修, under an approved request, to the repairer it
 * names, on a day, with escorts and the storage parts removed. The rules decide (shared/ledger
 * checks.ts); the form only gathers what they ask for.
 */
export function SendRepairForm({ carrier, people, approvals, services, me, onDone }: ActionProps) {
  const t = useT();
  const outsideAllowed = hasRemovableStorage(carrier.kind);
  const usable = approvals.filter((a) => a.status === 'approved' && a.details.kind === 'repairOutside');
  const [mode, setMode] = useState<'internal' | 'outside'>(outsideAllowed ? 'outside' : 'internal');
  const [approvalId, setApprovalId] = useState(usable[0]?.id ?? '');
  const approved = usable.find((a) => a.id === approvalId);
  const [body, setBody] = useState(approved?.details.kind === 'repairOutside' ? approved.details.repairer : '');
  const [technician, setTechnician] = useState('');
  const [slip, setSlip] = useState('');
  const [sentOn, setSentOn] = useState(todayLocal);
  const [escorts, setEscorts] = useState<string[]>(me ? [me.id] : []);
  const [storageRemoved, setStorageRemoved] = useState(false);
  const { busy, refusal, submit } = useSubmit(onDone);
  const custodianId = carrier.custodian.kind === 'person' ? carrier.custodian.personId : '';
  const cleared = people.filter((x) => x.status === 'active' && mayHold(x.clearance, carrier.level));

  function chooseApproval(id: string) {
    setApprovalId(id);
    const a = usable.find((x) => x.id === id);
    if (a?.details.kind === 'repairOutside') setBody(a.details.repairer);
  }
  const toggleEscort = (id: string) => (on: boolean) => setEscorts((xs) => (on ? [...xs, id] : xs.filter((x) => x !== id)));

  const run = () =>
    services.carriers.act(
      carrier.id,
      mode === 'outside'
        ? {
            type: 'repairSent',
            mode,
            handover: { from: carrier.custodian, to: { kind: 'external', name: body.trim() }, confirmation: { kind: 'slip', slipNumber: slip } },
            ...(approvalId ? { approvalId } : {}),
            storageRemoved,
            sentOn,
            escortIds: escorts,
          }
        : {
            type: 'repairSent',
            mode,
            handover: { from: carrier.custodian, to: person(technician), confirmation: { kind: 'slip', slipNumber: slip } },
            storageRemoved: false,
            sentOn,
            escortIds: escorts,
          },
      carrier.version,
    );

  return (
    <Form title={t('ledger.action.repair')} busy={busy} refusal={refusal} submitLabel={t('ledger.action.confirm')} onSubmit={(e) => void submit(e, run)}>
      <SelectField<'internal' | 'outside'>
        label={t('repair.mode')}
        value={mode}
        onChange={setMode}
        hint={outsideAllowed ? undefined : t('repair.storageNone')}
        options={[
          { value: 'internal', label: t('repair.mode.internal') },
          ...(outsideAllowed ? [{ value: 'outside' as const, label: t('repair.mode.outside') }] : []),
        ]}
      />
      {mode === 'outside' ? (
        <>
          <p className="field-hint">{t('repair.intro.outside')}</p>
          {usable.length === 0 && (
            <p className="note note-important" role="note">
              {t('repair.noApproval')}
            </p>
          )}
          <SelectField
            label={t('repair.approval')}
            value={approvalId}
            onChange={chooseApproval}
            options={[{ value: '', label: t('ledger.none') }, ...usable.map((a) => ({ value: a.id, label: approvalSummary(a.details, new Map(), t) }))]}
          />
          <TextField label={t('repair.body')} value={body} onChange={setBody} hint={t('repair.bodyHint')} />
          <CheckField label={t('repair.storageRemoved')} checked={storageRemoved} onChange={setStorageRemoved} />
        </>
      ) : (
        <SelectField
          label={t('repair.technician')}
          value={technician}
          onChange={setTechnician}
          options={[{ value: '', label: t('ledger.choose') }, ...cleared.filter((x) => x.id !== custodianId).map((x) => ({ value: x.id, label: `${x.name}（${x.department}）` }))]}
        />
      )}
      <TextField label={t('repair.slip')} value={slip} onChange={setSlip} />
      <TextField label={t('repair.sentOn')} type="date" value={sentOn} onChange={setSentOn} />
      <fieldset className="escorts">
        <legend>{t('repair.escorts')}</legend>
        <p className="field-hint">{t('repair.escortsHint')}</p>
        {cleared.map((x) => (
          <CheckField key={x.id} label={`${x.name}（${x.department}）`} checked={escorts.includes(x.id)} onChange={toggleEscort(x.id)} />
        ))}
      </fieldset>
    </Form>
  );
}

/**
 * 修复返回: received back by a person of the office, at a place, on a day; from an outside repairer
 * with the checks on return (same device, no storage part kept or fitted by the repairer, the
 * removed parts refitted or kept apart) and, where a check fails, what was found.
 */
export function ReturnRepairForm({ carrier, people, peopleById, services, me, onDone }: ActionProps) {
  const t = useT();
  const outside = carrier.repair?.mode === 'outside';
  const [to, setTo] = useState(me?.id ?? '');
  const [how, setHow] = useState<Confirmation['kind']>('receiver');
  const [slip, setSlip] = useState('');
  const [place, setPlace] = useState(carrier.place);
  const [returnedOn, setReturnedOn] = useState(todayLocal);
  const [check, setCheck] = useState<RepairReturnCheck>({ identityVerified: false, noStorageRetained: false, storageRefitted: false, note: '' });
  const { busy, refusal, submit } = useSubmit(onDone);
  const cleared = people.filter((x) => x.status === 'active' && mayHold(x.clearance, carrier.level));
  const confirmation: Confirmation = how === 'slip' ? { kind: 'slip', slipNumber: slip } : how === 'receiver' ? { kind: 'receiver' } : { kind: 'awaiting' };
  const set = (k: keyof RepairReturnCheck) => (v: boolean | string) => setCheck((c) => ({ ...c, [k]: v }));

  const run = () =>
    services.carriers.act(
      carrier.id,
      { type: 'repairReturned', handover: { from: carrier.custodian, to: person(to), confirmation }, place, returnedOn, ...(outside ? { check } : {}) },
      carrier.version,
    );

  return (
    <Form title={t('ledger.action.repairBack')} busy={busy} refusal={refusal} submitLabel={t('ledger.action.confirm')} onSubmit={(e) => void submit(e, run)}>
      {carrier.repair && <p className="field-hint">{t('repair.from', { repairer: partyName(carrier.repair.repairer, peopleById, t), since: carrier.repair.sentOn ?? when(carrier.repair.since) })}</p>}
      <SelectField label={t('repair.receiver')} value={to} onChange={setTo} options={[{ value: '', label: t('ledger.choose') }, ...cleared.map((x) => ({ value: x.id, label: `${x.name}（${x.department}）` }))]} />
      <SelectField<Confirmation['kind']>
        label={t('ledger.field.confirmation')}
        value={how}
        onChange={setHow}
        options={[
          { value: 'receiver', label: t('ledger.confirmation.receiver') },
          { value: 'slip', label: t('ledger.confirmation.slip') },
          { value: 'awaiting', label: t('ledger.confirmation.awaiting') },
        ]}
      />
      {how === 'slip' && <TextField label={t('ledger.field.slipNumber')} value={slip} onChange={setSlip} />}
      <TextField label={t('repair.returnedOn')} type="date" value={returnedOn} onChange={setReturnedOn} />
      <TextField label={t('ledger.field.place')} value={place} onChange={setPlace} />
      {outside && (
        <fieldset className="repair-checks">
          <legend>{t('repair.checks')}</legend>
          <CheckField label={t('repair.check.identityVerified')} checked={check.identityVerified} onChange={set('identityVerified')} />
          <CheckField label={t('repair.check.noStorageRetained')} checked={check.noStorageRetained} onChange={set('noStorageRetained')} />
          <CheckField label={t('repair.check.storageRefitted')} checked={check.storageRefitted} onChange={set('storageRefitted')} />
          <TextAreaField label={t('repair.check.note')} value={check.note} onChange={set('note')} />
        </fieldset>
      )}
    </Form>
  );
}
