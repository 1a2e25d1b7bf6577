import type { CarrierKind, CarrierRecord, CarrierState, CarrierDetails } from '../../../shared/ledger/carrier';
import type { Level, Period } from '../../../shared/ledger/classification';
import type { LedgerContext } from '../../../shared/ledger/context';
import type { CarrierEvent } from '../../../shared/ledger/events';
import type { Person } from '../../../shared/ledger/people';
import { transition } from '../../../shared/ledger/transition';
import { assertNever } from '../../../shared/result';
import type { Cipher } from '../cipher';
import { carrierRow, eventsTable, peopleTable, type CarrierEventDoc } from '../ledgerAccess';
import type { CarrierEventRow, LedgerDb, PersonRow } from '../schema';
import { ensureLedgerCounts } from '../ledgerTotals';

/**
 * The benchmark's data (npm run bench; docs/performance.md): a deterministic ledger of `carriers`
 * carriers and about `events` events, folded by the ledger's own rules (`transition`) and written
 * as the repositories write them — `carrierRow` and `eventsTable.toRow`, i.e. the same
 * defineEncryptedTable codec — but many rows per transaction with bulkAdd, encrypted beforehand in
 * parallel. With a plain "cipher" (bench/plainCipher.ts) the same rows are written unencrypted.
 * Not used by the app.
 */
export interface SeedOptions {
  carriers: number;
  events: number;
  people?: number;
  /** PRNG seed; the same seed gives the same ledger. */
  seed?: number;
  /** Carriers per transaction. */
  chunk?: number;
  onProgress?: (done: number) => void;
}

