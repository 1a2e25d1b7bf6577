import { ok, refuse, type Result } from '../result';

/**
 * The scanned destruction certificate (销毁证明) attached to a batch's hand-over: a PDF or a picture
 * as a scanner writes it. The type is read from the file's first bytes, not from its name, so a
 * renamed file of another kind is refused; the size is bounded so one scan cannot fill the store.
 */
export type ScanType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';

export const MAX_SCAN_BYTES = 20 * 1024 * 1024;
export const SCAN_NAME_MAX = 200;

const starts = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);

/** The scan's type from its signature, or null for anything else. */
export function sniffScanType(bytes: Uint8Array): ScanType | null {
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(bytes, [0x49, 0x49, 0x2a, 0x00]) || starts(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  return null;
}

/** Checks a scan before it is kept: not empty, not too large, a known kind, a sensible name. */
export function checkScan(name: string, bytes: Uint8Array): Result<{ name: string; type: ScanType }> {
  if (bytes.length === 0) return refuse('CERTIFICATE_SCAN_EMPTY');
  if (bytes.length > MAX_SCAN_BYTES) return refuse('CERTIFICATE_SCAN_TOO_LARGE', { maxMiB: MAX_SCAN_BYTES / 1024 / 1024 });
  const type = sniffScanType(bytes);
  if (!type) return refuse('CERTIFICATE_SCAN_TYPE');
  const clean = name.trim().slice(0, SCAN_NAME_MAX);
  return ok({ name: clean || 'scan', type });
}
