import type { ComponentType } from 'react';
import { authorize, type Action } from '../../../shared/auth/permissions';
import type { MessageKey } from '../../i18n';
import { AdminPage } from '../admin/AdminPage';
import { AuditPage } from '../audit/AuditPage';
import { DataSafetyPage } from '../dataSafety/DataSafetyPage';
import { DestructionPage } from '../destruction/DestructionPage';
import { DeterminationsPage } from '../determinations/DeterminationsPage';
import { ExchangePage } from '../exchange/ExchangePage';
import { LedgerPage } from '../ledger/LedgerPage';

/**
 * The modules of the left navigation, in the order a secrecy office works through them. Each is
 * shown to an account whose roles allow at least one of its `actions` (shared/auth/permissions);
 * what the module then does is checked again, action by action, in the domain layer.
 */
export const SECTIONS = [
  { id: 'ledger', label: 'nav.ledger', Page: LedgerPage, actions: ['carrier.read'] },
  { id: 'determinations', label: 'nav.determinations', Page: DeterminationsPage, actions: ['determination.draft', 'determination.decide', 'catalogue.edit'] },
  { id: 'destruction', label: 'nav.destruction', Page: DestructionPage, actions: ['destruction.request', 'destruction.prepare', 'destruction.decide'] },
  { id: 'exchange', label: 'nav.exchange', Page: ExchangePage, actions: ['exchange.export', 'exchange.import'] },
  { id: 'audit', label: 'nav.audit', Page: AuditPage, actions: ['audit.read'] },
  { id: 'admin', label: 'nav.admin', Page: AdminPage, actions: ['account.create', 'account.assignRoles', 'policy.update'] },
  { id: 'dataSafety', label: 'nav.dataSafety', Page: DataSafetyPage, actions: ['store.backup', 'store.restore', 'store.integrityCheck'] },
] as const satisfies readonly { id: string; label: MessageKey; Page: ComponentType; actions: readonly Action[] }[];

export type Section = (typeof SECTIONS)[number];

/** The modules an account with these roles may open. */
export function sectionsFor(roles: readonly string[]): Section[] {
  return SECTIONS.filter((s) => s.actions.some((a: Action) => authorize(roles, a).ok));
}

export type SectionId = (typeof SECTIONS)[number]['id'];
export const DEFAULT_SECTION: SectionId = 'ledger';
