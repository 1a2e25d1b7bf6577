import {
  FRAME_IV_BYTES,
  FRAME_TAG_BYTES,
  FrameOrder,
  frameAad,
  HKDF_INFO,
  MAX_FRAME_BYTES,
  parseFrame,
  parseHeader,
  parsePreamble,
  PREAMBLE_BYTES,
  readU32,
  type BackupHeader,
  type Frame,
  type ManifestFrame,
} from '../../../shared/backup/format';
import { base64ToBytes } from '../../../shared/backup/rowCodec';
import { normalizeRecoveryCode } from '../../../shared/auth/recoveryCode';
import { ok, refuse, type Result } from '../../../shared/result';
import { concatBytes, fromUtf8, toHex, utf8 } from '../bytes';
import { Cipher } from '../cipher';
import { openSlot, RECOVERY_SLOT_ID, slotIdFor } from '../keyslots';

/** A backup file to read: main's file channels (through the feature layer), or bytes in a test. */
export interface BackupSource {
  readonly size: number;
  /** Up to `length` bytes at `offset`; fewer only at the end of the file. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** What opens a backup: the password of an account that existed when it was made, or the recovery code. */
export type BackupCredentials = { kind: 'password'; username: string; password: string } | { kind: 'recovery'; code: string };

export interface BackupFileStart {
  header: BackupHeader;
  /** SHA-256 of the header bytes (every frame's associated data names it). */
  fileId: string;
  /** Where frame 0 begins. */
  framesAt: number;
}

export interface UnlockedBackup extends BackupFileStart {
  /** The store's own cipher, from the master secret the file's key slots wrap. */
  cipher: Cipher;
  key: CryptoKey;
  /** The key slot that opened it (an account's, or `recovery`). */
  slotId: string;
}

const READ_BLOCK = 4 * 1024 * 1024;
/** One read never asks for more than this (main's file:read limit is higher). */
const MAX_READ = 16 * 1024 * 1024;

/** Reads a source front to back in blocks, so that small frames do not cost one IPC call each. */
class BlockReader {
  private buf: Uint8Array = new Uint8Array(0);
  private bufAt = 0;
  constructor(
    private readonly source: BackupSource,
    public pos: number,
  ) {}

