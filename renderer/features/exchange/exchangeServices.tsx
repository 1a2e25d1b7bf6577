import { createContext, useContext, type ReactNode } from 'react';
import { normalizeListName } from '../../../shared/destruction/lists';
import type { DestructionBody } from '../../../shared/exchange/policy';
import { ok, type Result } from '../../../shared/result';
import type { Api } from '../../api';
import { DestructionRepo } from '../../db/destruction.repo';
import { DeterminationsRepo } from '../../db/determinations.repo';
import { BureauRepo } from '../../db/exchange/bureau.repo';
import { ExchangeRepo } from '../../db/exchange/exchange.repo';
import type { VaultSource } from '../../db/ledgerAccess';

/**
 * What the 数据交换 screens work with, made once in main.tsx around the store (each call asks it
 * for the session's vault) and window.api (the file channels). The bureau's catalogue is applied
 * by the determinations module's own function, its destruction bodies through the destruction
 * module's list — the exchange writes neither itself.
 */
export interface ExchangeServices {
  exchange: ExchangeRepo;
  bureau: BureauRepo;
  api: Api;
}

/**
 * The bureau's list of designated bodies made the destruction module's list: bodies it names and
 * the list lacks are added, bodies in force it no longer names are withdrawn. Idempotent.
 */
export function destructionBodiesThrough(repo: DestructionRepo): (bodies: DestructionBody[]) => Promise<Result<unknown>> {
  return async (bodies) => {
    const lists = await repo.lists();
    if (!lists.ok) return lists;
    const wanted = new Set(bodies.map((b) => normalizeListName(b.name)));
    const active = lists.value.filter((e) => e.kind === 'body' && e.withdrawnAt === null);
    for (const name of wanted) {
      if (active.some((e) => e.name === name)) continue;
      const added = await repo.addListEntry('body', name);
      if (!added.ok) return added;
    }
    for (const e of active) {
      if (wanted.has(e.name)) continue;
      const withdrawn = await repo.withdrawListEntry(e.id);
      if (!withdrawn.ok) return withdrawn;
    }
    return ok(undefined);
  };
}

export function createExchangeServices(source: VaultSource, api: Api): ExchangeServices {
  const determinations = new DeterminationsRepo(source);
  const destruction = new DestructionRepo(source);
  return {
    exchange: new ExchangeRepo(source, {
      applyCatalogue: (c) => determinations.applyBureauCatalogue(c),
      applyDestructionBodies: destructionBodiesThrough(destruction),
    }),
    bureau: new BureauRepo(source, { readCatalogue: () => determinations.listCatalogue() }),
    api,
  };
}

const ExchangeServicesContext = createContext<ExchangeServices | null>(null);

export function ExchangeServicesProvider({ services, children }: { services: ExchangeServices; children: ReactNode }) {
  return <ExchangeServicesContext.Provider value={services}>{children}</ExchangeServicesContext.Provider>;
}

/** Null where the app was rendered without them (screens tested on their own). */
export function useExchangeServices(): ExchangeServices | null {
  return useContext(ExchangeServicesContext);
}
