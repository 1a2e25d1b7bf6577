/**
 * The browser's storage is full (QuotaExceededError): the disk under the profile has no room, or
 * the origin's quota is used up. IndexedDB then aborts the whole transaction, so nothing of the
 * change is written and nothing already saved is lost; the store reports STORAGE_FULL so the
 * person is told in plain words what happened and what to do.
 *
 * Dexie passes the error on as it is, or wraps it (AbortError with `inner`, BulkError with
 * `failures`), so the whole chain is searched.
 */
export function isStorageFull(e: unknown, depth = 0): boolean {
  if (depth > 5 || e === null || typeof e !== 'object') return false;
  const err = e as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (err.name === 'QuotaExceededError') return true;
  if (isStorageFull(err.inner, depth + 1) || isStorageFull(err.cause, depth + 1)) return true;
  const failures = err.failures;
  if (Array.isArray(failures)) return failures.some((f) => isStorageFull(f, depth + 1));
  if (failures && typeof failures === 'object') return Object.values(failures).some((f) => isStorageFull(f, depth + 1));
  return false;
}

/** Thrown by the store's write path when the storage is full; turned into the refusal STORAGE_FULL. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(readonly inner: unknown) {
    super('STORAGE_FULL');
  }
}
