/**
 * Every schema version the app has shipped, as it was declared: copied here, never imported from
 * renderer/db/schema.ts, so that a later change to the live schema cannot quietly change what
 * "version 2" means in these tests (STYLE.md, Dexie). `harness.test.ts` checks that the newest
 * entry adds up to the live schema exactly, so a new version that is not added here fails the suite.
 *
 * Adding a version: append `{ version, stores }` with the tables it adds or changes (Dexie's
 * declaration strings, as in schema.ts), and — when its upgrade transforms rows — `fixture` (rows
 * in the previous version's shape) and `check` (what the upgrade must have made of them).
 */
export interface SchemaStep {
  version: number;
  /** The tables this version adds or redeclares (null deletes one). */
  stores: Record<string, string | null>;
  /** Rows in the previous version's shape that this version's upgrade transforms, by table. */
  fixture?: () => Record<string, unknown[]>;
  /** Checks, on the upgraded database, what the upgrade made of `fixture`. */
  check?: (read: (table: string) => Promise<unknown[]>) => Promise<void>;
}

export const SCHEMA_HISTORY: readonly SchemaStep[] = [
  {
    // 2026-11-21: meta, key slots, accounts, the audit chain, sealed events, settings.
    version: 1,
    stores: { meta: '&key', keyslots: '&slotId, accountId', accounts: '&id, status', audit: '&seq, at', auditSealed: '++id', settings: '&key' },
  },
  {
    // 2026-11-21: the carrier ledger (issue 3). New tables only.
    version: 2,
    stores: {
      people: '&id, status, clearance',
      carriers: '&id, status, level, kind, custodianId, registeredAt, updatedAt, dueOn, &regToken, *docTokens',
      carrierEvents: '&id, [carrierId+seq], at',
      approvals: '&id, carrierId, status',
      counters: '&id',
      inventories: '&id, status, startedAt',
      savedFilters: '&id',
    },
  },
  {
    // 2026-11-21: determinations (issue 4). New tables only.
    version: 4,
    stores: { catalogue: '&id, entryId, &[entryId+version]', determinations: '&id, status, proposal, updatedAt, *carrierIds', determinationRecords: '&id, &[determinationId+seq], at' },
  },
  {
    // 2026-11-21: printouts (issue 5). New tables only.
    version: 5,
    stores: { printouts: '&id, at, kind', printoutChunks: '&[printoutId+n], printoutId' },
  },
  {
    // 2026-11-22: destruction (issue 5). New tables only.
    version: 6,
    stores: {
      destructionBatches: '&id, status, updatedAt, *carrierIds',
      decommissions: '&id, carrierId, status, updatedAt',
      destructionEvents: '&id, &[subjectId+seq], at',
      destructionLists: '&id, kind',
      certificateScans: '&id, batchId, at',
      certificateScanChunks: '&[scanId+n], scanId',
    },
  },
  {
    // 2026-11-21: data exchange (issue 6). New tables only.
    version: 7,
    stores: { exchangeLog: '&id, at', bureauUnits: '&id', bureauImports: '&id, unitId', bureauRecords: '&id, unitId, [unitId+part]', policyItems: '&id, kind' },
  },
];

/** The tables as declared at `version`: every step up to it, later declarations winning. */
export function storesAt(version: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const step of SCHEMA_HISTORY) {
    if (step.version > version) break;
    for (const [name, decl] of Object.entries(step.stores)) {
      if (decl === null) delete out[name];
      else out[name] = decl;
    }
  }
  return out;
}