export interface SeedResult {
  carriers: number;
  events: number;
  people: number;
  clerkAccountId: string;
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPARTMENTS = ['办公室', '保密办', '科技处', '规划处', '财务处', '人事处', '档案室', '信息中心'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';
const TOPICS = ['安全保密', '年度计划', '装备采购', '人员调整', '项目验收', '技术方案', '应急预案', '检查通报', '会议纪要', '工作总结', '专项审计', '网络改造', '档案移交', '经费预算', '培训安排'];
const FORMS = ['通知', '报告', '请示', '批复', '纪要', '方案', '意见', '函'];
const KINDS: CarrierKind[] = ['paper', 'paper', 'paper', 'paper', 'paper', 'paper', 'disc', 'usb', 'hdd', 'other'];
export const BENCH_UNIT = { name: '基准测试单位', code: 'BM-BENCH' };
export const BENCH_CLERK = { accountId: 'acc-bench-clerk', username: 'clerk1', displayName: '基准保密员', roles: ['clerk', 'handler'] };

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function levelOf(r: () => number): { level: Level; period: Period } {
  const x = r();
  if (x < 0.05) return { level: 'top_secret', period: { kind: 'years', years: 30 } };
  if (x < 0.4) return { level: 'secret', period: { kind: 'years', years: 10 } };
  return { level: 'confidential', period: { kind: 'years', years: 5 } };
}

function detailsOf(kind: CarrierKind, r: () => number, i: number): CarrierDetails {
  const serial = `SN${String(i).padStart(8, '0')}`;
  switch (kind) {
    case 'paper':
      return { kind, pages: 1 + Math.floor(r() * 60) };
    case 'disc':
      return { kind, discType: 'dvd', serial };
    case 'usb':
    case 'hdd':
      return { kind, serial, model: 'BM-64', capacity: '64G' };
    case 'computer':
      return { kind, assetNumber: `ZC${i}`, model: 'BM-PC', serial, diskSerials: [] };
    case 'printer':
      return { kind, assetNumber: `ZC${i}`, model: 'BM-P', drumSerial: serial };
    case 'other':
      return { kind, description: '其他载体' };
    default:
      return assertNever(kind);
  }
}

const ISO_DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const day = (t: number) => iso(t).slice(0, 10);

/**
 * Writes the people and the ledger. Carriers are registered over the two years before `end`, in
 * order; each gets (events / carriers − 1) further events, alternating loans and returns, so the
 * total is `events` (rounded to whole carriers) and every carrier folds to what its events say.
 */
export async function seedLedger(db: LedgerDb, cipher: Cipher, opts: SeedOptions, end = Date.parse('2026-11-20T09:00:00+08:00')): Promise<SeedResult> {
  const r = prng(opts.seed ?? 20261121);
  // A store set up by the app keeps the ledger's running counts from the start; plain Dexie starts them here.
  await ensureLedgerCounts(db);
  const nPeople = opts.people ?? 300;
  const at0 = iso(end - 800 * ISO_DAY);
  const people: Person[] = Array.from({ length: nPeople }, (_, i) => ({
    id: `person-${String(i).padStart(5, '0')}`,
    name: `${pick(r, [...SURNAMES])}${pick(r, [...GIVEN])}${i % 7 === 0 ? pick(r, [...GIVEN]) : ''}`,
    department: DEPARTMENTS[i % DEPARTMENTS.length] ?? '办公室',
    post: i === 0 ? '保密员' : '干部',
    clearance: 'core',
    status: 'active',
    ...(i === 0 ? { username: BENCH_CLERK.username } : {}),
    createdAt: at0,
    updatedAt: at0,
  }));
  const personRows = (await Promise.all(people.map((p) => peopleTable.toRow(cipher, p)))) as unknown as PersonRow[];
  await db.transaction('rw', db.people, () => db.people.bulkAdd(personRows));
  const byId = new Map(people.map((p) => [p.id, p]));
  const clerk = people[0] as Person;

  const perCarrier = Math.max(1, Math.round(opts.events / Math.max(1, opts.carriers)));
  const chunk = opts.chunk ?? 2000;
  const span = 730 * ISO_DAY;
  let nEvents = 0;
  for (let from = 0; from < opts.carriers; from += chunk) {
    const states: CarrierState[] = [];
    const docs: CarrierEventDoc[] = [];
    for (let i = from; i < Math.min(opts.carriers, from + chunk); i++) {
      let t = end - span + Math.floor((i / opts.carriers) * span);
      const ctx = (at: number): LedgerContext => ({
        at: iso(at),
        today: day(at),
        actor: { accountId: BENCH_CLERK.accountId, username: BENCH_CLERK.username, roles: BENCH_CLERK.roles, personId: clerk.id },
        person: (id) => byId.get(id),
        approval: () => undefined,
        carrier: () => undefined,
      });
      const kind = pick(r, KINDS);
      const { level, period } = levelOf(r);
      const custodian = pick(r, people);
      const record: CarrierRecord = {
        title: `关于${pick(r, TOPICS)}的${pick(r, FORMS)}（${i}）`,
        docNumber: kind === 'paper' ? `某保〔${2025 + (i % 2)}〕${i}号` : '',
        level,
        period,
        scope: { personIds: [], posts: [], departments: [...DEPARTMENTS], units: [] },
        copyNumber: kind === 'paper' ? String(1 + (i % 20)).padStart(6, '0') : '',
        details: detailsOf(kind, r, i),
        origin: { kind: 'received', from: '市保密局' },
        note: '',
      };
      const events: CarrierEvent[] = [
        { type: 'registered', carrierId: `carrier-${String(i).padStart(7, '0')}`, registryNumber: `2026-${i % 3 === 0 ? '机' : '秘'}-${String(i + 1).padStart(6, '0')}`, kind, record, custodianId: custodian.id, place: `保密柜${1 + (i % 40)}号` },
      ];
      let holder = custodian.id;
      for (let k = 1; k < perCarrier; k++) {
        if (k % 2 === 1) {
          const borrower = pick(r, people).id === holder ? clerk.id === holder ? (people[1] as Person).id : clerk.id : pick(r, people).id;
          const to = borrower === holder ? (holder === clerk.id ? (people[1] as Person).id : clerk.id) : borrower;
          events.push({ type: 'lent', handover: { from: { kind: 'person', personId: holder }, to: { kind: 'person', personId: to }, confirmation: { kind: 'slip', slipNumber: `JY-${i}-${k}` } }, dueOn: day(t + (3 * perCarrier + 14) * ISO_DAY) });
          holder = to;
        } else {
          events.push({ type: 'loanReturned', handover: { from: { kind: 'person', personId: holder }, to: { kind: 'person', personId: custodian.id }, confirmation: { kind: 'slip', slipNumber: `GH-${i}-${k}` } }, place: `保密柜${1 + (i % 40)}号` });
          holder = custodian.id;
        }
      }
      let state: CarrierState | null = null;
      for (const event of events) {
        const next = transition(state, event, ctx(t));
        if (!next.ok) throw new Error(`bench seed: carrier ${i} ${event.type} refused: ${next.error.code}`);
        state = next.value;
        docs.push({ id: `${state.id}-e${state.version}`, carrierId: state.id, seq: state.version, at: iso(t), actorId: BENCH_CLERK.accountId, actorName: BENCH_CLERK.displayName, event });
        t += Math.floor(r() * 3 * ISO_DAY) + 60_000;
      }
      if (state) states.push(state);
    }
    const [carrierRows, eventRows] = await Promise.all([
      Promise.all(states.map((s) => carrierRow(cipher, s))),
      Promise.all(docs.map(async (d) => (await eventsTable.toRow(cipher, d)) as unknown as CarrierEventRow)),
    ]);
    await db.transaction('rw', [db.carriers, db.carrierEvents], async () => {
      await db.carriers.bulkAdd(carrierRows);
      await db.carrierEvents.bulkAdd(eventRows);
    });
    nEvents += eventRows.length;
    opts.onProgress?.(from + states.length);
  }
  return { carriers: opts.carriers, events: nEvents, people: nPeople, clerkAccountId: BENCH_CLERK.accountId };
}
