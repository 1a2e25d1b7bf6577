import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Person } from '../../../shared/ledger/people';
import type { Refusal } from '../../../shared/result';
import type { BatchDoc, ListDoc } from '../../db/destructionAccess';
import type { PeopleRepo } from '../../db/people.repo';
import type { DestructionServices } from './destructionServices';

export interface DestructionData {
  batches: BatchDoc[];
  lists: ListDoc[];
  people: Person[];
  peopleById: ReadonlyMap<string, Person>;
  loading: boolean;
  refusal: Refusal | null;
  reload(): Promise<void>;
}

/**
 * The batches, the two lists and the people directory, loaded when the module opens and again
 * after each change; decrypted into memory here and dropped with the screen at lock.
 */
export function useDestructionData(services: DestructionServices, people: PeopleRepo | null): DestructionData {
  const [batches, setBatches] = useState<BatchDoc[]>([]);
  const [lists, setLists] = useState<ListDoc[]>([]);
  const [persons, setPersons] = useState<Person[]>([]);
  const [loading, setLoading] = useState(true);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const reload = useCallback(async () => {
    const [b, l, p] = await Promise.all([services.destruction.list(), services.destruction.lists(), people ? people.list() : Promise.resolve(null)]);
    const failed = [b, l, p].find((r) => r !== null && !r.ok);
    setRefusal(failed && !failed.ok ? failed.error : null);
    if (b.ok) setBatches(b.value);
    if (l.ok) setLists(l.value);
    if (p?.ok) setPersons(p.value);
    setLoading(false);
  }, [services, people]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const peopleById = useMemo(() => new Map(persons.map((x) => [x.id, x])), [persons]);
  return { batches, lists, people: persons, peopleById, loading, refusal, reload };
}
