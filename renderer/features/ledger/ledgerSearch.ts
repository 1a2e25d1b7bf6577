import type { CarrierState } from '../../../shared/ledger/carrier';
import { normalizeDocNumber } from '../../db/ledgerAccess';

/**
 * The in-memory title index (docs/decisions.md, "Carrier ledger": titles are not indexed on disk,
 * not even blinded). Per carrier, what the search box matches: title and registry number folded to
 * lower case, and the 文号 normalized as normalizeDocNumber does. Built once per loaded ledger, in
 * pages as the carriers are decrypted, so that a search is one `includes` per carrier and never
 * normalizes 100,000 文号 again (measured: docs/performance.md).
 */
export type SearchIndex = WeakMap<CarrierState, SearchEntry>;
export type SearchEntry = readonly [text: string, doc: string];

export function searchEntry(c: CarrierState): SearchEntry {
  // U+0000 cannot be typed into the search box, so no query matches across the two fields.
  return [`${c.title.toLowerCase()}\u0000${c.registryNumber.toLowerCase()}`, normalizeDocNumber(c.docNumber)];
}

export function addToIndex(index: SearchIndex, carriers: readonly CarrierState[]): void {
  for (const c of carriers) index.set(c, searchEntry(c));
}

/** Does `c` match the search box's text (`q` lower-cased and trimmed, `qDoc` normalized as a 文号)? */
export function matches(c: CarrierState, q: string, qDoc: string, index?: SearchIndex): boolean {
  const [text, doc] = index?.get(c) ?? searchEntry(c);
  return text.includes(q) || (qDoc !== '' && doc.includes(qDoc));
}
