import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeterminationsRepo } from '../../renderer/db/determinations.repo';
import { DeterminationsPage } from '../../renderer/features/determinations/DeterminationsPage';
import { createDeterminationServices, DeterminationServicesProvider } from '../../renderer/features/determinations/determinationServices';
import { createLedgerServices, LedgerServicesProvider } from '../../renderer/features/ledger/ledgerServices';
import { CarriersRepo } from '../../renderer/db/carriers.repo';
import { PeopleRepo } from '../../renderer/db/people.repo';
import { setLocale } from '../../renderer/i18n';
import { cleanup, click, getByLabel, getByRole, queryByRole, render, textOf, type, waitFor } from './dom';
import { testLedger, type TestLedger, type TestSession } from './ledgerVault';

/**
 * The 定密 screens on a real encrypted store, driven the way a person does: by visible Chinese
 * labels and button names. Accounts with the handler and determiner roles are made at the vault
 * level (role assignment is the accounts module's).
 */
const AS = {
  clerk: { accountId: 'acc-clerk', username: 'sunbm', displayName: '孙保密', roles: ['clerk'] },
  handler: { accountId: 'acc-li', username: 'lich', displayName: '李承办', roles: ['handler'] },
  determiner: { accountId: 'acc-zhang', username: 'zhangdm', displayName: '张定密', roles: ['determiner'] },
  both: { accountId: 'acc-qian', username: 'qianjr', displayName: '钱兼任', roles: ['handler', 'determiner'] },
} satisfies Record<string, TestSession>;

afterEach(async () => {
  await cleanup();
  setLocale('zh-CN');
});

async function renderAs(ledger: TestLedger, who: TestSession): Promise<HTMLElement> {
  await cleanup();
  const c = await render(
    <LedgerServicesProvider services={createLedgerServices(ledger.as(who))}>
      <DeterminationServicesProvider services={createDeterminationServices(ledger.as(who))}>
        <DeterminationsPage />
      </DeterminationServicesProvider>
    </LedgerServicesProvider>,
  );
  await waitFor(() => expect(queryByRole(c, 'status', { name: /正在读取|Loading/ })).toBeNull());
  return c;
}

function control(scope: HTMLElement, label: string): HTMLSelectElement | HTMLTextAreaElement {
  const l = [...scope.querySelectorAll('label')].find((x) => textOf(x) === label);
  const el = l ? document.getElementById(l.htmlFor) : null;
  if (el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) return el;
  throw new Error(`no select or textarea labelled ${label}:\n${textOf(scope)}`);
}

