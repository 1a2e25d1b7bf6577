import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromiumApp, type ChromiumApp, type LaunchOptions } from '../../../electron/standin/launchChromium';
import type { ResponseOf } from '../../../shared/ipc/contract';

/**
 * The page object every e2e test starts from: the real app (dist/renderer, built by `npm test`) in
 * Chromium with a fresh profile of its own, headless unless E2E_HEADED=1.
 */
export interface TestApp extends ChromiumApp {
  profileDir: string;
  /** What the main-process side logged (refused IPC calls and the like), oldest first. */
  warnings: string[];
  /** Closes the app and deletes its profile. */
  dispose(): Promise<void>;
}

export type RefusedRequest = ResponseOf<'shell:drainRefused'>[number];

/** Loopback only, so the machine running the tests does not decide whether the network warning shows. */
export const LOOPBACK_ONLY: NonNullable<LaunchOptions['networkInterfaces']> = () => ({
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
});

type TestLaunchOptions = Omit<LaunchOptions, 'profileDir' | 'log'>;

export async function launchTestApp(opts: TestLaunchOptions = {}): Promise<TestApp> {
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'secrecy-ledger-e2e-'));
  return launchOn(profileDir, opts);
}

/** Closes the app and opens it again on the same profile, as a person restarting it would. */
export async function relaunchTestApp(app: TestApp, opts: TestLaunchOptions = {}): Promise<TestApp> {
  await app.close();
  return launchOn(app.profileDir, opts);
}

async function launchOn(profileDir: string, opts: TestLaunchOptions): Promise<TestApp> {
  const warnings: string[] = [];
  const removeProfile = () => rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
  let app: ChromiumApp;
  try {
    app = await launchChromiumApp({
      headless: process.env.E2E_HEADED !== '1',
      networkInterfaces: LOOPBACK_ONLY,
      ...opts,
      profileDir,
      log: { warn: (message, detail) => warnings.push(detail ? `${message} ${JSON.stringify(detail)}` : message) },
    });
  } catch (error) {
    await removeProfile();
    throw error;
  }
  return {
    ...app,
    profileDir,
    warnings,
    dispose: async () => {
      await app.close().catch(() => undefined);
      await removeProfile();
    },
  };
}

/**
 * Drains the shell's refused-request log through `window.api`, as the renderer does, until what
 * has come out so far satisfies `done`. Polls because a CSP refusal is reported to the shell a
 * moment after the page sees its request fail.
 */
export async function drainRefusedUntil(page: Page, done: (all: RefusedRequest[]) => boolean, timeoutMs = 5_000): Promise<RefusedRequest[]> {
  const all: RefusedRequest[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    all.push(...(await page.evaluate(() => window.api.shellDrainRefused())));
    if (done(all) || Date.now() > deadline) return all;
    await page.waitForTimeout(100);
  }
}
