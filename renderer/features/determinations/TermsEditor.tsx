import type { CatalogueVersion } from '../../../shared/determination/catalogue';
import { exceedsMax, termsMarking } from '../../../shared/determination/terms';
import { defaultMaxYears, LEVELS, type Level, type Period } from '../../../shared/ledger/classification';
import type { Person } from '../../../shared/ledger/people';
import { assertNever } from '../../../shared/result';
import { useT } from '../../i18n';
import { CheckboxField } from '../../ui/CheckboxField';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { TextAreaField } from '../ledger/fields';
import { ScopeFields } from '../ledger/ScopeFields';
import { catalogueLine, levelLabel } from './detText';
import { entryKeyOf, periodKindsFor, periodTyped, termsFromForm, withEntry, type TermsForm } from './termsForm';

/** A live determination another one may be derived from (派生定密). */
export interface SourceOption {
  id: string;
  title: string;
  marking: string;
}

interface TermsEditorProps {
  value: TermsForm;
  onChange: (f: TermsForm) => void;
  /** Entries in force (a new citation must name the current version). */
  catalogue: CatalogueVersion[];
  people: Person[];
  sources: SourceOption[];
  /** Fills the terms from the chosen sources (highest level, longest period, narrowest scope). */
  onDerive?: (sourceIds: string[]) => void;
  /** The date the period counts from, for the legal-maximum hint. */
  start: string;
  /** 非密 is offered only where "not classified" can be proposed (a new determination). */
  allowUnclassified: boolean;
}

/** 密级、保密期限、知悉范围、定密依据, with the 密级标志 they produce shown as they are typed. */
export function TermsEditor({ value, onChange, catalogue, people, sources, onDerive, start, allowUnclassified }: TermsEditorProps) {
  const t = useT();
  const f = value;
  const set = (patch: Partial<TermsForm>) => onChange({ ...f, ...patch });
  const terms = termsFromForm(f);
  const periodMissing = f.level !== 'unclassified' && f.level !== 'internal' && !periodTyped(terms.period);
  const marking = periodMissing ? '' : termsMarking(terms);
  const max = defaultMaxYears(f.level);
  const over = exceedsMax(f.level, terms.period, f.periodFrom ?? start);
  const levels = LEVELS.filter((l) => allowUnclassified || l !== 'unclassified');
  const cited = catalogue.find((v) => entryKeyOf(v) === f.entryKey);

  const setLevel = (level: Level) => {
    const kinds = periodKindsFor(level);
    set({ level, periodKind: kinds.includes(f.periodKind) ? f.periodKind : (kinds[0] ?? 'none') });
  };
  const toggleSource = (id: string) => set({ sourceIds: f.sourceIds.includes(id) ? f.sourceIds.filter((x) => x !== id) : [...f.sourceIds, id] });

  return (
    <div className="det-terms">
      <fieldset>
        <legend>{t('det.field.basis')}</legend>
        <SelectField
          label={t('det.field.basisKind')}
          value={f.basisKind}
          onChange={(v) => set({ basisKind: v === 'reason' || v === 'derived' ? v : 'catalogue' })}
          options={[
            { value: 'catalogue', label: t('det.basisKind.catalogue') },
            { value: 'reason', label: t('det.basisKind.reason') },
            { value: 'derived', label: t('det.basisKind.derived') },
          ]}
        />
        {f.basisKind === 'catalogue' && (
          <SelectField
            label={t('det.field.catalogueEntry')}
            value={f.entryKey}
            onChange={(key) => onChange(withEntry(f, catalogue.find((v) => entryKeyOf(v) === key)))}
            options={[{ value: '', label: t('det.choose') }, ...catalogue.map((v) => ({ value: entryKeyOf(v), label: catalogueLine(v, t) }))]}
            hint={cited ? t('det.hint.scopeHint', { hint: cited.scopeHint || t('det.none') }) : t('det.hint.catalogue')}
          />
        )}
        {f.basisKind === 'reason' && <TextAreaField label={t('det.field.reasonBasis')} value={f.reason} onChange={(reason) => set({ reason })} />}
        {f.basisKind === 'derived' && (
          <div role="group" aria-label={t('det.field.sources')} className="det-sources">
            {sources.length === 0 && <p className="field-hint">{t('det.hint.noSources')}</p>}
            {sources.map((s) => (
              <CheckboxField key={s.id} label={`${s.title}（${s.marking}）`} checked={f.sourceIds.includes(s.id)} onChange={() => toggleSource(s.id)} />
            ))}
            {onDerive && (
              <button type="button" className="button-secondary" disabled={f.sourceIds.length === 0} onClick={() => onDerive(f.sourceIds)}>
                {t('det.action.derive')}
              </button>
            )}
          </div>
        )}
      </fieldset>

      <SelectField label={t('det.field.level')} value={f.level} onChange={(v) => setLevel(levels.find((l) => l === v) ?? f.level)} options={levels.map((l) => ({ value: l, label: levelLabel(l, t) }))} />

      <fieldset>
        <legend>{t('det.field.period')}</legend>
        <SelectField
          label={t('det.field.periodKind')}
          value={f.periodKind}
          onChange={(v) => set({ periodKind: periodKindsFor(f.level).find((k) => k === v) ?? f.periodKind })}
          options={periodKindsFor(f.level).map((k) => ({ value: k, label: t(`det.periodKind.${k}`) }))}
          hint={max !== null ? t('det.hint.maxYears', { max }) : t('det.hint.workSecretPeriod')}
        />
        <PeriodValue f={f} set={set} />
        {f.periodFrom && <p className="field-hint">{t('det.hint.periodFrom', { date: f.periodFrom })}</p>}
        {(over || f.longerPeriodBasis) && (
          <TextField
            label={t('det.field.longerPeriodBasis')}
            value={f.longerPeriodBasis}
            onChange={(longerPeriodBasis) => set({ longerPeriodBasis })}
            hint={over ? t('det.hint.longerRequired', { max: max ?? 0 }) : t('det.hint.longerNotNeeded')}
          />
        )}
      </fieldset>

      <ScopeFields people={people} value={f.scope} onChange={(scope) => set({ scope })} />

      <p className="det-marking" role="status" aria-live="polite">
        {t('det.marking.preview')}
        <strong>{periodMissing ? t('det.marking.periodMissing') : marking || t('det.marking.none')}</strong>
      </p>
    </div>
  );
}

function PeriodValue({ f, set }: { f: TermsForm; set: (p: Partial<TermsForm>) => void }) {
  const t = useT();
  const kind: Period['kind'] = f.periodKind;
  switch (kind) {
    case 'years':
      return <TextField label={t('det.field.years')} inputMode="numeric" value={f.years} onChange={(years) => set({ years })} />;
    case 'months':
      return <TextField label={t('det.field.months')} inputMode="numeric" value={f.months} onChange={(months) => set({ months })} />;
    case 'until':
      return <TextField label={t('det.field.until')} type="date" value={f.until} onChange={(until) => set({ until })} />;
    case 'condition':
      return <TextAreaField label={t('det.field.condition')} value={f.condition} onChange={(condition) => set({ condition })} />;
    case 'none':
      return null;
    default:
      return assertNever(kind);
  }
}
