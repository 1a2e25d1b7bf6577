import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve('scripts/package.mjs');
const temps: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-package-'));
  temps.push(d);
  return d;
};

/** Runs the script with an empty home and no Electron-related settings, so no real cache is found. */
function run(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: tempDir(), USERPROFILE: tempDir(), LOCALAPPDATA: tempDir() };
  for (const k of ['ELECTRON_DIST', 'electron_config_cache', 'XDG_CACHE_HOME']) delete env[k];
  const r = spawnSync(process.execPath, [script, ...args], { env, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('scripts/package.mjs', () => {
  afterEach(() => {
    for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('refuses with exit code 2 and a Chinese and English message when no local Electron is given or cached', () => {
    const { code, out } = run();
    expect(code).toBe(2);
    expect(out).toContain('未找到本地 Electron 45.4.1 运行时');
    expect(out).toContain('No local Electron 45.4.1 runtime found');
    expect(out).toContain('docs/electron-offline.md');
  });

  it('refuses a path that does not exist', () => {
    expect(run('--electron-dist', path.join(tempDir(), 'nope')).code).toBe(2);
  });

  it('refuses a zip whose SHA-256 is not the published one', () => {
    const dir = tempDir();
    for (const arch of ['x64', 'arm64']) fs.writeFileSync(path.join(dir, `electron-v45.4.1-linux-${arch}.zip`), 'not electron');
    const { code, out } = run('--electron-zip-dir', dir, '--linux', '--check');
    expect(code).toBe(2);
    expect(out).toContain('SHA-256');
  });

  it('refuses an unpacked runtime of another Electron version', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'version'), '44.0.0');
    fs.writeFileSync(path.join(dir, 'electron'), '');
    expect(run('--electron-dist', dir, '--linux', '--x64', '--check').code).toBe(2);
  });

  it('accepts an unpacked Electron 45.4.1 for one arch in --check mode, building nothing', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'version'), 'v45.4.1');
    fs.writeFileSync(path.join(dir, 'electron'), '');
    const { code, out } = run('--electron-dist', dir, '--linux', '--x64', '--check');
    expect(code, out).toBe(0);
    expect(out).toContain('targets: linux-x64');
  });
});
