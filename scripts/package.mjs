// Packages the app with electron-builder from a local Electron runtime — never a downloaded one.
//
//   npm run package -- --electron-dist DIR        an unpacked Electron 45.4.1 folder, a folder of
//                                                 electron-v45.4.1-<platform>-<arch>.zip files, or one zip
//   npm run package -- --electron-zip-dir DIR     a folder of those zips
//   ELECTRON_DIST=DIR npm run package             the same as --electron-dist
//   npm run package -- --check …                  only check the runtime and print the plan
//
// With none of these, the zip is looked for in the Electron download cache (where a connected
// machine's `npm install` leaves it). Anything else on the command line goes to electron-builder
// (e.g. `--linux deb --x64`). Every zip is checked against the SHA-256 list shipped in
// node_modules/electron/checksums.json before use. Exit code 2 = no usable local runtime.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronPkgDir = path.join(root, 'node_modules', 'electron');
const version = JSON.parse(readFileSync(path.join(electronPkgDir, 'package.json'), 'utf8')).version;
const DOC = 'docs/electron-offline.md';

function refuse(zh, en) {
  console.error(`[package] ${zh}\n[package] ${en}`);
  process.exit(2);
}

function parseArgs(argv) {
  const out = { electronDist: undefined, zipDir: undefined, check: false, passthrough: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) refuse(`${a} 后面需要一个路径。`, `${a} needs a path after it.`);
      return v;
    };
    if (a === '--electron-dist') out.electronDist = value();
    else if (a.startsWith('--electron-dist=')) out.electronDist = a.slice('--electron-dist='.length);
    else if (a === '--electron-zip-dir') out.zipDir = value();
    else if (a.startsWith('--electron-zip-dir=')) out.zipDir = a.slice('--electron-zip-dir='.length);
    else if (a === '--check') out.check = true;
    else out.passthrough.push(a);
  }
  return out;
}

/** Which platforms and arches electron-builder will build, from the flags or electron-builder.yml's defaults. */
function buildPlan(passthrough) {
  const platforms = new Set();
  for (const a of passthrough) {
    if (a === '--linux' || a === '-l') platforms.add('linux');
    if (a === '--win' || a === '-w') platforms.add('win32');
    if (a === '--mac' || a === '-m') platforms.add('darwin');
  }
  if (platforms.size === 0) platforms.add(process.platform);
  const archFlags = ['x64', 'arm64', 'ia32', 'armv7l', 'universal'].filter((arch) => passthrough.includes(`--${arch}`));
  const configured = { linux: ['x64', 'arm64'], win32: ['x64'], darwin: [process.arch] };
  return [...platforms].flatMap((platform) => (archFlags.length > 0 ? archFlags : configured[platform] ?? [process.arch]).map((arch) => ({ platform, arch })));
}

const zipName = ({ platform, arch }) => `electron-v${version}-${platform}-${arch}.zip`;

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function verifyZip(file) {
  const checksums = JSON.parse(readFileSync(path.join(electronPkgDir, 'checksums.json'), 'utf8'));
  const expected = checksums[path.basename(file)];
  if (!expected) refuse(`${path.basename(file)} 不在 Electron ${version} 的校验清单中。`, `${path.basename(file)} is not in Electron ${version}'s checksum list.`);
  if (sha256(file) !== expected) {
    refuse(`${file} 的 SHA-256 与 Electron ${version} 官方校验值不符，拒绝使用。`, `${file} does not match Electron ${version}'s published SHA-256; refusing to use it.`);
  }
}

/** The Electron download cache of @electron/get: `<root>/<sha256 of the release URL folder>/`. */
function electronCacheDir() {
  const home = os.homedir();
  const cacheRoot =
    process.env.electron_config_cache ||
    (process.platform === 'win32'
      ? path.join(process.env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'electron', 'Cache')
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Caches', 'electron')
        : path.join(process.env.XDG_CACHE_HOME || path.join(home, '.cache'), 'electron'));
  const urlDir = `https://github.com/electron/electron/releases/download/v${version}`;
  return path.join(cacheRoot, createHash('sha256').update(urlDir).digest('hex'));
}

