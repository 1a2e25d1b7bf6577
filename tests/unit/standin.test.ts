import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { defaultProfileDir, parseCliArgs, type CliEnv } from '../../electron/standin/args';
import { APP_ORIGIN } from '../../electron/standin/bridge';
import { createAppFileServer } from '../../electron/standin/serveApp';

const env: CliEnv = { cwd: '/work/here', home: '/home/mimi', xdgConfigHome: undefined };

describe('start:chromium arguments', () => {
  it('defaults to a headed window, no debugging port, and the profile under ~/.config', () => {
    expect(parseCliArgs([], env)).toEqual({
      ok: true,
      value: { profileDir: '/home/mimi/.config/secrecy-ledger-chromium', headless: false, cdpPort: undefined, help: false },
    });
  });

  it('puts the default profile under XDG_CONFIG_HOME when that is an absolute path', () => {
    expect(defaultProfileDir({ ...env, xdgConfigHome: '/srv/cfg' })).toBe('/srv/cfg/secrecy-ledger-chromium');
    expect(defaultProfileDir({ ...env, xdgConfigHome: 'relative/cfg' })).toBe('/home/mimi/.config/secrecy-ledger-chromium');
  });

  it('accepts every option, in both --name value and --name=value form', () => {
    const spaced = parseCliArgs(['--profile', 'p1', '--headless', '--cdp-port', '9333'], env);
    const joined = parseCliArgs(['--profile=p1', '--headless', '--cdp-port=9333'], env);
    const expected = { ok: true, value: { profileDir: '/work/here/p1', headless: true, cdpPort: 9333, help: false } };
    expect(spaced).toEqual(expected);
    expect(joined).toEqual(expected);
  });

  it('resolves a relative profile against the working folder and keeps an absolute one', () => {
    expect(parseCliArgs(['--profile', '../data'], env)).toMatchObject({ ok: true, value: { profileDir: '/work/data' } });
    expect(parseCliArgs(['--profile', '/mnt/usb/ledger'], env)).toMatchObject({ ok: true, value: { profileDir: '/mnt/usb/ledger' } });
  });

  it('accepts port 0 (Chromium picks one) and 65535', () => {
    expect(parseCliArgs(['--cdp-port', '0'], env)).toMatchObject({ ok: true, value: { cdpPort: 0 } });
    expect(parseCliArgs(['--cdp-port', '65535'], env)).toMatchObject({ ok: true, value: { cdpPort: 65535 } });
  });

  it('asks for help with -h or --help, even without HOME', () => {
    expect(parseCliArgs(['-h'], { ...env, home: undefined })).toMatchObject({ ok: true, value: { help: true } });
    expect(parseCliArgs(['--help'], env)).toMatchObject({ ok: true, value: { help: true } });
  });

  it.each([
    [['--frobnicate'], 'UNKNOWN_OPTION'],
    [['extra'], 'UNKNOWN_OPTION'],
    [['--profile'], 'MISSING_VALUE'],
    [['--profile', '--headless'], 'MISSING_VALUE'],
    [['--profile='], 'EMPTY_PROFILE'],
    [['--profile', '  '], 'EMPTY_PROFILE'],
    [['--cdp-port'], 'MISSING_VALUE'],
    [['--cdp-port', 'abc'], 'BAD_PORT'],
    [['--cdp-port', '-1'], 'BAD_PORT'],
    [['--cdp-port', '65536'], 'BAD_PORT'],
    [['--cdp-port', '92.5'], 'BAD_PORT'],
    [['--cdp-port', '123456'], 'BAD_PORT'],
    [['--headless=yes'], 'UNEXPECTED_VALUE'],
    [['--headless', '--headless'], 'REPEATED_OPTION'],
    [['--profile', 'a', '--profile=b'], 'REPEATED_OPTION'],
  ])('refuses %j with %s', (argv, code) => {
    expect(parseCliArgs(argv, env)).toMatchObject({ ok: false, error: { code } });
  });

  it('refuses to guess a profile when HOME is unset', () => {
    expect(parseCliArgs([], { ...env, home: undefined })).toMatchObject({ ok: false, error: { code: 'NO_HOME' } });
    expect(parseCliArgs(['--profile', 'p'], { ...env, home: undefined })).toMatchObject({ ok: true });
  });

  it('explains a refusal in Chinese first, then English', () => {
    const result = parseCliArgs(['--cdp-port', 'abc'], env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^参数错误：.*端口.*\(bad argument: port must be .*"abc"\)$/);
  });
});

describe('the stand-in file server', () => {
  let root: string;
  let serve: ReturnType<typeof createAppFileServer>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'standin-serve-'));
    await mkdir(path.join(root, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>保密台账</title>');
    await writeFile(path.join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(root, 'renderer', 'assets', 'argon2.wasm'), '\0asm');
    await writeFile(path.join(root, 'secret.txt'), 'outside the renderer folder');
    serve = createAppFileServer(path.join(root, 'renderer'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('serves the index for the bare origin, with the app’s CSP', async () => {
    const res = await serve(`${APP_ORIGIN}/`, 'GET');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('保密台账');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('serves scripts and WebAssembly under their exact types, ignoring the query', async () => {
    expect((await serve(`${APP_ORIGIN}/assets/app.js?v=2`, 'GET')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await serve(`${APP_ORIGIN}/assets/argon2.wasm`, 'GET')).headers['content-type']).toBe('application/wasm');
  });

  it('answers HEAD without a body', async () => {
    const res = await serve(`${APP_ORIGIN}/index.html`, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
  });

  it.each(['/assets/..%2f..%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/%2e%2e%2fsecret.txt', '//secret.txt', '/a%00.js'])(
    'refuses %s, a way out of the renderer folder',
    async (p) => {
      const res = await serve(`${APP_ORIGIN}${p}`, 'GET');
      expect(res.status).toBe(403);
      expect(res.body.toString()).not.toContain('outside');
    },
  );

  it('answers 404 for a missing file and for a folder', async () => {
    expect((await serve(`${APP_ORIGIN}/missing.js`, 'GET')).status).toBe(404);
    expect((await serve(`${APP_ORIGIN}/assets`, 'GET')).status).toBe(404);
  });

  it('refuses other origins, other methods, and credentials in the URL', async () => {
    expect((await serve('https://evil.invalid/index.html', 'GET')).status).toBe(403);
    expect((await serve(`${APP_ORIGIN.replace('https://', 'https://u:p@')}/index.html`, 'GET')).status).toBe(403);
    expect((await serve(`${APP_ORIGIN}/index.html`, 'POST')).status).toBe(405);
  });
});
