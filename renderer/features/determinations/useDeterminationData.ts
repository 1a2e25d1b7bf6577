import { useCallback, useEffect, useMemo, useState } from 'react';
import { inForce, type CatalogueEntry, type CatalogueVersion } from '../../../shared/determination/catalogue';
import type { DeterminationState } from '../../../shared/determination/records';
import type { ReviewItem } from '../../../shared/determination/review';
import type { Actor } from '../../../shared/determination/transition';
import type { Person } from '../../../shared/ledger/people';
import type { Refusal } from '../../../shared/result';
import type { DeterminationsRepo } from '../../db/determinations.repo';
import type { PeopleRepo } from '../../db/people.repo';

export interface DeterminationData {
  actor: Actor | null;
  states: DeterminationState[];
  byId: ReadonlyMap<string, DeterminationState>;
  catalogue: CatalogueEntry[];
  /** Current versions in force, in catalogue order: what a new draft may cite. */
  citable: CatalogueVersion[];
  review: ReviewItem[];
  people: Person[];
  today: string;
  loading: boolean;
  refusal: Refusal | null;
  reload(): Promise<void>;
}

/**
 * Everything the 定密 screens show, decrypted into memory when the module opens and again after each
 * change. The review queue is asked for first: it records any automatic declassification due, so
 * the lists that follow already show it.
 */
export function useDeterminationData(repo: DeterminationsRepo, peopleRepo: PeopleRepo | null, windowDays: number): DeterminationData {
  const [states, setStates] = useState<DeterminationState[]>([]);
  const [catalogue, setCatalogue] = useState<CatalogueEntry[]>([]);
  const [review, setReview] = useState<ReviewItem[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [loading, setLoading] = useState(true);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const actorResult = repo.actor();
  const actor = actorResult.ok ? actorResult.value : null;

  const reload = useCallback(async () => {
    const q = await repo.reviewQueue({ windowDays });
    const [s, c, p] = await Promise.all([repo.list(), repo.listCatalogue(), peopleRepo ? peopleRepo.list() : Promise.resolve(null)]);
    const failed = [q, s, c].find((r) => !r.ok);
    setRefusal(failed && !failed.ok ? failed.error : null);
    if (q.ok) setReview(q.value);
    if (s.ok) setStates(s.value);
    if (c.ok) setCatalogue(c.value);
    // The people directory is the ledger's: without it, scopes name posts, departments and units only.
    if (p?.ok) setPeople(p.value);
    setLoading(false);
  }, [repo, peopleRepo, windowDays]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const byId = useMemo(() => new Map(states.map((s) => [s.id, s])), [states]);
  const citable = useMemo(() => inForce(catalogue), [catalogue]);
  return { actor, states, byId, catalogue, citable, review, people, today: repo.today(), loading, refusal, reload };
}
