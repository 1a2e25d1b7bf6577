import { useRef, useState, type FormEvent } from 'react';
import { CARRIER_KINDS, type CarrierDetails, type CarrierKind, type CarrierState } from '../../../shared/ledger/carrier';
import { defaultMaxYears, isStateSecret, LEVELS, type Level, type Period } from '../../../shared/ledger/classification';
import { mayHold } from '../../../shared/ledger/people';
import type { Refusal } from '../../../shared/result';
import { useT } from '../../i18n';
import { TextField } from '../../ui/TextField';
import { CheckField, Done, LedgerAlert, SelectField, TextAreaField, useFieldRefusal } from './fields';
import type { LedgerServices } from './ledgerServices';
import { kindLabel, levelLabel } from './ledgerText';
import { ScopeFields, scopeFrom, type ScopeDraft } from './ScopeFields';
import type { LedgerData } from './useLedgerData';

type PeriodKind = Period['kind'];

interface Draft {
  kind: CarrierKind;
  title: string;
  docNumber: string;
  level: Level;
  periodKind: PeriodKind;
  periodValue: string;
  scope: ScopeDraft;
  copyNumber: string;
  batch: boolean;
  count: string;
  originKind: 'received' | 'produced';
  originFrom: string;
  receiptNumber: string;
  originDepartment: string;
  custodianId: string;
  place: string;
  note: string;
  /** Kind-specific fields by name (pages, serial, model, …). */
  d: Record<string, string>;
}

const EMPTY: Draft = {
  kind: 'paper',
  title: '',
  docNumber: '',
  level: 'secret',
  periodKind: 'years',
  periodValue: '20',
  scope: { personIds: [], posts: '', departments: '', units: '' },
  copyNumber: '000001',
  batch: false,
  count: '20',
  originKind: 'received',
  originFrom: '',
  receiptNumber: '',
  originDepartment: '',
  custodianId: '',
  place: '',
  note: '',
  d: { pages: '1', discType: 'cd' },
};

/** The fields each kind adds (a disk's serial number, a computer's asset number and its disks, …). */
const KIND_FIELDS: Record<CarrierKind, readonly string[]> = {
  paper: ['pages'],
  disc: ['discType', 'serial'],
  usb: ['serial', 'model', 'capacity'],
  hdd: ['serial', 'model', 'capacity'],
  computer: ['assetNumber', 'model', 'serial', 'diskSerials'],
  printer: ['assetNumber', 'model', 'drumSerial'],
  other: ['description'],
};

function details(kind: CarrierKind, d: Record<string, string>): CarrierDetails {
  const s = (k: string) => d[k] ?? '';
  switch (kind) {
    case 'paper':
      return { kind, pages: Number(s('pages')) };
    case 'disc':
      return { kind, discType: (s('discType') || 'cd') as 'cd', serial: s('serial') };
    case 'usb':
    case 'hdd':
      return { kind, serial: s('serial'), model: s('model'), capacity: s('capacity') };
    case 'computer':
      return { kind, assetNumber: s('assetNumber'), model: s('model'), serial: s('serial'), diskSerials: s('diskSerials').split(/[,，、\s]+/).filter(Boolean) };
    case 'printer':
      return { kind, assetNumber: s('assetNumber'), model: s('model'), drumSerial: s('drumSerial') };
    case 'other':
      return { kind, description: s('description') };
    default:
      throw new Error(kind satisfies never);
  }
}

/** The period a form's kind and typed value stand for (also the correction form's). */
export function period(kind: PeriodKind, value: string): Period {
  switch (kind) {
    case 'years':
      return { kind, years: Number(value) };
    case 'months':
      return { kind, months: Number(value) };
    case 'until':
      return { kind, date: value };
    case 'condition':
      return { kind, condition: value };
    case 'none':
      return { kind };
    default:
      throw new Error(kind satisfies never);
  }
}

