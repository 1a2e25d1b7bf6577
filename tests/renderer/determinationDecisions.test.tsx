import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../renderer/i18n';
import type { DeterminationApplied } from '../../shared/ledger/events';
import { cleanup, click, getByLabel, getByRole, queryByRole, textOf, type, waitFor } from './dom';
import { alertText, AS, decided, det, history, must, read, openFromList, recordCount, renderDet, renderLedger, set, terms, unit } from './detScreens';

/**
 * 定密 decisions through the screens, on a real encrypted store: 不予定密 with its written opinion,
 * 解密 / 解除 reaching the linked carriers' timelines, withdrawing a draft, and the rules a person
 * meets on the way (nobody decides their own draft, the legal maximum period, an empty scope).
 * Every refusal is checked in the words shown and in the store: nothing is half-written.
 */
afterEach(async () => {
  await cleanup();
  setLocale('zh-CN');
});

const TITLE = '关于调整内部机构设置的请示（征求意见稿）';

describe('不予定密 on screen', () => {
  it('the handler drafts 非密, the determiner cannot approve it, must write the opinion, and the record shows the decision', async () => {
    const { l } = await unit();
    let c = await renderDet(l, AS.handler);
    await click(getByRole(c, 'button', { name: '拟定定密' }));
    await type(getByLabel(c, '事项或文件名称'), TITLE);
    await set(c, '依据类型', '书面理由');
    await set(c, '定密理由', '拟公开征求意见，不涉及国家秘密。');
    await set(c, '密级', '非密');
    expect(textOf(getByRole(c, 'status', { name: /密级标志/ }))).toBe('密级标志：（无标志）');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    await waitFor(() => getByRole(c, 'heading', { name: TITLE }));
    expect(textOf(c)).toContain('待审批的定密拟定稿');
    const id = must(await read(() => det(l, AS.clerk).list()))[0]!.id;
    await cleanup();

    c = await renderDet(l, AS.determiner);
    await click(getByRole(c, 'button', { name: `审批：${TITLE}` }));
    await waitFor(() => getByRole(c, 'button', { name: '不予定密' }));
    // 非密 is not approved as a classification: it is decided as 不予定密.
    await click(getByRole(c, 'button', { name: '同意' }));
    expect(await alertText(c)).toBe('拟定密级为“非密”：请选择“不予定密”并写明意见。');
    await click(getByRole(c, 'button', { name: '不予定密' }));
    expect(await alertText(c)).toBe('请填写意见。');
    expect(await recordCount(l, id)).toBe(1);

    await set(c, '意见', '该请示不涉及国家秘密和工作秘密，按非密件办理。');
    await click(getByRole(c, 'button', { name: '不予定密' }));
    await waitFor(() => expect(history(c)).toHaveLength(2));
    expect(textOf(c)).toMatch(/结束\d{4}-\d{2}-\d{2} 决定不予定密/);
    expect(queryByRole(c, 'button', { name: '同意' })).toBeNull();
    expect(queryByRole(c, 'button', { name: '不予定密' })).toBeNull();
    expect(history(c)).toEqual(['1 | 李承办 | 拟定定密：非密', '2 | 张定密 | 不予定密 | 该请示不涉及国家秘密和工作秘密，按非密件办理。']);

    const stored = must(await read(() => det(l, AS.clerk).get(id)));
    expect(stored.state.status).toBe('not_classified');
    expect(stored.state.inForce).toBeNull();
    expect(stored.records.at(-1)).toMatchObject({ type: 'notClassified', opinion: '该请示不涉及国家秘密和工作秘密，按非密件办理。', actor: AS.determiner.accountId });

    // It left the determiner's queue; the list says where it stands.
    await click(getByRole(c, 'button', { name: /^待办/ }));
    await waitFor(() => expect(textOf(c)).toContain('没有待审批的拟定稿。'));
    await click(getByRole(c, 'button', { name: '定密事项' }));
    expect(textOf(c)).toContain(`${TITLE}（无标志）不予定密`);
  });
});

