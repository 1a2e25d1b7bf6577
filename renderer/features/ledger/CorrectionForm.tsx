import { useState } from 'react';
import { isClosed, isCopy, type CarrierDetails, type CarrierState } from '../../../shared/ledger/carrier';
import { isLevel, LEVELS, type Level, type Period, type Scope } from '../../../shared/ledger/classification';
import type { Person } from '../../../shared/ledger/people';
import type { Correction } from '../../../shared/ledger/events';
import { assertNever, ok, refuse, type Result } from '../../../shared/result';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { TextField } from '../../ui/TextField';
import { Form, useSubmit } from './CarrierActions';
import { SelectField } from './fields';
import type { LedgerServices } from './ledgerServices';
import { levelLabel, periodLabel, scopeText, type PeopleIndex } from './ledgerText';
import { period } from './RegisterForm';
import { ScopeFields, scopeFrom, type ScopeDraft } from './ScopeFields';

/** What the form offers: a field of the record, the place, or one of the kind's own details. */
type Item = 'title' | 'docNumber' | 'copyNumber' | 'place' | 'note' | 'level' | 'period' | 'scope' | DetailItem;
type DetailItem = 'pages' | 'serial' | 'model' | 'capacity' | 'assetNumber' | 'description';

const DETAIL_ITEMS: Record<CarrierDetails['kind'], DetailItem[]> = {
  paper: ['pages'],
  disc: ['serial'],
  usb: ['serial', 'model', 'capacity'],
  hdd: ['serial', 'model', 'capacity'],
  computer: ['assetNumber', 'model', 'serial'],
  printer: ['assetNumber', 'model'],
  other: ['description'],
};

const ITEM_LABELS: Record<Item, MessageKey> = {
  title: 'correct.field.title',
  docNumber: 'correct.field.docNumber',
  copyNumber: 'correct.field.copyNumber',
  place: 'correct.field.place',
  note: 'correct.field.note',
  level: 'correct.field.level',
  period: 'correct.field.period',
  scope: 'correct.field.scope',
  pages: 'correct.field.pages',
  serial: 'correct.field.serial',
  model: 'correct.field.model',
  capacity: 'correct.field.capacity',
  assetNumber: 'correct.field.assetNumber',
  description: 'correct.field.description',
};

/**
 * The items a correction may change on this carrier. Level, period and scope are not offered on a
 * copy (they are its original's); the level of an original is offered, and the rules refuse it,
 * with the reason, where a live determination fixes it.
 */
export function correctableItems(c: CarrierState): Item[] {
  return ['title', 'docNumber', 'copyNumber', 'place', 'note', ...(isCopy(c) ? [] : (['level', 'period', 'scope'] as const)), ...DETAIL_ITEMS[c.kind]];
}

/** The item's present value, as the person edits it (period and scope have editors of their own). */
export function currentValue(c: CarrierState, item: Item): string {
  switch (item) {
    case 'period':
    case 'scope':
      return '';
    case 'title':
    case 'docNumber':
    case 'copyNumber':
    case 'place':
    case 'note':
    case 'level':
      return c[item];
    case 'pages':
    case 'serial':
    case 'model':
    case 'capacity':
    case 'assetNumber':
    case 'description': {
      const d = c.details as Partial<Record<DetailItem, string | number>>;
      return String(d[item] ?? '');
    }
    default:
      return assertNever(item);
  }
}

/** The correction the rules are asked to record: one field, from what it is to what is entered. */
export function correctionOf(c: CarrierState, item: Item, raw: string, edited: { period: Period; scope: Scope } = { period: c.period, scope: c.scope }): Result<Correction> {
  const value = raw.trim();
  switch (item) {
    case 'period':
      return ok({ field: 'period', from: c.period, to: edited.period });
    case 'scope':
      return ok({ field: 'scope', from: c.scope, to: edited.scope });
    case 'title':
    case 'docNumber':
    case 'copyNumber':
    case 'note':
      return ok({ field: item, from: c[item], to: value });
    case 'place':
      return ok({ field: 'place', from: c.place, to: value });
    case 'level':
      return isLevel(value) ? ok({ field: 'level', from: c.level, to: value }) : refuse('CORRECTION_INVALID', { field: 'level' });
    case 'pages': {
      const pages = /^\d+$/.test(value) ? Number(value) : NaN;
      return Number.isInteger(pages) ? ok({ field: 'details', from: c.details, to: { ...c.details, pages } as CarrierDetails }) : refuse('CORRECTION_INVALID', { field: 'pages' });
    }
    case 'serial':
    case 'model':
    case 'capacity':
    case 'assetNumber':
    case 'description':
      return ok({ field: 'details', from: c.details, to: { ...c.details, [item]: value } as CarrierDetails });
    default:
      return assertNever(item);
  }
}

