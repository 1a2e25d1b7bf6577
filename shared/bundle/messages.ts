import type { Refusal } from '../result';

/**
 * Sentences for every refusal of the bundle code, in Chinese and English, used by the command line
 * and available to the app's UI (so both say the same thing). Placeholders `{name}` are filled from
 * the refusal's params.
 */

export type BundleMessageLocale = 'zh-CN' | 'en';

export const BUNDLE_REFUSAL_CODES = [
  'BUNDLE_TOO_LARGE',
  'BUNDLE_TOO_MANY_ENTRIES',
  'BUNDLE_TRUNCATED',
  'BUNDLE_CORRUPT',
  'BUNDLE_UNSUPPORTED_ENTRY',
  'BUNDLE_UNSAFE_PATH',
  'BUNDLE_DUPLICATE_ENTRY',
  'BUNDLE_FILE_MISSING',
  'BUNDLE_FILE_CHANGED',
  'BUNDLE_FILE_EXTRA',
  'BUNDLE_MANIFEST_INVALID',
  'BUNDLE_UNSUPPORTED_VERSION',
  'BUNDLE_UNKNOWN_KEY',
  'BUNDLE_ALGORITHM_MISMATCH',
  'BUNDLE_BAD_SIGNATURE',
  'BUNDLE_KEY_NOT_VALID',
  'BUNDLE_WRONG_KIND',
  'BUNDLE_WRONG_UNIT',
  'BUNDLE_GAP',
  'BUNDLE_OLDER',
  'BUNDLE_FORKED',
  'BUNDLE_CHAIN_BROKEN',
  'BUNDLE_CONTENT_INVALID',
  'BUNDLE_COUNT_MISMATCH',
  'BUNDLE_INPUT_INVALID',
  'BUNDLE_AUDIT_ALTERED',
  'BUNDLE_AUDIT_RELINKED',
  'BUNDLE_AUDIT_MISSING',
  'BUNDLE_AUDIT_NOT_CONTINUOUS',
  'KEY_NOT_PEM',
  'KEY_UNSUPPORTED',
  'KEY_INVALID',
  'ROTATION_INVALID',
  'ROTATION_WRONG_KEY',
  'ROTATION_BAD_SIGNATURE',
] as const;

export type BundleRefusalCode = (typeof BUNDLE_REFUSAL_CODES)[number];

