import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, runBundleCli } from '../../../scripts/bundleCli';
import { nextEntry, type AuditEntry } from '../../../shared/audit/chain';
import { publicKeyPem } from '../../../shared/bundle/keys';
import { auditRecord } from '../../../shared/exchange/unitExport';
import { build, fixedKey, sampleInput } from './fixtures';

/** `npm run bundle -- verify` checks a unit export's audit segment with the bureau's own code. */

const KEY = fixedKey('ed25519', 7);
const trail: AuditEntry[] = [];
for (let i = 0; i < 8; i++) trail.push(nextEntry(trail.at(-1) ?? null, { at: `2026-01-0${i + 1}T08:00:00.000Z`, actor: 'acc-clerk', action: 'carrier.registered', detail: { i } }));
const records = (entries: readonly AuditEntry[]) => entries.map((e) => auditRecord({ ...e, actorName: '赵保密' }));

let dir = '';
const file = (name: string) => path.join(dir, name);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBundleCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ex6-cli-audit-'));
  writeFileSync(file('unit.pub.pem'), publicKeyPem(KEY.publicKey));
  const base = sampleInput();
  const b1 = await build({ ...base, content: { ...base.content, audit: records(trail.slice(0, 5)) } }, KEY);
  writeFileSync(file('b1.ledgerbundle'), b1.bytes);
  const altered = records(trail.slice(0, 5));
  altered[2] = { ...altered[2]!, detail: { i: 99 } };
  // Altered before signing: the signature and file hashes are good, only the chain tells.
  writeFileSync(file('altered.ledgerbundle'), (await build({ ...base, content: { ...base.content, audit: altered } }, KEY)).bytes);
  const b2 = await build({ ...base, sequence: 2, previousBundleHash: b1.manifestHash, content: { ...base.content, audit: records(trail.slice(5)) } }, KEY);
  writeFileSync(file('b2.ledgerbundle'), b2.bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bundle -- verify: the audit segment', () => {
  it('reports an intact segment and that continuity was not checked without --last-audit-seq', async () => {
    const r = await run('verify', file('b1.ledgerbundle'), '--key', file('unit.pub.pem'));
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toContain('审计记录链 Audit:     已核对 checked: 第 1–5 条 entries 1–5');
    expect(r.out).toContain('continuity NOT checked');
  });

  it('exits 1 naming the altered entry, though signature and hashes are good', async () => {
    const r = await run('verify', file('altered.ledgerbundle'), '--key', file('unit.pub.pem'));
    expect(r.code).toBe(EXIT_REFUSED);
    expect(r.out).toContain('[BUNDLE_AUDIT_ALTERED]');
    expect(r.out).toContain('第 3 条审计记录的内容与其哈希不符');
    const json = JSON.parse((await run('verify', file('altered.ledgerbundle'), '--key', file('unit.pub.pem'), '--json')).out);
    expect(json).toMatchObject({ ok: false, code: 'BUNDLE_AUDIT_ALTERED', params: { seq: 3 } });
  });

  it('checks continuity with the previous bundle’s last audit entry when given', async () => {
    const good = await run('verify', file('b2.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-audit-seq', '5', '--last-audit-hash', trail[4]!.hash);
    expect(good.code).toBe(EXIT_OK);
    expect(good.out).toContain('continuity checked');
    const json = JSON.parse((await run('verify', file('b2.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-audit-seq', '5', '--last-audit-hash', trail[4]!.hash, '--json')).out);
    expect(json).toMatchObject({ ok: true, auditChain: { checked: true, continuityChecked: true, first: 6, head: { seq: 8, hash: trail[7]!.hash } } });

    const bySeq = await run('verify', file('b2.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-audit-seq', '4', '--last-audit-hash', trail[3]!.hash);
    expect(bySeq.code).toBe(EXIT_REFUSED);
    expect(bySeq.out).toContain('[BUNDLE_AUDIT_NOT_CONTINUOUS]');
    expect(bySeq.out).toContain('应从第 5 条接续，序号不接续');
    const byHash = await run('verify', file('b2.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-audit-seq', '5', '--last-audit-hash', 'f'.repeat(64));
    expect(byHash.code).toBe(EXIT_REFUSED);
    expect(byHash.out).toContain('前序哈希不符');
  });

  it('--last-audit-seq 0: nothing accepted yet, so the segment may start anywhere', async () => {
    expect((await run('verify', file('b2.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-audit-seq', '0')).code).toBe(EXIT_OK);
  });

  it('exits 2 on incomplete audit options', async () => {
    expect((await run('verify', file('b2.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-audit-hash', trail[4]!.hash)).code).toBe(EXIT_USAGE);
    expect((await run('verify', file('b2.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-audit-seq', '5')).code).toBe(EXIT_USAGE);
    expect((await run('verify', file('b2.ledgerbundle'), '--key', file('unit.pub.pem'), '--last-audit-seq', '0', '--last-audit-hash', trail[4]!.hash)).code).toBe(EXIT_USAGE);
    expect((await run('verify', file('b2.ledgerbundle'), '--last-audit-seq', 'x')).code).toBe(EXIT_USAGE);
  });
});