describe('解密 and 解除 on screen', () => {
  it('declassifies a live state secret: the handler drafts 解密 with the reason, the determiner approves, the linked carrier follows on its timeline', async () => {
    const { l, register, carriers } = await unit();
    const carrier = await register();
    const id = await decided(l, '专项检查方案', terms(), [carrier.id]);
    expect(must(await read(() => carriers.history(carrier.id))).state.level).toBe('secret');

    let c = await renderDet(l, AS.handler);
    await openFromList(c, '专项检查方案');
    expect(textOf(c)).toContain('保密期内');
    await click(getByRole(c, 'button', { name: '拟定解密' }));
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    expect(await alertText(c)).toBe('请填写解密（解除）理由。');
    expect(await recordCount(l, id)).toBe(2);
    await set(c, '解密（解除）理由', '检查已结束，方案已公开发布。');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    await waitFor(() => expect(textOf(c)).toContain('待审批的解密拟定稿'));
    expect(textOf(c)).toContain('理由：检查已结束，方案已公开发布。');
    // The terms stay in force until the decision.
    expect(textOf(c)).toContain('机密★10年');
    expect(queryByRole(c, 'button', { name: '拟定解密' })).toBeNull();
    await cleanup();

    c = await renderDet(l, AS.determiner);
    expect(textOf(c)).toContain('专项检查方案解密检查已结束，方案已公开发布。李承办');
    await click(getByRole(c, 'button', { name: '审批：专项检查方案' }));
    await waitFor(() => getByRole(c, 'button', { name: '同意解密（解除）' }));
    // A declassification is approved or returned; it is not corrected, nor decided 不予定密.
    expect(queryByRole(c, 'button', { name: '修改' })).toBeNull();
    expect(queryByRole(c, 'button', { name: '不予定密' })).toBeNull();
    await click(getByRole(c, 'button', { name: '同意解密（解除）' }));
    await waitFor(() => expect(textOf(c)).toContain('经审批解密'));
    expect(textOf(getByRole(c, 'heading', { name: '专项检查方案' }).parentElement ?? c)).toContain('已解密');
    expect(history(c).slice(2)).toEqual(['3 | 李承办 | 拟定解密：检查已结束，方案已公开发布。 | 检查已结束，方案已公开发布。', '4 | 张定密 | 同意解密']);
    expect(must(await read(() => det(l, AS.clerk).get(id))).state.status).toBe('declassified');

    // The carrier it covers is 非密 now, and its timeline says why.
    const h = must(await read(() => carriers.history(carrier.id)));
    expect(h.state.level).toBe('unclassified');
    const applied = h.events.flatMap((e) => (e.event.type === 'determinationApplied' ? [e.event as DeterminationApplied] : []));
    expect(applied.map((e) => e.effect)).toEqual(['classified', 'declassified']);
    await cleanup();
    c = await renderLedger(l, AS.clerk);
    await click(getByRole(c, 'button', { name: carrier.registryNumber }));
    await waitFor(() => getByRole(c, 'heading', { name: `载体 ${carrier.registryNumber}` }));
    const timeline = textOf(getByRole(c, 'heading', { name: '全过程记录' }).parentElement ?? c);
    expect(timeline).toContain('依定密决定确定密级：');
    expect(timeline).toMatch(/依解密（解除）决定：密级 由“机密”改为“非密”.*（非密，无密级标志）/);
  });

  it('releases (解除) a work secret by the same path, named 解除 throughout', async () => {
    const { l, register, carriers } = await unit();
    const carrier = await register({ ...PAPER_INTERNAL });
    const id = await decided(l, '内部工作安排', terms({ level: 'internal', period: { kind: 'none' } }), [carrier.id]);

    let c = await renderDet(l, AS.handler);
    await openFromList(c, '内部工作安排');
    expect(textOf(c)).toContain('内部');
    expect(queryByRole(c, 'button', { name: '拟定解密' })).toBeNull();
    await click(getByRole(c, 'button', { name: '拟定解除' }));
    await set(c, '解密（解除）理由', '工作已完成，不再需要限定知悉范围。');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    await waitFor(() => expect(textOf(c)).toContain('待审批的解除拟定稿'));
    await cleanup();

    c = await renderDet(l, AS.determiner);
    await click(getByRole(c, 'button', { name: '审批：内部工作安排' }));
    await click(await waitFor(() => getByRole(c, 'button', { name: '同意解密（解除）' })));
    await waitFor(() => expect(history(c)).toEqual([
      '1 | 李承办 | 拟定定密：内部',
      '2 | 张定密 | 同意定密 内部',
      '3 | 李承办 | 拟定解除：工作已完成，不再需要限定知悉范围。 | 工作已完成，不再需要限定知悉范围。',
      '4 | 张定密 | 同意解除',
    ]));
    // Its status and end read 解除, not 解密.
    const page = textOf(c);
    expect(page).toContain('已解除');
    expect(page).toMatch(/\d{4}-\d{2}-\d{2} 经审批解除/);
    expect(page).not.toContain('已解密');
    expect(must(await read(() => det(l, AS.clerk).get(id))).state.status).toBe('declassified');
    const h = must(await read(() => carriers.history(carrier.id)));
    expect(h.state.level).toBe('unclassified');
    expect(h.events.at(-1)?.event).toMatchObject({ type: 'determinationApplied', effect: 'declassified', determinationId: id });
  });
});

