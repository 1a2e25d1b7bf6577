import { useCallback, useEffect, useState } from 'react';
import type { LedgerFilters, LedgerSort, SavedFilter } from '../../../shared/ledger/ledgerView';
import type { Refusal } from '../../../shared/result';
import { useT, type Translate } from '../../i18n';
import { TextField } from '../../ui/TextField';
import type { SavedFiltersRepo } from '../../db/savedFilters.repo';
import { Done, LedgerAlert } from './fields';
import { kindLabel, levelLabel, statusLabel, type PeopleIndex } from './ledgerText';

/**
 * 已存筛选: save the table's current filter, search and sort under a name, and apply or delete the
 * account's saved ones. Stored encrypted, per account (savedFilters.repo.ts).
 */
export function SavedFilters({
  repo,
  filters,
  sort,
  people,
  onApply,
}: {
  repo: SavedFiltersRepo;
  filters: Required<LedgerFilters>;
  sort: LedgerSort;
  people: PeopleIndex;
  onApply: (f: SavedFilter) => void;
}) {
  const t = useT();
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const r = await repo.list();
    if (r.ok) setSaved(r.value);
    else setRefusal(r.error);
  }, [repo]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const save = async () => {
    setBusy(true);
    setDone(null);
    const r = await repo.save(name, filters, sort);
    setBusy(false);
    if (!r.ok) {
      setRefusal(r.error);
      return;
    }
    setRefusal(null);
    setName('');
    setDone(t('lv.saved.done', { name: r.value.name }));
    await refresh();
  };

  const remove = async (f: SavedFilter) => {
    setDone(null);
    const r = await repo.remove(f.id);
    setRefusal(r.ok ? null : r.error);
    if (r.ok) setDone(t('lv.saved.deletedDone', { name: f.name }));
    await refresh();
  };

  return (
    <section className="saved-filters" aria-labelledby="saved-filters-title">
      <h2 id="saved-filters-title">{t('lv.saved.heading')}</h2>
      <form
        className="saved-filters-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField label={t('lv.saved.name')} value={name} onChange={setName} hint={t('lv.saved.nameHint')} />
        <button type="submit" className="button-secondary" disabled={busy}>
          {busy ? t('lv.saved.working') : t('lv.saved.save')}
        </button>
      </form>
      <LedgerAlert refusal={refusal} />
      {done && <Done>{done}</Done>}
      {saved.length === 0 ? (
        <p className="placeholder-note">{t('lv.saved.none')}</p>
      ) : (
        <ul className="saved-filter-list" aria-label={t('lv.saved.listLabel')}>
          {saved.map((f) => (
            <li key={f.id}>
              <span className="saved-filter-name">{f.name}</span>
              <span className="saved-filter-summary">{describeView(f.filters, f.sort, people, t)}</span>
              <button
                type="button"
                className="button-secondary"
                aria-label={t('lv.saved.applyNamed', { name: f.name })}
                onClick={() => {
                  onApply(f);
                  setRefusal(null);
                  setDone(t('lv.saved.appliedDone', { name: f.name }));
                }}
              >
                {t('lv.saved.apply')}
              </button>
              <button type="button" className="button-link" aria-label={t('lv.saved.deleteNamed', { name: f.name })} onClick={() => void remove(f)}>
                {t('lv.saved.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A saved view in one line: what it narrows to and how it is ordered. */
export function describeView(f: Required<LedgerFilters>, sort: LedgerSort, people: PeopleIndex, t: Translate): string {
  const parts: string[] = [];
  if (f.level !== 'all') parts.push(levelLabel(f.level, t));
  if (f.kind !== 'all') parts.push(kindLabel(f.kind, t));
  if (f.status === 'overdue') parts.push(t('ledger.filter.overdue'));
  else if (f.status === 'pending') parts.push(t('ledger.filter.pending'));
  else if (f.status !== 'all') parts.push(statusLabel(f.status, t));
  if (f.custodian !== 'all') parts.push(people.get(f.custodian)?.name ?? t('ledger.person.unknown'));
  if (f.department !== 'all') parts.push(f.department);
  if (f.place !== 'all') parts.push(f.place);
  if (f.registeredFrom || f.registeredTo) parts.push(t('lv.saved.dates', { from: f.registeredFrom || '…', to: f.registeredTo || '…' }));
  if (f.dueBy) parts.push(t('lv.saved.dueBy', { date: f.dueBy }));
  if (f.query.trim()) parts.push(t('lv.saved.search', { query: f.query.trim() }));
  const what = parts.length === 0 ? t('lv.saved.all') : parts.join(t('list.separator'));
  return t('lv.saved.summary', { what, order: sortText(sort, t) });
}

export function sortText(sort: LedgerSort, t: Translate): string {
  if (!sort) return t('lv.sort.default');
  return t('lv.sort.status', { column: t(`ledger.field.${sort.column}`), direction: t(`lv.sort.${sort.direction}`) });
}
