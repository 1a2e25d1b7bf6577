import type { CarrierState } from '../../../shared/ledger/carrier';
import type { LedgerContext } from '../../../shared/ledger/context';
import type { CarrierEvent } from '../../../shared/ledger/events';
import type { Person } from '../../../shared/ledger/people';
import { transition } from '../../../shared/ledger/transition';
import type { Cipher } from '../cipher';
import { asRow, carrierRow, carriersTable, eventsTable, peopleTable, type CarrierEventDoc } from '../ledgerAccess';
import type { CarrierEventRow, LedgerDb } from '../schema';
import { BENCH_CLERK, prng } from './seedLedger';

/**
 * More of the benchmark's data (npm run bench; docs/performance.md), not used by the app:
 * a month of activity after a bundle (for the delta bundle), and an old ledger as a CSV file (for
 * the import). Deterministic, so both sides of the bench get the same bytes.
 */

const ISO_DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

/**
 * A month's activity: `carriers` carriers (the first ones by id) are each lent and returned, two
 * events each, at times after `from`, folded by `transition` and written as the repositories write
 * them (carrier row with its new updatedAt, event rows). Returns how many events were written.
 */
export async function seedActivity(db: LedgerDb, cipher: Cipher, opts: { carriers: number; from: number; days: number }): Promise<number> {
  const people = await Promise.all((await db.people.toArray()).map((r) => peopleTable.fromRow(cipher, asRow(r))));
  const byId = new Map<string, Person>(people.map((p) => [p.id, p]));
  const clerk = people.find((p) => p.username === BENCH_CLERK.username) ?? (people[0] as Person);
  const other = people.find((p) => p.id !== clerk.id) as Person;
  const rows = await db.carriers.orderBy('id').limit(opts.carriers).toArray();
  const states = (await Promise.all(rows.map((r) => carriersTable.fromRow(cipher, asRow(r))))).map((d) => d.state);
  const step = Math.floor((opts.days * ISO_DAY) / Math.max(1, 2 * states.length));
  let t = opts.from;
  const ctx = (at: number): LedgerContext => ({
    at: iso(at),
    today: iso(at).slice(0, 10),
    actor: { accountId: BENCH_CLERK.accountId, username: BENCH_CLERK.username, roles: BENCH_CLERK.roles, personId: clerk.id },
    person: (id) => byId.get(id),
    approval: () => undefined,
    carrier: () => undefined,
  });
  const changed: CarrierState[] = [];
  const docs: CarrierEventDoc[] = [];
  for (const start of states) {
    if (start.custodian.kind !== 'person') continue;
    const holder = start.custodian.personId;
    let events: CarrierEvent[];
    if (start.status === 'on_loan' && start.loan) {
      // Out on loan (the seeder ends most carriers that way): it comes back, and goes out again.
      const owner = start.loan.lenderId;
      events = [
        { type: 'loanReturned', handover: { from: { kind: 'person', personId: holder }, to: { kind: 'person', personId: owner }, confirmation: { kind: 'slip', slipNumber: `GH-M-${start.id}` } }, place: start.place },
        { type: 'lent', handover: { from: { kind: 'person', personId: owner }, to: { kind: 'person', personId: holder }, confirmation: { kind: 'slip', slipNumber: `JY-M-${start.id}` } }, dueOn: iso(t + 20 * ISO_DAY).slice(0, 10) },
      ];
    } else if (start.status === 'in_custody') {
      const to = holder === clerk.id ? other.id : clerk.id;
      events = [
        { type: 'lent', handover: { from: { kind: 'person', personId: holder }, to: { kind: 'person', personId: to }, confirmation: { kind: 'slip', slipNumber: `JY-M-${start.id}` } }, dueOn: iso(t + 20 * ISO_DAY).slice(0, 10) },
        { type: 'loanReturned', handover: { from: { kind: 'person', personId: to }, to: { kind: 'person', personId: holder }, confirmation: { kind: 'slip', slipNumber: `GH-M-${start.id}` } }, place: start.place },
      ];
    } else continue;
    let state: CarrierState = start;
    for (const event of events) {
      const next = transition(state, event, ctx(t));
      if (!next.ok) throw new Error(`bench activity: ${start.id} ${event.type} refused: ${next.error.code}`);
      state = next.value;
      docs.push({ id: `${state.id}-e${state.version}`, carrierId: state.id, seq: state.version, at: iso(t), actorId: BENCH_CLERK.accountId, actorName: BENCH_CLERK.displayName, event });
      t += step;
    }
    changed.push(state);
  }
  const [carrierRows, eventRows] = await Promise.all([
    Promise.all(changed.map((s) => carrierRow(cipher, s))),
    Promise.all(docs.map(async (d) => (await eventsTable.toRow(cipher, d)) as unknown as CarrierEventRow)),
  ]);
  await db.transaction('rw', [db.carriers, db.carrierEvents], async () => {
    await db.carriers.bulkPut(carrierRows);
    await db.carrierEvents.bulkAdd(eventRows);
  });
  return eventRows.length;
}

const TOPICS = ['安全保密', '年度计划', '装备采购', '人员调整', '项目验收', '技术方案', '应急预案', '检查通报', '会议纪要', '工作总结'];
const FORMS = ['通知', '报告', '请示', '批复', '纪要', '方案'];
const LEVELS = [
  ['秘密', '10年'],
  ['秘密', '5年'],
  ['机密', '20年'],
  ['机密★10年', ''],
  ['绝密', '30年'],
] as const;
const KINDS = ['纸质文件', '纸质', '文件', '光盘', 'U盘', '移动硬盘'];

/**
 * An office's old ledger as Excel saves "CSV UTF-8": a BOM, a title line, the header row with the
 * usual Chinese headers, then `rows` carriers, each with its own old registry number (outside the
 * unit's pattern), and quoted titles where they hold a comma. Custodians are left to the import's
 * default (the clerk), as in most old ledgers.
 */
export function ledgerCsv(rows: number, seed = 20261122): Uint8Array<ArrayBuffer> {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const lines: string[] = ['某单位涉密载体台账（2019—2025）,,,,,,,,,,,', '登记号,标题,文号,密级,保密期限,份号,页数,载体类型,序列号,来源,存放位置,日期,备注'];
  for (let i = 0; i < rows; i++) {
    const [level, period] = pick(LEVELS);
    const kind = pick(KINDS);
    const paper = kind.includes('纸') || kind === '文件';
    const title = `关于${pick(TOPICS)}的${pick(FORMS)}（旧${i}）${i % 11 === 0 ? '，附件' : ''}`;
    const cells = [
      `旧-${2019 + (i % 7)}-${String(i + 1).padStart(6, '0')}`,
      title.includes(',') || title.includes('，') ? `"${title}"` : title,
      paper ? `某发〔${2019 + (i % 7)}〕${i}号` : '',
      level,
      period,
      paper ? String(1 + (i % 30)) : '',
      paper ? `${1 + Math.floor(r() * 80)}` : '',
      kind,
      paper ? '' : `SN-OLD-${i}`,
      i % 3 === 0 ? '市保密局' : '',
      `档案柜${1 + (i % 25)}号`,
      `${2019 + (i % 7)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      i % 17 === 0 ? '原台账补录' : '',
    ];
    lines.push(cells.join(','));
  }
  const body = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