const PAPER_INTERNAL = {
  title: '内部工作安排（印制稿）',
  docNumber: '',
  level: 'internal' as const,
  period: { kind: 'none' as const },
  scope: { personIds: [], posts: ['办公室主任'], departments: [], units: [] },
  copyNumber: '000001',
  details: { kind: 'paper' as const, pages: 2 },
  origin: { kind: 'produced' as const, department: '办公室' },
  note: '',
};

describe('撤回 on screen', () => {
  it('only the drafter withdraws, with a reason; the withdrawn draft can no longer be decided, not even from a screen opened before', async () => {
    const { l } = await unit();
    const d = must(await read(() => det(l, AS.handler).draft({ title: TITLE, processDraft: false, carrierIds: [] }, terms())));
    const id = d.state.id;

    // Another handler sees the draft but has nothing to do with it, and the rules refuse them too.
    let other = await renderDet(l, AS.handler2);
    await openFromList(other, TITLE);
    expect(queryByRole(other, 'button', { name: '撤回拟定稿' })).toBeNull();
    expect(queryByRole(other, 'heading', { name: '办理' })).toBeNull();
    await cleanup();
    const byOther = await read(() => det(l, AS.handler2).act(id, { type: 'withdraw', reason: '重复拟定' }));
    expect(byOther.ok ? null : byOther.error.code).toBe('NOT_DRAFTER');

    // The determiner has the draft open for a decision…
    const determiner = await renderDet(l, AS.determiner);
    await click(getByRole(determiner, 'button', { name: `审批：${TITLE}` }));
    await waitFor(() => getByRole(determiner, 'button', { name: '同意' }));

    // …while the handler withdraws it: the reason is required.
    const handler = await renderDet(l, AS.handler);
    await click(getByRole(handler, 'button', { name: `查看：${TITLE}` }));
    await click(await waitFor(() => getByRole(handler, 'button', { name: '撤回拟定稿' })));
    expect(await alertText(handler)).toBe('请填写撤回理由。');
    expect(await recordCount(l, id)).toBe(1);
    await set(handler, '撤回理由', '机构调整方案暂缓，拟定稿作废。');
    await click(getByRole(handler, 'button', { name: '撤回拟定稿' }));
    await waitFor(() => expect(textOf(handler)).toContain('拟定稿撤回'));
    expect(history(handler)).toEqual(['1 | 李承办 | 拟定定密：机密★10年', '2 | 李承办 | 撤回定密拟定稿 | 机构调整方案暂缓，拟定稿作废。']);
    expect(queryByRole(handler, 'button', { name: '撤回拟定稿' })).toBeNull();

    // The determiner's screen is now out of date: approving is refused, and nothing is written.
    await click(getByRole(determiner, 'button', { name: '同意' }));
    expect(await alertText(determiner)).toBe('该事项刚刚被其他人办理过。请返回列表刷新，查看最新情况后再办理。');
    expect(await recordCount(l, id)).toBe(2);
    const late = await read(() => det(l, AS.determiner).act(id, { type: 'approve', opinion: '' }));
    expect(late.ok ? null : late.error.code).toBe('NO_PENDING_PROPOSAL');
    await cleanup();

    // A fresh look: nothing to decide, and the item reads 已撤回.
    other = await renderDet(l, AS.determiner);
    expect(textOf(getByRole(other, 'button', { name: /^待办/ }))).toBe('待办');
    expect(textOf(other)).toContain('没有待审批的拟定稿。');
    await openFromList(other, TITLE);
    expect(textOf(other)).toContain('已撤回');
    expect(queryByRole(other, 'button', { name: '同意' })).toBeNull();
    expect(must(await read(() => det(l, AS.clerk).get(id))).state.status).toBe('withdrawn');
  });
});

