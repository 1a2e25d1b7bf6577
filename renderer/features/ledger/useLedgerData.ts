import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CarrierState } from '../../../shared/ledger/carrier';
import type { Person } from '../../../shared/ledger/people';
import type { Refusal } from '../../../shared/result';
import type { ApprovalDoc } from '../../db/ledgerAccess';
import type { LedgerServices } from './ledgerServices';

export interface LedgerData {
  people: Person[];
  peopleById: ReadonlyMap<string, Person>;
  carriers: CarrierState[];
  approvals: ApprovalDoc[];
  loading: boolean;
  refusal: Refusal | null;
  reload(): Promise<void>;
}

/**
 * The ledger as the screens show it, loaded once when the module opens (and again after each
 * change): everything is decrypted into memory here, where filtering and title search run.
 * Unmounting on lock drops it with the keys.
 */
export function useLedgerData(services: LedgerServices): LedgerData {
  const [people, setPeople] = useState<Person[]>([]);
  const [carriers, setCarriers] = useState<CarrierState[]>([]);
  const [approvals, setApprovals] = useState<ApprovalDoc[]>([]);
  const [loading, setLoading] = useState(true);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const reload = useCallback(async () => {
    const [p, c, a] = await Promise.all([services.people.list(), services.carriers.list(), services.approvals.list()]);
    const failed = [p, c, a].find((r) => !r.ok);
    setRefusal(failed && !failed.ok ? failed.error : null);
    if (p.ok) setPeople(p.value);
    if (c.ok) setCarriers(c.value);
    if (a.ok) setApprovals(a.value);
    setLoading(false);
  }, [services]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const peopleById = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);
  return { people, peopleById, carriers, approvals, loading, refusal, reload };
}
