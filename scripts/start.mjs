// `npm start`: builds, then opens the app in Electron when its runtime is installed, otherwise in the
// system's Chromium through the stand-in (dist/standin/cli.mjs). `npm run start:chromium` passes
// --chromium to go straight to Chromium. Other arguments are passed on to whichever runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const forceChromium = argv.includes('--chromium');
const args = argv.filter((a) => a !== '--chromium');

/**
 * The Electron binary, found the way node_modules/electron/index.js finds it but without its side
 * effect: requiring that module starts a download when the binary is missing.
 */
function electronBinary() {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const platformDefault = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ?? 'electron';
  const candidate = override ? path.join(override, relative || platformDefault) : relative ? path.join(pkgDir, 'dist', relative) : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}

const electron = forceChromium ? undefined : electronBinary();

// The Chromium CLI checks the display itself (it also knows --headless); Electron always needs one.
if (electron && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    '没有图形显示 (DISPLAY 未设置)：请在桌面会话中运行，或用 xvfb-run npm start，或 npm run start:chromium -- --headless ' +
      '(no display: DISPLAY is not set; run it in a desktop session, under "xvfb-run", or as "npm run start:chromium -- --headless")',
  );
  process.exit(2);
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let command;
let commandArgs;
if (electron) {
  command = electron;
  commandArgs = [path.join(root, 'dist', 'electron', 'main.cjs'), ...args];
} else {
  if (!forceChromium) {
    console.log('未找到 Electron 运行时，改用本机 Chromium 打开同一应用 (no Electron runtime found; opening the app in local Chromium — see docs/electron-offline.md)');
  }
  command = process.execPath;
  commandArgs = [path.join(root, 'dist', 'standin', 'cli.mjs'), ...args];
}

const child = spawn(command, commandArgs, { stdio: 'inherit' });
// Ctrl-C reaches the child through the terminal's process group; this process only waits for it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (signal !== 'SIGINT') child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
