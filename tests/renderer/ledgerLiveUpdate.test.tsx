import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LedgerPage } from '../../renderer/features/ledger/LedgerPage';
import { createLedgerServices, LedgerServicesProvider, type LedgerServices } from '../../renderer/features/ledger/ledgerServices';
import { createSessionStore } from '../../renderer/session/session.store';
import { SessionProvider } from '../../renderer/session/SessionContext';
import type { CarrierState } from '../../shared/ledger/carrier';
import { approvedBatch, BODY, must, PAPER, SCAN_PDF, unit } from './destructionFixtures';
import { cleanup, click, getByLabel, render, textOf, type, waitFor } from './dom';
import { createFakeApi, FakeLedgerStore } from './fakes';
import { SESSIONS } from './ledgerVault';

afterEach(cleanup);

/**
 * The ledger table on screen while carriers change elsewhere (another module, or the session's
 * automatic declassification): the change shows by itself, the ledger is not read again, and the
 * table keeps its sort, its search and where it was scrolled to.
 */
async function renderLedger(services: LedgerServices): Promise<HTMLElement> {
  const session = createSessionStore(new FakeLedgerStore(), createFakeApi());
  session.setState({ phase: 'unlocked', session: { ...SESSIONS.clerk, unit: { name: '某单位', code: 'BM-01' } } as never });
  return render(
    <SessionProvider store={session}>
      <LedgerServicesProvider services={services}>
        <LedgerPage />
      </LedgerServicesProvider>
    </SessionProvider>,
  );
}

const header = (c: HTMLElement, name: string) => {
  const h = [...c.querySelectorAll<HTMLElement>('[role="columnheader"]')].find((x) => x.querySelector('button')?.firstChild?.textContent === name);
  if (!h) throw new Error(`no column ${name}`);
  return h;
};

const titlesShown = (c: HTMLElement) => [...c.querySelectorAll('.vlist-row .col-title')].map((x) => x.textContent ?? '');

