import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { DecommissionsRepo } from '../../renderer/db/decommissions.repo';
import { DestructionRepo } from '../../renderer/db/destruction.repo';
import { localDate } from '../../renderer/db/ledgerAccess';
import { PeopleRepo } from '../../renderer/db/people.repo';
import type { CarrierDetails, CarrierRecord, CarrierState } from '../../shared/ledger/carrier';
import type { Person, PersonInput } from '../../shared/ledger/people';
import type { Result } from '../../shared/result';
import { SESSIONS, testLedger, type TestLedger, type TestSession } from './ledgerVault';

/**
 * A unit for the destruction repositories: the people (clerk, two colleagues who escort, a
 * technician), a designated body and an approved erasure tool on the clerk's lists, and repositories
 * per session. A second approver also holds the clerk's role, for the self-approval cases.
 */
export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}
export const code = <T>(r: Result<T>) => (r.ok ? 'ok' : r.error.code);

export const BODY = '某市涉密载体销毁中心';
export const TOOL = '某型涉密信息消除工具 V3';
export const BOSS_CLERK: TestSession = { accountId: 'acc-boss2', username: 'boss2', displayName: '钱副主任', roles: ['approver', 'clerk'] };

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

export const device = (title: string, details: CarrierDetails): CarrierRecord => ({ ...PAPER, title, docNumber: '', copyNumber: '', details, origin: { kind: 'produced', department: '办公室' } });

const person = (name: string, extra: Partial<PersonInput> = {}): PersonInput => ({ name, department: '办公室', post: '科员', clearance: 'important', status: 'active', ...extra });

export interface Unit {
  l: TestLedger;
  people: Record<'clerk' | 'zhang' | 'wang' | 'tech', Person>;
  carriers: CarriersRepo;
  as(session: TestSession): DestructionRepo;
  devicesAs(session: TestSession): DecommissionsRepo;
  register(record?: CarrierRecord): Promise<CarrierState>;
  today(): string;
  /** Every table's rows, to show that a refusal changed nothing at all. */
  snapshot(): Promise<unknown>;
}

export async function unit(): Promise<Unit> {
  const l = await testLedger();
  const peopleRepo = new PeopleRepo(l.as(SESSIONS.clerk));
  const people = {
    clerk: must(await peopleRepo.create(person('赵保密', { post: '保密员', clearance: 'core', username: 'clerk1' }))),
    zhang: must(await peopleRepo.create(person('张三', { username: 'zhang' }))),
    wang: must(await peopleRepo.create(person('王五'))),
    tech: must(await peopleRepo.create(person('孙技术', { department: '信息科', post: '工程师' }))),
  };
  const carriers = new CarriersRepo(l.as(SESSIONS.clerk));
  const clerk = new DestructionRepo(l.as(SESSIONS.clerk));
  must(await clerk.addListEntry('body', BODY));
  must(await clerk.addListEntry('tool', TOOL));
  let copy = 0;
  return {
    l,
    people,
    carriers,
    as: (s) => new DestructionRepo(l.as(s)),
    devicesAs: (s) => new DecommissionsRepo(l.as(s)),
    async register(record = { ...PAPER, copyNumber: String(++copy).padStart(6, '0') }) {
      const [c] = must(await carriers.register({ record, custodianId: people.clerk.id, place: '保密柜3号' }));
      if (!c) throw new Error('nothing registered');
      return c;
    },
    today: () => localDate(new Date(l.clock.t)),
    async snapshot() {
      return Object.fromEntries(await Promise.all(l.db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
    },
  };
}

/** A batch of these carriers requested by 张三, counted and submitted by the clerk, approved by the approver. */
export async function approvedBatch(u: Unit, carrierIds: string[]) {
  const b = must(await u.as(SESSIONS.handler).request(carrierIds, '年度集中销毁'));
  const clerk = u.as(SESSIONS.clerk);
  must(await clerk.count(b.id, carrierIds));
  must(await clerk.submit(b.id));
  return must(await u.as(SESSIONS.approver).decide(b.id, 'approved', '同意销毁'));
}

/** A device decommissioned (报废), approved and erased with the approved tool. */
export async function erased(u: Unit, carrierId: string) {
  const d = must(await u.devicesAs(SESSIONS.handler).apply(carrierId, 'scrap', '设备老化报废'));
  must(await u.devicesAs(SESSIONS.approver).decide(d.id, 'approved', '同意'));
  return must(await u.devicesAs(SESSIONS.clerk).recordErasure(d.id, { personId: u.people.tech.id, tool: TOOL, on: u.today(), note: '' }));
}

/** A few bytes a scanner could have written (a PDF header and trailer). */
export const SCAN_PDF = new TextEncoder().encode('%PDF-1.4\n% 销毁证明扫描件\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
