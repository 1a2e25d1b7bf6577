import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../renderer/i18n';
import { testLedger, type TestLedger } from './ledgerVault';
import { cleanup, click, getByLabel, getByRole, queryByRole, textOf, type, waitFor } from './dom';
import { alertText, AS, control, decided, det, must, read, renderDet, set, terms } from './detScreens';

/**
 * 审核提醒 and 派生定密 through the screens, on a real encrypted store with the clock moved: what
 * the review queue lists under which reason, how the window changes it, acting from it, and the
 * source picker that starts a derived draft from its sources' terms.
 */
afterEach(async () => {
  await cleanup();
  setLocale('zh-CN');
  localStorage.removeItem('ledger.det.reviewWindowDays');
});

const at = (l: TestLedger, iso: string) => {
  l.clock.t = Date.parse(iso);
};

/** The queue's rows: title | reason. */
function queue(c: HTMLElement): string[] {
  return [...c.querySelectorAll('tbody tr')].map((tr) => {
    const cells = [...tr.querySelectorAll('td')].map((td) => textOf(td));
    return `${cells[0]} | ${cells[2]}`;
  });
}

/**
 * A unit's determinations at 2026-01-10: one whose period ended on 01-05 (awaiting the automatic
 * declassification), one ending 02-20, one ending 05-15, one of ten years, and a state secret and a
 * work secret each ended by a condition last looked at in September.
 */
async function unitInJanuary(): Promise<{ l: TestLedger; ids: Record<string, string> }> {
  const l = await testLedger('2025-09-01T09:00:00+08:00');
  const ids: Record<string, string> = {};
  ids.condition = await decided(l, '丙工程资料', terms({ period: { kind: 'condition', condition: '工程竣工验收后' } }));
  ids.work = await decided(l, '己项目安排', terms({ level: 'internal', period: { kind: 'condition', condition: '项目结束' } }));
  at(l, '2025-12-01T09:00:00+08:00');
  ids.ended = await decided(l, '戊通知', terms({ level: 'confidential', period: { kind: 'until', date: '2026-01-05' } }));
  ids.soon = await decided(l, '甲方案', terms({ level: 'confidential', period: { kind: 'until', date: '2026-02-20' } }));
  ids.may = await decided(l, '丁计划', terms({ level: 'confidential', period: { kind: 'until', date: '2026-05-15' } }));
  ids.long = await decided(l, '乙方案', terms());
  at(l, '2026-01-10T09:00:00+08:00');
  return { l, ids };
}

async function windowOf(c: HTMLElement, days: string): Promise<void> {
  await type(getByLabel(c, '提前提醒天数'), days);
  await click(getByRole(c, 'button', { name: '应用' }));
}