/** Sets a select (by the start of an option's text) or a textarea, as a person would. */
async function set(scope: HTMLElement, label: string, value: string): Promise<void> {
  const el = control(scope, label);
  await act(async () => {
    if (el instanceof HTMLSelectElement) {
      const option = [...el.options].find((o) => o.text.startsWith(value));
      if (!option) throw new Error(`no option ${value} in ${label}`);
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(el, option.value);
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
}

async function withCatalogue(): Promise<TestLedger> {
  const ledger = await testLedger('2026-11-21T09:00:00+08:00');
  const r = await new DeterminationsRepo(ledger.as(AS.clerk)).saveCatalogueEntry(null, {
    code: '2.1',
    title: '年度保密检查方案',
    level: 'confidential',
    defaultPeriod: { kind: 'years', years: 10 },
    scopeHint: '办公室主任',
  });
  if (!r.ok) throw new Error('catalogue');
  return ledger;
}

async function draftThroughTheForm(c: HTMLElement, years: string): Promise<void> {
  await click(getByRole(c, 'button', { name: '拟定定密' }));
  await type(getByLabel(c, '事项或文件名称'), '2027年度保密检查方案（征求意见稿）');
  await set(c, '事项一览表条目', '2.1');
  await type(getByLabel(c, '知悉岗位'), '办公室主任、保密办主任');
  await type(getByLabel(c, '年数'), years);
  await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
}

describe('定密 screens', () => {
  it('shows the handler the marking as the terms are typed, and refuses a period over the legal maximum in words', async () => {
    const ledger = await withCatalogue();
    const c = await renderAs(ledger, AS.handler);
    await draftThroughTheForm(c, '12');
    expect(textOf(getByRole(c, 'status', { name: /密级标志/ }))).toContain('秘密★12年');
    const alert = await waitFor(() => getByRole(c, 'alert'));
    expect(textOf(alert)).toBe('保密期限超过该密级的法定最长期限（10 年）。请缩短期限，或在“其他规定依据”中写明允许超过的规定。');
    // With the provision named, the same period is accepted.
    await type(getByLabel(c, '其他规定依据'), '《某行业保密事项范围》第五条');
    await click(getByRole(c, 'button', { name: '提交定密责任人审批' }));
    await waitFor(() => getByRole(c, 'heading', { name: '2027年度保密检查方案（征求意见稿）' }));
    expect(textOf(c)).toContain('拟：秘密★12年');
  });

  it('says the period is missing in the marking preview instead of showing 秘密★NaN年 or undefined', async () => {
    const ledger = await withCatalogue();
    const c = await renderAs(ledger, AS.handler);
    await click(getByRole(c, 'button', { name: '拟定定密' }));
    await type(getByLabel(c, '年数'), '');
    const preview = () => textOf(getByRole(c, 'status', { name: /密级标志/ }));
    expect(preview()).toBe('密级标志：（请先填写保密期限）');
    await set(c, '期限类型', '至某日解密');
    expect(preview()).toBe('密级标志：（请先填写保密期限）');
    await type(getByLabel(c, '解密日期'), '2030-06-30');
    expect(preview()).toBe('密级标志：秘密★2030年6月30日');
    expect(preview()).not.toMatch(/NaN|undefined/);
  });

  it('takes a draft from the handler to the determiner, who corrects and signs it; the record shows what changed', async () => {
    const ledger = await withCatalogue();
    let c = await renderAs(ledger, AS.handler);
    await draftThroughTheForm(c, '5');
    await waitFor(() => getByRole(c, 'heading', { name: '2027年度保密检查方案（征求意见稿）' }));

    c = await renderAs(ledger, AS.determiner);
    await click(getByRole(c, 'button', { name: '审批：2027年度保密检查方案（征求意见稿）' }));
    await waitFor(() => getByRole(c, 'button', { name: '同意' }));
    await click(getByRole(c, 'button', { name: '修改' }));
    await type(getByLabel(c, '年数'), '3');
    await set(c, '意见', '方案执行后即失去保密价值，期限改为3年。');
    await click(getByRole(c, 'button', { name: '修改后同意' }));
    await waitFor(() => expect(textOf(c)).toContain('保密期内'));
    const history = textOf(getByRole(c, 'heading', { name: '办理记录' }).parentElement ?? c);
    expect(history).toContain('拟定定密：秘密★5年');
    expect(history).toContain('修改后同意定密：秘密★3年');
    expect(history).toContain('保密期限：5年 → 3年（缩短）');
    expect(history).toContain('方案执行后即失去保密价值');
  });

  it('does not offer a determiner the decision on their own draft, and says why', async () => {
    const ledger = await withCatalogue();
    const c = await renderAs(ledger, AS.both);
    await draftThroughTheForm(c, '5');
    await waitFor(() => expect(textOf(c)).toContain('该拟定稿由您提交，须由其他定密责任人审批。'));
    expect(queryByRole(c, 'button', { name: '同意' })).toBeNull();
  });

  it('lets the determiner return a draft with the reason, which the handler sees in their queue', async () => {
    const ledger = await withCatalogue();
    let c = await renderAs(ledger, AS.handler);
    await draftThroughTheForm(c, '5');
    await waitFor(() => getByRole(c, 'heading', { name: '2027年度保密检查方案（征求意见稿）' }));
    c = await renderAs(ledger, AS.determiner);
    await click(getByRole(c, 'button', { name: '审批：2027年度保密检查方案（征求意见稿）' }));
    await waitFor(() => getByRole(c, 'button', { name: '退回' }));
    await click(getByRole(c, 'button', { name: '退回' }));
    // The reason for returning is written in 意见: the refusal names that field.
    expect(textOf(await waitFor(() => getByRole(c, 'alert')))).toBe('请填写意见。');
    await set(c, '意见', '知悉范围过宽，请缩小到办公室主任。');
    await click(getByRole(c, 'button', { name: '退回' }));
    await waitFor(() => expect(textOf(c)).toContain('已退回的定密拟定稿'));

    c = await renderAs(ledger, AS.handler);
    expect(textOf(getByRole(c, 'button', { name: /待办/ }))).toBe('待办1');
    await click(getByRole(c, 'button', { name: '修改后重新提交：2027年度保密检查方案（征求意见稿）' }));
    await waitFor(() => expect(textOf(c)).toContain('退回理由：知悉范围过宽，请缩小到办公室主任。'));
  });

  it('lists the catalogue for everyone and lets only the clerk add to it', async () => {
    const ledger = await withCatalogue();
    let c = await renderAs(ledger, AS.handler);
    await click(getByRole(c, 'button', { name: '事项一览表' }));
    expect(textOf(c)).toContain('年度保密检查方案');
    expect(queryByRole(c, 'button', { name: '新增条目' })).toBeNull();
    c = await renderAs(ledger, AS.clerk);
    await click(getByRole(c, 'button', { name: '事项一览表' }));
    await click(getByRole(c, 'button', { name: '新增条目' }));
    await type(getByLabel(c, '条目编号'), '2.1');
    await type(getByLabel(c, '事项名称'), '另一个事项');
    await click(getByRole(c, 'button', { name: '保存条目' }));
    expect(textOf(await waitFor(() => getByRole(c, 'alert')))).toBe('条目编号 2.1 已被另一现行条目使用。请使用其他编号。');
  });

  it('links carriers of the ledger by registry number, and flags one the ledger keeps below the determination', async () => {
    const ledger = await withCatalogue();
    const person = await new PeopleRepo(ledger.as(AS.clerk)).create({ name: '孙保密', department: '办公室', post: '保密员', clearance: 'core', status: 'active' });
    if (!person.ok) throw new Error('person');
    const registered = await new CarriersRepo(ledger.as(AS.clerk)).register({
      record: {
        title: '专项检查方案（印制稿）',
        docNumber: '',
        level: 'confidential',
        period: { kind: 'years', years: 10 },
        scope: { personIds: [], posts: ['保密员'], departments: [], units: [] },
        copyNumber: '000001',
        details: { kind: 'paper', pages: 4 },
        origin: { kind: 'produced', department: '办公室' },
        note: '',
      },
      custodianId: person.value.id,
      place: '保密柜1号',
    });
    if (!registered.ok || !registered.value[0]) throw new Error('carrier');
    const number = registered.value[0].registryNumber;
    const drafted = await new DeterminationsRepo(ledger.as(AS.handler)).draft(
      { title: '专项检查方案', processDraft: false, carrierIds: [] },
      { level: 'secret', period: { kind: 'years', years: 10 }, scope: { personIds: [], posts: ['保密员'], departments: [], units: [] }, basis: { kind: 'reason', text: '涉及专项检查部署' } },
    );
    if (!drafted.ok) throw new Error('draft');

    const c = await renderAs(ledger, AS.handler);
    await click(getByRole(c, 'button', { name: '定密事项' }));
    await click(getByRole(c, 'button', { name: '查看：专项检查方案' }));
    await waitFor(() => getByLabel(c, '载体登记号或文号'));
    await type(getByLabel(c, '载体登记号或文号'), number);
    await click(getByRole(c, 'button', { name: '查找' }));
    const box = await waitFor(() => {
      const el = [...c.querySelectorAll('label')].find((l) => textOf(l).startsWith(number))?.querySelector('input');
      if (!el) throw new Error('no result');
      return el;
    });
    await click(box);
    await click(getByRole(c, 'button', { name: '关联所选载体' }));
    await waitFor(() => expect(textOf(c)).toContain('台账密级低于本定密结论，请保密员在台账中更正。'));
    expect(textOf(c)).toContain('关联载体 1 件');
    expect(textOf(c)).toContain('秘密★10年');
  });

  it('reads in English too', async () => {
    const ledger = await withCatalogue();
    setLocale('en');
    const c = await renderAs(ledger, AS.handler);
    expect(getByRole(c, 'button', { name: 'New draft' })).toBeDefined();
    await click(getByRole(c, 'button', { name: 'Items catalogue' }));
    expect(textOf(c)).toContain('Confidential');
  });

  it('asks in English for an empty field by its English label', async () => {
    const ledger = await withCatalogue();
    let c = await renderAs(ledger, AS.handler);
    await draftThroughTheForm(c, '5');
    await waitFor(() => getByRole(c, 'heading', { name: '2027年度保密检查方案（征求意见稿）' }));
    setLocale('en');
    c = await renderAs(ledger, AS.determiner);
    await click(getByRole(c, 'button', { name: 'Decide: 2027年度保密检查方案（征求意见稿）' }));
    await click(await waitFor(() => getByRole(c, 'button', { name: 'Return' })));
    expect(textOf(await waitFor(() => getByRole(c, 'alert')))).toBe('Fill in “Opinion”.');
  });
});
