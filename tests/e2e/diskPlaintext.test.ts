import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchTestApp, relaunchTestApp, type TestApp } from './pages/app';
import { completeSetup, signIn, frameNav } from './pages/ledgerApp';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.dispose();
  app = null;
});

/** Every file below `dir`, whatever Chromium keeps there (LevelDB logs and tables, blobs, SQLite). */
async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(p)));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/** Which of `needles` occur in any file, as UTF-8 or as UTF-16LE (V8 serialises CJK strings two-byte). */
async function findInFiles(files: string[], needles: string[]): Promise<Map<string, string[]>> {
  const hits = new Map<string, string[]>();
  const encoded = needles.map((n) => ({ n, forms: [Buffer.from(n, 'utf8'), Buffer.from(n, 'utf16le')] }));
  for (const f of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(f);
    } catch {
      continue; // a lock file that vanished
    }
    for (const { n, forms } of encoded) {
      if (forms.some((form) => bytes.includes(form))) hits.set(n, [...(hits.get(n) ?? []), f]);
    }
  }
  return hits;
}

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
    await app.page.evaluate(
      (value) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('plain-control', 1);
          req.onupgradeneeded = () => req.result.createObjectStore('x');
          req.onsuccess = () => {
            const tx = req.result.transaction('x', 'readwrite');
            tx.objectStore('x').put({ value }, 1);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        }),
      control,
    );
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
