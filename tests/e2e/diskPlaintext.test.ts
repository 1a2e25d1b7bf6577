import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchTestApp, relaunchTestApp, type TestApp } from './pages/app';
import { completeSetup, signIn, frameNav } from './pages/ledgerApp';
import { allFiles, findInFiles, writePlainControl } from './pages/profileFiles';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

const SECRET = {
  unitName: '绝密试验第七研究所',
  unitCode: 'QX-74519',
  username: 'zhuangxiaomei',
  displayName: '庄晓梅测试',
  password: 'Mima2026xyz',
};

const SECRET_SECADMIN = { username: 'qinanquan', displayName: '秦安全测试', password: 'Anquan2026xyz' };
const SECRET_AUDITOR = { username: 'weishenji', displayName: '魏审计测试', password: 'Shenji2026xyz' };

describe('nothing readable on disk', () => {
  it('the IndexedDB files of the profile contain none of the names, titles or numbers that were stored', async () => {
    app = await launchTestApp();
    const recoveryCode = await completeSetup(app.page, SECRET, SECRET_SECADMIN, SECRET_AUDITOR);
    // A positive control in the same profile: a plain value written to IndexedDB must be found by
    // the same search, or the search proves nothing.
    const control = '对照明文标记-CONTROL-55821';
    await writePlainControl(app.page, control);
    // Sign out and in again, so that the store has been written, closed and reopened.
    await app.page.getByRole('button', { name: '退出登录' }).click();
    await signIn(app.page, SECRET.username, SECRET.password);
    await frameNav(app.page).waitFor({ timeout: 30_000 });
    app = await relaunchTestApp(app);
    await app.close(); // Chromium flushes its files on close

    const files = await allFiles(app.profileDir);
    const idbFiles = files.filter((f) => f.includes(`${path.sep}IndexedDB${path.sep}`));
    expect(idbFiles.length).toBeGreaterThan(0);
    const controlHits = await findInFiles(idbFiles, [control]);
    expect(controlHits.get(control)?.length ?? 0).toBeGreaterThan(0);

    const hits = await findInFiles(files, [
      SECRET.unitName,
      SECRET.unitCode,
      SECRET.username,
      SECRET.displayName,
      SECRET.password,
      ...Object.values(SECRET_SECADMIN),
      ...Object.values(SECRET_AUDITOR),
      // The recovery code is shown once and never stored; its key slot holds only a wrapping.
      recoveryCode,
      recoveryCode.replace(/-/g, ''),
    ]);
    expect(Object.fromEntries(hits)).toEqual({});
  });
});
