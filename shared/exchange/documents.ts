import type { SignatureAlgorithm } from '../bundle/keys';
import type { BundleKind } from '../bundle/manifest';
import type { PrintDocument } from '../print/document';

/**
 * The two printouts of data exchange (SPEC §7): the hand-over receipt that goes with the disc
 * (数据包交接回执: sequence, period, counts, manifest hash) and the public-key sheet the bureau
 * registers the key from (签名公钥登记表: fingerprint and the PEM text). The paper is Chinese
 * whatever the interface language, like every printout.
 */

/** The Chinese names of the content files, as the receipt lists them. */
export const CONTENT_NAMES: Record<string, string> = {
  carriers: '载体',
  events: '载体事件',
  destructions: '销毁记录',
  determinations: '定密事项',
  'determination-records': '定密记录',
  inventories: '清查与召回',
  audit: '审计记录',
  statistics: '统计',
  'key-rotation': '密钥更换声明',
  'destruction-batches': '销毁批次',
  'device-decommissions': '设备停用/报废',
  notice: '下发通知',
  catalogue: '事项一览表条目',
  'destruction-bodies': '指定销毁机构',
  forms: '表格样式',
};

export const ALGORITHM_NAMES: Record<SignatureAlgorithm, string> = { ed25519: 'Ed25519', 'sm2-sm3': 'SM2/SM3（国密）' };

const KIND_NAMES: Record<BundleKind, string> = { 'unit-export': '单位上报数据包', policy: '政策下发数据包' };

/** `3f9a 01c2 … ` in four lines of four groups, so it can be read aloud and compared. */
export function fingerprintLines(hex: string): string[] {
  const groups = hex.match(/.{1,4}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 4) lines.push(groups.slice(i, i + 4).join(' '));
  return lines;
}

export interface ReceiptInput {
  kind: BundleKind;
  issuer: { code: string; name: string };
  sequence: number;
  period: { from: string; to: string };
  createdAt: string;
  counts: Record<string, number>;
  manifestHash: string;
  keyFingerprint: string;
  algorithm: SignatureAlgorithm;
  fileName: string;
  /** Who wrote it. */
  byName: string;
  /** `YYYY-MM-DD`, printed on every page. */
  date: string;
}

/**
 * 数据包交接回执. Marked 内部: it names no record, but the office's exchange with the bureau is a
 * work secret (as the destruction approval form is).
 */
export function receiptDocument(r: ReceiptInput): PrintDocument {
  const hashLines = r.manifestHash.match(/.{1,32}/g) ?? [r.manifestHash];
  return {
    kind: 'bundle-receipt',
    title: `${KIND_NAMES[r.kind]}交接回执（第 ${r.sequence} 号）`,
    unitName: r.issuer.name,
    date: r.date,
    blocks: [
      {
        type: 'fields',
        fields: [
          // Unit name and code on one line, the kind in the title: the receipt stays one A4 page with
          // every content file of a unit export listed.
          { label: '单位', value: `${r.issuer.name}（代码 ${r.issuer.code}）`, level: 'internal' },
          { label: '序号', value: `第 ${r.sequence} 号`, level: 'internal' },
          { label: '数据期间', value: `${r.period.from} 至 ${r.period.to}`, level: 'internal' },
          { label: '生成时间', value: r.createdAt, level: 'internal' },
          { label: '文件名', value: r.fileName, level: 'internal' },
          { label: '清单哈希（SHA-256）', value: hashLines.join(' '), level: 'internal' },
          { label: '签名算法', value: ALGORITHM_NAMES[r.algorithm], level: 'internal' },
          { label: '签名公钥指纹', value: fingerprintLines(r.keyFingerprint).join('  '), level: 'internal' },
          { label: '经办人', value: r.byName, level: 'internal' },
        ],
      },
      { type: 'heading', text: '内容统计', level: 'internal' },
      {
        type: 'table',
        columns: [
          { label: '内容', width: 3 },
          { label: '文件', width: 4 },
          { label: '记录数', width: 2, align: 'right' },
        ],
        rows: Object.keys(r.counts)
          .sort()
          .map((name) => ({ cells: [CONTENT_NAMES[name] ?? name, `content/${name}.jsonl`, String(r.counts[name] ?? 0)], level: 'internal' as const })),
      },
      {
        type: 'paragraph',
        text: '接收方核对：sha256sum manifest.json 的结果应与上述清单哈希一致；签名用登记的公钥按 docs/bundle-format.md 第 7 节核验。',
        level: 'internal',
      },
      { type: 'signatures', lines: [{ role: '交付人', name: r.byName }, { role: '接收人' }] },
    ],
  };
}

export interface KeySheetInput {
  unit: { code: string; name: string };
  algorithm: SignatureAlgorithm;
  fingerprint: string;
  publicKeyPem: string;
  createdAt: string;
  /** A key made by rotation: from which bundle it signs. */
  effectiveFromSequence?: number;
  date: string;
}

/** 签名公钥登记表: what the bureau registers and compares with the PEM file it is given. */
export function keySheetDocument(k: KeySheetInput): PrintDocument {
  return {
    kind: 'table',
    title: '数据交换签名公钥登记表',
    unitName: k.unit.name,
    date: k.date,
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: '单位名称', value: k.unit.name },
          { label: '单位代码', value: k.unit.code },
          { label: '签名算法', value: ALGORITHM_NAMES[k.algorithm] },
          { label: '生成时间', value: k.createdAt },
          ...(k.effectiveFromSequence !== undefined ? [{ label: '启用自', value: `第 ${k.effectiveFromSequence} 号数据包` }] : []),
        ],
      },
      { type: 'heading', text: '公钥指纹（SHA-256，SubjectPublicKeyInfo DER）' },
      ...fingerprintLines(k.fingerprint).map((line) => ({ type: 'paragraph' as const, text: line })),
      { type: 'heading', text: '公钥（PEM）' },
      ...k.publicKeyPem
        .trim()
        .split('\n')
        .map((line) => ({ type: 'paragraph' as const, text: line })),
      {
        type: 'paragraph',
        text: '核对方法：openssl pkey -pubin -in 公钥文件 -outform DER | sha256sum，结果应与上述指纹一致。',
      },
      { type: 'signatures', lines: [{ role: '保密员' }, { role: '单位负责人' }] },
    ],
  };
}
