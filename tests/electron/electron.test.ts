/**
 * The real-Electron suite: launches dist/electron/main.cjs in the actual runtime with a fresh
 * profile and checks the shell's promises from the outside. Skipped, with one line saying so, on a
 * machine without the Electron runtime (see docs/electron-offline.md for installing it offline).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Finds the Electron binary without `require('electron')`: that package's index.js starts a
 * download when the runtime is missing, and this machine must make no network request.
 */
function findElectronBinary(): string | null {
  const explicit = process.env.ELECTRON_PATH;
  if (explicit) return existsSync(explicit) ? explicit : null;
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkgDir, 'path.txt');
  const fallback = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const relative = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : fallback;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? path.join(override, relative) : existsSync(pathTxt) ? path.join(pkgDir, 'dist', relative) : null;
  return candidate !== null && existsSync(candidate) ? candidate : null;
}

const binary = findElectronBinary();
if (binary === null) console.log('[electron] SKIPPED: no Electron runtime on this machine (see docs/electron-offline.md)');

describe.skipIf(binary === null)('the Electron shell', () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let profile = '';

  beforeAll(async () => {
    const main = path.join(root, 'dist', 'electron', 'main.cjs');
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
    profile = mkdtempSync(path.join(os.tmpdir(), 'ledger-electron-'));
    // The project folder, not main.cjs, so package.json supplies the app name and entry point.
    app = await _electron.launch({ executablePath: binary ?? '', args: [root, `--user-data-dir=${profile}`], cwd: root });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('opens the app from app://ledger and shows the set-up wizard or the sign-in', async () => {
    expect(page.url()).toBe('app://ledger/index.html');
    await expect(page.getByRole('heading', { name: /初始设置|登录/ }).first().waitFor({ timeout: 30_000 })).resolves.toBeUndefined();
  });

  it('uses the fresh profile it was given', async () => {
    const info = await page.evaluate(() => (window as unknown as { api: { appInfo(): Promise<{ runtime: string; userDataDir: string }> } }).api.appInfo());
    expect(info.runtime).toBe('electron');
    expect(path.resolve(info.userDataDir)).toBe(path.resolve(profile));
  });

  it('gives the page window.api and no Node.js (no require, no process)', async () => {
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { api: typeof w.api, require: typeof w.require, process: typeof w.process, module: typeof w.module, ipcRenderer: typeof w.ipcRenderer };
    });
    expect(globals).toEqual({ api: 'object', require: 'undefined', process: 'undefined', module: 'undefined', ipcRenderer: 'undefined' });
  });

  it('refuses a fetch to the internet from the page', async () => {
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/');
        return 'loaded';
      } catch {
        return 'refused';
      }
    });
    expect(outcome).toBe('refused');
  });

  it('refuses navigation away from the app, and window.open', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1_000);
    expect(page.url()).toBe('app://ledger/index.html');
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app?.windows()).toHaveLength(1);
  });
});