const MESSAGES: Record<BundleRefusalCode, Record<BundleMessageLocale, string>> = {
  BUNDLE_TOO_LARGE: {
    'zh-CN': '数据包大小超出限制（{what}：{size} 字节，上限 {limit} 字节），已拒绝，未读取内容。',
    en: 'The bundle is larger than allowed ({what}: {size} bytes, limit {limit}); refused without reading it.',
  },
  BUNDLE_TOO_MANY_ENTRIES: {
    'zh-CN': '数据包内文件数超过上限 {limit}，已拒绝。',
    en: 'The bundle holds more than {limit} files; refused.',
  },
  BUNDLE_TRUNCATED: {
    'zh-CN': '数据包不完整（在第 {offset} 字节处中断），可能复制或刻录未完成。',
    en: 'The bundle is truncated (ends at byte {offset}); the copy or burn may not have finished.',
  },
  BUNDLE_CORRUPT: {
    'zh-CN': '数据包已损坏（{reason}，第 {offset} 字节处）。',
    en: 'The bundle is damaged ({reason} at byte {offset}).',
  },
  BUNDLE_UNSUPPORTED_ENTRY: {
    'zh-CN': '数据包含有不允许的条目类型（{path}，类型 {type}）：只允许普通文件。',
    en: 'The bundle holds an entry that is not a regular file ({path}, type {type}).',
  },
  BUNDLE_UNSAFE_PATH: {
    'zh-CN': '数据包含有不安全的文件路径：{path}',
    en: 'The bundle holds an unsafe file path: {path}',
  },
  BUNDLE_DUPLICATE_ENTRY: {
    'zh-CN': '数据包中文件重复：{path}',
    en: 'The bundle holds the file twice: {path}',
  },
  BUNDLE_FILE_MISSING: {
    'zh-CN': '数据包缺少文件：{path}',
    en: 'A file is missing from the bundle: {path}',
  },
  BUNDLE_FILE_CHANGED: {
    'zh-CN': '文件内容与清单不符（已被改动或损坏）：{path}',
    en: 'A file does not match the manifest (changed or damaged): {path}',
  },
  BUNDLE_FILE_EXTRA: {
    'zh-CN': '数据包含有清单未列出的文件：{path}（共 {count} 个）',
    en: 'The bundle holds files the manifest does not list: {path} ({count} in all)',
  },
  BUNDLE_MANIFEST_INVALID: {
    'zh-CN': '清单 manifest.json 格式不正确（{reason} {field}）。',
    en: 'manifest.json is not valid ({reason} {field}).',
  },
  BUNDLE_UNSUPPORTED_VERSION: {
    'zh-CN': '数据包格式版本 {version} 不受支持（本程序支持版本 {supported}）。',
    en: 'Bundle format version {version} is not supported (this program reads version {supported}).',
  },
  BUNDLE_UNKNOWN_KEY: {
    'zh-CN': '签名公钥未登记（单位 {unit}，指纹 {fingerprint}），已拒绝。',
    en: 'The signing key is not registered (unit {unit}, fingerprint {fingerprint}); refused.',
  },
  BUNDLE_ALGORITHM_MISMATCH: {
    'zh-CN': '清单声明的签名算法 {manifest} 与登记的公钥算法 {key} 不一致。',
    en: 'The manifest names algorithm {manifest}, the registered key is {key}.',
  },
  BUNDLE_BAD_SIGNATURE: {
    'zh-CN': '签名无效：清单不是由指纹为 {fingerprint} 的密钥签署的，或已被改动。',
    en: 'Bad signature: the manifest was not signed by key {fingerprint}, or was changed.',
  },
  BUNDLE_KEY_NOT_VALID: {
    'zh-CN': '该密钥不能签署第 {sequence} 号数据包（有效范围 {from}–{until}，密钥已更换）。',
    en: 'This key may not sign bundle {sequence} (valid {from}–{until}; the key was rotated).',
  },
  BUNDLE_WRONG_KIND: {
    'zh-CN': '数据包类型不对：应为{expected}，实为{actual}。',
    en: 'Wrong kind of bundle: expected {expected}, got {actual}.',
  },
  BUNDLE_WRONG_UNIT: {
    'zh-CN': '数据包单位不对：应为 {expected}，实为 {actual}。',
    en: 'Wrong unit: expected {expected}, got {actual}.',
  },
  BUNDLE_GAP: {
    'zh-CN': '缺少数据包：应导入第 {expected} 号，收到第 {sequence} 号（缺第 {missingFrom}–{missingTo} 号），请先导入缺少的数据包。',
    en: 'Bundles are missing: expected number {expected}, got {sequence} (missing {missingFrom}–{missingTo}); import those first.',
  },
  BUNDLE_OLDER: {
    'zh-CN': '这是较早的数据包（第 {sequence} 号），已导入到第 {last} 号，不再导入。',
    en: 'This is an older bundle (number {sequence}); bundles up to {last} are already imported.',
  },
  BUNDLE_FORKED: {
    'zh-CN': '第 {sequence} 号数据包与已导入的同号数据包内容不同（出现分叉），已拒绝。',
    en: 'Bundle {sequence} differs from the bundle {sequence} already imported (a fork); refused.',
  },
  BUNDLE_CHAIN_BROKEN: {
    'zh-CN': '第 {sequence} 号数据包没有接续已导入的第 {previous} 号（前序哈希不符：顺序错乱或分叉）。',
    en: 'Bundle {sequence} does not follow the imported bundle {previous} (previous hash differs: reordered or forked).',
  },
  BUNDLE_CONTENT_INVALID: {
    'zh-CN': '内容文件格式不正确：{path} 第 {line} 行（{reason}）。',
    en: 'A content file is malformed: {path} line {line} ({reason}).',
  },
  BUNDLE_COUNT_MISMATCH: {
    'zh-CN': '记录数与清单不符：{path} 应有 {expected} 条，实有 {actual} 条。',
    en: 'Record count differs from the manifest: {path} should hold {expected}, holds {actual}.',
  },
  BUNDLE_INPUT_INVALID: {
    'zh-CN': '无法生成数据包：数据不符合要求（{reason}）。',
    en: 'Cannot write the bundle: the data is not acceptable ({reason}).',
  },
  BUNDLE_AUDIT_ALTERED: {
    'zh-CN': '审计记录链断裂：第 {seq} 条审计记录的内容与其哈希不符（已被改动），整个数据包未导入。请向报送单位核实。',
    en: 'Audit chain broken: audit entry {seq} does not match its own hash (it was altered); nothing was imported. Ask the unit.',
  },
  BUNDLE_AUDIT_RELINKED: {
    'zh-CN': '审计记录链断裂：第 {seq} 条审计记录的前序哈希不是上一条的哈希（链接被改接），整个数据包未导入。请向报送单位核实。',
    en: "Audit chain broken: audit entry {seq} does not name the previous entry's hash (relinked); nothing was imported. Ask the unit.",
  },
  BUNDLE_AUDIT_MISSING: {
    'zh-CN': '审计记录链断裂：第 {seq} 条之前缺少第 {from}–{to} 条审计记录，整个数据包未导入。请向报送单位核实。',
    en: 'Audit chain broken: audit entries {from}–{to} are missing before entry {seq}; nothing was imported. Ask the unit.',
  },
  BUNDLE_AUDIT_NOT_CONTINUOUS: {
    'zh-CN': '审计记录链断裂：本包审计记录从第 {seq} 条开始，未接续上一个已导入数据包的审计记录（应从第 {expected} 条接续，{reason}），整个数据包未导入。请向报送单位核实。',
    en: "Audit chain broken: this bundle's audit entries start at {seq} and do not continue the previous imported bundle's (expected {expected}, {reason}); nothing was imported. Ask the unit.",
  },
  KEY_NOT_PEM: {
    'zh-CN': '不是 PEM 格式的公钥（应以 -----BEGIN PUBLIC KEY----- 开头）。',
    en: 'Not a PEM public key (expected -----BEGIN PUBLIC KEY-----).',
  },
  KEY_UNSUPPORTED: {
    'zh-CN': '不支持的公钥类型：只支持 Ed25519 和 SM2。',
    en: 'Unsupported public key: only Ed25519 and SM2 are supported.',
  },
  KEY_INVALID: {
    'zh-CN': '公钥无效（{algorithm}）。',
    en: 'The public key is invalid ({algorithm}).',
  },
  ROTATION_INVALID: {
    'zh-CN': '密钥更换声明格式不正确（{reason}）。',
    en: 'The key rotation statement is not valid ({reason}).',
  },
  ROTATION_WRONG_KEY: {
    'zh-CN': '密钥更换声明针对的不是已登记的密钥（指纹 {fingerprint}）。',
    en: 'The key rotation statement is about a key that is not registered (fingerprint {fingerprint}).',
  },
  ROTATION_BAD_SIGNATURE: {
    'zh-CN': '密钥更换声明的签名无效：不是由原密钥签署的。',
    en: 'The key rotation statement is not signed by the old key.',
  },
};

