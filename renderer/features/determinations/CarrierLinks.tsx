import { useEffect, useState } from 'react';
import type { DeterminationState } from '../../../shared/determination/records';
import type { CarrierState } from '../../../shared/ledger/carrier';
import { levelRank, marking } from '../../../shared/ledger/classification';
import { useT } from '../../i18n';
import { TextField } from '../../ui/TextField';
import { useSubmit } from '../../ui/useSubmit';
import type { DeterminationsRepo } from '../../db/determinations.repo';
import { useLedgerServices } from '../ledger/ledgerServices';
import { DetAlert, DetTable } from './detUi';

/**
 * The carriers of the ledger a determination covers (a document and all its copies), and — for a
 * handler — linking more by registry number or 文号. A carrier whose ledger level is below the
 * determination's is flagged: the ledger must not keep it lower.
 */
export function CarrierLinks({ state, repo, canLink, onDone }: { state: DeterminationState; repo: DeterminationsRepo; canLink: boolean; onDone: () => Promise<void> }) {
  const t = useT();
  const ledger = useLedgerServices();
  const [linked, setLinked] = useState<CarrierState[]>([]);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CarrierState[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const search = useSubmit();
  const link = useSubmit();
  const ids = state.subject.carrierIds.join(',');

  useEffect(() => {
    if (!ledger) return;
    let live = true;
    void Promise.all(ids.split(',').filter(Boolean).map((id) => ledger.carriers.history(id))).then((rs) => {
      if (live) setLinked(rs.flatMap((r) => (r.ok ? [r.value.state] : [])));
    });
    return () => {
      live = false;
    };
  }, [ledger, ids]);

  if (!ledger) return null;
  const level = state.inForce?.terms.level ?? (state.proposal && state.proposal.procedure !== 'declassify' ? state.proposal.terms.level : null);
  const below = (c: CarrierState) => level !== null && levelRank(c.level) < levelRank(level);
  const toggle = (id: string) => setChosen(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);

  return (
    <div className="det-carriers">
      {linked.length > 0 && (
        <DetTable actions={false} columns={[t('det.carriers.number'), t('det.col.title'), t('det.carriers.ledgerMarking')]}>
          {linked.map((c) => (
            <tr key={c.id}>
              <td>{c.registryNumber}</td>
              <td>{c.title}</td>
              <td className={below(c) ? 'det-below' : undefined}>
                {marking(c.level, c.period) || t('det.marking.none')}
                {below(c) && <span className="det-sub">{t('det.carriers.below')}</span>}
              </td>
            </tr>
          ))}
        </DetTable>
      )}
      {canLink && (
        <form
          className="det-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void search.run(
              () => ledger.carriers.findByNumber(query),
              (cs) => {
                setFound(cs.filter((c) => !state.subject.carrierIds.includes(c.id)));
                setChosen([]);
              },
            );
          }}
        >
          <TextField label={t('det.carriers.query')} value={query} onChange={setQuery} hint={t('det.carriers.queryHint')} />
          <button type="submit" className="button-secondary" disabled={search.busy}>
            {t('det.carriers.search')}
          </button>
        </form>
      )}
      {canLink && found !== null && (
        <div role="group" aria-label={t('det.carriers.found')}>
          {found.length === 0 && <p className="det-empty">{t('det.carriers.none')}</p>}
          {found.map((c) => (
            <label key={c.id} className="checkbox">
              <input type="checkbox" checked={chosen.includes(c.id)} onChange={() => toggle(c.id)} />
              <span>{t('det.carriers.option', { number: c.registryNumber, title: c.title, marking: marking(c.level, c.period) || t('det.marking.none') })}</span>
            </label>
          ))}
          {found.length > 0 && (
            <button
              type="button"
              className="button-primary"
              disabled={link.busy || chosen.length === 0}
              onClick={() =>
                void link.run(
                  () => repo.act(state.id, { type: 'linkCarriers', carrierIds: chosen }, state.seq),
                  async () => {
                    setFound(null);
                    setQuery('');
                    await onDone();
                  },
                )
              }
            >
              {t('det.carriers.link')}
            </button>
          )}
        </div>
      )}
      <DetAlert refusal={search.refusal ?? link.refusal} />
    </div>
  );
}
