import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import { openDatabase } from '../../renderer/db/schema';
import { createPrintServices, PrintProvider } from '../../renderer/features/print/PrintProvider';
import { createSessionStore } from '../../renderer/session/session.store';
import { cleanup, click, getByLabel, getByRole, queryByRole, render, textOf, type, waitFor } from './dom';
import { createFakeApi } from './fakes';
import { fixedLayout } from './fixedLayout';
import { as, freshName, makeStore, PASSWORDS, setUpStore } from './storeFixtures';

afterEach(cleanup);

/**
 * The recovery code sheet (恢复码密封单, issue 7 §3): printed once on a local printer, never kept
 * as a PDF, and noted in the audit trail without the code. The app runs on the real encrypted
 * store with printing as main.tsx wires it; main's print handlers are fakes.
 */
async function bootWithPrinting(printerFails = false) {
  const { s, dbName } = await setUpStore(freshName('recovery-print'));
  s.close();
  const store = makeStore(dbName);
  const api = createFakeApi();
  if (printerFails) {
    api.printToPrinter = async (req) => {
      api.printJobs.push({ title: req.title, body: req.body });
      return { ok: false as const, code: 'PRINT_FAILED', reason: 'Paper jam' };
    };
  }
  const session = createSessionStore(store, api);
  const c = await render(
    <PrintProvider services={createPrintServices(store, api)} session={session} layout={fixedLayout}>
      <App session={session} />
    </PrintProvider>,
  );
  await act(async () => {
    await session.getState().start();
  });
  return { c, store, api, dbName };
}

async function replaceCodeAsSysadmin(c: HTMLElement): Promise<string> {
  await waitFor(() => getByRole(c, 'heading', { name: '登录' }));
  await type(getByLabel(c, '登录名'), 'sysadmin');
  await type(getByLabel(c, '密码'), PASSWORDS.sysadmin as string);
  await click(getByRole(c, 'button', { name: '登录' }));
  await waitFor(() => getByRole(c, 'button', { name: '更换恢复码' }));
  const panel = getByRole(c, 'button', { name: '更换恢复码' }).closest('form') as HTMLElement;
  await type(getByLabel(panel, '本人密码（确认身份）'), PASSWORDS.sysadmin as string);
  await click(getByRole(panel, 'button', { name: '更换恢复码' }));
  return waitFor(() => {
    const out = c.querySelector('output.recovery-code');
    if (!out?.textContent) throw new Error('no code yet');
    return out.textContent;
  });
}

async function printSheet(c: HTMLElement, level: string) {
  const label = [...c.querySelectorAll('label')].find((l) => l.textContent?.trim() === '密封单密级标志');
  const select = document.getElementById(label?.htmlFor ?? '') as HTMLSelectElement;
  await act(async () => {
    select.value = level;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await click(getByRole(c, 'button', { name: '打印恢复码密封单' }));
  const preview = await waitFor(() => c.querySelector('.print-overlay') as HTMLElement);
  await waitFor(() => expect(preview.querySelector('section.sheet')).not.toBeNull());
  return preview;
}

async function auditOf(dbName: string) {
  const s = makeStore(dbName);
  await as(s, 'shenji');
  const r = await s.auditEntries(1000);
  s.close();
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('the recovery code sheet', () => {
  it('shows the code at the chosen level, prints only to paper, and audits the print without the code', async () => {
    const { c, api, dbName } = await bootWithPrinting();
    const code = await replaceCodeAsSysadmin(c);
    const preview = await printSheet(c, 'top_secret');

    const sheet = textOf(preview);
    expect(sheet).toContain('保密台账系统恢复码密封单');
    expect(sheet).toContain(code);
    expect(sheet).toContain('绝密');
    expect(sheet).toContain('系统管理员更换，原恢复码作废');
    expect(sheet).toContain('本机不保留电子副本');
    // 打印日期 is written as the header writes the date (2026年11月21日), not 2026-11-21.
    const headerDate = preview.querySelector('.sheet-date')?.textContent ?? '';
    expect(headerDate).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    const printedOn = [...preview.querySelectorAll('section.sheet tr')].find((r) => r.querySelector('th')?.textContent === '打印日期');
    expect(printedOn?.querySelector('td')?.textContent).toBe(headerDate);
    expect(sheet).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // Paper only: there is no 保存为PDF.
    expect(queryByRole(preview, 'button', { name: '保存为PDF' })).toBeNull();

    await click(getByRole(preview, 'button', { name: '打印' }));
    await waitFor(() => getByRole(preview, 'button', { name: '开始打印' }));
    await click(getByRole(preview, 'button', { name: '开始打印' }));
    await waitFor(() => expect(textOf(preview)).toContain('本机未保留电子副本，打印情况已记入审计日志'));
    const job = api.printJobs.at(-1);
    expect(job?.deviceName).toBe('Local_USB');
    expect(job?.body).toContain(code);

    // Nothing kept: no printout record, no PDF pieces.
    const db = openDatabase(dbName);
    expect(await db.table('printouts').count()).toBe(0);
    db.close();

    const entries = await auditOf(dbName);
    const printed = entries.find((e) => e.action === 'recovery.printed');
    expect(printed?.detail).toMatchObject({ level: 'top_secret', copies: 1, printer: 'Local_USB' });
    expect(entries.some((e) => e.action === 'print.document')).toBe(false);
    // The code is nowhere in the audit trail (with or without its hyphens).
    const trail = JSON.stringify(entries);
    expect(trail).not.toContain(code);
    expect(trail).not.toContain(code.replace(/-/g, ''));
  });

  it('a printer failure is audited and says no copy was kept', async () => {
    const { c, dbName } = await bootWithPrinting(true);
    await replaceCodeAsSysadmin(c);
    const preview = await printSheet(c, 'secret');
    await click(getByRole(preview, 'button', { name: '打印' }));
    await waitFor(() => getByRole(preview, 'button', { name: '开始打印' }));
    await click(getByRole(preview, 'button', { name: '开始打印' }));
    await waitFor(() => expect(getByRole(preview, 'alert').textContent).toContain('打印机未能完成打印（Paper jam）。本机未保留电子副本'));
    const entries = await auditOf(dbName);
    expect(entries.find((e) => e.action === 'recovery.print_failed')?.detail).toMatchObject({ level: 'secret', failure: 'PRINT_FAILED: Paper jam' });
  });

  it('only the 系统管理员 may record it, and a malformed record is refused', async () => {
    const { s } = await setUpStore(freshName('recovery-print-perm'));
    const print = { printoutId: '0f3c2a9e-1111-4222-8333-444455556666', level: 'secret' as const, pages: 1, copies: 1, printer: 'Local_USB' };
    expect(await s.admin.recordRecoveryCodePrint({ ...print, copies: 0 })).toEqual({ ok: false, error: { code: 'RECOVERY_PRINT_INVALID' } });
    expect(await s.admin.recordRecoveryCodePrint(print)).toEqual({ ok: true, value: undefined });
    for (const who of ['anquan', 'shenji']) {
      await as(s, who);
      expect(await s.admin.recordRecoveryCodePrint(print)).toEqual({ ok: false, error: { code: 'NOT_PERMITTED', params: { action: 'recovery.print' } } });
    }
  });
});