/** Words that appear as parameter values, shown in the reader's language. */
const VALUE_WORDS: Record<string, Record<BundleMessageLocale, string>> = {
  'unit-export': { 'zh-CN': '单位上报包', en: 'a unit export' },
  policy: { 'zh-CN': '政策下发包', en: 'a policy bundle' },
  archive: { 'zh-CN': '整个文件', en: 'whole file' },
  entry: { 'zh-CN': '单个文件', en: 'one file' },
  total: { 'zh-CN': '展开总量', en: 'expanded total' },
  manifest: { 'zh-CN': '清单', en: 'manifest' },
  checksum: { 'zh-CN': '头部校验和错误', en: 'header checksum' },
  'not-ustar': { 'zh-CN': '不是 POSIX tar 格式', en: 'not POSIX ustar' },
  size: { 'zh-CN': '大小字段错误', en: 'bad size field' },
  'data-after-end': { 'zh-CN': '结尾后有多余数据', en: 'data after the end' },
  padding: { 'zh-CN': '填充字节非零', en: 'non-zero padding' },
  'not-json': { 'zh-CN': '不是 JSON', en: 'not JSON' },
  'not-object': { 'zh-CN': '不是 JSON 对象', en: 'not a JSON object' },
  'not-canonical': { 'zh-CN': '不是规范 JSON', en: 'not canonical JSON' },
  schema: { 'zh-CN': '字段错误', en: 'field' },
  'first-bundle-link': { 'zh-CN': '首包与前序哈希不一致', en: 'first bundle vs previous hash' },
  period: { 'zh-CN': '期间起止颠倒', en: 'period ends before it starts' },
  'counts-files': { 'zh-CN': '记录数与文件列表不一致', en: 'counts and files disagree' },
  'no-final-newline': { 'zh-CN': '末行缺少换行', en: 'no newline after the last record' },
  'record-id': { 'zh-CN': '记录缺少 id', en: 'record without id' },
  order: { 'zh-CN': '记录未按 id 排序或重复', en: 'records not sorted by id, or duplicated' },
  'duplicate-id': { 'zh-CN': '记录 id 重复', en: 'duplicate record id' },
  'content-name': { 'zh-CN': '内容名称不合规', en: 'bad content name' },
  'same-key': { 'zh-CN': '新旧密钥相同', en: 'new key equals old key' },
  'new-key': { 'zh-CN': '新公钥无效', en: 'new key invalid' },
  unit: { 'zh-CN': '单位不符', en: 'unit differs' },
  'not-next-seq': { 'zh-CN': '序号不接续', en: 'the number does not follow' },
  'other-prev-hash': { 'zh-CN': '前序哈希不符', en: 'the previous hash differs' },
};

export function isBundleRefusalCode(code: string): code is BundleRefusalCode {
  return (BUNDLE_REFUSAL_CODES as readonly string[]).includes(code);
}

/** The sentence for a refusal; unknown codes are named so they can be reported. */
export function describeBundleRefusal(refusal: Refusal, locale: BundleMessageLocale): string {
  if (!isBundleRefusalCode(refusal.code)) return locale === 'zh-CN' ? `未知错误：${refusal.code}` : `Unknown error: ${refusal.code}`;
  const params = refusal.params ?? {};
  return MESSAGES[refusal.code][locale].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) return '';
    const word = Object.hasOwn(VALUE_WORDS, String(v)) ? VALUE_WORDS[String(v)] : undefined;
    return word ? word[locale] : String(v);
  });
}
