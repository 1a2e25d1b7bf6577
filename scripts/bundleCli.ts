// `npm run bundle -- verify|inspect|fingerprint …`: the bureau's (and anyone's) command line for
// bundles. It calls the same shared/bundle code as the app; this file only reads files, parses
// arguments and prints. Built by scripts/build.mjs into dist/cli/bundle.mjs, a single file that runs
// with plain `node` (no node_modules needed).
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Refusal } from '../shared/result';
import { subtleSha256 } from '../shared/bundle/digest';
import { inspectBundle, type BundleSummary } from '../shared/bundle/inspect';
import { fingerprint, formatFingerprint, parsePublicKeyPem } from '../shared/bundle/keys';
import { describeBundleRefusal } from '../shared/bundle/messages';
import { BUNDLE_KINDS, type BundleKind, type Manifest } from '../shared/bundle/manifest';
import { DEFAULT_BUNDLE_LIMITS, verifyBundle, type LastAccepted, type TrustedKey, type VerifiedBundle } from '../shared/bundle/verify';
import { checkAuditSegment, type AuditHead, type AuditSegmentResult } from '../shared/exchange/auditSegment';

/** The app's SHA-256 for bundles, here from Node's WebCrypto (the same verification code runs). */
const sha256 = subtleSha256(globalThis.crypto.subtle);

export const EXIT_OK = 0;
/** The bundle was refused, or (inspect) does not match its manifest. */
export const EXIT_REFUSED = 1;
/** Wrong arguments, an unreadable file or key. */
export const EXIT_USAGE = 2;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `用法 Usage:
  npm run bundle -- verify <数据包文件 bundle> [--key <公钥 pubkey.pem>]... [--unit <单位代码 code>]
                   [--kind unit-export|policy] [--last-sequence <N> --last-hash <hex>]
                   [--last-audit-seq <N> --last-audit-hash <hex>] [--json]
  npm run bundle -- inspect <数据包文件 bundle> [--json]
  npm run bundle -- fingerprint <公钥 pubkey.pem>

verify   检查签名、文件哈希、单位、类型和（给出 --last-sequence 时）序号与哈希链；全部通过才返回 0。
         Checks signature, file hashes, unit, kind and (with --last-sequence) the sequence and hash
         chain; exits 0 only when everything checks. --last-sequence 0 means nothing imported yet.
         单位上报包的审计记录链（每条哈希、序号、前序哈希）总会核对；给出 --last-audit-seq/--last-audit-hash
         （上一个已导入数据包的最后一条审计记录）时还核对是否接续，0 表示尚无。
         A unit export's audit segment (each hash, seq, prevHash) is always checked; with
         --last-audit-seq/--last-audit-hash (the last audit entry of the previous bundle) also its
         continuity; --last-audit-seq 0 means none yet.
inspect  显示清单内容并核对文件哈希（不验证签名）。Shows the manifest and checks file hashes (no signature check).
退出码 Exit codes: 0 通过 ok, 1 拒绝 refused, 2 参数或文件错误 usage or file error.`;

class UsageError extends Error {}

