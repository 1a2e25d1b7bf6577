import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DestructionPage } from '../../renderer/features/destruction/DestructionPage';
import { createDestructionServices, DestructionServicesProvider } from '../../renderer/features/destruction/destructionServices';
import { createLedgerServices, LedgerServicesProvider } from '../../renderer/features/ledger/ledgerServices';
import { setLocale } from '../../renderer/i18n';
import { createSessionStore } from '../../renderer/session/session.store';
import { SessionProvider } from '../../renderer/session/SessionContext';
import { ok } from '../../shared/result';
import { approvedBatch, BODY, BOSS_CLERK, device, must, unit, type Unit } from './destructionFixtures';
import { cleanup, click, getByLabel, getByRole, queryAllByRole, queryByRole, render, textOf, waitFor } from './dom';
import { createFakeApi, FakeLedgerStore } from './fakes';
import { SESSIONS, type TestSession } from './ledgerVault';

afterEach(async () => {
  await cleanup();
  setLocale('zh-CN');
});

/** The 销毁 module as a signed-in account sees it, on a real encrypted database. */
async function renderDestruction(u: Unit, who: TestSession) {
  const session = createSessionStore(new FakeLedgerStore(), createFakeApi());
  session.setState({ phase: 'unlocked', session: { ...who, unit: { name: '某单位', code: 'BM-01' } } as never });
  const c = await render(
    <SessionProvider store={session}>
      <LedgerServicesProvider services={createLedgerServices(u.l.as(who))}>
        <DestructionServicesProvider services={createDestructionServices(u.l.as(who), async () => ok(null))}>
          <DestructionPage />
        </DestructionServicesProvider>
      </LedgerServicesProvider>
    </SessionProvider>,
  );
  await waitFor(() => expect(queryAllByRole(c, 'status').some((s) => s.textContent === '正在读取销毁信息…')).toBe(false));
  return c;
}

