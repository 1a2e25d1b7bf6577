import type { CarrierState, Party } from '../../../shared/ledger/carrier';
import type { InventoryState } from '../../../shared/ledger/inventory';
import type { Person } from '../../../shared/ledger/people';
import type { PrintDocument } from '../../../shared/print/document';
import { inventoryDocument } from '../../../shared/print/inventoryDocument';
import { localDate } from '../../db/ledgerAccess';
import { formatLocalTime } from '../../i18n';

/** A person of the directory by name, an outside unit as named: the paper is Chinese whatever the screen's language. */
export function paperPartyName(p: Party, people: ReadonlyMap<string, Person>): string {
  return p.kind === 'person' ? (people.get(p.personId)?.name ?? '?') : p.name;
}

/**
 * The printout of a closed inventory (清查结果), with titles and levels from the carriers in
 * memory (the result itself keeps neither). Opened with usePrint()?.printTable(...).
 */
export function inventoryPrintout(inventory: InventoryState, startedBy: string, carriers: readonly CarrierState[], people: ReadonlyMap<string, Person>, unitName: string): PrintDocument | null {
  if (!inventory.result) return null;
  const byId = new Map(carriers.map((c) => [c.id, c]));
  return inventoryDocument({
    inventory,
    result: inventory.result,
    startedBy,
    carrier: (id) => byId.get(id),
    partyName: (p) => paperPartyName(p, people),
    localTime: formatLocalTime,
    unitName,
    date: localDate(new Date()),
  });
}
