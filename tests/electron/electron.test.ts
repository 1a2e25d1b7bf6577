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
import { recoveryCodeDocument } from '../../shared/print/recoveryCodeDocument';
import { completeSetup, frameNav } from '../e2e/pages/ledgerApp';
import { bundlePrintHarness, PdfFile, printToPdfInApp } from '../e2e/pages/printing';

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

  // The same page objects as the Chromium e2e suite: what passes there must pass in the real shell.
  it('sets up the three administrators and ends in the 系统管理员’s frame', async () => {
    await page.getByRole('heading', { name: '初始设置' }).waitFor({ timeout: 30_000 });
    const code = await completeSetup(page);
    expect(code).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    await frameNav(page).waitFor();
  });

  it('makes a printout’s PDF in the hidden, hardened print window: A4, the level on the page, the text', async () => {
    const harness = await bundlePrintHarness();
    const code = 'SX02-QM6T-EF0Y-MXB4-70KF-24TB';
    const doc = recoveryCodeDocument({ code, unitName: '某市保密测试单位', unitCode: 'T-001', date: '2026-11-21', level: 'secret', reason: 'setup', printedBy: '王系统' });
    const out = await printToPdfInApp(page, harness, doc, '0f3c2a9e-1111-4222-8333-444455556666');
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    const pdf = await PdfFile.write(out.pdf, 'electron-recovery-code');
    expect(pdf.pageCount()).toBe(1);
    expect(pdf.info()['Page size']).toContain('(A4)');
    const text = pdf.pageText(1).replace(/\s+/g, '');
    expect(text.startsWith('机密')).toBe(true);
    expect(text).toContain(code);
    // The print window is destroyed once the PDF is made: none is left behind.
    await expect.poll(() => app?.windows().length, { timeout: 10_000 }).toBe(1);
  });

  it('lists only local printers (a network printer is named as refused, never offered)', async () => {
    const list = await page.evaluate(() =>
      (window as unknown as { api: { printPrinters(): Promise<{ available: boolean; printers: { name: string }[]; refused: { name: string; reason: string }[] }> } }).api.printPrinters(),
    );
    expect(list.available).toBe(true);
    for (const r of list.refused) expect(list.printers.map((p) => p.name)).not.toContain(r.name);
  });
});
