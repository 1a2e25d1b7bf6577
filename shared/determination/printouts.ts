import { levelName, levelRank, marking, periodText, type Level, type Period, type Scope } from '../ledger/classification';
import type { PrintBlock, PrintDocument, PrintField } from '../print/document';
import { chineseDate } from '../print/paginate';
import { assertNever } from '../result';
import type { DeterminationRecord, DeterminationState, Procedure } from './records';
import type { ReviewItem } from './review';
import { periodEnd, type Basis, type FieldChange, type Terms } from './terms';

/**
 * The two printouts of 定密 (issue 4 §5): the determination record (定密审批表) — what the handler
 * drafted, what the determiner decided with every correction old → new, and every later step — and
 * the yearly review list (年度定密审核清单) of every live determination. The paper is Chinese
 * whatever the interface language, so the words are here. Everything that names the item carries
 * the item's level, so each page is marked with the highest level on it.
 */

/** How names are printed: people of the scope and the titles of derived sources. */
export interface PrintNames {
  person(personId: string): string | undefined;
  determinationTitle(id: string): string | undefined;
}

const noNames: PrintNames = { person: () => undefined, determinationTitle: () => undefined };

export function periodWords(p: Period): string {
  switch (p.kind) {
    case 'years':
    case 'months':
    case 'until':
      return periodText(p);
    case 'condition':
      return `解密条件：${p.condition}`;
    case 'none':
      return '无';
    default:
      return assertNever(p);
  }
}

export function scopeWords(s: Scope, names: PrintNames = noNames): string {
  const parts = [
    s.personIds.length ? `人员：${s.personIds.map((id) => names.person(id) ?? '（未知人员）').join('、')}` : '',
    s.posts.length ? `岗位：${s.posts.join('、')}` : '',
    s.departments.length ? `部门：${s.departments.join('、')}` : '',
    s.units.length ? `单位：${s.units.join('、')}` : '',
    s.note ?? '',
  ].filter(Boolean);
  return parts.length ? parts.join('；') : '（未限定）';
}

export function basisWords(b: Basis, names: PrintNames = noNames): string {
  switch (b.kind) {
    case 'catalogue':
      return `事项一览表 ${b.code} ${b.title}（第 ${b.version} 版）`;
    case 'reason':
      return `说明理由：${b.text}`;
    case 'derived':
      return `派生定密，来源：${b.sourceIds.map((id) => names.determinationTitle(id) ?? id).join('、')}`;
    default:
      return assertNever(b);
  }
}

function procedureWords(p: Procedure, level: Level | null): string {
  switch (p) {
    case 'determine':
      return '定密';
    case 'change':
      return '变更';
    case 'declassify':
      return level === 'internal' ? '解除' : '解密';
    default:
      return assertNever(p);
  }
}

function changeWords(c: FieldChange, names: PrintNames): string {
  switch (c.field) {
    case 'level':
      return `密级：${levelName(c.from)} → ${levelName(c.to)}`;
    case 'period':
      return `保密期限：${periodWords(c.from)} → ${periodWords(c.to)}`;
    case 'scope':
      return `知悉范围：${scopeWords(c.from, names)} → ${scopeWords(c.to, names)}`;
    case 'basis':
      return `定密依据：${basisWords(c.from, names)} → ${basisWords(c.to, names)}`;
    case 'longerPeriodBasis':
      return `其他规定依据：${c.from ?? '无'} → ${c.to ?? '无'}`;
    default:
      return assertNever(c);
  }
}

/** One line of the record's history, as the paper says it. */
export function recordWords(r: DeterminationRecord, level: Level | null, names: PrintNames = noNames): { what: string; words: string } {
  switch (r.type) {
    case 'drafted': {
      const p = procedureWords(r.procedure, level);
      const head = `${r.resubmission ? '修改后重新提交' : '拟定'}${p}`;
      if (r.procedure === 'declassify') return { what: head, words: `理由：${r.reason}` };
      const changes = r.procedure === 'change' ? `；${r.changes.map((c) => changeWords(c, names)).join('；')}` : '';
      return { what: `${head}：${r.marking || '非密'}${changes}`, words: r.procedure === 'change' ? `理由：${r.reason}` : '' };
    }
    case 'approved':
      return { what: `同意${procedureWords(r.procedure, level)}${r.procedure === 'declassify' ? '' : ` ${r.marking}`}`, words: r.opinion };
    case 'corrected':
      return { what: `修改后同意${procedureWords(r.procedure, level)}：${r.marking}；${r.changes.map((c) => changeWords(c, names)).join('；')}`, words: r.opinion };
    case 'returned':
      return { what: `退回${procedureWords(r.procedure, level)}拟定稿`, words: r.reason };
    case 'notClassified':
      return { what: '不予定密', words: r.opinion };
    case 'withdrawn':
      return { what: `撤回${procedureWords(r.procedure, level)}拟定稿`, words: r.reason };
    case 'reviewed':
      return { what: '定期审核：继续保密', words: r.note };
    case 'carriersLinked':
      return { what: `关联载体 ${r.carrierIds.length} 件`, words: '' };
    case 'autoDeclassified':
      return { what: `保密期限于 ${chineseDate(r.periodEnd)} 届满，自动解密`, words: '' };
    default:
      return assertNever(r);
  }
}

