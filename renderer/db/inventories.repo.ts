import { authorize } from '../../shared/auth/permissions';
import type { CarrierState } from '../../shared/ledger/carrier';
import {
  inventoryResult,
  inventoryTransition,
  makeRecall,
  normalizeScan,
  type InventoryEvent,
  type InventoryState,
  type RecallRecord,
} from '../../shared/ledger/inventory';
import { ok, refuse, type Result } from '../../shared/result';
import { defineEncryptedTable } from './encryptedTable';
import { actorOf, asRow, carriersTable, eventsTable, loadPeople, localDate, StaleError, withVault, type VaultSource } from './ledgerAccess';
import type { Vault } from './ledgerStore';
import { sameBytes } from './people.repo';
import type { InventoryRow } from './schema';

/**
 * 清查 and 召回 records share the `inventories` table: an inventory is `open` or `closed`, a recall
 * is stored once with status `recall`. In the clear: the id, that status, and when it started.
 */
export type InventoryDoc =
  | { id: string; kind: 'inventory'; status: 'open' | 'closed'; startedAt: string; startedByName: string; state: InventoryState }
  | { id: string; kind: 'recall'; status: 'recall'; startedAt: string; startedByName: string; recall: RecallRecord };

const inventoriesTable = defineEncryptedTable<InventoryDoc, 'status' | 'startedAt'>('inventories', ['status', 'startedAt']);

export class InventoriesRepo {
  constructor(private readonly source: VaultSource) {}

  /** Inventories and recalls, newest first. */
  list(): Promise<Result<InventoryDoc[]>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      const rows = await v.db.inventories.orderBy('startedAt').reverse().toArray();
      return ok(await Promise.all(rows.map((r) => inventoriesTable.fromRow(v.cipher, asRow(r)))));
    });
  }

  /** Starts an inventory; only one is open at a time. */
  start(note: string): Promise<Result<InventoryState>> {
    return withVault(this.source, async (v) => {
      if ((await v.db.inventories.where('status').equals('open').count()) > 0) return refuse('INVENTORY_ALREADY_OPEN');
      const id = crypto.randomUUID();
      return this.write(v, null, { type: 'started', inventoryId: id, note }, { note: note.trim() });
    });
  }

  /**
   * 找到: a registry number typed or scanned. The number is looked up through its blinded token (the
   * title index is not needed), and a number that is no carrier's is kept as an unexpected scan.
   */
  scan(id: string, registryNumber: string): Promise<Result<InventoryState>> {
    return withVault(this.source, async (v) => {
      const before = await readInventory(v, id);
      if (!before) return refuse('INVENTORY_NOT_FOUND');
      const number = normalizeScan(registryNumber);
      let carrierId: string | null = null;
      if (number) {
        const token = await v.cipher.blind('carrier.registry', number);
        for (const row of await v.db.carriers.where('regToken').equals(token).toArray()) {
          const state = (await carriersTable.fromRow(v.cipher, asRow(row))).state;
          if (normalizeScan(state.registryNumber) === number) carrierId = state.id;
        }
      }
      return this.write(v, before, { type: 'scanned', registryNumber: number, carrierId }, { registryNumber: number, carrierId });
    });
  }

  /** Closes it and keeps the result: found, missing (with the last custodian and last event), unexpected. */
  close(id: string): Promise<Result<InventoryState>> {
    return withVault(this.source, async (v) => {
      const before = await readInventory(v, id);
      if (!before) return refuse('INVENTORY_NOT_FOUND');
      const rows = await v.db.carriers.toArray();
      const carriers: CarrierState[] = await Promise.all(rows.map(async (r) => (await carriersTable.fromRow(v.cipher, asRow(r))).state));
      const result = inventoryResult(before.state, carriers);
      for (const item of result.missing) {
        const last = await v.db.carrierEvents.where('[carrierId+seq]').between([item.carrierId, 0], [item.carrierId, Infinity]).last();
        if (last) {
          const doc = await eventsTable.fromRow(v.cipher, asRow(last));
          item.lastEvent = { type: doc.event.type, at: doc.at };
        }
      }
      return this.write(v, before, { type: 'closed', result }, {
        found: result.found.length,
        missing: result.missing.map((m) => m.registryNumber),
        unexpected: result.unexpected.map((u) => u.registryNumber),
      });
    });
  }

  /** 召回: records everything that is out right now, and by when it must be back. */
  recall(reason: string, returnBy: string): Promise<Result<RecallRecord>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.recall');
      if (!allowed.ok) return allowed;
      const rows = await v.db.carriers.toArray();
      const carriers = await Promise.all(rows.map(async (r) => (await carriersTable.fromRow(v.cipher, asRow(r))).state));
      const now = v.now();
      const actor = actorOf(v.session, await loadPeople(v));
      const made = makeRecall({ id: crypto.randomUUID(), reason, returnBy }, carriers, { at: now.toISOString(), today: localDate(now), actor });
      if (!made.ok) return made;
      const recall = made.value;
      const doc: InventoryDoc = { id: recall.id, kind: 'recall', status: 'recall', startedAt: recall.at, startedByName: v.session.displayName, recall };
      const row = (await inventoriesTable.toRow(v.cipher, doc)) as unknown as InventoryRow;
      await v.commit([v.db.inventories], async () => {
        await v.db.inventories.add(row);
      }, [{ action: 'carrier.recall', detail: { recallId: recall.id, returnBy: recall.returnBy, count: recall.items.length, registryNumbers: recall.items.map((i) => i.registryNumber) } }]);
      return ok(recall);
    });
  }

  private async write(v: Vault, before: Stored | null, event: InventoryEvent, detail: Record<string, unknown>): Promise<Result<InventoryState>> {
    const now = v.now();
    const next = inventoryTransition(before?.state ?? null, event, { at: now.toISOString(), actor: actorOf(v.session, await loadPeople(v)) });
    if (!next.ok) return next;
    const state = next.value;
    const doc: InventoryDoc = { id: state.id, kind: 'inventory', status: state.status, startedAt: state.startedAt, startedByName: v.session.displayName, state };
    const row = (await inventoriesTable.toRow(v.cipher, doc)) as unknown as InventoryRow;
    await v.commit([v.db.inventories], async () => {
      const current = await v.db.inventories.get(state.id);
      // Two scans at once must not both write on the same old state: the second is refused.
      if (before ? !current || !sameBytes(current.ct, before.ct) : current !== undefined) throw new StaleError('inventories');
      await v.db.inventories.put(row);
    }, [{ action: `inventory.${event.type}`, detail: { inventoryId: state.id, ...detail } }]);
    return ok(state);
  }
}

interface Stored {
  state: InventoryState;
  ct: Uint8Array;
}

async function readInventory(v: Vault, id: string): Promise<Stored | null> {
  const row = await v.db.inventories.get(id);
  if (!row) return null;
  const doc = await inventoriesTable.fromRow(v.cipher, asRow(row));
  return doc.kind === 'inventory' ? { state: doc.state, ct: row.ct } : null;
}
