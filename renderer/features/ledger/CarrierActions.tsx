import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import type { ApprovalDetails, ApprovalKind } from '../../../shared/ledger/approvals';
import { formatCopyNumber, isRepairable, type CarrierState, type CopyMode, type Party } from '../../../shared/ledger/carrier';
import type { CarrierEvent, Confirmation } from '../../../shared/ledger/events';
import { mayHold, type Person } from '../../../shared/ledger/people';
import type { Refusal, Result } from '../../../shared/result';
import type { ApprovalDoc } from '../../db/ledgerAccess';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { TextField } from '../../ui/TextField';
import { CheckField, LedgerAlert, refusedField, SelectField, useFieldRefusal } from './fields';
import type { LedgerServices } from './ledgerServices';
import { approvalKindLabel, approvalSummary, copyModeLabel, type PeopleIndex } from './ledgerText';
import { todayLocal } from './LedgerTable';
import { ReturnRepairForm, SendRepairForm } from './RepairForms';

type ActionId = 'transfer' | 'lend' | 'return' | 'store' | 'takeOut' | 'bringBack' | 'dispatch' | 'returnToIssuer' | 'request' | 'copy' | 'repair' | 'repairBack';

const ACTION_LABELS: Record<ActionId, MessageKey> = {
  transfer: 'ledger.action.transfer',
  lend: 'ledger.action.lend',
  return: 'ledger.action.return',
  store: 'ledger.action.store',
  takeOut: 'ledger.action.takeOut',
  bringBack: 'ledger.action.bringBack',
  dispatch: 'ledger.action.dispatch',
  returnToIssuer: 'ledger.action.returnToIssuer',
  request: 'ledger.action.request',
  copy: 'ledger.action.copy',
  repair: 'ledger.action.repair',
  repairBack: 'ledger.action.repairBack',
};

/**
 * What can be done with the carrier in its present state. The rules still decide each one; lending
 * stays offered while the carrier is away, so that whoever tries is told why not and what to do.
 */
function actionsFor(c: CarrierState): ActionId[] {
  if (c.pending) return [];
  switch (c.status) {
    case 'in_custody':
      return ['lend', 'transfer', 'store', 'takeOut', 'request', 'copy', ...(isRepairable(c.kind) ? (['repair'] as const) : []), 'dispatch', 'returnToIssuer'];
    case 'on_loan':
      return ['return', 'lend', 'request'];
    case 'taken_out':
      return ['bringBack', 'lend'];
    case 'under_repair':
      return ['repairBack', 'lend'];
    case 'dispatched':
    case 'returned_to_issuer':
    case 'destroyed':
      return [];
    default:
      throw new Error(c.status satisfies never);
  }
}

export interface ActionProps {
  carrier: CarrierState;
  people: Person[];
  peopleById: PeopleIndex;
  approvals: ApprovalDoc[];
  services: LedgerServices;
  /** The signed-in account's own entry in the people directory, if it has one. */
  me: Person | null;
  onDone: () => Promise<void>;
}

export function CarrierActions(props: ActionProps) {
  const t = useT();
  const roles = useSession((s) => s.session?.roles ?? []);
  const [open, setOpen] = useState<ActionId | null>(null);
  const available = actionsFor(props.carrier).filter((a) => a !== 'copy' || props.approvals.some((x) => x.status === 'approved' && x.details.kind === 'copy'));
  if (!authorize(roles, 'carrier.handOver').ok && !authorize(roles, 'carrier.loan').ok) return null;
  if (available.length === 0) return null;
  const done = async () => {
    setOpen(null);
    await props.onDone();
  };
  return (
    <section aria-labelledby="actions-title" className="carrier-actions">
      <h2 id="actions-title">{t('ledger.actions')}</h2>
      <div className="actions" role="group" aria-label={t('ledger.actions')}>
        {available.map((a) => (
          <button key={a} type="button" className={open === a ? 'button-primary' : 'button-secondary'} aria-expanded={open === a} onClick={() => setOpen(open === a ? null : a)}>
            {t(ACTION_LABELS[a])}
          </button>
        ))}
      </div>
      {open && <ActionForm key={open} action={open} {...props} onDone={done} />}
    </section>
  );
}