describe('审核提醒 on screen', () => {
  it('lists ended, expiring, condition and yearly items, and follows the window (default 90 days, kept when the module opens again)', async () => {
    const { l } = await unitInJanuary();
    // A handler's session does not record the automatic declassification: the ended period waits in the list.
    let c = await renderDet(l, AS.handler);
    expect(textOf(getByRole(c, 'button', { name: /^审核提醒/ }))).toBe('审核提醒6');
    await click(getByRole(c, 'button', { name: /^审核提醒/ }));
    expect(getByLabel(c, '提前提醒天数').value).toBe('90');
    const at90 = queue(c);
    // Most urgent first; items due for the same reason on the same date come in no fixed order.
    expect(at90.slice(0, 2)).toEqual(['戊通知 | 保密期限已于 2026-01-05 届满', '甲方案 | 保密期限将于 2026-02-20 届满（还有 41 天）：决定延长（变更）或到期解密']);
    expect(at90.slice(2, 4).sort()).toEqual(['丙工程资料 | 复核解密条件是否已出现：工程竣工验收后（上次审核：2025-09-01）', '己项目安排 | 复核解密条件是否已出现：项目结束（上次审核：2025-09-01）']);
    expect(at90.slice(4).sort()).toEqual(['丁计划 | 年度定密审核（上次审核：2025-12-01）', '乙方案 | 年度定密审核（上次审核：2025-12-01）']);

    // A wider window brings 05-15 in as expiring; a narrower one leaves 02-20 to the yearly review.
    await windowOf(c, '150');
    await waitFor(() => expect(queue(c)).toContain('丁计划 | 保密期限将于 2026-05-15 届满（还有 125 天）：决定延长（变更）或到期解密'));
    expect(queue(c)).not.toContain('丁计划 | 年度定密审核（上次审核：2025-12-01）');
    await windowOf(c, '30');
    await waitFor(() => expect(queue(c)).toContain('甲方案 | 年度定密审核（上次审核：2025-12-01）'));
    expect(queue(c).filter((r) => r.includes('将于'))).toEqual([]);
    // Not a number of days: the list stays as it was.
    await windowOf(c, '0');
    expect(queue(c)).toContain('甲方案 | 年度定密审核（上次审核：2025-12-01）');
    await cleanup();

    c = await renderDet(l, AS.handler);
    await click(getByRole(c, 'button', { name: /^审核提醒/ }));
    expect(getByLabel(c, '提前提醒天数').value).toBe('30');
    expect(queue(c)).toContain('甲方案 | 年度定密审核（上次审核：2025-12-01）');
  });

  it('opens the handler’s 变更 draft prefilled with the terms in force, and the 解密 / 解除 draft, straight from the queue', async () => {
    const { l, ids } = await unitInJanuary();
    const c = await renderDet(l, AS.handler);
    await click(getByRole(c, 'button', { name: /^审核提醒/ }));
    // An ended period is declassified by the rules, not drafted.
    expect(queryByRole(c, 'button', { name: '拟定变更：戊通知' })).toBeNull();
    expect(queryByRole(c, 'button', { name: '拟定解密：戊通知' })).toBeNull();
    expect(getByRole(c, 'button', { name: '拟定解除：己项目安排' })).toBeDefined();
    expect(queryByRole(c, 'button', { name: '拟定解密：己项目安排' })).toBeNull();

    await click(getByRole(c, 'button', { name: '拟定变更：甲方案' }));
    await waitFor(() => getByRole(c, 'heading', { name: '甲方案' }));
    expect(control(c, '期限类型').value).toBe('until');
    expect(getByLabel(c, '解密日期').value).toBe('2026-02-20');
    expect(control(c, '密级').value).toBe('confidential');
    expect(getByLabel(c, '知悉岗位').value).toBe('办公室主任');
    expect(textOf(getByRole(c, 'status', { name: /密级标志/ }))).toBe('密级标志：秘密★2026年2月20日');
    await type(getByLabel(c, '解密日期'), '2026-08-20');
    await set(c, '变更理由', '检查延期至八月。');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    await waitFor(() => expect(textOf(c)).toContain('待审批的变更拟定稿'));
    expect(textOf(c)).toContain('保密期限：至2026-02-20 → 至2026-08-20（延长）');

    // Back in the queue the item has a draft waiting: it is looked at, not drafted again.
    await click(getByRole(c, 'button', { name: /^审核提醒/ }));
    expect(queryByRole(c, 'button', { name: '拟定变更：甲方案' })).toBeNull();
    expect(getByRole(c, 'button', { name: '查看：甲方案' })).toBeDefined();

    await click(getByRole(c, 'button', { name: '拟定解密：丙工程资料' }));
    await waitFor(() => getByRole(c, 'heading', { name: '丙工程资料' }));
    expect(queryByRole(c, 'button', { name: '拟定变更' })).toBeNull();
    await set(c, '解密（解除）理由', '工程已于上月竣工验收。');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    await waitFor(() => expect(textOf(c)).toContain('待审批的解密拟定稿'));

    const soon = must(await read(() => det(l, AS.clerk).get(ids.soon!))).state.proposal;
    expect(soon).toMatchObject({ procedure: 'change', terms: { period: { kind: 'until', date: '2026-08-20' } } });
    expect(must(await read(() => det(l, AS.clerk).get(ids.condition!))).state.proposal).toMatchObject({ procedure: 'declassify', reason: '工程已于上月竣工验收。' });
    // Opening the item to look at it does not open a draft.
    await click(getByRole(c, 'button', { name: /^审核提醒/ }));
    await click(getByRole(c, 'button', { name: '查看：乙方案' }));
    await waitFor(() => getByRole(c, 'button', { name: '拟定变更' }));
    expect(queryByRole(c, 'button', { name: '提交定密责任人审批' })).toBeNull();
  });

  it('gives the determiner the yearly review (keep as it is, with the note), which takes the item off the list', async () => {
    const { l, ids } = await unitInJanuary();
    const c = await renderDet(l, AS.determiner);
    await click(getByRole(c, 'button', { name: /^审核提醒/ }));
    // Opening the queue as a determiner recorded the ended period's automatic declassification.
    await waitFor(() => expect(queue(c).some((r) => r.startsWith('戊通知'))).toBe(false));
    expect(must(await read(() => det(l, AS.clerk).get(ids.ended!))).state.status).toBe('declassified');
    expect(queryByRole(c, 'button', { name: '拟定变更：乙方案' })).toBeNull();

    await click(getByRole(c, 'button', { name: '查看：乙方案' }));
    await click(await waitFor(() => getByRole(c, 'button', { name: '审核：继续保密' })));
    expect(await alertText(c)).toBe('请填写审核意见。');
    await set(c, '审核意见', '仍涉及专项检查部署，继续保密。');
    // Pressed, and straight back to the list before the screens have caught up: the list stays.
    await click(getByRole(c, 'button', { name: '审核：继续保密' }));
    await click(getByRole(c, 'button', { name: /^审核提醒/ }));
    await waitFor(() => {
      expect(queue(c)).toContain('丁计划 | 年度定密审核（上次审核：2025-12-01）');
      expect(queue(c).some((r) => r.startsWith('乙方案'))).toBe(false);
    });
    await read(() => new Promise((r) => setTimeout(r, 50)));
    expect(queryByRole(c, 'heading', { name: '乙方案' })).toBeNull();
    expect(must(await read(() => det(l, AS.clerk).get(ids.long!))).records.at(-1)).toMatchObject({ type: 'reviewed', note: '仍涉及专项检查部署，继续保密。', date: '2026-01-10' });
    await click(getByRole(c, 'button', { name: '定密事项' }));
    await click(getByRole(c, 'button', { name: '查看：乙方案' }));
    await waitFor(() => expect(textOf(c)).toContain('最近审核2026-01-10'));
    expect(textOf(c)).toContain('定期审核：继续保密');
  });
});

