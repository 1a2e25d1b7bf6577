import { PlaceholderPage } from '../../ui/PlaceholderPage';

/** 系统管理: accounts, roles and security policies (三员). */
export function AdminPage() {
  return <PlaceholderPage title="nav.admin" note="page.admin.note" />;
}
