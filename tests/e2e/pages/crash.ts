import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import type { TestApp } from './app';

/**
 * Crash tests: the crash harness (tests/e2e/fixtures/crashHarness.ts, the app's own store code) put
 * into the app's page, and the browser killed the way a power cut or a killed process ends it.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));

export async function bundleCrashHarness(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(root, 'tests/e2e/fixtures/crashHarness.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    absWorkingDir: root,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('crash harness: esbuild produced nothing');
  return file.text;
}

export interface Harness {
  signIn(username: string, password: string): Promise<string>;
  bigWrite(n: number, prefix: string): Promise<void>;
  bigImport(n: number): Promise<void>;
  counts(): Promise<Record<string, number>>;
  peopleWithPrefix(prefix: string): Promise<number>;
  databases(): Promise<string[]>;
  pointer(): Promise<{ active: string; staging: string | null; retired: string | null }>;
  state(): { phase: string; error: string | null };
}

/** Calls one of the harness's functions in the page (loading it first). */
export async function harness<K extends keyof Harness>(page: Page, code: string, method: K, ...args: Parameters<Harness[K]>): Promise<Awaited<ReturnType<Harness[K]>>> {
  if (!(await page.evaluate(() => '__crashHarness' in window))) await page.evaluate(code);
  return page.evaluate(
    ([m, a]) => {
      const h = (window as unknown as { __crashHarness: Record<string, (...x: unknown[]) => unknown> }).__crashHarness;
      return h[m as string]?.(...(a as unknown[]));
    },
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<Harness[K]>>>;
}

/**
 * SIGKILL to the Chromium this test launched (its browser process: the one started with this
 * profile and no --type), as a crash or a power cut would end it; waits until the app has noticed.
 */
export async function killBrowser(app: TestApp): Promise<void> {
  const pid = await browserPid(app.profileDir);
  process.kill(pid, 'SIGKILL');
  await app.closed;
}

async function browserPid(profileDir: string): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmdline.split('\0');
    if (args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`no browser process for ${profileDir}`);
}