/** Types into a labelled textarea through its native setter, so React sees the change. */
async function typeArea(scope: HTMLElement, label: string, value: string): Promise<void> {
  const l = [...scope.querySelectorAll('label')].find((x) => x.textContent?.trim() === label);
  const area = l ? document.getElementById(l.htmlFor) : null;
  if (!(area instanceof HTMLTextAreaElement)) throw new Error(`no textarea labelled ${label}`);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, value);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('销毁 screens', () => {
  it('shows why a carrier may not be destroyed, and the rules’ refusal when it is chosen anyway; nothing is requested', async () => {
    const u = await unit();
    const a = await u.register();
    const lent = await u.register();
    must(await u.carriers.act(lent.id, { type: 'lent', handover: { from: { kind: 'person', personId: u.people.clerk.id }, to: { kind: 'person', personId: u.people.zhang.id }, confirmation: { kind: 'slip', slipNumber: 'JY-1' } }, dueOn: u.today() }));
    const c = await renderDestruction(u, SESSIONS.handler);
    expect(textOf(c)).toContain('还没有销毁批次');
    await click(getByRole(c, 'button', { name: '申请销毁' }));
    await waitFor(() => expect(textOf(c)).toContain(`载体 ${lent.registryNumber}（${lent.title}）已借出，尚未归还，不能销毁。`));
    await click(getByLabel(c, a.registryNumber));
    await click(getByLabel(c, lent.registryNumber));
    await typeArea(c, '申请事由', '年度集中销毁');
    await click(getByRole(c, 'button', { name: '提交销毁申请（2 件）' }));
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toBe(`载体 ${lent.registryNumber}（${lent.title}）已借出，尚未归还，不能销毁。请先办理归还，再列入销毁批次。`));
    expect(must(await u.as(SESSIONS.clerk).list())).toEqual([]);
    // In English the title is quoted the English way, not in Chinese brackets.
    await act(async () => setLocale('en'));
    expect(getByRole(c, 'alert').textContent).toBe(`Carrier ${lent.registryNumber} “${lent.title}” is on loan and may not be destroyed. Record its return first, then add it to a batch.`);
  });

  it('offers the approver the decision, and tells one who counted the batch that it is not theirs to approve', async () => {
    const u = await unit();
    const a = await u.register();
    const boss = u.as(BOSS_CLERK);
    const mine = must(await boss.request([a.id], '年度集中销毁'));
    must(await boss.count(mine.id, [a.id]));
    must(await boss.submit(mine.id));
    const c = await renderDestruction(u, BOSS_CLERK);
    await click(getByRole(c, 'button', { name: /^[0-9A-F]{8}$/ }));
    await waitFor(() => expect(textOf(c)).toContain('本批次由您申请或清点，您不能审批，请由其他审批人审批。'));
    await click(getByRole(c, 'button', { name: '批准' }));
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toBe('不能审批本人提出或本人清点的申请，请由其他审批人审批。'));
    expect(must(await u.as(SESSIONS.clerk).history(mine.id)).batch.status).toBe('pending');
  });

  it('lets a carrier be taken out of a batch not yet submitted, which then needs a new count', async () => {
    const u = await unit();
    const [a, b] = [await u.register(), await u.register()];
    const batch = must(await u.as(SESSIONS.handler).request([a.id, b.id], '年度集中销毁'));
    must(await u.as(SESSIONS.clerk).count(batch.id, [a.id, b.id]));
    const c = await renderDestruction(u, SESSIONS.handler);
    await click(getByRole(c, 'button', { name: /^[0-9A-F]{8}$/ }));
    await click(await waitFor(() => getByRole(c, 'button', { name: `将 ${b.registryNumber} 移出本批次` })));
    await waitFor(() => expect(queryByRole(c, 'button', { name: `将 ${b.registryNumber} 移出本批次` })).toBeNull());
    expect(must(await u.as(SESSIONS.clerk).history(batch.id)).batch.state).toMatchObject({ status: 'open', carrierIds: [a.id] });
  });

  it('shows an approved batch to the clerk with the hand-over form, in English too', async () => {
    const u = await unit();
    const a = await u.register();
    await approvedBatch(u, [a.id]);
    const c = await renderDestruction(u, SESSIONS.clerk);
    await click(getByRole(c, 'button', { name: /^[0-9A-F]{8}$/ }));
    await waitFor(() => expect(queryByRole(c, 'button', { name: '登记移交并销毁（1 件）' })).not.toBeNull());
    expect(textOf(c)).toContain('监销人（至少 2 人）');
    await act(async () => setLocale('en'));
    expect(queryByRole(c, 'button', { name: 'Record hand-over and destruction (1)' })).not.toBeNull();
    expect(textOf(c)).toContain('Approved, to be handed over');
  });

  it('shows a kept certificate scan once its SHA-256 is checked, as a picture', async () => {
    const u = await unit();
    const a = await u.register();
    const batch = await approvedBatch(u, [a.id]);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    must(await u.as(SESSIONS.clerk).handOver(batch.id, { body: BODY, on: u.today(), escortIds: [u.people.zhang.id, u.people.wang.id], certificateNumber: 'XH-1' }, { name: '证明.png', bytes: png }));
    const c = await renderDestruction(u, SESSIONS.approver);
    await click(getByRole(c, 'button', { name: /^[0-9A-F]{8}$/ }));
    await click(await waitFor(() => getByRole(c, 'button', { name: '查看销毁证明扫描件' })));
    const img = await waitFor(() => {
      const el = c.querySelector('img');
      if (!el) throw new Error('no picture');
      return el;
    });
    expect(img.getAttribute('alt')).toBe('销毁证明扫描件 证明.png');
    expect(img.getAttribute('src')).toMatch(/^blob:/);
    expect(textOf(c)).toContain('已核对：扫描件的 SHA-256 与移交记录一致');
    await click(getByRole(c, 'button', { name: '收起扫描件' }));
    expect(c.querySelector('img')).toBeNull();
  });

  it('asks to put a stopped device back into use, and the approver puts it back (重新起用)', async () => {
    const u = await unit();
    const pc = await u.register(device('停用涉密计算机', { kind: 'computer', assetNumber: 'ZC-0102', model: '某型', serial: 'PC-2', diskSerials: [] }));
    const d = must(await u.devicesAs(SESSIONS.clerk).apply(pc.id, 'stop', '项目暂停'));
    must(await u.devicesAs(SESSIONS.approver).decide(d.id, 'approved', '同意停用'));

    let c = await renderDestruction(u, SESSIONS.handler);
    await click(getByRole(c, 'button', { name: '设备停用/报废' }));
    await click(await waitFor(() => getByRole(c, 'button', { name: `办理 ${pc.registryNumber}` })));
    await waitFor(() => expect(textOf(c)).toContain('已停用但尚未进行信息消除的设备，经审批后可以重新起用'));
    await typeArea(c, '重新起用理由', '项目恢复，重新使用');
    await click(getByRole(c, 'button', { name: '申请重新起用' }));
    await waitFor(() => expect(textOf(c)).toContain('停用：停用中，重新起用待审批'));
    await waitFor(() => expect(textOf(c)).toContain('申请重新起用；理由：项目恢复，重新使用'));
    await cleanup();

    c = await renderDestruction(u, SESSIONS.approver);
    await click(getByRole(c, 'button', { name: '设备停用/报废' }));
    await click(await waitFor(() => getByRole(c, 'button', { name: `办理 ${pc.registryNumber}` })));
    const decide = await waitFor(() => {
      const group = c.querySelector<HTMLElement>('[role="group"][aria-label="审批重新起用申请"]');
      if (!group) throw new Error('no decision on 重新起用');
      return group;
    });
    await typeArea(decide, '审批意见', '同意重新起用');
    await click(getByRole(decide, 'button', { name: '批准' }));
    await waitFor(() => expect(textOf(c)).toContain('设备已重新起用。如需再次停用或报废，请重新申请。'));
    await waitFor(() => expect(textOf(c)).toContain('批准重新起用；意见：同意重新起用'));
    expect(must(await u.devicesAs(SESSIONS.clerk).devices()).find((e) => e.carrier.id === pc.id)?.records[0]?.status).toBe('reenabled');
  });
});