/** The highest level any record of the determination ever proposed or decided: the record is at least that secret. */
export function recordLevel(records: readonly DeterminationRecord[]): Level {
  let hi: Level = 'unclassified';
  for (const r of records) {
    const l = 'terms' in r ? r.terms.level : null;
    if (l && levelRank(l) > levelRank(hi)) hi = l;
  }
  return hi;
}

function termsFields(terms: Terms, mark: string, start: string, level: Level, names: PrintNames): PrintField[] {
  const end = periodEnd(terms.period, start);
  return [
    { label: '密级', value: levelName(terms.level), level },
    { label: '保密期限', value: end ? `${periodWords(terms.period)}（自 ${chineseDate(start)} 起，至 ${chineseDate(end)} 止）` : periodWords(terms.period), level },
    { label: '知悉范围', value: scopeWords(terms.scope, names), level },
    { label: '定密依据', value: basisWords(terms.basis, names), level },
    ...(terms.longerPeriodBasis ? [{ label: '其他规定依据', value: terms.longerPeriodBasis, level }] : []),
    { label: '密级标志', value: mark || '（非密，不作标志）', level },
  ];
}

export interface DeterminationPrintInput {
  state: DeterminationState;
  records: readonly DeterminationRecord[];
  unitName: string;
  /** The date printed, YYYY-MM-DD. */
  date: string;
  names?: PrintNames;
}

/**
 * 定密审批表: the item; the handler's first draft (level, period, scope, basis, marking); the
 * determiner's decision on it, with each correction old → new; the terms in force now; every record
 * in order; signature lines for the handler and the determiner.
 */
export function determinationRecordDocument(input: DeterminationPrintInput): PrintDocument {
  const { state: s, records } = input;
  const names = input.names ?? noNames;
  const level = recordLevel(records);
  const inForceLevel = s.inForce?.terms.level ?? null;
  const first = records.find((r) => r.type === 'drafted' && r.procedure === 'determine');
  const decision = records.find((r) => (r.type === 'approved' || r.type === 'corrected') && r.procedure === 'determine') ?? records.find((r) => r.type === 'notClassified');
  const draftDate = first ? first.date : s.createdAt.slice(0, 10);
  const state = STATUS_WORDS[s.status];

  const blocks: PrintBlock[] = [
    {
      type: 'fields',
      fields: [
        { label: '事项名称', value: s.subject.title, level },
        { label: '文号', value: s.subject.docNumber ?? '（无）' },
        { label: '阶段', value: s.subject.processDraft ? '过程稿' : '正式文件' },
        { label: '承办人', value: first?.actorName ?? '' },
        { label: '拟定日期', value: chineseDate(draftDate) },
        { label: '关联载体', value: s.subject.carrierIds.length ? `${s.subject.carrierIds.length} 件` : '（尚无）' },
        { label: '当前状态', value: state + (s.ended ? `（${chineseDate(s.ended.date)}）` : '') },
      ],
    },
  ];
  if (first?.type === 'drafted' && first.procedure === 'determine') {
    blocks.push({ type: 'heading', text: '一、承办人拟定意见' });
    blocks.push({ type: 'fields', fields: termsFields(first.terms, first.marking, first.terms.periodFrom ?? first.date, level, names) });
  }
  blocks.push({ type: 'heading', text: '二、定密责任人审核意见' });
  if (decision?.type === 'approved' && decision.procedure === 'determine') {
    blocks.push({ type: 'fields', fields: [{ label: '决定', value: `同意，确定为 ${decision.marking}`, level }, { label: '意见', value: decision.opinion || '同意' }, { label: '定密责任人', value: decision.actorName }, { label: '决定日期', value: chineseDate(decision.date) }] });
  } else if (decision?.type === 'corrected' && decision.procedure === 'determine') {
    blocks.push({
      type: 'fields',
      fields: [
        { label: '决定', value: `修改后同意，确定为 ${decision.marking}`, level },
        ...decision.changes.map((c, i) => ({ label: i === 0 ? '修改内容' : '', value: changeWords(c, names), level })),
        { label: '意见', value: decision.opinion },
        { label: '定密责任人', value: decision.actorName },
        { label: '决定日期', value: chineseDate(decision.date) },
      ],
    });
  } else if (decision?.type === 'notClassified') {
    blocks.push({ type: 'fields', fields: [{ label: '决定', value: '不予定密' }, { label: '意见', value: decision.opinion, level }, { label: '定密责任人', value: decision.actorName }, { label: '决定日期', value: chineseDate(decision.date) }] });
  } else {
    blocks.push({ type: 'paragraph', text: '（尚未作出决定）' });
  }
  if (s.inForce && s.inForce.recordId !== decision?.id) {
    blocks.push({ type: 'heading', text: '三、现行定密事项（经变更）' });
    blocks.push({ type: 'fields', fields: termsFields(s.inForce.terms, s.inForce.marking, s.inForce.startDate, level, names) });
  }
  blocks.push({ type: 'heading', text: s.inForce && s.inForce.recordId !== decision?.id ? '四、办理记录' : '三、办理记录' });
  blocks.push({
    type: 'table',
    columns: [
      // Millimetres of the 175 the A4 sheet leaves: a date and a three-character name fit one line.
      { label: '序号', width: 12, align: 'center' },
      { label: '日期', width: 31 },
      { label: '经办人', width: 20 },
      { label: '事项', width: 66 },
      { label: '意见或理由', width: 46 },
    ],
    rows: records.map((r) => {
      const w = recordWords(r, inForceLevel ?? level, names);
      return { cells: [String(r.seq), chineseDate(r.date), r.actor === 'system' ? '系统（按规则）' : r.actorName, w.what, w.words], level };
    }),
  });
  blocks.push({ type: 'signatures', lines: [{ role: '承办人', ...(first ? { name: first.actorName } : {}) }, { role: '定密责任人', ...(decision ? { name: decision.actorName } : {}) }] });
  return {
    kind: 'determination',
    title: level === 'internal' ? '工作秘密确定审批表' : '定密审批表',
    unitName: input.unitName,
    date: input.date,
    blocks,
  };
}

