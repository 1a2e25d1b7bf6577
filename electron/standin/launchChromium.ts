import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Route } from 'playwright-core';
import { isAppUrl } from '../main/appProtocol';
import { createFolderSaver } from '../main/exportFile';
import { createFileTransfer, folderChoosers, nodeFileSystem } from '../main/fileTransfer';
import type { FilePurpose } from '../../shared/ipc/fileContract';
import { createHandlers } from '../main/handlers';
import { CHROMIUM_SWITCHES, DISABLED_FEATURES } from '../main/switches';
import { createDispatcher, IpcRefusal, type IpcLog } from '../main/ipcDispatch';
import { createRefusedLog, decideRequest, type RefusedLog } from '../main/requestPolicy';
import { APP_INDEX_URL, APP_ORIGIN, BINDING_NAME, type BridgeReply } from './bridge';
import { createAppFileServer, type AppResponse } from './serveApp';
import { createStandInPrintService } from './printStandIn';

/**
 * The Chromium stand-in: the same renderer, request rule, CSP and main-process handlers as the
 * Electron shell, run in the system's Chromium under Playwright because the Electron binary cannot
 * be downloaded on every machine. Only the transport differs: a Playwright binding instead of IPC.
 */

export const DEFAULT_CHROMIUM_PATH = '/usr/lib/chromium/chromium';

/**
 * Features Playwright switches off with its own --disable-features, which ours replaces (Chromium
 * keeps only the last one): several stop start-up requests (network time, search preconnect, AI
 * mode), the rest keep Playwright's routing and navigation reliable.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch', 'OptimizationHints', 'LensOverlay', 'MediaRouter',
  'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose',
  'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect',
];

/**
 * The Electron shell's own switch list (no background traffic, no DNS at all), plus what a
 * stand-alone Chromium needs besides: no first-run UI, no metrics upload, no spare renderer started
 * ahead of need, and WebRTC kept off UDP. Measured with --log-net-log on Chromium 156: the Electron
 * list's force-webrtc-ip-handling-policy is unknown to it (a page's STUN packet to an IP address
 * still left), webrtc-ip-handling-policy stops it; Electron sets the same policy per window instead.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--no-first-run',
  '--metrics-recording-only',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  ...CHROMIUM_SWITCHES.filter((s) => s.name !== 'disable-features').map((s) => (s.value === undefined ? `--${s.name}` : `--${s.name}=${s.value}`)),
  `--disable-features=${[...new Set([...DISABLED_FEATURES, ...PLAYWRIGHT_DISABLED_FEATURES, 'SpareRendererForSitePerProcess'])].join(',')}`,
];

/**
 * A window (not headless) is an app window: no tabs or address bar, opened on an empty data: page
 * that the launcher then points at the app, instead of Playwright's about:blank in a browser
 * window. --test-type silences only Chromium's English warning bar about "unsupported" switches
 * (it names the deliberate --host-resolver-rules). --lang applies once chromium-l10n is installed.
 */
const WINDOW_ARGS = ['--app=data:text/html,', '--window-size=1280,860', '--lang=zh-CN', '--test-type'];

/**
 * Chromium's sandbox stays on, as in Electron; Chromium refuses to start as root with it, so root
 * (CI, containers) runs without. SECRECY_LEDGER_NO_SANDBOX=1 is the way out on a system whose
 * kernel offers no user namespaces, where Chromium would otherwise stop with "No usable sandbox".
 */
function sandboxWanted(): boolean {
  return process.getuid?.() !== 0 && process.env.SECRECY_LEDGER_NO_SANDBOX !== '1';
}

