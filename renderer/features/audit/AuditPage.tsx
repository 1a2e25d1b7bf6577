import { PlaceholderPage } from '../../ui/PlaceholderPage';

/** 审计: the audit trail, for the 安全审计员. */
export function AuditPage() {
  return <PlaceholderPage title="nav.audit" note="page.audit.note" />;
}
