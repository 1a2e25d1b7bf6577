import { describe, expect, it, vi } from 'vitest';
import { CarrierListing } from '../../renderer/db/carrierListing';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import { filterCarriers } from '../../renderer/features/ledger/LedgerTable';
import { addToIndex, type SearchIndex } from '../../renderer/features/ledger/ledgerSearch';
import type { CarrierRecord } from '../../shared/ledger/carrier';
import type { Result } from '../../shared/result';
import { SESSIONS, testLedger } from './ledgerVault';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

const PAPER: CarrierRecord = {
  title: '关于开展年度保密检查的通知',
  docNumber: '某保发〔2026〕3号',
  level: 'secret',
  period: { kind: 'years', years: 10 },
  scope: { personIds: [], posts: ['保密员'], departments: ['办公室'], units: [] },
  copyNumber: '',
  details: { kind: 'paper', pages: 8 },
  origin: { kind: 'received', from: '市保密局' },
  note: '',
};

/** Three single registrations a minute apart, then a batch of 12 copies sharing one time. */
async function ledger() {
  const l = await testLedger();
  const clerkPerson = must(await new PeopleRepo(l.as(SESSIONS.clerk)).create({ name: '赵保密', department: '办公室', post: '保密员', clearance: 'core', status: 'active', username: 'clerk1' }));
  const clerk = new CarriersRepo(l.as(SESSIONS.clerk));
  for (const title of ['应急预案', '会议纪要', '年度计划']) {
    must(await clerk.register({ record: { ...PAPER, title, docNumber: `某保发〔2026〕${title.length}号` }, custodianId: clerkPerson.id, place: '保密柜1号' }));
    l.clock.t += 60_000;
  }
  must(await clerk.register({ record: { ...PAPER, copyNumber: '000001' }, custodianId: clerkPerson.id, place: '保密柜2号' }, { count: 12, firstCopyNumber: 1 }));
  return { l, clerk, listing: new CarrierListing(l.as(SESSIONS.clerk)) };
}

describe('reading the ledger at size (carrierListing)', () => {
  it('gives the first page in the order of the whole list, a batch cut at the page edge included', async () => {
    const { clerk, listing } = await ledger();
    const all = must(await clerk.list());
    for (const n of [1, 5, 12, 13, 20]) {
      const page = must(await listing.firstPage(n));
      expect(page.exact).toBe(true);
      expect(page.carriers.map((c) => c.id)).toEqual(all.slice(0, n).map((c) => c.id));
    }
    expect(must(await listing.count())).toBe(15);
  });

  it('does not count the table for the first page (Chromium counts by walking the index): count() is separate', async () => {
    const { l, listing } = await ledger();
    const count = vi.spyOn(l.db.carriers, 'count');
    must(await listing.firstPage(12));
    expect(count).not.toHaveBeenCalled();
    expect(must(await listing.count())).toBe(15);
    expect(count).toHaveBeenCalledTimes(1);
  });

  it('decrypts at most the tie limit of one registration time (a whole imported ledger shares one) and says the page is not exact', async () => {
    const { l, clerk } = await ledger();
    const listing = new CarrierListing(l.as(SESSIONS.clerk), { tieLimit: 5 });
    const batch = must(await clerk.list()).slice(0, 12);
    const page = must(await listing.firstPage(3));
    expect(page.exact).toBe(false);
    expect(page.carriers).toHaveLength(3);
    // The newest time's rows, though not necessarily its highest registry numbers.
    for (const c of page.carriers) expect(batch.map((b) => b.id)).toContain(c.id);
    // A page as large as the batch is exact again.
    expect(must(await listing.firstPage(12)).exact).toBe(true);
  });

  it('reads every carrier in pages, in the same order as list(), and stops once the store locks', async () => {
    const { l, clerk, listing } = await ledger();
    const pages: number[] = [];
    const all = must(await listing.all({ pageSize: 4, onPage: (p) => void pages.push(p.length) }));
    expect(pages).toEqual([4, 4, 4, 3]);
    expect(all.map((c) => c.id)).toEqual(must(await clerk.list()).map((c) => c.id));
    const locked = await listing.all({ pageSize: 4, onPage: () => l.lock() });
    expect(locked).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('searches the index exactly as the table searched before: title, registry number and 文号 however bracketed', async () => {
    const { listing } = await ledger();
    const all = must(await listing.all());
    const index: SearchIndex = new WeakMap();
    addToIndex(index, all);
    const base = { level: 'all', kind: 'all', status: 'all', custodian: 'all', query: '' } as const;
    for (const query of ['纪要', '预案', all[0]?.registryNumber.toLowerCase() ?? '', '某保发[2026]4号', '某保发（2026）4', '没有这个', '  ']) {
      const withIndex = filterCarriers(all, { ...base, query }, '2026-03-02', index).map((c) => c.id);
      expect(withIndex, query).toEqual(filterCarriers(all, { ...base, query }, '2026-03-02').map((c) => c.id));
    }
    // The three single registrations share 文号 某保发〔2026〕4号; the batch has 〔2026〕3号.
    expect(filterCarriers(all, { ...base, query: '某保发[2026]4号' }, '2026-03-02', index)).toHaveLength(3);
  });
});