export interface LaunchOptions {
  /** Chromium's profile folder; the app's IndexedDB lives in it. */
  profileDir: string;
  headless?: boolean;
  /** Opens Chromium's remote debugging port on 127.0.0.1 (0: any free port). For local tests only. */
  cdpPort?: number;
  /** Defaults to dist/renderer of this checkout. */
  rendererDir?: string;
  /** Defaults to dist/standin/preloadStandIn.js of this checkout. */
  standInScript?: string;
  /** Defaults to $CHROMIUM_PATH, then Debian's /usr/lib/chromium/chromium. */
  executablePath?: string;
  networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  now?: () => Date;
  log?: IpcLog;
  /**
   * Where exports are saved (there is no save dialog here): this option, else
   * $SECRECY_LEDGER_EXPORT_DIR, else `<profileDir>/exports`.
   */
  exportDir?: string;
  /**
   * Which file `file:open` opens (there is no open dialog here); by default the newest file of the
   * purpose's kind in the export folder. Tests name the file they want.
   */
  openFile?: (purpose: FilePurpose) => Promise<string | null>;
  /** More Chromium switches, for diagnosis only (the e2e suite passes --log-net-log=FILE). */
  extraArgs?: readonly string[];
  /**
   * Told of every PDF the print service makes, with the job's title: tests read a printout back
   * with poppler (the app keeps its own copy only encrypted). The launcher writes nothing itself.
   */
  onPdf?: (pdf: Uint8Array, title: string) => void;
}

export interface ChromiumApp {
  context: BrowserContext;
  page: Page;
  refused: RefusedLog;
  close(): Promise<void>;
  /** Settles when the context closes: the user closed the window, or close() was called. */
  closed: Promise<void>;
}

/** Thrown before launching when something the stand-in needs is not on disk. */
export class StandInSetupError extends Error {
  override name = 'StandInSetupError';
}

const consoleLog: IpcLog = {
  warn: (message, detail) => console.warn(`[secrecy-ledger] ${message}`, detail ? JSON.stringify(detail) : ''),
};

