import type { Refusal } from '../../shared/result';
import { isStorageFull, StorageFullError } from '../db/storageErrors';

const IPC_CODE = /\b(IPC_[A-Z_]+)\b/;

/**
 * Expected refusals arrive as values; this catches the rest (a rejected IPC call, a thrown store
 * error) so the UI can still show a message. Main's IpcRefusal reaches the page only as an Error
 * whose message contains its code, e.g. "Error invoking remote method 'app:info': … IPC_BAD_PAYLOAD".
 */
export function refusalFromError(e: unknown): Refusal {
  // The disk under the profile (or the browser's quota) is full: say so plainly (STORAGE_FULL).
  if (e instanceof StorageFullError || isStorageFull(e)) return { code: 'STORAGE_FULL' };
  const message = e instanceof Error ? e.message : String(e);
  const ipc = IPC_CODE.exec(message);
  if (ipc?.[1]) return { code: ipc[1] };
  return { code: 'UNEXPECTED', params: { message: message.slice(0, 200) } };
}
