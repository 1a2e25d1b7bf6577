import { useCallback, useEffect, useState } from 'react';
import type { Refusal } from '../../../shared/result';
import type { AccountView } from '../../db/storeApi';
import { useSession } from '../../session/SessionContext';

/** The account list for the administrators' screens, and a way to read it again after a change. */
export function useAccounts() {
  const admin = useSession((s) => s.admin);
  const [accounts, setAccounts] = useState<AccountView[] | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const reload = useCallback(async () => {
    const r = await admin.listAccounts();
    if (r.ok) {
      setAccounts(r.value);
      setRefusal(null);
    } else {
      setRefusal(r.error);
    }
  }, [admin]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { accounts, refusal, reload };
}
