import { argon2id } from 'hash-wasm';
import { randomBytes } from './bytes';

/**
 * Argon2id parameters, stored beside every wrapped key so that stronger settings can be adopted
 * later without locking anybody out. `m` is in KiB.
 */
export interface KdfParams {
  alg: 'argon2id';
  m: number;
  t: number;
  p: number;
  /** base64 of a 16-byte random salt */
  salt: string;
}

export type KdfCost = Pick<KdfParams, 'm' | 't' | 'p'>;

/** 64 MiB: memory-hard enough to hurt GPUs, small enough for a 4 GiB office PC. */
export const DEFAULT_MEMORY_KIB = 64 * 1024;
/** Target for one derivation on the machine that sets the store up (issue: 0.5–1 s). */
export const TARGET_MS = 700;

export async function deriveKek(password: string, params: KdfParams): Promise<Uint8Array<ArrayBuffer>> {
  const salt = Uint8Array.from(atob(params.salt), (c) => c.charCodeAt(0));
  const out = await argon2id({
    password: password.normalize('NFC'),
    salt,
    parallelism: params.p,
    iterations: params.t,
    memorySize: params.m,
    hashLength: 32,
    outputType: 'binary',
  });
  const owned = new Uint8Array(new ArrayBuffer(out.length));
  owned.set(out);
  out.fill(0);
  return owned;
}

export function newSalt(): string {
  const salt = randomBytes(16);
  return btoa(String.fromCharCode(...salt));
}

/**
 * Picks the iteration count so that one derivation takes about TARGET_MS here: one timed pass at
 * t=1, then scale. Bounded so that a very slow or very fast machine still gets sane settings.
 */
export async function calibrateKdf(now: () => number = () => performance.now()): Promise<KdfCost> {
  const probe: KdfParams = { alg: 'argon2id', m: DEFAULT_MEMORY_KIB, t: 1, p: 1, salt: newSalt() };
  const start = now();
  (await deriveKek('calibration', probe)).fill(0);
  const onePass = Math.max(1, now() - start);
  const t = Math.min(10, Math.max(2, Math.round(TARGET_MS / onePass)));
  return { m: DEFAULT_MEMORY_KIB, t, p: 1 };
}