const STATUS_WORDS: Record<DeterminationState['status'], string> = {
  proposed: '待审批',
  returned: '已退回',
  withdrawn: '已撤回',
  not_classified: '不予定密',
  live: '保密期内',
  declassified: '已解密（解除）',
};

export interface ReviewListInput {
  /** Every determination; the list holds the live ones. */
  states: readonly DeterminationState[];
  /** The review queue of today, for the reason each item is due. */
  queue: readonly ReviewItem[];
  today: string;
  unitName: string;
  date: string;
}

function dueWords(i: ReviewItem | undefined): string {
  if (!i) return '';
  switch (i.kind) {
    case 'expired':
      return '期限已届满';
    case 'expiring':
      return `${i.daysLeft} 天后届满`;
    case 'condition':
      return '核查解密条件';
    case 'yearly':
      return i.lastReviewDate ? '年度审核' : '从未审核';
    default:
      return assertNever(i);
  }
}

/**
 * 年度定密审核清单: every live determination with its marking, period, when it counts from and
 * ends, the last review, why it is due — and an empty column for the determiner's decision (继续保密
 * / 变更 / 解密), written by hand on the paper and then recorded in the app.
 */
export function reviewListDocument(input: ReviewListInput): PrintDocument {
  const live = input.states.filter((s) => s.status === 'live' && s.inForce);
  const byId = new Map(input.queue.map((i) => [i.determinationId, i]));
  const ends = (s: DeterminationState) => (s.inForce ? periodEnd(s.inForce.terms.period, s.inForce.startDate) : null);
  // Soonest end first; conditions (no end) after the dated ones.
  const rows = [...live].sort((a, b) => (ends(a) ?? '9999').localeCompare(ends(b) ?? '9999') || a.subject.title.localeCompare(b.subject.title, 'zh-CN'));
  const year = input.today.slice(0, 4);
  return {
    kind: 'determination',
    title: `${year}年度定密事项审核清单`,
    unitName: input.unitName,
    date: input.date,
    blocks: [
      { type: 'paragraph', text: `审核范围：保密期内的全部定密事项，共 ${rows.length} 项（统计日期 ${chineseDate(input.today)}）。“审核决定”栏由定密责任人填写：继续保密、变更或解密。` },
      {
        type: 'table',
        columns: [
          // Millimetres of the 175 the A4 sheet leaves: dates and 机密★10年 fit one line.
          { label: '序号', width: 10, align: 'center' },
          { label: '事项名称（文号）', width: 38 },
          { label: '密级标志', width: 22, align: 'center' },
          { label: '保密期限', width: 16 },
          { label: '解密时间', width: 27 },
          { label: '上次审核', width: 27 },
          { label: '审核提示', width: 18 },
          { label: '审核决定', width: 17 },
        ],
        rows: rows.map((s, i) => {
          const f = s.inForce;
          if (!f) throw new Error('live without terms');
          const end = ends(s);
          return {
            cells: [
              String(i + 1),
              s.subject.docNumber ? `${s.subject.title}（${s.subject.docNumber}）` : s.subject.title,
              f.marking || marking(f.terms.level, f.terms.period),
              periodWords(f.terms.period),
              end ? chineseDate(end) : f.terms.period.kind === 'condition' ? '条件成就时' : '—',
              s.lastReviewDate ? chineseDate(s.lastReviewDate) : '—',
              dueWords(byId.get(s.id)),
              '',
            ],
            level: f.terms.level,
          };
        }),
        emptyText: '（无保密期内的定密事项）',
      },
      { type: 'signatures', lines: [{ role: '审核人（定密责任人）' }, { role: '保密员' }] },
    ],
  };
}
