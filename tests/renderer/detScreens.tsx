import { act } from 'react';
import { expect } from 'vitest';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { DeterminationsRepo } from '../../renderer/db/determinations.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import { DeterminationsPage } from '../../renderer/features/determinations/DeterminationsPage';
import { createDeterminationServices, DeterminationServicesProvider } from '../../renderer/features/determinations/determinationServices';
import { createLedgerServices, LedgerServicesProvider } from '../../renderer/features/ledger/ledgerServices';
import type { Terms } from '../../shared/determination/terms';
import type { CarrierRecord, CarrierState } from '../../shared/ledger/carrier';
import type { Result } from '../../shared/result';
import { click, getByRole, queryByRole, render, textOf, waitFor } from './dom';
import { testLedger, type TestLedger, type TestSession } from './ledgerVault';
import { renderLedgerPage } from './ledgerScreen';

/**
 * Shared set-up for the 定密 screen tests: sessions with the business roles, a real encrypted store,
 * the module rendered as one of them, and the few steps done through the repositories (set-up a
 * test is not about).
 */
export const AS = {
  clerk: { accountId: 'acc-clerk', username: 'sunbm', displayName: '孙保密', roles: ['clerk'] },
  handler: { accountId: 'acc-li', username: 'lich', displayName: '李承办', roles: ['handler'] },
  handler2: { accountId: 'acc-wang', username: 'wangcb', displayName: '王承办', roles: ['handler'] },
  determiner: { accountId: 'acc-zhang', username: 'zhangdm', displayName: '张定密', roles: ['determiner'] },
  both: { accountId: 'acc-qian', username: 'qianjr', displayName: '钱兼任', roles: ['handler', 'determiner'] },
} satisfies Record<string, TestSession>;

export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

export const det = (l: TestLedger, who: TestSession) => new DeterminationsRepo(l.as(who));

/**
 * A look at (or a step on) the store while a screen is mounted: inside act(), so a screen's reload
 * that settles meanwhile is applied as React expects.
 */
export function read<T>(step: () => Promise<T>): Promise<T> {
  return act(step);
}

/** The 定密 module as `who` sees it. Renders beside what is already mounted (two people at once). */
export async function renderDet(l: TestLedger, who: TestSession): Promise<HTMLElement> {
  const c = await render(
    <LedgerServicesProvider services={createLedgerServices(l.as(who))}>
      <DeterminationServicesProvider services={createDeterminationServices(l.as(who))}>
        <DeterminationsPage />
      </DeterminationServicesProvider>
    </LedgerServicesProvider>,
  );
  await waitFor(() => expect(queryByRole(c, 'status', { name: /正在读取|Loading/ })).toBeNull());
  return c;
}

/** The ledger module as `who` sees it (for a carrier's timeline). */
export const renderLedger = (l: TestLedger, who: TestSession): Promise<HTMLElement> => renderLedgerPage(l, who);

/** Opens a determination from the 定密事项 list. */
export async function openFromList(c: HTMLElement, title: string): Promise<void> {
  await click(getByRole(c, 'button', { name: '定密事项' }));
  await click(getByRole(c, 'button', { name: `查看：${title}` }));
  await waitFor(() => getByRole(c, 'heading', { name: title }));
}

export function control(scope: HTMLElement, label: string): HTMLSelectElement | HTMLTextAreaElement | HTMLInputElement {
  const l = [...scope.querySelectorAll('label')].find((x) => textOf(x) === label);
  const el = l ? document.getElementById(l.htmlFor) : null;
  if (el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el;
  throw new Error(`no field labelled ${label}:\n${textOf(scope)}`);
}

/** Sets a select (by the start of an option's text), a textarea or a text field, as a person would. */
export async function set(scope: HTMLElement, label: string, value: string): Promise<void> {
  const el = control(scope, label);
  await act(async () => {
    if (el instanceof HTMLSelectElement) {
      const option = [...el.options].find((o) => o.text.startsWith(value));
      if (!option) throw new Error(`no option ${value} in ${label}: ${[...el.options].map((o) => o.text).join(' | ')}`);
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(el, option.value);
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
}

/** The text of the one visible refusal. */
export const alertText = async (c: HTMLElement) => textOf(await waitFor(() => getByRole(c, 'alert')));

/** The history table's rows, each as its cells joined by " | " (time left out). */
export function history(c: HTMLElement): string[] {
  const region = getByRole(c, 'heading', { name: '办理记录' }).parentElement ?? c;
  return [...region.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')]
      .filter((_, i) => i !== 1)
      .map((td) => textOf(td))
      .filter(Boolean)
      .join(' | '),
  );
}

export const terms = (over: Partial<Terms> = {}): Terms => ({
  level: 'secret',
  period: { kind: 'years', years: 10 },
  scope: { personIds: [], posts: ['办公室主任'], departments: [], units: [] },
  basis: { kind: 'reason', text: '涉及专项检查部署' },
  ...over,
});

/** Drafted by 李承办 and approved by 张定密 through the repositories: a live determination. */
export async function decided(l: TestLedger, title: string, t: Terms, carrierIds: string[] = []): Promise<string> {
  const d = must(await det(l, AS.handler).draft({ title, processDraft: false, carrierIds }, t));
  must(await det(l, AS.determiner).act(d.state.id, { type: 'approve', opinion: '' }));
  return d.state.id;
}

export const PAPER: CarrierRecord = {
  title: '专项检查方案（印制稿）',
  docNumber: '',
  level: 'confidential',
  period: { kind: 'years', years: 10 },
  scope: { personIds: [], posts: ['保密员'], departments: [], units: [] },
  copyNumber: '000001',
  details: { kind: 'paper', pages: 4 },
  origin: { kind: 'produced', department: '办公室' },
  note: '',
};

/** A store with 孙保密 in the people directory, and a way to register carriers kept by him. */
export async function unit(start = '2026-11-21T09:00:00+08:00') {
  const l = await testLedger(start);
  const keeper = must(await new PeopleRepo(l.as(AS.clerk)).create({ name: '孙保密', department: '办公室', post: '保密员', clearance: 'core', status: 'active', username: 'sunbm' }));
  const carriers = new CarriersRepo(l.as(AS.clerk));
  const register = async (record: CarrierRecord = PAPER): Promise<CarrierState> => {
    const [c] = must(await carriers.register({ record, custodianId: keeper.id, place: '保密柜1号' }));
    if (!c) throw new Error('nothing registered');
    return c;
  };
  return { l, carriers, register };
}

/** How many records the determination has in the store (nothing half-written after a refusal). */
export async function recordCount(l: TestLedger, id: string): Promise<number> {
  return must(await read(() => det(l, AS.clerk).get(id))).records.length;
}