/** The checkout (or installed copy) this module runs from: found from here, whether run as TS or bundled. */
function appRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkgFile = path.join(dir, 'package.json');
    if (existsSync(pkgFile) && (JSON.parse(readFileSync(pkgFile, 'utf8')) as { name?: string }).name === 'secrecy-ledger') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new StandInSetupError('cannot find the secrecy-ledger package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

function resolveSetup(opts: LaunchOptions) {
  const root = appRoot();
  const executablePath = opts.executablePath ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
  const rendererDir = opts.rendererDir ?? path.join(root, 'dist', 'renderer');
  const standInScript = opts.standInScript ?? path.join(root, 'dist', 'standin', 'preloadStandIn.js');
  if (!existsSync(executablePath)) {
    throw new StandInSetupError(
      `未找到 Chromium：${executablePath}。请安装：apt-get install chromium fonts-noto-cjk，或用 CHROMIUM_PATH 指定 ` +
        `(Chromium not found at ${executablePath}; install it with "apt-get install chromium fonts-noto-cjk" or set CHROMIUM_PATH)`,
    );
  }
  for (const needed of [path.join(rendererDir, 'index.html'), standInScript]) {
    if (!existsSync(needed)) {
      throw new StandInSetupError(`缺少构建产物 ${needed}，请先运行 npm run build (missing build output ${needed}; run "npm run build" first)`);
    }
  }
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { executablePath, rendererDir, standInScript, version };
}

export async function launchChromiumApp(opts: LaunchOptions): Promise<ChromiumApp> {
  const setup = resolveSetup(opts);
  const log = opts.log ?? consoleLog;
  const now = opts.now ?? (() => new Date());
  const headless = opts.headless ?? false;
  const refused = createRefusedLog();
  const refuse = (url: string, reason: string) => {
    refused.record(now().toISOString(), url, reason);
    log.warn('shell: refused request', { url: url.length > 200 ? `${url.slice(0, 200)}…` : url, reason });
  };

  const context = await chromium.launchPersistentContext(opts.profileDir, {
    executablePath: setup.executablePath,
    headless,
    // Without the sandbox Playwright adds --no-sandbox itself.
    chromiumSandbox: sandboxWanted(),
    args: [
      ...CHROMIUM_ARGS,
      ...(headless ? [] : WINDOW_ARGS),
      ...(opts.cdpPort !== undefined ? [`--remote-debugging-port=${opts.cdpPort}`] : []),
      ...(opts.extraArgs ?? []),
    ],
    // Playwright turns the popup blocker off for tests; the app wants it on (popups are closed anyway).
    ignoreDefaultArgs: ['--disable-popup-blocking', ...(headless ? [] : ['about:blank'])],
    viewport: headless ? { width: 1280, height: 800 } : null,
    locale: 'zh-CN',
    // A service worker's fetches would bypass the route below.
    serviceWorkers: 'block',
    // As in Electron, no download is ever saved.
    acceptDownloads: false,
  });
  // Printing renders in a headless Chromium of its own, started on the first printout (printStandIn.ts).
  const print = createStandInPrintService({ executablePath: setup.executablePath, args: CHROMIUM_ARGS, sandbox: sandboxWanted(), refuse, log });
  const closed = new Promise<void>((resolve) =>
    context.once('close', () => {
      print.close().then(resolve, resolve);
    }),
  );

  try {
    const page = context.pages()[0] ?? (await context.newPage());

    // Any further window (window.open, a link with target, Ctrl+N) is closed as it appears.
    context.on('page', (extra) => {
      if (extra === page) return;
      refuse(extra.url() || 'about:blank', 'new-window');
      extra.close().catch(() => undefined);
    });
    page.on('close', () => void context.close().catch(() => undefined));

    // Granting an empty list makes Chromium answer every permission request for the origin with "denied".
    await context.grantPermissions([], { origin: APP_ORIGIN });

    const serve = createAppFileServer(setup.rendererDir);
    await context.route('**/*', (route) => answer(route, serve, refuse, log));
    await context.routeWebSocket(
      () => true,
      (ws) => {
        refuse(ws.url(), 'websocket');
        ws.close({ code: 1008, reason: 'refused' }).catch(() => undefined);
      },
    );

    const dispatch = createDispatcher(
      createHandlers({
        version: setup.version,
        runtime: 'chromium',
        platform: process.platform,
        packaged: false,
        userDataDir: opts.profileDir,
        networkInterfaces: opts.networkInterfaces ?? os.networkInterfaces,
        now,
        refused,
        saveExport: createFolderSaver({
          dir: exportDirFor(opts),
          mkdir: async (dir) => {
            await mkdir(dir, { recursive: true, mode: 0o700 });
          },
          writeNewFile: (filePath, content) => writeFile(filePath, content, { encoding: 'utf8', flag: 'wx', mode: 0o600 }),
          // The launcher's log takes warnings only; the saved path is shown to the person and audited.
          log: { info: () => undefined },
        }),
        print: opts.onPdf ? observePdfs(print, opts.onPdf) : print,
        // Backups and other files on "removable media": the export folder, under the proposed names.
        files: createFileTransfer({
          ...folderChoosers({
            dir: exportDirFor(opts),
            mkdir: async (dir) => {
              await mkdir(dir, { recursive: true, mode: 0o700 });
            },
            list: async (dir) =>
              Promise.all((await readdir(dir)).map(async (name) => ({ name, mtimeMs: (await stat(path.join(dir, name))).mtimeMs }))),
            openFile: opts.openFile,
          }),
          fs: nodeFileSystem(fsPromises, process.platform),
          newHandle: randomUUID,
          log: { info: () => undefined, warn: (message, detail) => log.warn(message, detail) },
        }),
      }),
      log,
    );
    // Registered before the init script, so the binding is already on window when the stand-in runs
    // (Playwright installs both as scripts-on-new-document, in order).
    await context.exposeBinding(BINDING_NAME, async (source, channel: unknown, payload: unknown): Promise<BridgeReply> => {
      // The sender check of the Electron shell: only the app's own top-level document may call.
      if (source.page !== page || source.frame !== page.mainFrame() || !isAppUrl(source.frame.url(), APP_ORIGIN)) {
        log.warn('ipc: refused call from outside the app window', { url: source.frame.url().slice(0, 200) });
        return { ok: false, code: 'IPC_UNTRUSTED_SENDER' };
      }
      try {
        return { ok: true, value: await dispatch(channel, payload) };
      } catch (error) {
        if (error instanceof IpcRefusal) return { ok: false, code: error.code };
        log.warn('ipc: handler failed', { channel: String(channel).slice(0, 80), error: String(error) });
        return { ok: false, code: 'IPC_HANDLER_FAILED' };
      }
    });
    await context.addInitScript({ path: setup.standInScript });

    await recordCspRefusals(context, page, refuse, now);

    const response = await page.goto(APP_INDEX_URL);
    if (!response?.ok()) throw new StandInSetupError(`app index answered ${response?.status() ?? 'nothing'}`);
    if (!(await page.evaluate(() => typeof (window as { api?: unknown }).api === 'object'))) {
      throw new StandInSetupError('window.api is missing after load: the preload stand-in did not run');
    }
    guardNavigation(page, refuse, log);

    return {
      context,
      page,
      refused,
      close: async () => {
        await context.close();
      },
      closed,
    };
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}

/** The print service, telling `onPdf` of each PDF it returns (LaunchOptions.onPdf). */
function observePdfs<S extends { toPdf(job: { title: string }): Promise<Uint8Array> }>(service: S, onPdf: (pdf: Uint8Array, title: string) => void): S {
  return {
    ...service,
    toPdf: async (job: Parameters<S['toPdf']>[0]) => {
      const pdf = await service.toPdf(job);
      onPdf(pdf, job.title);
      return pdf;
    },
  };
}

/** The stand-in's export folder (see LaunchOptions.exportDir). */
export function exportDirFor(opts: Pick<LaunchOptions, 'exportDir' | 'profileDir'>): string {
  return opts.exportDir ?? process.env.SECRECY_LEDGER_EXPORT_DIR ?? path.join(opts.profileDir, 'exports');
}

/** One rule for every request, the one Electron applies: the app's own files are served, all else aborted. */
async function answer(
  route: Route,
  serve: (url: string, method: string) => Promise<AppResponse>,
  refuse: (url: string, reason: string) => void,
  log: IpcLog,
): Promise<void> {
  const request = route.request();
  const url = request.url();
  const decision = decideRequest(url, APP_ORIGIN);
  try {
    if (decision.allow && decision.reason === 'app') {
      const { status, headers, body } = await serve(url, request.method());
      await route.fulfill({ status, headers, body });
      return;
    }
    refuse(url, decision.allow ? 'not-servable' : decision.reason);
    // 'aborted' cancels a navigation without committing an error page, so the app stays put.
    await route.abort(request.isNavigationRequest() ? 'aborted' : 'blockedbyclient');
  } catch (error) {
    // The page may close mid-request; nothing is left to answer then.
    log.warn('route: could not answer', { url: url.slice(0, 200), error: String(error) });
  }
}

/**
 * The CSP stops most outside loads (fetch, img, script) inside the renderer, before the route sees
 * them; Chromium reports each as an audit issue, which lands in the same refused log. The page
 * carries the policy twice (header and <meta>), and each copy reports the same load: a repeat of
 * the same URL and directive within a quarter second is taken as that echo, not a second attempt.
 */
async function recordCspRefusals(
  context: BrowserContext,
  page: Page,
  refuse: (url: string, reason: string) => void,
  now: () => Date,
): Promise<void> {
  const recent = new Map<string, number>();
  const cdp = await context.newCDPSession(page);
  cdp.on('Audits.issueAdded', ({ issue }) => {
    const details = issue.details.contentSecurityPolicyIssueDetails;
    if (issue.code !== 'ContentSecurityPolicyIssue' || !details?.blockedURL) return;
    // Inline script/style and eval violations carry no URL (or a keyword); they are not requests.
    if (!/^[a-z][a-z0-9+.-]*:/i.test(details.blockedURL)) return;
    const at = now().getTime();
    for (const [key, seen] of recent) if (at - seen > 250) recent.delete(key);
    const key = `${details.violatedDirective} ${details.blockedURL}`;
    if (recent.has(key)) return;
    recent.set(key, at);
    refuse(details.blockedURL, `csp:${details.violatedDirective}`);
  });
  await cdp.send('Audits.enable');
}

/**
 * Navigations to outside URLs are aborted by the route; ones that need no request (about:blank,
 * chrome://…) are not, so the window is taken back to the app when one commits.
 */
function guardNavigation(page: Page, refuse: (url: string, reason: string) => void, log: IpcLog): void {
  let returning = false;
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || isAppUrl(frame.url(), APP_ORIGIN) || returning) return;
    refuse(frame.url(), 'navigation-away');
    returning = true;
    page
      .goto(APP_INDEX_URL)
      .catch((error: unknown) => log.warn('navigation guard: could not return to the app', { error: String(error) }))
      .finally(() => {
        returning = false;
      });
  });
}