/** 登记: one carrier, or a batch of copies of one document (份号 000001–000020 at once). */
export function RegisterForm({ services, data, onDone }: { services: LedgerServices; data: LedgerData; onDone: (first: CarrierState) => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<CarrierState[] | null>(null);
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((x) => ({ ...x, [key]: value }));
  const setD = (k: string) => (v: string) => setDraft((x) => ({ ...x, d: { ...x.d, [k]: v } }));
  const form = useRef<HTMLFormElement>(null);
  const shown = [
    'title',
    'docNumber',
    ...KIND_FIELDS[draft.kind],
    ...(draft.periodKind !== 'none' ? ['period'] : []),
    'scope',
    draft.originKind === 'received' ? 'originFrom' : 'originDepartment',
    'copyNumber',
    ...(draft.batch ? ['count'] : []),
    'custodianId',
    'place',
    'note',
  ];
  const { errorFor, general } = useFieldRefusal(refusal, form, shown);

  function setLevel(level: Level) {
    const max = defaultMaxYears(level);
    setDraft((x) => ({ ...x, level, periodKind: isStateSecret(level) ? 'years' : 'none', periodValue: max ? String(max) : '' }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    setDone(null);
    const record = {
      title: draft.title,
      docNumber: draft.docNumber,
      level: draft.level,
      period: period(draft.periodKind, draft.periodValue.trim()),
      scope: scopeFrom(draft.scope),
      copyNumber: draft.batch ? '' : draft.copyNumber,
      details: details(draft.kind, draft.d),
      origin:
        draft.originKind === 'received'
          ? { kind: 'received' as const, from: draft.originFrom, ...(draft.receiptNumber.trim() ? { receiptNumber: draft.receiptNumber } : {}) }
          : { kind: 'produced' as const, department: draft.originDepartment },
      note: draft.note,
    };
    const input = { record, custodianId: draft.custodianId, place: draft.place };
    const result = draft.batch
      ? await services.carriers.register(input, { count: Number(draft.count), firstCopyNumber: Number(draft.copyNumber || '1') })
      : await services.carriers.register(input);
    setBusy(false);
    if (!result.ok) {
      setRefusal(result.error);
      return;
    }
    setDone(result.value);
    // The next carrier starts from an empty form: a 文号, 份号 or 知悉范围 left over from the last
    // one would otherwise be registered on an unrelated carrier.
    setDraft(EMPTY);
    await data.reload();
  }

  const holders = data.people.filter((p) => p.status === 'active' && mayHold(p.clearance, draft.level));
  const first = done?.[0];
  const last = done?.at(-1);
  return (
    <section aria-labelledby="register-title">
      <h2 id="register-title">{t('ledger.register.heading')}</h2>
      <p className="lead">{t('ledger.register.intro')}</p>
      <form ref={form} onSubmit={(e) => void submit(e)} noValidate className="form-grid">
        <fieldset>
          <legend>{t('ledger.register.what')}</legend>
          <SelectField label={t('ledger.field.kind')} value={draft.kind} onChange={set('kind')} options={CARRIER_KINDS.map((k) => ({ value: k, label: kindLabel(k, t) }))} />
          <TextField label={t('ledger.field.title')} value={draft.title} onChange={set('title')} error={errorFor('title')} />
          <TextField label={t('ledger.field.docNumber')} value={draft.docNumber} onChange={set('docNumber')} hint={t('ledger.hint.docNumber')} error={errorFor('docNumber')} />
          {KIND_FIELDS[draft.kind].map((k) =>
            k === 'discType' ? (
              <SelectField key={k} label={t('ledger.field.discType')} value={draft.d.discType ?? 'cd'} onChange={setD(k)} error={errorFor(k)} options={(['cd', 'dvd', 'bd', 'other'] as const).map((v) => ({ value: v, label: t(`ledger.discType.${v}`) }))} />
            ) : (
              <TextField key={k} label={t(`ledger.field.${k as 'pages'}`)} value={draft.d[k] ?? ''} onChange={setD(k)} inputMode={k === 'pages' ? 'numeric' : undefined} error={errorFor(k)} />
            ),
          )}
        </fieldset>
        <fieldset>
          <legend>{t('ledger.register.classification')}</legend>
          <SelectField label={t('ledger.field.level')} value={draft.level} onChange={setLevel} options={LEVELS.map((l) => ({ value: l, label: levelLabel(l, t) }))} />
          <SelectField<PeriodKind>
            label={t('ledger.field.periodKind')}
            value={draft.periodKind}
            onChange={set('periodKind')}
            options={(['years', 'months', 'until', 'condition', 'none'] as const).map((k) => ({ value: k, label: t(`ledger.periodKind.${k}`) }))}
          />
          {draft.periodKind !== 'none' && (
            <TextField
              label={t(`ledger.periodValue.${draft.periodKind}`)}
              type={draft.periodKind === 'until' ? 'date' : 'text'}
              value={draft.periodValue}
              onChange={set('periodValue')}
              hint={isStateSecret(draft.level) ? t('ledger.hint.periodMax', { max: defaultMaxYears(draft.level) ?? '' }) : undefined}
              error={errorFor('period')}
            />
          )}
          <ScopeFields people={data.people} value={draft.scope} onChange={set('scope')} error={errorFor('scope')} />
        </fieldset>
        <fieldset>
          <legend>{t('ledger.register.origin')}</legend>
          <SelectField
            label={t('ledger.field.origin')}
            value={draft.originKind}
            onChange={set('originKind')}
            options={[
              { value: 'received', label: t('ledger.originKind.received') },
              { value: 'produced', label: t('ledger.originKind.produced') },
            ]}
          />
          {draft.originKind === 'received' ? (
            <>
              <TextField label={t('ledger.field.originFrom')} value={draft.originFrom} onChange={set('originFrom')} error={errorFor('originFrom')} />
              <TextField label={t('ledger.field.receiptNumber')} value={draft.receiptNumber} onChange={set('receiptNumber')} />
            </>
          ) : (
            <TextField label={t('ledger.field.originDepartment')} value={draft.originDepartment} onChange={set('originDepartment')} error={errorFor('originDepartment')} />
          )}
          <CheckField label={t('ledger.register.batch')} checked={draft.batch} onChange={set('batch')} />
          <TextField label={draft.batch ? t('ledger.field.firstCopyNumber') : t('ledger.field.copyNumber')} value={draft.copyNumber} onChange={set('copyNumber')} hint={t('ledger.hint.copyNumber')} inputMode="numeric" error={errorFor('copyNumber')} />
          {draft.batch && <TextField label={t('ledger.field.batchCount')} value={draft.count} onChange={set('count')} inputMode="numeric" error={errorFor('count')} />}
        </fieldset>
        <fieldset>
          <legend>{t('ledger.register.custody')}</legend>
          <SelectField
            label={t('ledger.field.custodian')}
            value={draft.custodianId}
            onChange={set('custodianId')}
            hint={t('ledger.hint.custodian')}
            error={errorFor('custodianId')}
            options={[{ value: '', label: t('ledger.choose') }, ...holders.map((p) => ({ value: p.id, label: `${p.name}（${p.department}）` }))]}
          />
          <TextField label={t('ledger.field.place')} value={draft.place} onChange={set('place')} hint={t('ledger.hint.place')} error={errorFor('place')} />
          <TextAreaField label={t('ledger.field.note')} value={draft.note} onChange={set('note')} error={errorFor('note')} />
        </fieldset>
        <LedgerAlert refusal={general} />
        {first && last && (
          <Done>
            {done && done.length > 1 ? t('ledger.register.doneBatch', { count: done.length, first: first.registryNumber, last: last.registryNumber }) : t('ledger.register.done', { number: first.registryNumber })}{' '}
            <button type="button" className="button-link" onClick={() => onDone(first)}>
              {t('ledger.register.open')}
            </button>
          </Done>
        )}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {draft.batch ? t('ledger.register.submitBatch') : t('ledger.register.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
