import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, runBundleCli } from '../../../scripts/bundleCli';
import { formatFingerprint, fingerprint, publicKeyPem } from '../../../shared/bundle/keys';
import { chain, entryOffset, fixedKey } from './fixtures';

const KEY = fixedKey('sm2-sm3');
const OTHER = fixedKey('ed25519', 4);
const [B1, B2] = await chain(2, KEY);
let dir = '';
const file = (name: string) => path.join(dir, name);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBundleCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bundle-cli-'));
  writeFileSync(file('unit.pub.pem'), publicKeyPem(KEY.publicKey));
  writeFileSync(file('other.pub.pem'), publicKeyPem(OTHER.publicKey));
  writeFileSync(file('b1.ledgerbundle'), B1!.bytes);
  writeFileSync(file('b2.ledgerbundle'), B2!.bytes);
  const changed = Uint8Array.from(B2!.bytes);
  const at = entryOffset(changed, 'content/carriers.jsonl') + 4;
  changed[at] = (changed[at] as number) ^ 1;
  writeFileSync(file('changed.ledgerbundle'), changed);
  writeFileSync(file('not-a-key.pem'), 'hello');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bundle -- verify', () => {
  it('exits 0 when signature, files and records check, and says the chain was not checked', async () => {
    const r = await run('verify', file('b1.ledgerbundle'), '--key', file('unit.pub.pem'));
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toContain('验证通过 VERIFIED');
    expect(r.out).toContain(formatFingerprint(fingerprint(KEY.publicKey)));
    expect(r.out).toContain('NOT checked');
  });

  it('checks the chain with --last-sequence and --last-hash', async () => {
    const r = await run('verify', file('b2.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-sequence', '1', '--last-hash', B1!.manifestHash);
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toContain('follows 1');
  });

  it('treats --last-sequence 0 as nothing imported yet (a later bundle is a gap)', async () => {
    expect((await run('verify', file('b1.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-sequence', '0')).code).toBe(EXIT_OK);
    const r = await run('verify', file('b2.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-sequence', '0');
    expect(r.code).toBe(EXIT_REFUSED);
    expect(r.out).toContain('BUNDLE_GAP');
  });

  it('exits 0 for a replay and says there is nothing to do', async () => {
    const r = await run('verify', file('b2.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-sequence', '2', '--last-hash', B2!.manifestHash);
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toContain('nothing to do');
  });

  it('exits 1 with the code and a Chinese and an English sentence for a changed byte', async () => {
    const r = await run('verify', file('changed.ledgerbundle'), '--key', file('unit.pub.pem'));
    expect(r.code).toBe(EXIT_REFUSED);
    expect(r.out).toContain('[BUNDLE_FILE_CHANGED]');
    expect(r.out).toContain('文件内容与清单不符');
    expect(r.out).toContain('does not match the manifest');
  });

  it('exits 1 without a key (the signature cannot be checked) and with the wrong key', async () => {
    expect((await run('verify', file('b1.ledgerbundle'))).out).toContain('BUNDLE_UNKNOWN_KEY');
    expect((await run('verify', file('b1.ledgerbundle'), '--key', file('other.pub.pem'))).code).toBe(EXIT_REFUSED);
  });

  it('checks --unit and --kind', async () => {
    expect((await run('verify', file('b1.ledgerbundle'), '--key', file('unit.pub.pem'), '--unit', 'X')).out).toContain('BUNDLE_WRONG_UNIT');
    expect((await run('verify', file('b1.ledgerbundle'), '--key', file('unit.pub.pem'), '--kind', 'policy')).out).toContain('BUNDLE_WRONG_KIND');
  });

  it('prints one JSON object with --json', async () => {
    const good = JSON.parse((await run('verify', file('b1.ledgerbundle'), '--key', file('unit.pub.pem'), '--json')).out);
    expect(good).toMatchObject({ ok: true, action: 'import', manifestHash: B1!.manifestHash, recordsRead: { carriers: 2, events: 3 } });
    const bad = JSON.parse((await run('verify', file('changed.ledgerbundle'), '--key', file('unit.pub.pem'), '--json')).out);
    expect(bad).toMatchObject({ ok: false, code: 'BUNDLE_FILE_CHANGED', params: { path: 'content/carriers.jsonl' } });
    expect(bad.message['zh-CN']).toContain('文件内容与清单不符');
  });

  it('exits 2 on wrong arguments, a missing file or a file that is not a key', async () => {
    expect((await run()).code).toBe(EXIT_USAGE);
    expect((await run('frobnicate', 'x')).code).toBe(EXIT_USAGE);
    expect((await run('verify')).code).toBe(EXIT_USAGE);
    expect((await run('verify', file('nope.ledgerbundle'))).code).toBe(EXIT_USAGE);
    expect((await run('verify', file('b1.ledgerbundle'), '--key', file('not-a-key.pem'))).err).toContain('PEM');
    expect((await run('verify', file('b1.ledgerbundle'), '--last-hash', B1!.manifestHash)).code).toBe(EXIT_USAGE);
    expect((await run('verify', file('b2.ledgerbundle'), '--last-sequence', '1')).code).toBe(EXIT_USAGE);
    expect((await run('verify', dir)).code).toBe(EXIT_USAGE);
  });
});

describe('npm run bundle -- inspect and fingerprint', () => {
  it('shows the manifest and file status, exit 0 when the files match', async () => {
    const r = await run('inspect', file('b1.ledgerbundle'));
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toContain('DW-0042');
    expect(r.out).toContain(B1!.manifestHash);
    expect(r.out).toContain('signature NOT verified');
  });

  it('names the changed file and exits 1', async () => {
    const r = await run('inspect', file('changed.ledgerbundle'));
    expect(r.code).toBe(EXIT_REFUSED);
    expect(r.out).toMatch(/CHANGED\s+content\/carriers\.jsonl/);
  });

  it('prints a key’s fingerprint as registered', async () => {
    expect((await run('fingerprint', file('unit.pub.pem'))).out).toBe(`sm2-sm3  ${formatFingerprint(fingerprint(KEY.publicKey))}`);
  });
});

describe('the built command line', () => {
  it('is one file that runs with plain node away from node_modules, with the exit codes above', async () => {
    // Same entry and options as scripts/build.mjs (dist/cli/bundle.mjs).
    await esbuild({
      entryPoints: [fileURLToPath(new URL('../../../scripts/bundleCli.ts', import.meta.url))],
      outfile: file('bundle.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      mainFields: ['module', 'main'],
      define: { __APP_VERSION__: '"test"' },
      logLevel: 'error',
    });
    const node = (...args: string[]) => spawnSync(process.execPath, [file('bundle.mjs'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, INIT_CWD: dir } });
    const good = node('verify', 'b1.ledgerbundle', '--key', 'unit.pub.pem');
    expect(good.stdout).toContain('VERIFIED');
    expect(good.status).toBe(0);
    expect(node('verify', 'changed.ledgerbundle', '--key', 'unit.pub.pem').status).toBe(1);
    expect(node('verify').status).toBe(2);
  });
});
