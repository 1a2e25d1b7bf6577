import { levelName, type Level } from '../ledger/classification';
import type { PrintBlock, PrintDocument } from './document';

/** Why this code was issued: at set-up, after the old one was used, or replaced by the 系统管理员. */
export type RecoveryCodeReason = 'setup' | 'used' | 'replaced';

export interface RecoveryCodeSheetInput {
  /** The code as shown (six groups of four, RECOVERY_ALPHABET). */
  code: string;
  unitName: string;
  unitCode: string;
  /** `YYYY-MM-DD`, passed in. */
  date: string;
  /** The level chosen by whoever prints it: the highest level of what this PC holds (docs/decisions.md). */
  level: Level;
  reason: RecoveryCodeReason;
  /** The 系统管理员 printing it. */
  printedBy: string;
}

const REASON_TEXT: Record<RecoveryCodeReason, string> = {
  setup: '系统初始化时生成',
  used: '原恢复码已使用作废，重新生成',
  replaced: '系统管理员更换，原恢复码作废',
};

const RULES = [
  '一、本恢复码仅用于系统管理员遗忘口令时重新设置其口令，每次使用均记入审计日志，使用后即作废并生成新的恢复码。',
  '二、本单打印后即装入信封密封，由系统管理员与见证人在封口处签名并注明日期，交保密办公室存入保密柜。',
  '三、不得复印、拍照、抄录到任何电子文件中；本系统不保存本单的电子副本。',
  '四、恢复码一旦遗失、泄露或可能被他人知悉，系统管理员应立即更换，原恢复码随即作废；作废的密封单按同密级载体销毁。',
];

/**
 * The recovery code sheet (恢复码密封单): the code, what it opens, how it is sealed and kept, and
 * the signatures of the administrator and the witness who seal it. The whole sheet carries the
 * chosen level (the code opens every record on this PC). Chinese whatever the interface language:
 * it goes into the safe with the paper ledger.
 */
export function recoveryCodeDocument(input: RecoveryCodeSheetInput): PrintDocument {
  const level = input.level;
  return {
    kind: 'recovery-code',
    title: '保密台账系统恢复码密封单',
    unitName: input.unitName,
    date: input.date,
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: '单位', value: `${input.unitName}（${input.unitCode}）` },
          { label: '恢复码', value: input.code, level },
          { label: '生成原因', value: REASON_TEXT[input.reason] },
          { label: '打印日期', value: input.date },
          { label: '打印人', value: `${input.printedBy}（系统管理员）` },
          { label: '密级标志', value: levelName(level), level },
        ],
      },
      { type: 'heading', text: '用途与保管要求' },
      ...RULES.map((text): PrintBlock => ({ type: 'paragraph', text, level })),
      { type: 'signatures', lines: [{ role: '系统管理员', name: input.printedBy }, { role: '见证人（保密办）' }] },
    ],
  };
}
