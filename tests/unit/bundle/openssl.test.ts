import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fingerprint, parsePublicKeyPem, publicKeyPem, SIGNATURE_ALGORITHMS, verifySignature, type SignatureAlgorithm } from '../../../shared/bundle/keys';
import { build, entryOffset, fixedKey, resign, sampleInput } from './fixtures';

/**
 * Runs the commands of docs/bundle-format.md, exactly as written there, on bundles this code writes:
 * the page is the contract for checking a bundle without the app, so it must not drift.
 */

const DOC = readFileSync(fileURLToPath(new URL('../../../docs/bundle-format.md', import.meta.url)), 'utf8');

function docBlock(name: string): string {
  const m = new RegExp('```sh ' + name + '\\n([\\s\\S]*?)```').exec(DOC);
  if (!m?.[1]) throw new Error(`docs/bundle-format.md has no \`\`\`sh ${name} block`);
  return m[1];
}

const have = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
const HAVE_TOOLS = have('openssl', ['version']) && have('tar', ['--version']) && have('sha256sum', ['--version']);
const HAVE_SM2 = HAVE_TOOLS && /SM2/i.test(spawnSync('openssl', ['list', '-public-key-algorithms'], { encoding: 'utf8' }).stdout ?? '');
if (!HAVE_TOOLS) console.warn('[bundle/openssl] SKIPPED: openssl, tar or sha256sum not found — the documented commands were NOT run');
else if (!HAVE_SM2) console.warn('[bundle/openssl] SM2 SKIPPED: this openssl has no SM2 — the documented SM2 command was NOT run');

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bundle-openssl-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the bundle and key under the names the page uses and runs the page's block with sh -e. */
function runDocBlock(block: string, bundle: Uint8Array, keyPem: string) {
  writeFileSync(path.join(dir, 'unit-2026-0001.ledgerbundle'), bundle);
  writeFileSync(path.join(dir, 'unit.pub.pem'), keyPem);
  return spawnSync('sh', ['-eu', '-c', docBlock(block)], { cwd: dir, encoding: 'utf8' });
}

const cases: [SignatureAlgorithm, string, boolean][] = [
  ['ed25519', 'check-ed25519', HAVE_TOOLS],
  ['sm2-sm3', 'check-sm2', HAVE_SM2],
];

const BUILT = new Map(await Promise.all(SIGNATURE_ALGORITHMS.map(async (a) => [a, await build(sampleInput(), fixedKey(a))] as const)));

describe.each(cases)('the documented %s check (%s)', (algorithm, block, available) => {
  const key = fixedKey(algorithm);
  const pem = publicKeyPem(key.publicKey);
  const bundle = BUILT.get(algorithm) as Awaited<ReturnType<typeof build>>;

  it.skipIf(!available)('passes for a bundle the app wrote', () => {
    const r = runDocBlock(block, bundle.bytes, pem);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('content/events.jsonl: OK');
    expect(r.stdout).toContain('manifest.json: OK');
    expect(r.stdout).toContain('Signature Verified Successfully');
  });

  it.skipIf(!available)('fails for a changed byte in a content file (sha256sum -c)', () => {
    const changed = Uint8Array.from(bundle.bytes);
    const at = entryOffset(changed, 'content/events.jsonl') + 7;
    changed[at] = (changed[at] as number) ^ 1;
    const r = runDocBlock(block, changed, pem);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('content/events.jsonl: FAILED');
  });

  it.skipIf(!available)('fails for a manifest signed by another key, even with consistent sums (openssl)', () => {
    const forged = resign(bundle.bytes, fixedKey(algorithm, 3), {});
    const r = runDocBlock(block, forged, pem);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('manifest.sig: OK'); // sha256sum is satisfied …
    expect(r.stdout + r.stderr).toMatch(/Signature Verification Failure/); // … the signature is not
  });

  it.skipIf(!available)('lists as plain files owned by 0/0 at mtime 0 with mode 0644 (tar -tvf)', () => {
    writeFileSync(path.join(dir, 'b.tar'), bundle.bytes);
    const r = spawnSync('tar', ['--numeric-owner', '--utc', '-tvf', 'b.tar'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toMatch(/^-rw-r--r-- 0\/0 +\d+ 1970-01-01 00:00 \S+$/);
  });

  it.skipIf(!available)('gives the same fingerprint with the documented openssl command', () => {
    writeFileSync(path.join(dir, 'unit.pub.pem'), pem);
    const r = spawnSync('sh', ['-eu', '-c', docBlock('fingerprint')], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.slice(0, 64)).toBe(fingerprint(key.publicKey));
  });
});

describe('keys and signatures made by openssl are accepted', () => {
  const generate: [SignatureAlgorithm, string[], string[], boolean][] = [
    ['ed25519', ['-algorithm', 'ed25519'], [], HAVE_TOOLS],
    ['sm2-sm3', ['-algorithm', 'SM2'], ['-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'], HAVE_SM2],
  ];

  for (const [algorithm, genArgs, signArgs, available] of generate) {
    it.skipIf(!available)(`${algorithm}: a key from openssl genpkey, a signature from openssl pkeyutl -sign`, () => {
      const sh = (args: string[]) => {
        const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
      };
      const message = new TextEncoder().encode(`${JSON.stringify({ sequence: 1 })}\n`);
      writeFileSync(path.join(dir, 'm.json'), message);
      sh(['genpkey', ...genArgs, '-out', 'k.pem']);
      sh(['pkey', '-in', 'k.pem', '-pubout', '-out', 'k.pub.pem']);
      sh(['pkeyutl', '-sign', '-inkey', 'k.pem', '-rawin', ...signArgs, '-in', 'm.json', '-out', 'm.sig']);
      const key = parsePublicKeyPem(readFileSync(path.join(dir, 'k.pub.pem'), 'utf8'));
      expect(key).toMatchObject({ ok: true, value: { algorithm } });
      if (!key.ok) return;
      const sig = new Uint8Array(readFileSync(path.join(dir, 'm.sig')));
      expect(verifySignature(key.value, message, sig)).toBe(true);
      expect(verifySignature(key.value, new TextEncoder().encode('{"sequence":2}\n'), sig)).toBe(false);
    });
  }
});
