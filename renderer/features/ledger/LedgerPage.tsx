import { PlaceholderPage } from '../../ui/PlaceholderPage';

/** 载体台账: the register of classified carriers and their lifecycle events. */
export function LedgerPage() {
  return <PlaceholderPage title="nav.ledger" note="page.ledger.note" />;
}