describe('the ledger table while carriers change elsewhere', () => {
  it('shows a destruction closing two carriers and a new registration without reading the ledger again, keeping sort, search and scroll', async () => {
    const u = await unit();
    const made: CarrierState[] = [];
    for (let i = 1; i <= 30; i++) {
      u.l.clock.t += 60_000;
      made.push(await u.register({ ...PAPER, title: `第${String(i).padStart(2, '0')}号通知`, copyNumber: String(i).padStart(6, '0') }));
    }
    const services = createLedgerServices(u.l.as(SESSIONS.clerk));
    const all = vi.spyOn(services.listing, 'all');
    const byIds = vi.spyOn(services.listing, 'byIds');
    const c = await renderLedger(services);
    await waitFor(() => expect(textOf(c)).toContain('显示 30 件，共 30 件'));
    await waitFor(() => expect(c.querySelector('.sort-button:disabled')).toBeNull());

    // Sorted by title, ascending; searched for 通知 (all 30); scrolled down.
    await click(header(c, '标题').querySelector('button') as HTMLElement);
    await type(getByLabel(c, '搜索'), '通知');
    await waitFor(() => expect(titlesShown(c)[0]).toBe('第01号通知'));
    const list = c.querySelector('.vlist') as HTMLElement;
    await act(async () => {
      list.scrollTop = 600;
      list.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(titlesShown(c)).toContain('第20号通知'));
    expect(titlesShown(c)).not.toContain('第01号通知');

    // Elsewhere: a destruction batch closes 第20号 and 第21号; a carrier is registered.
    const [c20, c21] = [made[19], made[20]] as [CarrierState, CarrierState];
    await act(async () => {
      const batch = await approvedBatch(u, [c20.id, c21.id]);
      must(await u.as(SESSIONS.clerk).handOver(batch.id, { body: BODY, on: u.today(), escortIds: [u.people.zhang.id, u.people.wang.id], certificateNumber: 'XH-2026-0031' }, { name: '销毁证明.pdf', bytes: SCAN_PDF }));
      u.l.clock.t += 60_000;
      must(await u.carriers.register({ record: { ...PAPER, title: '第20号通知（补）', copyNumber: '' }, custodianId: u.people.clerk.id, place: '保密柜1号' }));
    });

    await waitFor(() => expect(textOf(c)).toContain('显示 31 件，共 31 件'));
    const row = (title: string) => [...c.querySelectorAll('.vlist-row')].find((r) => r.querySelector('.col-title')?.textContent === title);
    await waitFor(() => expect(row('第20号通知')?.textContent).toContain('已销毁'));
    expect(row('第21号通知')?.textContent).toContain('已销毁');
    // The new carrier sits at its place in the title order, right after 第20号通知.
    const shown = titlesShown(c);
    expect(shown.indexOf('第20号通知（补）')).toBe(shown.indexOf('第20号通知') + 1);
    // Sort, search and scroll as they were.
    expect(header(c, '标题').getAttribute('aria-sort')).toBe('ascending');
    expect(getByLabel(c, '搜索').value).toBe('通知');
    expect(list.scrollTop).toBe(600);
    expect(shown).not.toContain('第01号通知');
    // Read once when the ledger opened; afterwards only the carriers each write named.
    expect(all).toHaveBeenCalledTimes(1);
    expect(byIds.mock.calls.flatMap(([ids]) => ids).length).toBeLessThanOrEqual(3);
  });

  it('comes back from a carrier’s page to the table as it was left — sort, search, scroll — with the change in it', async () => {
    const u = await unit();
    const made: CarrierState[] = [];
    for (let i = 1; i <= 30; i++) {
      u.l.clock.t += 60_000;
      made.push(await u.register({ ...PAPER, title: `第${String(i).padStart(2, '0')}号通知`, copyNumber: String(i).padStart(6, '0') }));
    }
    const services = createLedgerServices(u.l.as(SESSIONS.clerk));
    const all = vi.spyOn(services.listing, 'all');
    const c = await renderLedger(services);
    await waitFor(() => expect(textOf(c)).toContain('显示 30 件，共 30 件'));
    await waitFor(() => expect(c.querySelector('.sort-button:disabled')).toBeNull());
    await click(header(c, '标题').querySelector('button') as HTMLElement);
    await click(header(c, '标题').querySelector('button') as HTMLElement);
    await type(getByLabel(c, '搜索'), '通知');
    await waitFor(() => expect(titlesShown(c)[0]).toBe('第30号通知'));
    await act(async () => {
      const list = c.querySelector('.vlist') as HTMLElement;
      list.scrollTop = 400;
      list.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(titlesShown(c)).toContain('第15号通知'));

    // Open 第15号通知; while its page is shown it is moved (elsewhere: the same store).
    const target = made[14] as CarrierState;
    const row = [...c.querySelectorAll('.vlist-row')].find((r) => r.querySelector('.col-title')?.textContent === '第15号通知');
    await click(row?.querySelector('.col-registryNumber button') as HTMLElement);
    await waitFor(() => expect(textOf(c)).toContain('返回台账'));
    await act(async () => {
      must(await u.carriers.act(target.id, { type: 'stored', place: '库房', reason: '整理' }));
    });
    await click([...c.querySelectorAll('button')].find((b) => b.textContent === '返回台账') as HTMLElement);

    expect(header(c, '标题').getAttribute('aria-sort')).toBe('descending');
    expect(getByLabel(c, '搜索').value).toBe('通知');
    expect((c.querySelector('.vlist') as HTMLElement).scrollTop).toBe(400);
    expect(titlesShown(c)).not.toContain('第30号通知');
    const placeOf = (title: string) => [...c.querySelectorAll('.vlist-row')].find((r) => r.querySelector('.col-title')?.textContent === title)?.querySelector('.col-place')?.textContent;
    await waitFor(() => expect(placeOf('第15号通知')).toBe('库房'));
    expect(all).toHaveBeenCalledTimes(1);
  });
});
