import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { normalizeUsername } from '../../shared/setup';
import { unwrapSecret, wrapSecret } from './cipher';
import { deriveKek, newSalt, type KdfCost, type KdfParams } from './kdf';
import type { KeyslotRow } from './schema';

/**
 * Key slots: the master secret wrapped under Argon2id of one secret — an account's password, or
 * the recovery code. A slot whose `wrapped` is empty belongs to a disabled account: disabling
 * throws the wrapping away, so the old password no longer opens anything (not even offline).
 */

/** The recovery code's slot. Account slots are named by a 64-hex hash, so this cannot collide. */
export const RECOVERY_SLOT_ID = 'recovery';

export function slotIdFor(installId: string, username: string): string {
  return bytesToHex(sha256(utf8ToBytes(`keyslot\n${installId}\n${normalizeUsername(username)}`)));
}

export function isRevoked(slot: KeyslotRow): boolean {
  return slot.wrapped.length === 0;
}

/** A fresh slot (new salt, no failures) wrapping `master` under `secret`. */
export async function makeSlot(
  slotId: string,
  accountId: string,
  secret: string,
  master: Uint8Array<ArrayBuffer>,
  cost: KdfCost,
): Promise<KeyslotRow> {
  const kdf: KdfParams = { alg: 'argon2id', m: cost.m, t: cost.t, p: cost.p, salt: newSalt() };
  const kek = await deriveKek(secret, kdf);
  const wrapped = await wrapSecret(kek, master, `keyslot/${slotId}`);
  kek.fill(0);
  return { slotId, accountId, kdf, wrapped, failures: 0, lockedUntil: null };
}

/** The master secret, or null for a wrong secret (or an altered or revoked slot). */
export async function openSlot(slot: KeyslotRow, secret: string): Promise<Uint8Array<ArrayBuffer> | null> {
  if (isRevoked(slot)) return null;
  const kek = await deriveKek(secret, slot.kdf);
  const master = await unwrapSecret(kek, slot.wrapped, `keyslot/${slot.slotId}`);
  kek.fill(0);
  return master;
}

/** The revoked form of a slot: same id and account, nothing wrapped, no lock. */
export function revokedSlot(slot: KeyslotRow): KeyslotRow {
  return { ...slot, wrapped: new Uint8Array(0), failures: 0, lockedUntil: null };
}

export function costOf(slot: KeyslotRow): KdfCost {
  return { m: slot.kdf.m, t: slot.kdf.t, p: slot.kdf.p };
}
