import { PlaceholderPage } from '../../ui/PlaceholderPage';

/** 销毁: destruction requests, approval and lists. */
export function DestructionPage() {
  return <PlaceholderPage title="nav.destruction" note="page.destruction.note" />;
}