interface Args {
  command: string;
  file: string;
  keys: string[];
  unit?: string;
  kind?: BundleKind;
  lastSequence?: number;
  lastHash?: string;
  lastAuditSeq?: number;
  lastAuditHash?: string;
  json: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') throw new UsageError('');
  const args: Args = { command, file: '', keys: [], json: false };
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`缺少 ${a} 的值 (missing value for ${a})`);
      return v;
    };
    if (a === '--key') args.keys.push(value());
    else if (a === '--unit') args.unit = value();
    else if (a === '--kind') {
      const kind = value();
      if (!(BUNDLE_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind 只能是 unit-export 或 policy (got ${kind})`);
      args.kind = kind as BundleKind;
    } else if (a === '--last-sequence') {
      const v = value();
      if (!/^\d{1,15}$/.test(v)) throw new UsageError(`--last-sequence 应为非负整数 (not a number: ${v})`);
      args.lastSequence = Number(v);
    } else if (a === '--last-hash') {
      const v = value().toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(v)) throw new UsageError('--last-hash 应为 64 位十六进制 SHA-256 (expected 64 hex digits)');
      args.lastHash = v;
    } else if (a === '--last-audit-seq') {
      const v = value();
      if (!/^\d{1,15}$/.test(v)) throw new UsageError(`--last-audit-seq 应为非负整数 (not a number: ${v})`);
      args.lastAuditSeq = Number(v);
    } else if (a === '--last-audit-hash') {
      const v = value().toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(v)) throw new UsageError('--last-audit-hash 应为 64 位十六进制 SHA-256 (expected 64 hex digits)');
      args.lastAuditHash = v;
    } else if (a === '--json') args.json = true;
    else if (a.startsWith('--')) throw new UsageError(`未知选项 unknown option: ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 1) throw new UsageError('需要且只需要一个文件 (exactly one file expected)');
  args.file = positional[0] as string;
  return args;
}

/** npm runs scripts in the package folder; paths are meant relative to where the user typed. */
function resolvePath(p: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

function readBundleFile(file: string): Uint8Array | Refusal {
  const full = resolvePath(file);
  let size: number;
  try {
    const st = statSync(full);
    if (!st.isFile()) throw new UsageError(`不是普通文件 not a regular file: ${file}`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`无法读取 cannot read: ${file}`);
  }
  // Refuse an absurd file before reading a byte of it.
  if (size > DEFAULT_BUNDLE_LIMITS.maxArchiveBytes) {
    return { code: 'BUNDLE_TOO_LARGE', params: { what: 'archive', size, limit: DEFAULT_BUNDLE_LIMITS.maxArchiveBytes } };
  }
  const buf = readFileSync(full);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function readKey(file: string): TrustedKey {
  let pem: string;
  try {
    pem = readFileSync(resolvePath(file), 'utf8');
  } catch {
    throw new UsageError(`无法读取公钥 cannot read key: ${file}`);
  }
  const key = parsePublicKeyPem(pem);
  if (!key.ok) throw new UsageError(`${file}: ${describeBundleRefusal(key.error, 'zh-CN')} ${describeBundleRefusal(key.error, 'en')}`);
  return { publicKey: key.value };
}

const KIND_LABEL: Record<BundleKind, string> = { 'unit-export': '单位上报包 unit export', policy: '政策下发包 policy' };

function manifestLines(m: Manifest, manifestHash: string): string[] {
  return [
    `  单位 Unit:            ${m.unit.name} (${m.unit.code})`,
    `  类型 Kind:            ${KIND_LABEL[m.kind]}`,
    `  序号 Sequence:        ${m.sequence}`,
    `  期间 Period:          ${m.period.from} – ${m.period.to}`,
    `  生成时间 Created:     ${m.createdAt}`,
    `  签名算法 Algorithm:   ${m.algorithm}`,
    `  公钥指纹 Fingerprint: ${formatFingerprint(m.keyFingerprint)}`,
    `  清单哈希 Manifest:    ${manifestHash}`,
    `  前序哈希 Previous:    ${m.previousBundleHash ?? '（无，第一个数据包 none: first bundle）'}`,
    `  记录数 Records:       ${Object.entries(m.counts).map(([n, c]) => `${n} ${c}`).join(', ') || '（无 none）'}`,
  ];
}

function printRefusal(io: CliOutput, refusal: Refusal, json: boolean): number {
  if (json) {
    io.out(JSON.stringify({ ok: false, code: refusal.code, params: refusal.params ?? {}, message: { 'zh-CN': describeBundleRefusal(refusal, 'zh-CN'), en: describeBundleRefusal(refusal, 'en') } }));
  } else {
    io.out(`✘ 拒绝 REFUSED [${refusal.code}]`);
    io.out(`  ${describeBundleRefusal(refusal, 'zh-CN')}`);
    io.out(`  ${describeBundleRefusal(refusal, 'en')}`);
  }
  return EXIT_REFUSED;
}

async function verify(args: Args, io: CliOutput): Promise<number> {
  if (args.lastHash !== undefined && args.lastSequence === undefined) throw new UsageError('--last-hash 需要同时给出 --last-sequence (--last-hash needs --last-sequence)');
  let lastAccepted: LastAccepted | null | undefined;
  if (args.lastSequence !== undefined) {
    if (args.lastSequence === 0) {
      if (args.lastHash !== undefined) throw new UsageError('--last-sequence 0 表示尚未导入，不应给出 --last-hash (0 means nothing imported; no hash)');
      lastAccepted = null;
    } else {
      if (args.lastHash === undefined) throw new UsageError('--last-sequence 需要同时给出 --last-hash (--last-sequence needs --last-hash)');
      lastAccepted = { sequence: args.lastSequence, manifestHash: args.lastHash };
    }
  }
  let lastAudit: AuditHead | null | undefined;
  if (args.lastAuditSeq !== undefined || args.lastAuditHash !== undefined) {
    if (args.lastAuditSeq === undefined) throw new UsageError('--last-audit-hash 需要同时给出 --last-audit-seq (--last-audit-hash needs --last-audit-seq)');
    if (args.lastAuditSeq === 0) {
      if (args.lastAuditHash !== undefined) throw new UsageError('--last-audit-seq 0 表示尚无审计记录，不应给出 --last-audit-hash (0 means none; no hash)');
      lastAudit = null;
    } else {
      if (args.lastAuditHash === undefined) throw new UsageError('--last-audit-seq 需要同时给出 --last-audit-hash (--last-audit-seq needs --last-audit-hash)');
      lastAudit = { seq: args.lastAuditSeq, hash: args.lastAuditHash };
    }
  }
  const trustedKeys = args.keys.map(readKey);
  const bytes = readBundleFile(args.file);
  if (!(bytes instanceof Uint8Array)) return printRefusal(io, bytes, args.json);
  const r = await verifyBundle(bytes, {
    trustedKeys,
    expectedKind: args.kind,
    expectedUnit: args.unit !== undefined ? { code: args.unit } : undefined,
    lastAccepted,
    sha256,
  });
  if (!r.ok) return printRefusal(io, r.error, args.json);
  // A unit export's audit segment: the same check the bureau's import runs (shared/exchange/auditSegment.ts).
  let audit: AuditSegmentResult | null = null;
  if (r.value.manifest.kind === 'unit-export' && r.value.action === 'import') {
    const segment = checkAuditSegment(r.value.content.get('audit') ?? [], lastAudit);
    if (!segment.ok) return printRefusal(io, segment.error, args.json);
    audit = segment.value;
  }
  printVerified(io, r.value, audit, args);
  return EXIT_OK;
}

function auditLine(a: AuditSegmentResult | null): string {
  if (!a) return '未核对（非单位上报包，或已导入）not checked (not a unit export, or already imported)';
  const range = a.first === null ? '无审计记录 no entries' : `第 ${a.first}–${a.head?.seq ?? a.first} 条 entries ${a.first}–${a.head?.seq ?? a.first}`;
  const continuity = a.continuityChecked ? '，接续已核对 continuity checked' : '，接续未核对（未给出 --last-audit-seq）continuity NOT checked (no --last-audit-seq)';
  return `已核对 checked: ${range}${continuity}`;
}

function printVerified(io: CliOutput, v: VerifiedBundle, audit: AuditSegmentResult | null, args: Args): void {
  if (args.json) {
    const counts = Object.fromEntries([...v.content].map(([n, records]) => [n, records.length]));
    io.out(JSON.stringify({ ok: true, action: v.action, chainChecked: v.chainChecked, auditChain: audit ? { checked: true, ...audit } : { checked: false }, manifestHash: v.manifestHash, manifest: v.manifest, recordsRead: counts }));
    return;
  }
  io.out(
    v.action === 'already-imported'
      ? '✔ 验证通过：此数据包已导入过，无需操作 VERIFIED: already imported, nothing to do'
      : '✔ 验证通过 VERIFIED: 签名、文件哈希、记录均正确 signature, file hashes and records check',
  );
  for (const line of manifestLines(v.manifest, v.manifestHash)) io.out(line);
  const chain = !v.chainChecked
    ? '未核对（未给出 --last-sequence）NOT checked (no --last-sequence given)'
    : v.action === 'already-imported'
      ? `已核对：即已导入的第 ${v.manifest.sequence} 号 checked: the bundle already imported`
      : v.manifest.sequence === 1
        ? '已核对：第一个数据包 checked: first bundle'
        : `已核对：接续第 ${v.manifest.sequence - 1} 号 checked: follows ${v.manifest.sequence - 1}`;
  io.out(`  序号与哈希链 Chain:   ${chain}`);
  io.out(`  审计记录链 Audit:     ${auditLine(audit)}`);
}

async function inspect(args: Args, io: CliOutput): Promise<number> {
  const bytes = readBundleFile(args.file);
  if (!(bytes instanceof Uint8Array)) return printRefusal(io, bytes, args.json);
  const r = await inspectBundle(bytes, {}, sha256);
  if (!r.ok) return printRefusal(io, r.error, args.json);
  printSummary(io, r.value, args.json);
  return r.value.consistent ? EXIT_OK : EXIT_REFUSED;
}

function printSummary(io: CliOutput, s: BundleSummary, json: boolean): void {
  if (json) {
    io.out(JSON.stringify({ ok: s.consistent, signatureChecked: false, ...s }));
    return;
  }
  io.out(`数据包 Bundle（签名未验证 signature NOT verified here; use verify --key）`);
  for (const line of manifestLines(s.manifest, s.manifestHash)) io.out(line);
  io.out(`  签名 Signature:       manifest.sig, ${s.signatureBytes} 字节 bytes`);
  io.out('  文件 Files:');
  const label = { ok: '一致 ok', missing: '缺失 MISSING', changed: '不符 CHANGED' } as const;
  for (const f of s.files) {
    const size = s.entries.find((e) => e.path === f.path)?.size;
    io.out(`    ${label[f.status].padEnd(14)} ${f.path}${size === undefined ? '' : ` (${size} 字节 bytes)`}`);
  }
  io.out(`    ${(s.sums === 'ok' ? label.ok : label.changed).padEnd(14)} SHA256SUMS`);
  for (const p of s.extra) io.out(`    ${'多余 EXTRA'.padEnd(14)} ${p}`);
  io.out(s.consistent ? '✔ 文件与清单一致 files match the manifest' : '✘ 文件与清单不一致 files do NOT match the manifest');
}

function printFingerprint(args: Args, io: CliOutput): number {
  const key = readKey(args.file);
  io.out(`${key.publicKey.algorithm}  ${formatFingerprint(fingerprint(key.publicKey))}`);
  return EXIT_OK;
}

export async function runBundleCli(argv: readonly string[], io: CliOutput): Promise<number> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'verify':
        return await verify(args, io);
      case 'inspect':
        return await inspect(args, io);
      case 'fingerprint':
        return printFingerprint(args, io);
      default:
        throw new UsageError(`未知命令 unknown command: ${args.command}`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) io.err(e.message);
    io.err(USAGE);
    return EXIT_USAGE;
  }
}

const invokedDirectly = ((): boolean => {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  process.exitCode = await runBundleCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) });
}