function ActionForm({ action, ...p }: ActionProps & { action: ActionId }) {
  switch (action) {
    case 'transfer':
    case 'lend':
    case 'return':
    case 'bringBack':
    case 'takeOut':
      return <HandoverForm action={action} {...p} />;
    case 'store':
      return <StoreForm {...p} />;
    case 'dispatch':
    case 'returnToIssuer':
      return <ExternalForm action={action} {...p} />;
    case 'request':
      return <RequestForm {...p} />;
    case 'copy':
      return <CopyForm {...p} />;
    case 'repair':
      return <SendRepairForm {...p} />;
    case 'repairBack':
      return <ReturnRepairForm {...p} />;
    default:
      throw new Error(action satisfies never);
  }
}

/** Submits, shows the rules' refusal in words, and reloads on success (also used by RepairForms and CorrectionForm). */
export function useSubmit(onDone: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  async function submit(e: FormEvent, run: () => Promise<Result<unknown>>) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    const r = await run();
    setBusy(false);
    if (!r.ok) setRefusal(r.error);
    else await onDone();
  }
  return { busy, refusal, submit };
}

export function Form({
  title,
  busy,
  refusal,
  submitLabel,
  onSubmit,
  children,
  formRef,
}: {
  title: string;
  busy: boolean;
  refusal: Refusal | null;
  submitLabel: string;
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
  /** Given when the form's fields show their own refusals (then `refusal` is only what no field takes). */
  formRef?: RefObject<HTMLFormElement | null>;
}) {
  // A refusal takes the focus (the alert under the fields), so the person hears and sees what to fix.
  const own = useRef<HTMLFormElement>(null);
  const form = formRef ?? own;
  useFieldRefusal(refusal, form, []);
  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="action-form" aria-label={title}>
      <fieldset>
        <legend>{title}</legend>
        {children}
      </fieldset>
      <LedgerAlert refusal={refusal} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

const person = (id: string): Party => ({ kind: 'person', personId: id });

/** Which field of the hand-over form a refusal concerns: the receiver, how they confirm, the slip, the date, the destination or the place. */
function handoverField(r: Refusal | null): string | null {
  switch (r?.code) {
    case undefined:
      return null;
    case 'PERSON_NOT_FOUND':
    case 'PERSON_NOT_ACTIVE':
    case 'CLEARANCE_TOO_LOW':
    case 'HANDOVER_SAME_PARTY':
    case 'OUTSIDE_SCOPE':
      return 'to';
    case 'NOT_RECEIVER':
    case 'RECEIVER_HAS_NO_ACCOUNT':
      return 'how';
    case 'SLIP_NUMBER_INVALID':
      return 'slip';
    case 'LOAN_DUE_INVALID':
    case 'RETURN_DATE_INVALID':
      return 'dueOn';
    case 'DESTINATION_REQUIRED':
      return 'destination';
    default:
      return refusedField(r);
  }
}

/** 交接: both parties named; the receiver confirms by signed slip, here in person, or later in their own session. */
function HandoverForm({ action, carrier, people, approvals, services, me, onDone }: ActionProps & { action: 'transfer' | 'lend' | 'return' | 'bringBack' | 'takeOut' }) {
  const t = useT();
  const back = action === 'return' || action === 'bringBack';
  const custodianId = carrier.custodian.kind === 'person' ? carrier.custodian.personId : '';
  const [to, setTo] = useState(back ? (me?.id ?? carrier.loan?.lenderId ?? '') : action === 'takeOut' ? custodianId : '');
  const [how, setHow] = useState<Confirmation['kind']>(back ? 'receiver' : 'slip');
  const [slip, setSlip] = useState('');
  const [place, setPlace] = useState(carrier.place);
  const [reason, setReason] = useState('');
  const kind: ApprovalKind = action === 'takeOut' ? 'takeOut' : 'loanOutsideScope';
  const usable = approvals.filter((a) => a.status === 'approved' && a.details.kind === kind);
  // 携带外出 starts from what was approved (destination, abroad, the date to be back by): the clerk does not retype it.
  const approved = (id: string) => {
    const d = usable.find((a) => a.id === id)?.details;
    return d?.kind === 'takeOut' ? d : null;
  };
  const first = action === 'takeOut' ? approved(usable[0]?.id ?? '') : null;
  const [dueOn, setDueOn] = useState(() => first?.until ?? addDays(todayLocal(), 14));
  const [destination, setDestination] = useState(first?.destination ?? '');
  const [abroad, setAbroad] = useState(first?.abroad ?? false);
  const [approvalId, setApprovalIdOnly] = useState(action === 'takeOut' ? (usable[0]?.id ?? '') : '');
  const setApprovalId = (id: string) => {
    setApprovalIdOnly(id);
    const d = action === 'takeOut' ? approved(id) : null;
    if (d) {
      setDestination(d.destination);
      setAbroad(d.abroad);
      setDueOn(d.until);
    }
  };
  const { busy, refusal, submit } = useSubmit(onDone);
  const formRef = useRef<HTMLFormElement>(null);
  const shown = ['to', 'how', ...(how === 'slip' ? ['slip'] : []), ...(action === 'lend' || action === 'takeOut' ? ['dueOn'] : []), ...(action === 'takeOut' ? ['destination'] : []), ...(action !== 'lend' && action !== 'takeOut' ? ['place'] : [])];
  const { errorFor, general } = useFieldRefusal(refusal, formRef, shown, handoverField);
  const eligible = people.filter((x) => x.status === 'active' && mayHold(x.clearance, carrier.level) && (action === 'takeOut' || x.id !== custodianId));
  const confirmation: Confirmation = how === 'slip' ? { kind: 'slip', slipNumber: slip } : how === 'receiver' ? { kind: 'receiver' } : { kind: 'awaiting' };
  const handover = { from: carrier.custodian, to: person(to), confirmation };

  function event(): Parameters<LedgerServices['carriers']['act']>[1] {
    switch (action) {
      case 'transfer':
        return { type: 'transferred', handover, place, reason };
      case 'lend':
        return { type: 'lent', handover, dueOn, ...(approvalId ? { approvalId } : {}) };
      case 'return':
        return { type: 'loanReturned', handover, place };
      case 'bringBack':
        return { type: 'broughtBack', handover, place };
      case 'takeOut':
        return { type: 'takenOut', handover, destination, expectedBackOn: dueOn, abroad, approvalId };
      default:
        throw new Error(action satisfies never);
    }
  }

  const receiverLabel = action === 'lend' ? t('ledger.field.borrower') : action === 'takeOut' ? t('ledger.field.carrierPerson') : t('ledger.field.receiver');
  return (
    <Form
      title={t(`ledger.action.${action}`)}
      busy={busy}
      refusal={general}
      formRef={formRef}
      submitLabel={t('ledger.action.confirm')}
      onSubmit={(e) => void submit(e, () => services.carriers.act(carrier.id, event() as Exclude<CarrierEvent, { type: 'registered' | 'copyMade' }>, carrier.version))}
    >
      {/* Said before anything is typed: without an approved request the take-out will be refused. */}
      {action === 'takeOut' && usable.length === 0 && <p className="alert alert-note">{t('ledger.takeOut.needsApproval')}</p>}
      <SelectField label={receiverLabel} value={to} onChange={setTo} hint={t('ledger.hint.receiver')} error={errorFor('to')} options={[{ value: '', label: t('ledger.choose') }, ...eligible.map((x) => ({ value: x.id, label: `${x.name}（${x.department}）` }))]} />
      <SelectField<Confirmation['kind']>
        label={t('ledger.field.confirmation')}
        value={how}
        onChange={setHow}
        error={errorFor('how')}
        options={[
          { value: 'slip', label: t('ledger.confirmation.slip') },
          { value: 'receiver', label: t('ledger.confirmation.receiver') },
          { value: 'awaiting', label: t('ledger.confirmation.awaiting') },
        ]}
      />
      {how === 'slip' && <TextField label={t('ledger.field.slipNumber')} value={slip} onChange={setSlip} error={errorFor('slip')} />}
      {(action === 'lend' || action === 'takeOut') && <TextField label={action === 'lend' ? t('ledger.field.dueOn') : t('ledger.field.expectedBackOn')} type="date" value={dueOn} onChange={setDueOn} error={errorFor('dueOn')} />}
      {action === 'takeOut' && (
        <>
          <TextField label={t('ledger.approval.destination')} value={destination} onChange={setDestination} error={errorFor('destination')} />
          <CheckField label={t('ledger.approval.abroad')} checked={abroad} onChange={setAbroad} />
        </>
      )}
      {(action === 'lend' || action === 'takeOut') && (
        <SelectField
          label={action === 'lend' ? t('ledger.field.scopeApproval') : t('ledger.field.approval')}
          value={approvalId}
          onChange={setApprovalId}
          options={[{ value: '', label: t('ledger.none') }, ...usable.map((a) => ({ value: a.id, label: approvalSummary(a.details, new Map(people.map((x) => [x.id, x])), t) }))]}
        />
      )}
      {action !== 'lend' && action !== 'takeOut' && <TextField label={t('ledger.field.place')} value={place} onChange={setPlace} error={errorFor('place')} />}
      {action === 'transfer' && <TextField label={t('ledger.field.reason')} value={reason} onChange={setReason} />}
    </Form>
  );
}

function StoreForm({ carrier, services, onDone }: ActionProps) {
  const t = useT();
  const [place, setPlace] = useState('');
  const [reason, setReason] = useState('');
  const { busy, refusal, submit } = useSubmit(onDone);
  return (
    <Form title={t('ledger.action.store')} busy={busy} refusal={refusal} submitLabel={t('ledger.action.confirm')} onSubmit={(e) => void submit(e, () => services.carriers.act(carrier.id, { type: 'stored', place, reason }, carrier.version))}>
      <TextField label={t('ledger.field.newPlace')} value={place} onChange={setPlace} />
      <TextField label={t('ledger.field.reason')} value={reason} onChange={setReason} />
    </Form>
  );
}

/** 发出 / 清退: to an outside unit, confirmed by the receipt it signs (回执). */
function ExternalForm({ action, carrier, services, onDone }: ActionProps & { action: 'dispatch' | 'returnToIssuer' }) {
  const t = useT();
  const [unit, setUnit] = useState(action === 'returnToIssuer' && carrier.origin.kind === 'received' ? carrier.origin.from : '');
  const [slip, setSlip] = useState('');
  const { busy, refusal, submit } = useSubmit(onDone);
  const handover = { from: carrier.custodian, to: { kind: 'external' as const, name: unit }, confirmation: { kind: 'slip' as const, slipNumber: slip } };
  return (
    <Form
      title={t(`ledger.action.${action}`)}
      busy={busy}
      refusal={refusal}
      submitLabel={t('ledger.action.confirm')}
      onSubmit={(e) => void submit(e, () => services.carriers.act(carrier.id, { type: action === 'dispatch' ? 'dispatched' : 'returnedToIssuer', handover }, carrier.version))}
    >
      <TextField label={t('ledger.field.externalUnit')} value={unit} onChange={setUnit} />
      <TextField label={t('ledger.field.receiptSlip')} value={slip} onChange={setSlip} />
    </Form>
  );
}

function RequestForm({ carrier, people, services, onDone }: ActionProps) {
  const t = useT();
  const [kind, setKind] = useState<ApprovalKind>('copy');
  const [mode, setMode] = useState<CopyMode>('copy');
  const [copies, setCopies] = useState('1');
  const [destination, setDestination] = useState('');
  const [until, setUntil] = useState(() => addDays(todayLocal(), 7));
  const [abroad, setAbroad] = useState(false);
  const [repairer, setRepairer] = useState('');
  const [personId, setPersonId] = useState('');
  const [reason, setReason] = useState('');
  const { busy, refusal, submit } = useSubmit(onDone);
  const details = (): ApprovalDetails => {
    switch (kind) {
      case 'copy':
        return { kind, mode, copies: Number(copies) };
      case 'takeOut':
        return { kind, destination, until, abroad };
      case 'repairOutside':
        return { kind, repairer };
      case 'loanOutsideScope':
        return { kind, personId };
      default:
        throw new Error(kind satisfies never);
    }
  };
  return (
    <Form title={t('ledger.action.request')} busy={busy} refusal={refusal} submitLabel={t('ledger.approval.submit')} onSubmit={(e) => void submit(e, () => services.approvals.request(carrier.id, details(), reason))}>
      <SelectField<ApprovalKind> label={t('ledger.approval.kind')} value={kind} onChange={setKind} options={(['copy', 'takeOut', 'repairOutside', 'loanOutsideScope'] as const).map((k) => ({ value: k, label: approvalKindLabel(k, t) }))} />
      {kind === 'copy' && (
        <>
          <SelectField<CopyMode> label={t('ledger.approval.mode')} value={mode} onChange={setMode} options={(['copy', 'excerpt', 'compile'] as const).map((m) => ({ value: m, label: copyModeLabel(m, t) }))} />
          <TextField label={t('ledger.approval.copies')} value={copies} onChange={setCopies} inputMode="numeric" />
        </>
      )}
      {kind === 'takeOut' && (
        <>
          <TextField label={t('ledger.approval.destination')} value={destination} onChange={setDestination} />
          <TextField label={t('ledger.approval.until')} type="date" value={until} onChange={setUntil} />
          <CheckField label={t('ledger.approval.abroad')} checked={abroad} onChange={setAbroad} />
        </>
      )}
      {kind === 'repairOutside' && <TextField label={t('ledger.approval.repairer')} value={repairer} onChange={setRepairer} />}
      {kind === 'loanOutsideScope' && (
        <SelectField label={t('ledger.approval.person')} value={personId} onChange={setPersonId} options={[{ value: '', label: t('ledger.choose') }, ...people.filter((x) => x.status === 'active').map((x) => ({ value: x.id, label: `${x.name}（${x.department}）` }))]} />
      )}
      <TextField label={t('ledger.field.reason')} value={reason} onChange={setReason} />
    </Form>
  );
}

/** 复制 under an approved request: the copies become carriers of their own, with the original's level. */
function CopyForm({ carrier, people, approvals, services, me, onDone }: ActionProps) {
  const t = useT();
  const usable = approvals.filter((a) => a.status === 'approved' && a.details.kind === 'copy');
  const [approvalId, setApprovalId] = useState(usable[0]?.id ?? '');
  const [custodianId, setCustodianId] = useState(me?.id ?? '');
  const [place, setPlace] = useState(carrier.place);
  const [firstCopy, setFirstCopy] = useState(carrier.copyNumber ? formatCopyNumber(Number(carrier.copyNumber) + 1) : '000001');
  const { busy, refusal, submit } = useSubmit(onDone);
  const approval = usable.find((a) => a.id === approvalId);
  const count = approval?.details.kind === 'copy' ? approval.details.copies : 1;
  const mode: CopyMode = approval?.details.kind === 'copy' ? approval.details.mode : 'copy';
  const copies = Array.from({ length: count }, (_, i) => ({ title: '', copyNumber: formatCopyNumber(Number(firstCopy) + i), details: carrier.details, note: '' }));
  const holders = people.filter((x) => x.status === 'active' && mayHold(x.clearance, carrier.level));
  return (
    <Form title={t('ledger.action.copy')} busy={busy} refusal={refusal} submitLabel={t('ledger.action.confirm')} onSubmit={(e) => void submit(e, () => services.carriers.copy(carrier.id, { approvalId, mode, custodianId, place, copies }, carrier.version))}>
      <SelectField label={t('ledger.field.approval')} value={approvalId} onChange={setApprovalId} options={usable.map((a) => ({ value: a.id, label: approvalSummary(a.details, new Map(), t) }))} />
      <p className="field-hint">{t('ledger.copy.inherits')}</p>
      <TextField label={t('ledger.field.firstCopyNumber')} value={firstCopy} onChange={setFirstCopy} inputMode="numeric" />
      <SelectField label={t('ledger.field.custodian')} value={custodianId} onChange={setCustodianId} options={[{ value: '', label: t('ledger.choose') }, ...holders.map((x) => ({ value: x.id, label: `${x.name}（${x.department}）` }))]} />
      <TextField label={t('ledger.field.place')} value={place} onChange={setPlace} />
    </Form>
  );
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const x = new Date(y, m - 1, d + days);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${x.getFullYear()}-${p(x.getMonth() + 1)}-${p(x.getDate())}`;
}