describe('the rules, met through the screens', () => {
  it('a determiner who resubmitted a returned draft may not decide it; the one who returned it may', async () => {
    const { l } = await unit();
    const d = must(await read(() => det(l, AS.handler).draft({ title: TITLE, processDraft: false, carrierIds: [] }, terms())));
    must(await read(() => det(l, AS.determiner).act(d.state.id, { type: 'return', reason: '知悉范围请写明岗位。' })));

    let c = await renderDet(l, AS.both);
    await openFromList(c, TITLE);
    await click(getByRole(c, 'button', { name: '修改后重新提交' }));
    await type(getByLabel(c, '知悉岗位'), '办公室主任、人事科长');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    await waitFor(() => expect(textOf(c)).toContain('该拟定稿由您提交，须由其他定密责任人审批。'));
    expect(queryByRole(c, 'button', { name: '同意' })).toBeNull();
    expect(queryByRole(c, 'button', { name: '修改' })).toBeNull();
    await click(getByRole(c, 'button', { name: /^待办/ }));
    expect(textOf(c)).toContain('没有待审批的拟定稿。');
    await cleanup();
    const own = await read(() => det(l, AS.both).act(d.state.id, { type: 'approve', opinion: '' }));
    expect(own.ok ? null : own.error.code).toBe('OWN_DRAFT');
    await cleanup();

    c = await renderDet(l, AS.determiner);
    await click(getByRole(c, 'button', { name: `审批：${TITLE}` }));
    await click(await waitFor(() => getByRole(c, 'button', { name: '同意' })));
    await waitFor(() => expect(textOf(c)).toContain('保密期内'));
    expect(history(c).slice(2)).toEqual(['3 | 钱兼任 | 修改后重新提交定密：机密★10年', '4 | 张定密 | 同意定密 机密★10年']);
  });

  it('refuses a period over the legal maximum without an 其他规定 basis in the determiner’s correction and in a change, and accepts it with one', async () => {
    const { l } = await unit();
    const d = must(await read(() => det(l, AS.handler).draft({ title: TITLE, processDraft: false, carrierIds: [] }, terms({ level: 'confidential', period: { kind: 'years', years: 5 } }))));

    let c = await renderDet(l, AS.determiner);
    await click(getByRole(c, 'button', { name: `审批：${TITLE}` }));
    await click(await waitFor(() => getByRole(c, 'button', { name: '修改' })));
    await type(getByLabel(c, '年数'), '12');
    expect(textOf(c)).toContain('期限超过法定最长 10 年：必须写明允许超过的规定。');
    await set(c, '意见', '期限延长。');
    await click(getByRole(c, 'button', { name: '修改后同意' }));
    expect(await alertText(c)).toBe('保密期限超过该密级的法定最长期限（10 年）。请缩短期限，或在“其他规定依据”中写明允许超过的规定。');
    expect(await recordCount(l, d.state.id)).toBe(1);
    await type(getByLabel(c, '年数'), '8');
    await click(getByRole(c, 'button', { name: '修改后同意' }));
    await waitFor(() => expect(textOf(c)).toContain('保密期内'));
    await cleanup();

    c = await renderDet(l, AS.handler);
    await openFromList(c, TITLE);
    await click(getByRole(c, 'button', { name: '拟定变更' }));
    // The change starts from the terms in force.
    expect(getByLabel(c, '年数').value).toBe('8');
    expect(getByLabel(c, '知悉岗位').value).toBe('办公室主任');
    await type(getByLabel(c, '年数'), '15');
    // An empty reason is asked for by the field's own label.
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    expect(await alertText(c)).toBe('请填写变更理由。');
    await set(c, '变更理由', '相关工程延期。');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    expect(await alertText(c)).toBe('保密期限超过该密级的法定最长期限（10 年）。请缩短期限，或在“其他规定依据”中写明允许超过的规定。');
    expect(await recordCount(l, d.state.id)).toBe(2);
    await type(getByLabel(c, '其他规定依据'), '《某行业保密事项范围》第五条');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    await waitFor(() => expect(textOf(c)).toContain('待审批的变更拟定稿'));
    expect(textOf(c)).toContain('保密期限：8年 → 15年（延长）');
    expect(textOf(c)).toContain('其他规定依据：无 → 《某行业保密事项范围》第五条');
  });

  it('refuses an empty scope in a new draft and in a change, saying what to fill in', async () => {
    const { l } = await unit();
    let c = await renderDet(l, AS.handler);
    await click(getByRole(c, 'button', { name: '拟定定密' }));
    await type(getByLabel(c, '事项或文件名称'), TITLE);
    await set(c, '依据类型', '书面理由');
    await set(c, '定密理由', '涉及机构编制调整');
    await set(c, '密级', '机密');
    await type(getByLabel(c, '年数'), '5');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    expect(await alertText(c)).toBe('请确定知悉范围：至少勾选一名人员，或填写岗位、部门或单位。');
    expect(must(await read(() => det(l, AS.clerk).list()))).toEqual([]);
    // A person ticked from the directory is a scope.
    await click(getByLabel(c, '孙保密（办公室）'));
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    await waitFor(() => getByRole(c, 'heading', { name: TITLE }));
    expect(textOf(c)).toContain('人员：孙保密');
    await cleanup();

    const id = must(await read(() => det(l, AS.clerk).list()))[0]!.id;
    must(await read(() => det(l, AS.determiner).act(id, { type: 'approve', opinion: '' })));
    c = await renderDet(l, AS.handler);
    await openFromList(c, TITLE);
    await click(getByRole(c, 'button', { name: '拟定变更' }));
    await click(getByLabel(c, '孙保密（办公室）'));
    await set(c, '变更理由', '不再限定知悉范围。');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    expect(await alertText(c)).toBe('请确定知悉范围：至少勾选一名人员，或填写岗位、部门或单位。');
    expect(await recordCount(l, id)).toBe(2);
  });
});
