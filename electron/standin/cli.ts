import fs, { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createMainLog, openLogFile } from '../main/log';
import { parseCliArgs, USAGE } from './args';
import { launchChromiumApp, StandInSetupError } from './launchChromium';

/**
 * `npm run start:chromium -- [--profile DIR] [--headless] [--cdp-port N]`: opens the app in the
 * system's Chromium and stays until its window is closed. Built to dist/standin/cli.mjs.
 */
async function main(): Promise<number> {
  const parsed = parseCliArgs(process.argv.slice(2), {
    cwd: process.cwd(),
    home: process.env.HOME,
    xdgConfigHome: process.env.XDG_CONFIG_HOME,
  });
  if (!parsed.ok) {
    console.error(parsed.error.message);
    console.error(USAGE);
    return 2;
  }
  const opts = parsed.value;
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  if (!opts.headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error(
      '没有图形显示 (DISPLAY 未设置)：请在桌面会话中运行，或用 xvfb-run npm run start:chromium，或加 --headless ' +
        '(no display: DISPLAY is not set; run it in a desktop session, under "xvfb-run", or with --headless)',
    );
    return 2;
  }

  mkdirSync(opts.profileDir, { recursive: true, mode: 0o700 });
  // The same log as the Electron shell's, in the same place relative to the profile.
  const now = () => new Date();
  const logFile = openLogFile(path.join(opts.profileDir, 'logs'), fs, path.join);
  const log = createMainLog({ append: logFile.append, echo: (line) => console.log(line), now });
  let app;
  try {
    app = await launchChromiumApp({ profileDir: opts.profileDir, headless: opts.headless, cdpPort: opts.cdpPort, log, now });
  } catch (error) {
    if (error instanceof StandInSetupError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  if (opts.cdpPort !== undefined) {
    const port = opts.cdpPort === 0 ? devToolsPort(opts.profileDir) : opts.cdpPort;
    console.log(`远程调试端口 (CDP port): ${port ?? 'unknown'}`);
  }
  await app.closed;
  return 0;
}

/** With --cdp-port 0 Chromium picks the port and writes it to the profile's DevToolsActivePort. */
function devToolsPort(profileDir: string): number | undefined {
  try {
    const first = readFileSync(path.join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    const port = Number(first);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('启动失败 (failed to start):', error);
    process.exit(1);
  },
);
