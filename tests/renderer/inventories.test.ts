import { describe, expect, it } from 'vitest';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { InventoriesRepo } from '../../renderer/db/inventories.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import type { CarrierRecord } from '../../shared/ledger/carrier';
import type { Result } from '../../shared/result';
import { SESSIONS, testLedger } from './ledgerVault';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}
const code = <T,>(r: Result<T>) => (r.ok ? 'ok' : r.error.code);

const RECORD: CarrierRecord = {
  title: '季度工作报告',
  docNumber: '',
  level: 'confidential',
  period: { kind: 'years', years: 5 },
  scope: { personIds: [], posts: [], departments: ['办公室'], units: [] },
  copyNumber: '000001',
  details: { kind: 'paper', pages: 3 },
  origin: { kind: 'produced', department: '办公室' },
  note: '',
};

/** Three carriers with the clerk, the second lent to 张三. */
async function unit() {
  const l = await testLedger();
  const people = new PeopleRepo(l.as(SESSIONS.clerk));
  const base = { department: '办公室', post: '科员', clearance: 'important' as const, status: 'active' as const };
  const clerk = must(await people.create({ ...base, name: '赵保密', username: 'clerk1' }));
  const zhang = must(await people.create({ ...base, name: '张三' }));
  const carriers = new CarriersRepo(l.as(SESSIONS.clerk));
  const all = must(await carriers.register({ record: RECORD, custodianId: clerk.id, place: '保密柜1号' }, { count: 3, firstCopyNumber: 1 }));
  const second = all.find((c) => c.registryNumber.endsWith('0002'));
  if (!second) throw new Error('no second carrier');
  must(await carriers.act(second.id, { type: 'lent', handover: { from: { kind: 'person', personId: clerk.id }, to: { kind: 'person', personId: zhang.id }, confirmation: { kind: 'slip', slipNumber: 'JY-1' } }, dueOn: '2026-03-03' }));
  return { l, zhang, numbers: all.map((c) => c.registryNumber).sort() };
}

describe('inventory (清查)', () => {
  it('ticks scanned numbers and, on closing, lists found, missing with the last holder and event, and unexpected', async () => {
    const { l, zhang, numbers } = await unit();
    const repo = new InventoriesRepo(l.as(SESSIONS.clerk));
    const inv = must(await repo.start('2026 年终清查'));
    expect(code(await repo.start('again'))).toBe('INVENTORY_ALREADY_OPEN');
    must(await repo.scan(inv.id, ` ${numbers[0]} `));
    expect(code(await repo.scan(inv.id, numbers[0] ?? ''))).toBe('ALREADY_SCANNED');
    must(await repo.scan(inv.id, '2026-秘-9999'));
    const closed = must(await repo.close(inv.id));
    const r = closed.result;
    expect(r?.found.map((f) => f.registryNumber)).toEqual([numbers[0]]);
    expect(r?.missing.map((m) => [m.registryNumber, m.status, m.lastEvent?.type]).sort()).toEqual([
      [numbers[1], 'on_loan', 'lent'],
      [numbers[2], 'in_custody', 'registered'],
    ]);
    expect(r?.missing.find((m) => m.status === 'on_loan')?.custodian).toEqual({ kind: 'person', personId: zhang.id });
    expect(r?.unexpected.map((u) => u.registryNumber)).toEqual(['2026-秘-9999']);
    expect(code(await repo.scan(inv.id, numbers[2] ?? ''))).toBe('INVENTORY_CLOSED');
    const listed = must(await repo.list());
    expect(listed.map((d) => [d.kind, d.status])).toEqual([['inventory', 'closed']]);
    expect(JSON.stringify(await l.db.inventories.toArray())).not.toContain('年终清查');
  });

  it('is refused to a handler', async () => {
    const { l } = await unit();
    expect(code(await new InventoriesRepo(l.as(SESSIONS.handler)).start('x'))).toBe('NOT_PERMITTED');
  });
});

describe('recall (召回)', () => {
  it('records in one action everything that is out, and audits it', async () => {
    const { l, numbers } = await unit();
    const recall = must(await new InventoriesRepo(l.as(SESSIONS.clerk)).recall('春节前召回', '2026-03-05'));
    expect(recall.items.map((i) => [i.registryNumber, i.status])).toEqual([[numbers[1], 'on_loan']]);
    const [entry] = await l.audits.list(l.cipher, 1);
    expect(entry).toMatchObject({ action: 'carrier.recall', detail: { count: 1, registryNumbers: [numbers[1]], returnBy: '2026-03-05' } });
    expect(code(await new InventoriesRepo(l.as(SESSIONS.handler)).recall('春节前召回', '2026-03-05'))).toBe('NOT_PERMITTED');
    expect(must(await new InventoriesRepo(l.as(SESSIONS.handler)).list()).map((d) => d.kind)).toEqual(['recall']);
  });
});
