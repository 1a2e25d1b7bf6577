import type { ComponentType } from 'react';
import type { MessageKey } from '../../i18n';
import { AdminPage } from '../admin/AdminPage';
import { AuditPage } from '../audit/AuditPage';
import { DestructionPage } from '../destruction/DestructionPage';
import { DeterminationsPage } from '../determinations/DeterminationsPage';
import { ExchangePage } from '../exchange/ExchangePage';
import { LedgerPage } from '../ledger/LedgerPage';

/** The modules of the left navigation, in the order a secrecy office works through them. */
export const SECTIONS = [
  { id: 'ledger', label: 'nav.ledger', Page: LedgerPage },
  { id: 'determinations', label: 'nav.determinations', Page: DeterminationsPage },
  { id: 'destruction', label: 'nav.destruction', Page: DestructionPage },
  { id: 'exchange', label: 'nav.exchange', Page: ExchangePage },
  { id: 'audit', label: 'nav.audit', Page: AuditPage },
  { id: 'admin', label: 'nav.admin', Page: AdminPage },
] as const satisfies readonly { id: string; label: MessageKey; Page: ComponentType }[];

export type SectionId = (typeof SECTIONS)[number]['id'];
export const DEFAULT_SECTION: SectionId = 'ledger';