function shown(c: CarrierState, item: Item, people: PeopleIndex, t: Translate): string {
  if (item === 'period') return periodLabel(c.period, t);
  if (item === 'scope') return scopeText(c.scope, people, t);
  const v = currentValue(c, item);
  if (item === 'level' && isLevel(v)) return levelLabel(v, t);
  return v || t('ledger.empty');
}

/**
 * 更正登记内容: pick one item, enter the right value and the reason (both required). Nothing is
 * overwritten: the rules record a correction event whose old and new values and reason the
 * timeline shows, and refuse (in words) what may not be corrected.
 */
export function CorrectionForm({ carrier, people, services, onDone }: { carrier: CarrierState; people: Person[]; services: LedgerServices; onDone: () => Promise<void> }) {
  const t = useT();
  const items = correctableItems(carrier);
  const [item, setItem] = useState<Item>('title');
  const [value, setValue] = useState(() => currentValue(carrier, 'title'));
  const [periodKind, setPeriodKind] = useState<Period['kind']>(carrier.period.kind);
  const [periodValue, setPeriodValue] = useState(() => periodInput(carrier.period));
  const [scope, setScope] = useState<ScopeDraft>(() => ({
    personIds: carrier.scope.personIds,
    posts: carrier.scope.posts.join('、'),
    departments: carrier.scope.departments.join('、'),
    units: carrier.scope.units.join('、'),
  }));
  const [reason, setReason] = useState('');
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const { busy, refusal, submit } = useSubmit(onDone);

  function choose(next: Item) {
    setItem(next);
    setValue(currentValue(carrier, next));
  }

  const run = async () => {
    const change = correctionOf(carrier, item, value, { period: period(periodKind, periodValue.trim()), scope: scopeFrom(scope) });
    if (!change.ok) return change;
    return services.carriers.act(carrier.id, { type: 'corrected', changes: [change.value], reason }, carrier.version);
  };

  return (
    <Form title={t('ledger.action.correct')} busy={busy} refusal={refusal} submitLabel={t('correct.submit')} onSubmit={(e) => void submit(e, run)}>
      <p className="field-hint">{t('correct.intro')}</p>
      <SelectField<Item> label={t('correct.field')} value={item} onChange={choose} options={items.map((i) => ({ value: i, label: t(ITEM_LABELS[i]) }))} />
      <p className="field-hint">{t('correct.current', { value: shown(carrier, item, peopleById, t) })}</p>
      {item === 'period' ? (
        <>
          <SelectField<Period['kind']>
            label={t('ledger.field.periodKind')}
            value={periodKind}
            onChange={setPeriodKind}
            options={(['years', 'months', 'until', 'condition', 'none'] as const).map((k) => ({ value: k, label: t(`ledger.periodKind.${k}`) }))}
          />
          {periodKind !== 'none' && <TextField label={t(`ledger.periodValue.${periodKind}`)} type={periodKind === 'until' ? 'date' : 'text'} value={periodValue} onChange={setPeriodValue} />}
        </>
      ) : item === 'scope' ? (
        <ScopeFields people={people} value={scope} onChange={setScope} />
      ) : item === 'level' ? (
        <SelectField<Level> label={t('correct.newValue')} value={isLevel(value) ? value : carrier.level} onChange={setValue} hint={t('correct.levelNote')} options={LEVELS.map((l) => ({ value: l, label: levelLabel(l, t) }))} />
      ) : (
        <TextField label={t('correct.newValue')} value={value} onChange={setValue} inputMode={item === 'pages' ? 'numeric' : undefined} />
      )}
      {(item === 'period' || item === 'scope') && <p className="field-hint">{t('correct.levelNote')}</p>}
      <TextField label={t('correct.reason')} value={reason} onChange={setReason} />
      {isCopy(carrier) && <p className="field-hint">{t('correct.copyNote')}</p>}
    </Form>
  );
}

/** The carrier page's 更正 section: a button that opens the form (for whoever may correct). */
export function CorrectionSection({ carrier, people, services, onDone }: { carrier: CarrierState; people: Person[]; services: LedgerServices; onDone: () => Promise<void> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const done = async () => {
    setOpen(false);
    await onDone();
  };
  return (
    <section aria-labelledby="correct-title" className="carrier-actions">
      <h2 id="correct-title">{t('correct.heading')}</h2>
      {isClosed(carrier.status) && <p className="field-hint">{t('correct.closedNote')}</p>}
      <div className="actions">
        <button type="button" className={open ? 'button-primary' : 'button-secondary'} aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('ledger.action.correct')}
        </button>
      </div>
      {open && <CorrectionForm key={carrier.version} carrier={carrier} people={people} services={services} onDone={done} />}
    </section>
  );
}

/** What the period's value field holds for a period as stored. */
function periodInput(p: Period): string {
  switch (p.kind) {
    case 'years':
      return String(p.years);
    case 'months':
      return String(p.months);
    case 'until':
      return p.date;
    case 'condition':
      return p.condition;
    case 'none':
      return '';
    default:
      return assertNever(p);
  }
}