  /** Exactly `n` bytes from the current position, or what is left when the file ends first. */
  async take(n: number): Promise<Uint8Array<ArrayBuffer>> {
    const parts: Uint8Array[] = [];
    let need = n;
    while (need > 0) {
      const offsetInBuf = this.pos - this.bufAt;
      if (offsetInBuf < 0 || offsetInBuf >= this.buf.length) {
        if (this.pos >= this.source.size) break;
        this.buf = await this.source.read(this.pos, Math.min(MAX_READ, Math.max(READ_BLOCK, need)));
        this.bufAt = this.pos;
        if (this.buf.length === 0) break;
        continue;
      }
      const piece = this.buf.subarray(offsetInBuf, offsetInBuf + need);
      parts.push(piece);
      this.pos += piece.length;
      need -= piece.length;
    }
    return concatBytes(...parts);
  }
}

export async function readBackupStart(source: BackupSource): Promise<Result<BackupFileStart>> {
  const reader = new BlockReader(source, 0);
  const pre = parsePreamble(await reader.take(PREAMBLE_BYTES));
  if (!pre.ok) return pre;
  const headerBytes = await reader.take(pre.value.headerLength);
  if (headerBytes.length < pre.value.headerLength) return refuse('BACKUP_TRUNCATED');
  let text: string;
  try {
    text = fromUtf8.decode(headerBytes);
  } catch {
    return refuse('BACKUP_DAMAGED', { where: 'header' });
  }
  const header = parseHeader(text);
  if (!header.ok) return header;
  const fileId = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', headerBytes)));
  return ok({ header: header.value, fileId, framesAt: reader.pos });
}

/**
 * Opens the file's key slot for these credentials (one Argon2id derivation) and derives the
 * file's key. A backup file is offline material: wrong guesses are not counted here, the
 * derivation's cost is what slows a guesser down (docs/threat-model.md).
 */
export async function unlockBackup(start: BackupFileStart, credentials: BackupCredentials): Promise<Result<UnlockedBackup>> {
  let slotId: string;
  let secret: string;
  if (credentials.kind === 'recovery') {
    const code = normalizeRecoveryCode(credentials.code);
    if (!code) return refuse('RECOVERY_CODE_INVALID');
    slotId = RECOVERY_SLOT_ID;
    secret = code;
  } else {
    slotId = slotIdFor(start.header.installId, credentials.username);
    secret = credentials.password;
  }
  const slot = start.header.slots.find((s) => s.slotId === slotId);
  if (!slot) return refuse('BACKUP_WRONG_CREDENTIALS');
  const master = await openSlot({ slotId, accountId: '', kdf: slot.kdf, wrapped: base64ToBytes(slot.wrapped), failures: 0, lockedUntil: null }, secret);
  if (!master) return refuse('BACKUP_WRONG_CREDENTIALS');
  try {
    const cipher = await Cipher.fromMaster(master);
    const key = await cipher.fileKey(base64ToBytes(start.header.salt), HKDF_INFO);
    return ok({ ...start, cipher, key, slotId });
  } finally {
    master.fill(0);
  }
}

/**
 * Every frame in order, decrypted, authenticated and checked against its position (FrameOrder).
 * Yields a refusal and stops at the first problem: a damaged or reordered frame, a file cut off
 * (the last frame present is not the end frame), or bytes after the end frame.
 */
export async function* readFrames(source: BackupSource, unlocked: UnlockedBackup): AsyncGenerator<Result<Frame>> {
  for await (const r of readSizedFrames(source, unlocked)) yield r.ok ? ok(r.value.frame) : r;
}

/** readFrames, with each frame's size in the file (what a reader holding several frames counts). */
export async function* readSizedFrames(source: BackupSource, unlocked: UnlockedBackup): AsyncGenerator<Result<{ frame: Frame; bytes: number }>> {
  const reader = new BlockReader(source, unlocked.framesAt);
  const order = new FrameOrder();
  for (let index = 0; ; index++) {
    if (reader.pos >= source.size) {
      const end = order.finish();
      if (!end.ok) yield end;
      return;
    }
    const lenBytes = await reader.take(4);
    if (lenBytes.length < 4) {
      yield refuse('BACKUP_TRUNCATED');
      return;
    }
    const len = readU32(lenBytes, 0);
    if (len < FRAME_IV_BYTES + FRAME_TAG_BYTES || len > MAX_FRAME_BYTES) {
      yield refuse('BACKUP_DAMAGED', { where: `frame ${index}` });
      return;
    }
    const body = await reader.take(len);
    if (body.length < len) {
      yield refuse('BACKUP_TRUNCATED');
      return;
    }
    const final = reader.pos >= source.size;
    const plain = await decryptFrame(unlocked, body, index, final);
    if (plain === null) {
      // The last frame present was written as "more follows": the file was cut off after it.
      const cutOff = final && (await decryptFrame(unlocked, body, index, false)) !== null;
      yield cutOff ? refuse('BACKUP_TRUNCATED') : refuse('BACKUP_DAMAGED', { where: `frame ${index}` });
      return;
    }
    let text: string;
    try {
      text = fromUtf8.decode(plain);
    } catch {
      yield refuse('BACKUP_DAMAGED', { where: `frame ${index}` });
      return;
    }
    const frame = parseFrame(text, index, final);
    if (!frame.ok) {
      yield frame;
      return;
    }
    const pushed = order.push(frame.value);
    if (!pushed.ok) {
      yield pushed;
      return;
    }
    yield ok({ frame: frame.value, bytes: len });
  }
}

async function decryptFrame(u: UnlockedBackup, body: Uint8Array<ArrayBuffer>, index: number, final: boolean): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: body.subarray(0, FRAME_IV_BYTES), additionalData: utf8.encode(frameAad(u.fileId, index, final)) },
        u.key,
        body.subarray(FRAME_IV_BYTES),
      ),
    );
  } catch {
    return null;
  }
}

/** The manifest alone (frame 0): what the file contains, for the preview before anything is restored. */
export async function readManifest(source: BackupSource, unlocked: UnlockedBackup): Promise<Result<ManifestFrame>> {
  for await (const frame of readFrames(source, unlocked)) {
    if (!frame.ok) return frame;
    if (frame.value.k !== 'manifest') return refuse('BACKUP_DAMAGED', { where: 'frame 0' });
    return ok(frame.value);
  }
  return refuse('BACKUP_TRUNCATED');
}
