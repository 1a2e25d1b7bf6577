import { act } from 'react';
import { expect } from 'vitest';
import { LedgerPage } from '../../renderer/features/ledger/LedgerPage';
import { createLedgerServices, LedgerServicesProvider, type LedgerServices } from '../../renderer/features/ledger/ledgerServices';
import { createSessionStore } from '../../renderer/session/session.store';
import { SessionProvider } from '../../renderer/session/SessionContext';
import { queryAllByRole, render, textOf, waitFor } from './dom';
import { createFakeApi, FakeLedgerStore } from './fakes';
import type { TestLedger, TestSession } from './ledgerVault';

/** The ledger module as `who` sees it, over the given services; returns at once (still loading). */
export async function mountLedgerPage(services: LedgerServices, who: TestSession): Promise<HTMLElement> {
  const session = createSessionStore(new FakeLedgerStore(), createFakeApi());
  session.setState({ phase: 'unlocked', session: { ...who, unit: { name: '某单位', code: 'BM-01' } } as never });
  return render(
    <SessionProvider store={session}>
      <LedgerServicesProvider services={services}>
        <LedgerPage />
      </LedgerServicesProvider>
    </SessionProvider>,
  );
}

/** The ledger module as `who` sees it on a real encrypted database, once it has read the ledger. */
export async function renderLedgerPage(l: TestLedger, who: TestSession): Promise<HTMLElement> {
  const c = await mountLedgerPage(createLedgerServices(l.as(who)), who);
  await waitFor(() => expect(queryAllByRole(c, 'status').some((s) => s.textContent === '正在读取台账…')).toBe(false));
  return c;
}

/** A select found by its visible label. */
export function selectLabelled(scope: HTMLElement, label: string): HTMLSelectElement {
  const l = [...scope.querySelectorAll('label')].find((x) => x.textContent?.trim() === label);
  const select = l ? document.getElementById(l.htmlFor) : null;
  if (!(select instanceof HTMLSelectElement)) throw new Error(`no select labelled ${label}:\n${textOf(scope)}`);
  return select;
}

/** Picks the option whose text starts with (or, `exact`, is) `optionText`, the way a person does. */
export async function choose(scope: HTMLElement, label: string, optionText: string, { exact = false } = {}): Promise<void> {
  const select = selectLabelled(scope, label);
  const option = [...select.options].find((o) => (exact ? o.text === optionText : o.text.startsWith(optionText)));
  if (!option) throw new Error(`no option ${optionText} in ${label}: ${[...select.options].map((o) => o.text).join(' | ')}`);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, option.value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
