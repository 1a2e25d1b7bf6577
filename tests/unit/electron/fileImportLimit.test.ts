import { describe, expect, it } from 'vitest';
import { createFileTransfer, folderChoosers, type FileSystemLike } from '../../../electron/main/fileTransfer';
import { FILE_PURPOSE_RULES } from '../../../shared/ipc/fileContract';

/** A file system holding one file of a given size, recording whether it was closed. */
function oneFile(size: number) {
  const state = { closed: false };
  const fs: FileSystemLike = {
    openForWrite: () => Promise.reject(new Error('read only')),
    openForRead: async () => ({ size, file: { read: async () => new Uint8Array(0), close: async () => void (state.closed = true) } }),
    rename: async () => undefined,
    remove: async () => undefined,
    exists: async () => true,
    syncDir: async () => undefined,
  };
  const files = createFileTransfer({
    ...folderChoosers({ dir: '/imports', mkdir: async () => undefined, list: async () => [], openFile: async () => '/imports/台账.xlsx' }),
    fs,
    newHandle: () => '00000000-0000-4000-8000-000000000001',
    log: { info: () => undefined, warn: () => undefined },
  });
  return { files, state };
}

describe('opening a ledger to import (main side)', () => {
  const max = FILE_PURPOSE_RULES.ledgerImport.maxOpenBytes ?? 0;

  it('offers .xlsx and .csv files', () => {
    expect(FILE_PURPOSE_RULES.ledgerImport.openExtensions).toEqual(['xlsx', 'csv']);
  });

  it('opens a file up to the limit', async () => {
    const { files } = oneFile(max);
    expect(await files['file:open']({ purpose: 'ledgerImport' })).toMatchObject({ ok: true, opened: true, name: '台账.xlsx', size: max });
  });

  it('refuses a file over the limit before the renderer reads a byte, and closes it', async () => {
    const { files, state } = oneFile(max + 1);
    expect(await files['file:open']({ purpose: 'ledgerImport' })).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(state.closed).toBe(true);
  });
});
