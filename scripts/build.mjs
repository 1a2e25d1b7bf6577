// Builds everything the app runs: the renderer (Vite), the Electron main process and preload, and
// the Chromium stand-in (launcher CLI + preload stand-in) and the bundle command line, all into dist/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const quiet = process.argv.includes('--quiet');
// `--only=cli` builds just the bundle command line (npm run bundle), so that it does not depend on
// the renderer compiling.
const onlyCli = process.argv.includes('--only=cli');

const common = {
  bundle: true,
  absWorkingDir: root,
  sourcemap: false,
  logLevel: quiet ? 'warning' : 'info',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
};

const cli = () =>
  // The bundle command line (npm run bundle): one self-contained file; 'module' first so that
  // sm-crypto-v2 and its @noble deps come in as ESM rather than CJS that would require node:crypto.
  esbuild({ ...common, entryPoints: ['scripts/bundleCli.ts'], outfile: 'dist/cli/bundle.mjs', platform: 'node', format: 'esm', target: 'node20', mainFields: ['module', 'main'] });

if (onlyCli) {
  await cli();
  process.exit(0);
}

// `--only=bench` (npm run bench): the benchmark page, served by the stand-in like the app, its
// Node runner, and the preload stand-in it needs — not the renderer. See docs/performance.md.
if (process.argv.includes('--only=bench')) {
  const { copyFile, mkdir } = await import('node:fs/promises');
  await mkdir(`${root}/dist/bench`, { recursive: true });
  await Promise.all([
    esbuild({ ...common, entryPoints: ['scripts/bench/benchPage.ts'], outfile: 'dist/bench/bench.js', platform: 'browser', format: 'iife', target: 'es2022', jsx: 'automatic' }),
    esbuild({ ...common, entryPoints: ['scripts/bench/run.ts'], outfile: 'dist/bench/run.mjs', platform: 'node', format: 'esm', target: 'node20', packages: 'external' }),
    esbuild({ ...common, entryPoints: ['electron/standin/preloadStandIn.ts'], outfile: 'dist/standin/preloadStandIn.js', platform: 'browser', format: 'iife', target: 'es2022' }),
    copyFile(`${root}/scripts/bench/index.html`, `${root}/dist/bench/index.html`),
  ]);
  process.exit(0);
}

await Promise.all([
  esbuild({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.cjs', platform: 'node', format: 'cjs', target: 'node22', external: ['electron'] }),
  // A sandboxed preload may require only 'electron'; everything else is bundled in.
  esbuild({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', platform: 'node', format: 'cjs', target: 'node22', external: ['electron'] }),
  esbuild({ ...common, entryPoints: ['electron/standin/cli.ts'], outfile: 'dist/standin/cli.mjs', platform: 'node', format: 'esm', target: 'node20', packages: 'external' }),
  esbuild({ ...common, entryPoints: ['electron/standin/preloadStandIn.ts'], outfile: 'dist/standin/preloadStandIn.js', platform: 'browser', format: 'iife', target: 'es2022' }),
  cli(),
]);
await viteBuild({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: quiet ? 'warn' : 'info', define: { __APP_VERSION__: JSON.stringify(pkg.version) } });
