import { MAX_SCAN_BYTES } from '../../../shared/destruction/scan';
import { MAX_FILE_CHUNK_BYTES } from '../../../shared/ipc/fileContract';
import { ok, refuse, type Result } from '../../../shared/result';
import type { Api } from '../../api';
import { concatBytes, fromBase64 } from '../../db/bytes';
import type { ScanInput } from '../../db/destruction.repo';

/**
 * The scanned certificate, read through the shell's file channels (an open dialog in Electron, the
 * stand-in's folder otherwise): the renderer names no path, only the purpose. The file is read
 * whole (at most 20 MiB) and closed; its kind is checked from its bytes when it is kept.
 */
export async function pickScanFile(api: Pick<Api, 'fileOpen' | 'fileRead' | 'fileClose'>): Promise<Result<ScanInput | null>> {
  const opened = await api.fileOpen({ purpose: 'certificateScan' });
  if (!opened.ok) return refuse('CERTIFICATE_SCAN_UNREADABLE', { code: opened.code });
  if (!opened.opened) return ok(null);
  const { handle } = opened;
  try {
    if (opened.size > MAX_SCAN_BYTES) return refuse('CERTIFICATE_SCAN_TOO_LARGE', { maxMiB: MAX_SCAN_BYTES / 1024 / 1024 });
    const pieces: Uint8Array[] = [];
    for (let offset = 0; offset < opened.size; ) {
      const r = await api.fileRead({ handle, offset, length: Math.min(MAX_FILE_CHUNK_BYTES, opened.size - offset) });
      if (!r.ok) return refuse('CERTIFICATE_SCAN_UNREADABLE', { code: r.code });
      const bytes = fromBase64(r.data);
      if (bytes.length === 0) break;
      pieces.push(bytes);
      offset += bytes.length;
    }
    return ok({ name: opened.name, bytes: concatBytes(...pieces) });
  } finally {
    await api.fileClose({ handle });
  }
}
