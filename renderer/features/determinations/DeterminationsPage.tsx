import { PlaceholderPage } from '../../ui/PlaceholderPage';

/** 定密: classification decisions, changes and declassification. */
export function DeterminationsPage() {
  return <PlaceholderPage title="nav.determinations" note="page.determinations.note" />;
}