/** Resolves what to pass as electronDist, checking it fits the plan; refuses (exit 2) otherwise. */
function resolveElectronDist(args, plan) {
  const given = args.electronDist ?? args.zipDir ?? process.env.ELECTRON_DIST;
  let dist = given ? path.resolve(given) : undefined;
  if (dist === undefined) {
    const cached = electronCacheDir();
    if (plan.every((p) => existsSync(path.join(cached, zipName(p))))) dist = cached;
  }
  if (dist === undefined) {
    refuse(
      `未找到本地 Electron ${version} 运行时，本脚本不会联网下载。请用 --electron-dist <目录> 或 --electron-zip-dir <目录> 指定（见 ${DOC}）。`,
      `No local Electron ${version} runtime found, and this script never downloads one. Pass --electron-dist <dir> or --electron-zip-dir <dir>, or set ELECTRON_DIST (see ${DOC}).`,
    );
  }
  if (!existsSync(dist)) refuse(`路径不存在：${dist}`, `No such path: ${dist}`);

  if (dist.endsWith('.zip')) {
    if (plan.length !== 1 || path.basename(dist) !== zipName(plan[0])) {
      refuse(`单个 zip 只能用于一个平台和架构：需要 ${plan.map(zipName).join('、')}。`, `A single zip serves one platform and arch; this build needs ${plan.map(zipName).join(', ')}.`);
    }
    verifyZip(dist);
    return { dist, extraArgs: [], kind: 'zip' };
  }
  if (!statSync(dist).isDirectory()) refuse(`既不是目录也不是 zip：${dist}`, `Neither a folder nor a zip: ${dist}`);

  const entries = readdirSync(dist);
  const zips = entries.filter((e) => e.startsWith(`electron-v${version}-`) && e.endsWith('.zip'));
  if (args.zipDir !== undefined || zips.length > 0) {
    // electron-builder treats a folder without the expected zip as an unpacked runtime, which for
    // a missing arch would silently package the wrong thing: so every zip the plan needs must be here.
    const missing = plan.map(zipName).filter((z) => !entries.includes(z));
    if (missing.length > 0) refuse(`${dist} 中缺少：${missing.join('、')}`, `${dist} lacks: ${missing.join(', ')}`);
    for (const p of plan) verifyZip(path.join(dist, zipName(p)));
    return { dist, extraArgs: [], kind: 'zip folder' };
  }

  // An unpacked runtime: it must be exactly this Electron version, for one platform and one arch.
  const found = existsSync(path.join(dist, 'version')) ? readFileSync(path.join(dist, 'version'), 'utf8').trim().replace(/^v/, '') : undefined;
  if (found !== version) {
    refuse(`${dist} 不是 Electron ${version}（version 文件为 ${found ?? '缺失'}）。`, `${dist} is not Electron ${version} (its version file says ${found ?? 'nothing'}).`);
  }
  const exe = existsSync(path.join(dist, 'electron.exe')) ? 'win32' : existsSync(path.join(dist, 'electron')) ? 'linux' : existsSync(path.join(dist, 'Electron.app')) ? 'darwin' : undefined;
  if (exe === undefined) refuse(`${dist} 中没有 Electron 可执行文件。`, `${dist} holds no Electron executable.`);
  const platforms = new Set(plan.map((p) => p.platform));
  if (platforms.size !== 1 || !platforms.has(exe)) {
    refuse(`${dist} 是 ${exe} 版运行时，不能用于 ${[...platforms].join('、')}。`, `${dist} is a ${exe} runtime and cannot package for ${[...platforms].join(', ')}.`);
  }
  const arches = new Set(plan.map((p) => p.arch));
  if (arches.size > 1 && !args.passthrough.some((a) => /^--(x64|arm64|ia32|armv7l)$/.test(a))) {
    // One unpacked folder is one arch: default to this machine's, as the folder most likely is.
    console.log(`[package] 解包的运行时只能打一个架构，使用本机架构 --${process.arch} / an unpacked runtime is one arch: building --${process.arch} only`);
    return { dist, extraArgs: [`--${process.arch}`], kind: 'unpacked folder' };
  }
  if (arches.size > 1) refuse('解包的运行时只能用于一个架构。', 'An unpacked runtime serves one arch only.');
  return { dist, extraArgs: [], kind: 'unpacked folder' };
}

const args = parseArgs(process.argv.slice(2));
const plan = buildPlan(args.passthrough);
const { dist, extraArgs, kind } = resolveElectronDist(args, plan);
console.log(`[package] Electron ${version} from ${kind}: ${dist}`);
const narrowedTo = extraArgs.map((a) => a.slice(2));
const built = narrowedTo.length > 0 ? plan.filter((p) => narrowedTo.includes(p.arch)) : plan;
console.log(`[package] targets: ${built.map((p) => `${p.platform}-${p.arch}`).join(', ')}`);
if (args.check) process.exit(0);

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const env = {
  ...process.env,
  // electron-builder's CLI otherwise asks the npm registry whether it is outdated.
  NO_UPDATE_NOTIFIER: '1',
  // Skips timestamp-server requests when signing on Windows.
  ELECTRON_BUILDER_OFFLINE: 'true',
  CSC_IDENTITY_AUTO_DISCOVERY: 'false',
};
delete env.ELECTRON_GET_USE_PROXY;
// electron-builder ignores a relative cache path; its toolsets (fpm, AppImage, NSIS, winCodeSign)
// must already be in this cache on an offline machine (see the doc).
if (env.ELECTRON_BUILDER_CACHE) env.ELECTRON_BUILDER_CACHE = path.resolve(env.ELECTRON_BUILDER_CACHE);

const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
const result = spawnSync(
  process.execPath,
  [cli, '--config', 'electron-builder.yml', '--publish', 'never', `-c.electronDist=${dist}`, ...extraArgs, ...args.passthrough],
  { cwd: root, stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