describe('派生定密 source picker on screen', () => {
  async function sources() {
    const l = await testLedger('2026-03-02T09:00:00+08:00');
    const a = await decided(l, '甲来源（机密，5年）', terms({ level: 'secret', period: { kind: 'years', years: 5 }, scope: { personIds: [], posts: ['办公室主任', '保密办主任'], departments: [], units: [] } }));
    const b = await decided(l, '乙来源（秘密，10年）', terms({ level: 'confidential', period: { kind: 'years', years: 10 }, scope: { personIds: [], posts: ['办公室主任', '科长'], departments: [], units: [] } }));
    const other = await decided(l, '丙来源（秘密，另一部门）', terms({ level: 'confidential', scope: { personIds: [], posts: [], departments: ['财务科'], units: [] } }));
    return { l, a, b, other };
  }

  it('pre-fills the highest level, the longest period and the narrowest scope; lets the handler raise the level but not go below it', async () => {
    const { l, a, b } = await sources();
    const c = await renderDet(l, AS.handler);
    await click(getByRole(c, 'button', { name: '拟定定密' }));
    await type(getByLabel(c, '事项或文件名称'), '甲乙方案汇编');
    await set(c, '依据类型', '派生定密');
    const derive = getByRole(c, 'button', { name: '按来源确定密级、期限和范围' });
    expect((derive as HTMLButtonElement).disabled).toBe(true);
    await click(getByLabel(c, '甲来源（机密，5年）（机密★5年）'));
    await click(getByLabel(c, '乙来源（秘密，10年）（秘密★10年）'));
    expect((derive as HTMLButtonElement).disabled).toBe(false);
    await click(derive);

    await waitFor(() => expect(control(c, '密级').value).toBe('secret'));
    expect(getByLabel(c, '年数').value).toBe('10');
    expect(getByLabel(c, '知悉岗位').value).toBe('办公室主任');
    expect(textOf(getByRole(c, 'status', { name: /密级标志/ }))).toBe('密级标志：机密★10年');
    expect(textOf(c)).toContain('保密期限自 2026-03-02 起计算（来源事项的确定之日）。');

    // Below the sources' highest level: refused, nothing stored.
    await set(c, '密级', '秘密');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    expect(await alertText(c)).toBe('派生事项的密级不得低于来源事项的最高密级（机密）。');
    expect(must(await read(() => det(l, AS.clerk).list()))).toHaveLength(3);

    // Raising it is the handler's to propose.
    await set(c, '密级', '绝密');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    await waitFor(() => getByRole(c, 'heading', { name: '甲乙方案汇编' }));
    expect(textOf(c)).toContain('拟：绝密★10年');
    expect(textOf(c)).toContain('知悉范围岗位：办公室主任定密依据派生自：甲来源（机密，5年）、乙来源（秘密，10年）');
    const drafted = must(await read(() => det(l, AS.clerk).list())).find((s) => s.subject.title === '甲乙方案汇编');
    expect(drafted?.proposal).toMatchObject({
      procedure: 'determine',
      terms: { level: 'top_secret', period: { kind: 'years', years: 10 }, scope: { posts: ['办公室主任'] }, basis: { kind: 'derived', sourceIds: [a, b] } },
    });
  });

  it('says so when the sources share nobody in scope, and the draft needs a scope named', async () => {
    const { l } = await sources();
    const c = await renderDet(l, AS.handler);
    await click(getByRole(c, 'button', { name: '拟定定密' }));
    await type(getByLabel(c, '事项或文件名称'), '甲丙摘编');
    await set(c, '依据类型', '派生定密');
    await click(getByLabel(c, '甲来源（机密，5年）（机密★5年）'));
    await click(getByLabel(c, '丙来源（秘密，另一部门）（秘密★10年）'));
    await click(getByRole(c, 'button', { name: '按来源确定密级、期限和范围' }));
    await waitFor(() => expect(textOf(c)).toContain('来源事项的知悉范围没有共同的人员、岗位、部门或单位。请按最小化原则重新确定知悉范围。'));
    expect(getByLabel(c, '知悉岗位').value).toBe('');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    expect(await alertText(c)).toBe('请确定知悉范围：至少勾选一名人员，或填写岗位、部门或单位。');
    await type(getByLabel(c, '知悉岗位'), '办公室主任');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    await waitFor(() => getByRole(c, 'heading', { name: '甲丙摘编' }));
    expect(textOf(c)).toContain('拟：机密★10年');
  });
});
