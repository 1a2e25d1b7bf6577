import { authorize } from '../../shared/auth/permissions';
import { completeFilters, completeSort, validateSavedFilterName, type LedgerFilters, type LedgerSort, type SavedFilter } from '../../shared/ledger/ledgerView';
import { ok, refuse, type Result } from '../../shared/result';
import { defineEncryptedTable } from './encryptedTable';
import { asRow, StaleError, withVault, type VaultSource } from './ledgerAccess';
import type { Vault } from './ledgerStore';
import type { SavedFilterRow } from './schema';

/**
 * 已存筛选: each account's named views of the ledger (filter, search and sort), in the
 * `savedFilters` table that SCHEMA_V2 reserved. Only the random id is in the clear; the account,
 * the name and the view are encrypted, so a copy of the disk does not show who keeps which view.
 * An account sees, applies and deletes only its own. Anyone who may read the ledger may keep views.
 */
const savedFiltersTable = defineEncryptedTable<SavedFilter, never>('savedFilters', []);

export class SavedFiltersRepo {
  constructor(private readonly source: VaultSource) {}

  /** This account's saved views, by name (Chinese collation). */
  list(): Promise<Result<SavedFilter[]>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      return ok((await readOwn(v)).map((x) => x.doc));
    });
  }

  /** Keeps the view under a name; an empty, too long or already used name is refused and nothing is written. */
  save(name: string, filters: LedgerFilters, sort: LedgerSort): Promise<Result<SavedFilter>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      const before = await v.db.savedFilters.toCollection().primaryKeys();
      const own = await readOwn(v);
      const valid = validateSavedFilterName(name, own.map((x) => x.doc));
      if (!valid.ok) return valid;
      const doc: SavedFilter = {
        id: crypto.randomUUID(),
        accountId: v.session.accountId,
        name: valid.value,
        filters: completeFilters(filters),
        sort: completeSort(sort),
        savedAt: v.now().toISOString(),
      };
      const row = (await savedFiltersTable.toRow(v.cipher, doc)) as unknown as SavedFilterRow;
      await v.commit([v.db.savedFilters], async () => {
        // Another save in between could have taken the name: the names were checked on `before`.
        if (!sameKeys(await v.db.savedFilters.toCollection().primaryKeys(), before)) throw new StaleError('savedFilters');
        await v.db.savedFilters.add({ id: row.id, ct: row.ct });
      }, [{ action: 'ledger.filterSaved', detail: { filterId: doc.id, name: doc.name } }]);
      return ok(doc);
    });
  }

  /** Deletes one of this account's views (another account's is refused as not found). */
  remove(id: string): Promise<Result<void>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'carrier.read');
      if (!allowed.ok) return allowed;
      const mine = (await readOwn(v)).find((x) => x.doc.id === id);
      if (!mine) return refuse('SAVED_FILTER_NOT_FOUND');
      await v.commit([v.db.savedFilters], async () => {
        const current = await v.db.savedFilters.get(id);
        if (!current) throw new StaleError('savedFilters');
        await v.db.savedFilters.delete(id);
      }, [{ action: 'ledger.filterDeleted', detail: { filterId: id, name: mine.doc.name } }]);
      return ok(undefined);
    });
  }
}

async function readOwn(v: Vault): Promise<{ doc: SavedFilter }[]> {
  const rows = await v.db.savedFilters.toArray();
  const docs = await Promise.all(rows.map((r) => savedFiltersTable.fromRow(v.cipher, asRow(r))));
  const byName = new Intl.Collator('zh-CN', { numeric: true });
  return docs
    .filter((d) => d.accountId === v.session.accountId)
    .map((d) => ({ doc: { ...d, filters: completeFilters(d.filters), sort: completeSort(d.sort) } }))
    .sort((a, b) => byName.compare(a.doc.name, b.doc.name));
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}
