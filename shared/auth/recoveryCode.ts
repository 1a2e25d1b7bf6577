/**
 * The recovery code (恢复码): 24 characters of Crockford's base32 (no I, L, O, U, so nothing is
 * misread on paper), 120 random bits, written in six groups of four. It opens a key slot of its own,
 * so it can give the 系统管理员 account a new password when that password is lost.
 */
export const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_CODE_CHARS = 24;
/** Random bytes needed: 5 bits per character. */
export const RECOVERY_CODE_BYTES = (RECOVERY_CODE_CHARS * 5) / 8;

/** `random` is RECOVERY_CODE_BYTES random bytes, passed in (no randomness in shared/). */
export function formatRecoveryCode(random: Uint8Array): string {
  if (random.length !== RECOVERY_CODE_BYTES) throw new Error(`recovery code needs ${RECOVERY_CODE_BYTES} random bytes`);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += RECOVERY_ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return (out.match(/.{4}/g) ?? []).join('-');
}

/**
 * What was typed, as the canonical code: case, spaces and hyphens do not matter, and the letters
 * people confuse with digits are read as those digits (O → 0, I/L → 1). Null when it cannot be a code.
 */
export function normalizeRecoveryCode(typed: string): string | null {
  const compact = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== RECOVERY_CODE_CHARS) return null;
  for (const c of compact) if (!RECOVERY_ALPHABET.includes(c)) return null;
  return (compact.match(/.{4}/g) ?? []).join('-');
}
