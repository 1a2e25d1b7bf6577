import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditExport } from '../../shared/audit/exportFormat';
import { openDatabase } from '../../renderer/db/schema';
import { bootApp } from './boot';
import { cleanup, click, getByLabel, getByRole, queryAllByRole, queryByRole, textOf, type, waitFor } from './dom';
import { createFakeApi } from './fakes';
import { freshName, makeStore, PASSWORDS, setUpStore } from './storeFixtures';

afterEach(cleanup);

/** The screens run on the real encrypted store (fake-indexeddb, cheap key derivation). */
async function bootSetUp() {
  const { s, dbName, setup } = await setUpStore(freshName('screens'));
  s.close();
  const store = makeStore(dbName);
  const api = createFakeApi();
  const booted = await bootApp(store, api);
  return { ...booted, store, api, dbName, recoveryCode: setup.recoveryCode };
}

async function signInAs(c: HTMLElement, username: string, password = PASSWORDS[username] ?? '') {
  await waitFor(() => getByRole(c, 'heading', { name: '登录' }));
  await type(getByLabel(c, '登录名'), username);
  await type(getByLabel(c, '密码'), password);
  await click(getByRole(c, 'button', { name: '登录' }));
}

async function signOut(c: HTMLElement) {
  await click(getByRole(c, 'button', { name: '退出登录' }));
  await waitFor(() => getByRole(c, 'heading', { name: '登录' }));
}

function navNames(c: HTMLElement): string[] {
  return queryAllByRole(getByRole(c, 'navigation'), 'button').map((b) => b.textContent ?? '');
}

/** A section named by its heading (role=region). */
function region(c: HTMLElement, name: string): HTMLElement {
  for (const section of c.querySelectorAll('section[aria-labelledby]')) {
    const heading = document.getElementById(section.getAttribute('aria-labelledby') ?? '');
    if (heading?.textContent?.trim() === name) return section as HTMLElement;
  }
  throw new Error(`no region "${name}" in:\n${textOf(c)}`);
}

function row(c: HTMLElement, text: string): HTMLElement {
  const found = [...c.querySelectorAll('tr')].find((r) => r.textContent?.includes(text));
  if (!found) throw new Error(`no row with "${text}"`);
  return found;
}

