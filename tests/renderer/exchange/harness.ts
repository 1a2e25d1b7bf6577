import { BureauRepo } from '../../../renderer/db/exchange/bureau.repo';
import { ExchangeRepo, type ExchangeDeps } from '../../../renderer/db/exchange/exchange.repo';
import type { VaultSource } from '../../../renderer/db/ledgerAccess';
import { CarriersRepo } from '../../../renderer/db/carriers.repo';
import { DestructionRepo } from '../../../renderer/db/destruction.repo';
import { DeterminationsRepo } from '../../../renderer/db/determinations.repo';
import { destructionBodiesThrough } from '../../../renderer/features/exchange/exchangeServices';
import { PeopleRepo } from '../../../renderer/db/people.repo';
import type { LedgerDb } from '../../../renderer/db/schema';
import type { CarrierRecord } from '../../../shared/ledger/carrier';
import { ok, type Result } from '../../../shared/result';
import type { OfficeMode } from '../../../shared/setup';
import { SESSIONS, testLedger, type TestLedger, type TestSession } from '../ledgerVault';

/**
 * Two offices on real encrypted stores (fake-indexeddb, real AES-GCM, the real audit chain): a
 * unit that keeps a ledger and exports, and the bureau that registers and imports. Each has its
 * mode and code in the session's unit, as the set-up wizard would have stored them.
 */
export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}
export const code = <T,>(r: Result<T>) => (r.ok ? 'ok' : r.error.code);

export const UNIT_INFO = { name: '某市保密测试单位', code: 'BM-01' };
export const BUREAU_INFO = { name: '某市国家保密局', code: 'SJ-BMJ' };

/** Fixed randomness: every run makes the same keys (each call of one office a different one). */
export function fixedRandom(seed: number): (n: number) => Uint8Array {
  let calls = 0;
  return (n) => new Uint8Array(n).fill((seed + 31 * calls++) % 256);
}

export function asOffice(l: TestLedger, session: TestSession, unit: { name: string; code: string }, mode: OfficeMode): VaultSource {
  const inner = l.as(session);
  return {
    vault() {
      const v = inner.vault();
      if (!v.ok) return v;
      return ok({ ...v.value, session: { ...v.value.session, unit: { ...unit, mode } } });
    },
  };
}

export interface Office {
  l: TestLedger;
  destruction: DestructionRepo;
  clerk: VaultSource;
  exchange: ExchangeRepo;
  bureau: BureauRepo;
  determinations: DeterminationsRepo;
}

export async function office(mode: OfficeMode, seed: number, start = '2026-03-02T08:00:00+08:00'): Promise<Office> {
  const l = await testLedger(start);
  const info = mode === 'unit' ? UNIT_INFO : BUREAU_INFO;
  const clerk = asOffice(l, SESSIONS.clerk, info, mode);
  const determinations = new DeterminationsRepo(clerk);
  const deps: ExchangeDeps = {
    random: fixedRandom(seed),
    applyCatalogue: (c) => determinations.applyBureauCatalogue(c),
    applyDestructionBodies: destructionBodiesThrough(new DestructionRepo(clerk)),
  };
  return {
    l,
    destruction: new DestructionRepo(clerk),
    clerk,
    exchange: new ExchangeRepo(clerk, deps),
    bureau: new BureauRepo(clerk, { readCatalogue: () => determinations.listCatalogue() }),
    determinations,
  };
}

export const PAPER: CarrierRecord = {
  title: '关于开展年度保密检查的通知',
  docNumber: '某保发〔2026〕3号',
  level: 'secret',
  period: { kind: 'years', years: 10 },
  scope: { personIds: [], posts: ['保密员'], departments: ['办公室'], units: [] },
  copyNumber: '000001',
  details: { kind: 'paper', pages: 8 },
  origin: { kind: 'received', from: '市保密局' },
  note: '',
};

/** A unit with two people and three carriers, one of them lent until 2026-03-05. */
export async function unitWithLedger(seed = 7): Promise<Office & { people: { clerk: string; zhang: string } }> {
  const o = await office('unit', seed);
  const peopleRepo = new PeopleRepo(o.clerk);
  const base = { department: '办公室', post: '科员', clearance: 'important' as const, status: 'active' as const };
  const clerkP = must(await peopleRepo.create({ ...base, name: '赵保密', post: '保密员', clearance: 'core', username: 'clerk1' }));
  const zhang = must(await peopleRepo.create({ ...base, name: '张三', post: '保密员', username: 'zhang' }));
  const carriers = new CarriersRepo(o.clerk);
  must(await carriers.register({ record: PAPER, custodianId: clerkP.id, place: '保密柜3号' }, { count: 2, firstCopyNumber: 1 }));
  const [disc] = must(
    await carriers.register({
      record: { ...PAPER, title: '年度统计数据光盘', docNumber: '', copyNumber: '', level: 'confidential', details: { kind: 'disc', discType: 'dvd', serial: 'D-77' } },
      custodianId: clerkP.id,
      place: '保密柜3号',
    }),
  );
  o.l.clock.t += 60_000;
  must(await carriers.act(disc?.id ?? '', { type: 'lent', handover: { from: { kind: 'person', personId: clerkP.id }, to: { kind: 'person', personId: zhang.id }, confirmation: { kind: 'slip', slipNumber: 'JY-1' } }, dueOn: '2026-03-05' }));
  return { ...o, people: { clerk: clerkP.id, zhang: zhang.id } };
}

/** Every row of every table except the audit trail (which records refusals too), for "nothing written". */
export async function snapshot(db: LedgerDb): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) {
    if (t.name === 'audit' || t.name === 'auditSealed') continue;
    const rows = await t.toArray();
    out[t.name] = rows
      .filter((r) => !(t.name === 'settings' && (r as { key: string }).key === 'auditHead'))
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v)));
  }
  return JSON.stringify(out);
}