/** True when `later` comes after `earlier` in the page (read after it, shown below it). */
function after(earlier: Element, later: Element): boolean {
  return (earlier.compareDocumentPosition(later) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

function selectByLabel(scope: HTMLElement, text: string): HTMLSelectElement {
  const label = [...scope.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  const el = label ? document.getElementById(label.htmlFor) : null;
  if (!(el instanceof HTMLSelectElement)) throw new Error(`no select labelled "${text}"`);
  return el;
}

async function choose(select: HTMLSelectElement, value: string) {
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set;
    setter?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function createZhangsan(c: HTMLElement) {
  const form = region(c, '新建账户');
  await type(getByLabel(form, '登录名'), 'zhangsan');
  await type(getByLabel(form, '姓名'), '张三');
  await type(getByLabel(form, '初始密码'), 'Chushi2026');
  await type(getByLabel(form, '确认初始密码'), 'Chushi2026');
  await type(getByLabel(form, '本人密码（确认身份）'), 'Xitong2026');
  await click(getByRole(form, 'button', { name: '创建账户' }));
  await waitFor(() => expect(textOf(c)).toContain('已创建账户张三（zhangsan）'));
  // The list is read again after the notice: wait for the new row.
  await waitFor(() => row(c, 'zhangsan'));
}

describe('系统管理员: accounts', () => {
  it('sees only 系统管理, creates an account after confirming their own password, and may not disable an administrator', async () => {
    const { container: c } = await bootSetUp();
    await signInAs(c, 'sysadmin');
    await waitFor(() => expect(navNames(c)).toEqual(['系统管理', '数据安全']));
    await waitFor(() => row(c, 'anquan'));
    expect(textOf(row(c, 'sysadmin'))).toContain('本人');
    expect(queryByRole(row(c, 'shenji'), 'button', { name: '停用' })).toBeNull();

    const form = region(c, '新建账户');
    await type(getByLabel(form, '登录名'), 'zhangsan');
    await type(getByLabel(form, '姓名'), '张三');
    await type(getByLabel(form, '初始密码'), 'Chushi2026');
    await type(getByLabel(form, '确认初始密码'), 'Chushi2026');
    await type(getByLabel(form, '本人密码（确认身份）'), 'Wrong2026x');
    await click(getByRole(form, 'button', { name: '创建账户' }));
    await waitFor(() => expect(getByRole(form, 'alert').textContent).toContain('还可尝试 4 次'));
    await type(getByLabel(form, '本人密码（确认身份）'), 'Xitong2026');
    await click(getByRole(form, 'button', { name: '创建账户' }));
    await waitFor(() => expect(textOf(c)).toContain('已创建账户张三（zhangsan）'));
    // The outcome is under the button just pressed, in the form, not above the table out of view.
    const notice = getByRole(form, 'status');
    expect(textOf(notice)).toBe('已创建账户张三（zhangsan）。请通知安全保密管理员分配角色。');
    expect(after(getByRole(form, 'button', { name: '创建账户' }), notice)).toBe(true);
    expect(queryAllByRole(c, 'status')).toEqual([notice]);
    await waitFor(() => expect(textOf(row(c, 'zhangsan'))).toContain('待修改密码'));
    expect(textOf(row(c, 'zhangsan'))).toContain('未分配');
  });

  it('disables an account after a confirmation, and it shows as 停用', async () => {
    const { container: c } = await bootSetUp();
    await signInAs(c, 'sysadmin');
    await waitFor(() => region(c, '新建账户'));
    await createZhangsan(c);
    await click(getByRole(row(c, 'zhangsan'), 'button', { name: '停用' }));
    const panel = region(c, '停用账户：张三（zhangsan）');
    await click(getByRole(panel, 'button', { name: '确认停用' }));
    await waitFor(() => expect(textOf(c)).toContain('已停用账户张三（zhangsan）'));
    // Where the closed panel was: after the table, before 新建账户; it holds the focus the panel's button had.
    const notice = getByRole(c, 'status');
    expect(textOf(notice)).toBe('已停用账户张三（zhangsan）。');
    expect(after(row(c, 'zhangsan'), notice)).toBe(true);
    expect(after(notice, region(c, '新建账户'))).toBe(true);
    expect(document.activeElement).toBe(notice);
    await waitFor(() => expect(getByRole(row(c, 'zhangsan'), 'button', { name: '启用' })).toBeTruthy());
  });

  it('replaces the recovery code: shown once, gone after 已打印或抄录，并已封存', async () => {
    const { container: c, recoveryCode } = await bootSetUp();
    await signInAs(c, 'sysadmin');
    const panel = await waitFor(() => region(c, '恢复码'));
    await type(getByLabel(panel, '本人密码（确认身份）'), 'Xitong2026');
    await click(getByRole(panel, 'button', { name: '更换恢复码' }));
    const code = await waitFor(() => {
      const out = panel.querySelector('output');
      if (!out?.textContent) throw new Error('no code yet');
      return out.textContent;
    });
    expect(code).not.toBe(recoveryCode);
    await click(getByLabel(panel, '已打印或抄录，并已封存'));
    await click(getByRole(panel, 'button', { name: '继续' }));
    expect(textOf(c)).not.toContain(code);
    expect(textOf(c)).toContain('新的恢复码已封存，旧恢复码已作废。');
  });
});

describe('安全保密管理员: roles and policy', () => {
  it('sees only 系统管理, assigns business roles and a level; the three administrators are fixed', async () => {
    const { container: c } = await bootSetUp();
    await signInAs(c, 'sysadmin');
    await waitFor(() => region(c, '新建账户'));
    await createZhangsan(c);
    await signOut(c);
    await signInAs(c, 'anquan');
    await waitFor(() => expect(navNames(c)).toEqual(['系统管理']));
    await waitFor(() => row(c, 'zhangsan'));
    expect(textOf(row(c, 'shenji'))).toContain('三员账户（固定）');
    expect(queryByRole(c, 'heading', { name: '新建账户' })).toBeNull();

    await click(getByRole(row(c, 'zhangsan'), 'button', { name: '分配角色' }));
    const panel = region(c, '分配角色：张三（zhangsan）');
    await click(getByLabel(panel, '承办人'));
    await click(getByLabel(panel, '保密员'));
    await choose(selectByLabel(panel, '涉密等级'), 'secret');
    await click(getByRole(panel, 'button', { name: '保存' }));
    await waitFor(() => expect(textOf(c)).toContain('已保存张三（zhangsan）的角色和涉密等级。'));
    // Where the closed panel was (below the table), with the focus, not above the table.
    const notice = getByRole(c, 'status');
    expect(textOf(notice)).toBe('已保存张三（zhangsan）的角色和涉密等级。');
    expect(after(row(c, 'zhangsan'), notice)).toBe(true);
    expect(document.activeElement).toBe(notice);
    await waitFor(() => expect(textOf(row(c, 'zhangsan'))).toContain('承办人、保密员'));
    expect(textOf(row(c, 'zhangsan'))).toContain('机密');
  });

  it('saves the policy, and says which value is out of bounds', async () => {
    const { container: c } = await bootSetUp();
    await signInAs(c, 'anquan');
    const policy = await waitFor(() => {
      const r = region(c, '安全策略');
      getByLabel(r, '连续输错密码次数上限');
      return r;
    });
    expect(getByLabel(policy, '秘密级最小密码长度').value).toBe('8');
    expect(getByLabel(policy, '绝密级最小密码长度').value).toBe('12');
    await type(getByLabel(policy, '连续输错密码次数上限'), '99');
    await click(getByRole(policy, 'button', { name: '保存策略' }));
    await waitFor(() => expect(getByRole(policy, 'alert').textContent).toBe('“连续输错密码次数上限”应为 3–10 之间的整数，请修改后重试。'));
    await type(getByLabel(policy, '连续输错密码次数上限'), '3');
    await click(getByRole(policy, 'button', { name: '保存策略' }));
    await waitFor(() => expect(textOf(policy)).toContain('安全策略已保存并记入审计日志。'));
  });
});

describe('a new user', () => {
  it('must choose their own password before seeing the modules their roles allow', async () => {
    const { container: c, store } = await bootSetUp();
    await signInAs(c, 'sysadmin');
    await waitFor(() => region(c, '新建账户'));
    await createZhangsan(c);
    await signOut(c);
    await signInAs(c, 'zhangsan', 'Chushi2026');
    await waitFor(() => getByRole(c, 'heading', { name: '请修改密码' }));
    expect(textOf(c)).toContain('您的密码由系统管理员设置');
    expect(queryByRole(c, 'navigation')).toBeNull();
    await type(getByLabel(c, '当前密码'), 'Chushi2026');
    await type(getByLabel(c, '新密码'), 'Chushi2026');
    await type(getByLabel(c, '确认新密码'), 'Chushi2026');
    await click(getByRole(c, 'button', { name: '修改密码' }));
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toBe('新密码不能与当前密码相同，请另设一个新密码。'));
    await type(getByLabel(c, '当前密码'), 'Chushi2026');
    await type(getByLabel(c, '新密码'), 'Zhang2026x');
    await type(getByLabel(c, '确认新密码'), 'Zhang2026x');
    await click(getByRole(c, 'button', { name: '修改密码' }));
    // No roles yet: a frame with no modules, and a page that says whom to ask.
    await waitFor(() => getByRole(c, 'heading', { name: '尚未分配角色' }));
    expect(navNames(c)).toEqual([]);
    expect(store.vault().ok).toBe(true);
  });
});

describe('修改密码 in the frame', () => {
  it('lets any signed-in account change its own password, and the old one stops working', async () => {
    const { container: c, store } = await bootSetUp();
    await signInAs(c, 'shenji');
    await waitFor(() => getByRole(c, 'navigation'));
    await click(getByRole(c, 'button', { name: '修改密码' }));
    await waitFor(() => getByRole(c, 'heading', { name: '修改密码' }));
    expect(textOf(c)).toContain('新密码至少 8 位');
    await type(getByLabel(c, '当前密码'), 'Shenji2026');
    await type(getByLabel(c, '新密码'), 'Shenji2027x');
    await type(getByLabel(c, '确认新密码'), 'Shenji2027x');
    const submit = queryAllByRole(c, 'button', { name: '修改密码' }).find((b) => b.getAttribute('type') === 'submit');
    if (!submit) throw new Error('no submit');
    await click(submit);
    await waitFor(() => expect(textOf(c)).toContain('密码已修改。'));
    await signOut(c);
    expect(await store.signIn('shenji', 'Shenji2026')).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    expect((await store.signIn('shenji', 'Shenji2027x')).ok).toBe(true);
  });
});

describe('安全审计员: the audit trail', () => {
  it('sees only 审计; verifies, and after a record is changed on disk the verify names exactly that record', async () => {
    const { container: c, dbName } = await bootSetUp();
    await signInAs(c, 'shenji');
    await waitFor(() => expect(navNames(c)).toEqual(['审计', '数据安全']));
    await waitFor(() => row(c, '查阅审计日志'));
    expect(textOf(c)).toContain('初始设置');
    await click(getByRole(c, 'button', { name: '验证审计日志' }));
    await waitFor(() => expect(textOf(c)).toMatch(/审计日志完整：共 \d+ 条记录/));

    const db = openDatabase(dbName);
    const victim = await db.audit.get(4);
    if (!victim) throw new Error('row 4');
    const ct = new Uint8Array(victim.ct);
    ct[ct.length - 5] = (ct[ct.length - 5] ?? 0) ^ 0x40;
    await db.audit.put({ ...victim, ct });
    db.close();

    await click(getByRole(c, 'button', { name: '验证审计日志' }));
    const alert = await waitFor(() => {
      const a = queryAllByRole(c, 'alert').find((x) => x.textContent?.includes('完整性校验未通过'));
      if (!a) throw new Error('no alert');
      return a;
    });
    expect(alert.textContent).toContain('第 4 条记录未通过完整性校验');
    expect(alert.textContent).toContain('在它之前的 3 条记录完整');
    await waitFor(() => {
      const marked = c.querySelector('tr[aria-current="true"]');
      expect(marked?.querySelector('td')?.textContent).toBe('4');
      expect(marked?.textContent).toContain('此记录未通过完整性校验');
    });
  });

  it('exports through the shell and audits where the file went', async () => {
    const { container: c, api } = await bootSetUp();
    await signInAs(c, 'shenji');
    await waitFor(() => row(c, '查阅审计日志'));
    await click(getByRole(c, 'button', { name: '导出审计日志' }));
    await waitFor(() => expect(textOf(c)).toMatch(/已导出 \d+ 条记录：\/exports\/audit-BM-0001-\d{8}-\d{6}\.jsonl/));
    expect(api.saved).toHaveLength(1);
    expect(verifyAuditExport(api.saved[0]?.content ?? '')).toMatchObject({ ok: true });
    await waitFor(() => row(c, '导出审计日志'));
  });
});

describe('lost password', () => {
  it('the recovery code signs the 系统管理员 in with a new password and shows the new code once', async () => {
    const { container: c, recoveryCode } = await bootSetUp();
    await waitFor(() => getByRole(c, 'heading', { name: '登录' }));
    await click(getByRole(c, 'button', { name: '系统管理员忘记密码？使用恢复码' }));
    expect(textOf(c)).toContain('恢复码只能用于恢复系统管理员账户的密码');
    await type(getByLabel(c, '恢复码'), '0000-0000-0000-0000-0000-0000');
    await type(getByLabel(c, '新密码'), 'Xinmima2026');
    await type(getByLabel(c, '确认新密码'), 'Xinmima2026');
    await click(getByRole(c, 'button', { name: '恢复并登录' }));
    await waitFor(() => expect(getByRole(c, 'alert').textContent).toBe('恢复码不正确，还可尝试 4 次。请对照封存的恢复码重新输入。'));

    await type(getByLabel(c, '恢复码'), recoveryCode.toLowerCase());
    await click(getByRole(c, 'button', { name: '恢复并登录' }));
    await waitFor(() => getByRole(c, 'heading', { name: '恢复码' }));
    expect(textOf(c)).toContain('恢复码已使用并随即作废');
    const fresh = c.querySelector('output')?.textContent ?? '';
    expect(fresh).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    expect(fresh).not.toBe(recoveryCode);
    await click(getByLabel(c, '已打印或抄录，并已封存'));
    await click(getByRole(c, 'button', { name: '继续' }));
    await waitFor(() => expect(navNames(c)).toEqual(['系统管理', '数据安全']));
    expect(textOf(c)).toContain('当前用户：王系统');
  });
});
