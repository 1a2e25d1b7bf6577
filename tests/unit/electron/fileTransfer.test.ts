import * as fsp from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileTransfer, dialogChoosers, folderChoosers, nodeFileSystem, type DialogLike, type FileSystemLike } from '../../../electron/main/fileTransfer';
import { createDispatcher } from '../../../electron/main/ipcDispatch';
import { createHandlers } from '../../../electron/main/handlers';
import { createRefusedLog } from '../../../electron/main/requestPolicy';
import { memoryLog } from './fakes';
import { fakePrintService } from './printFakes';

const NAME = 'ledger-backup-BM-0001-20261121-093000.slbackup';
const b64 = (s: string) => Buffer.from(s).toString('base64');
let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});
async function tmp(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'ledger-files-'));
  dirs.push(d);
  return d;
}
let n = 0;
const newHandle = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const quiet = { info: () => undefined, warn: () => undefined };

function inFolder(dir: string, fs: FileSystemLike = nodeFileSystem(fsp, process.platform), openFile?: () => Promise<string | null>) {
  return createFileTransfer({
    ...folderChoosers({
      dir,
      mkdir: async (d) => {
        await fsp.mkdir(d, { recursive: true });
      },
      list: async (d) => Promise.all((await readdir(d)).map(async (name) => ({ name, mtimeMs: (await fsp.stat(path.join(d, name))).mtimeMs }))),
      openFile,
    }),
    fs,
    newHandle,
    log: quiet,
  });
}

describe('files in pieces (main side)', () => {
  it('writes a .partial file and gives it its name only when committed', async () => {
    const dir = await tmp();
    const files = inFolder(dir);
    const begun = await files['file:saveBegin']({ purpose: 'backup', fileName: NAME });
    if (!begun.ok || !begun.started) throw new Error('not started');
    expect(begun.path).toBe(path.join(dir, NAME));
    expect(await files['file:saveAppend']({ handle: begun.handle, data: b64('hello ') })).toEqual({ ok: true, bytes: 6 });
    expect(await files['file:saveAppend']({ handle: begun.handle, data: b64('world') })).toEqual({ ok: true, bytes: 11 });
    expect(await readdir(dir)).toEqual([`${NAME}.partial`]);
    expect(await files['file:saveCommit']({ handle: begun.handle })).toEqual({ ok: true, path: path.join(dir, NAME), bytes: 11 });
    expect(await readdir(dir)).toEqual([NAME]);
    expect(await readFile(path.join(dir, NAME), 'utf8')).toBe('hello world');
    // The handle is spent.
    expect(await files['file:saveAppend']({ handle: begun.handle, data: b64('x') })).toEqual({ ok: false, code: 'NO_SUCH_HANDLE' });
  });

  it('never replaces a file in the stand-in folder: the second backup of the same second gets -2', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, NAME), 'older');
    const files = inFolder(dir);
    const begun = await files['file:saveBegin']({ purpose: 'backup', fileName: NAME });
    if (!begun.ok || !begun.started) throw new Error('not started');
    await files['file:saveAppend']({ handle: begun.handle, data: b64('newer') });
    const done = await files['file:saveCommit']({ handle: begun.handle });
    expect(done).toEqual({ ok: true, path: path.join(dir, NAME.replace('.slbackup', '-2.slbackup')), bytes: 5 });
    expect(await readFile(path.join(dir, NAME), 'utf8')).toBe('older');
  });

  it('abort deletes the partial file and leaves nothing behind', async () => {
    const dir = await tmp();
    const files = inFolder(dir);
    const begun = await files['file:saveBegin']({ purpose: 'backup', fileName: NAME });
    if (!begun.ok || !begun.started) throw new Error('not started');
    await files['file:saveAppend']({ handle: begun.handle, data: b64('half') });
    expect(await files['file:saveAbort']({ handle: begun.handle })).toEqual({ ok: true });
    expect(await readdir(dir)).toEqual([]);
  });

  it('says DISK_FULL when the medium is full, and removes the partial file', async () => {
    const dir = await tmp();
    const real = nodeFileSystem(fsp, process.platform);
    let budget = 8;
    const full: FileSystemLike = {
      ...real,
      async openForWrite(p) {
        const f = await real.openForWrite(p);
        return {
          ...f,
          async write(data) {
            if (data.length > budget) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            budget -= data.length;
            await f.write(data);
          },
        };
      },
    };
    const files = inFolder(dir, full);
    const begun = await files['file:saveBegin']({ purpose: 'backup', fileName: NAME });
    if (!begun.ok || !begun.started) throw new Error('not started');
    expect(await files['file:saveAppend']({ handle: begun.handle, data: b64('12345') })).toEqual({ ok: true, bytes: 5 });
    expect(await files['file:saveAppend']({ handle: begun.handle, data: b64('67890') })).toMatchObject({ ok: false, code: 'DISK_FULL', reason: expect.stringContaining('ENOSPC') });
    expect(await readdir(dir)).toEqual([]);
    expect(await files['file:saveCommit']({ handle: begun.handle })).toEqual({ ok: false, code: 'NO_SUCH_HANDLE' });
  });

  it('says DISK_FULL when flushing at commit fails for space, and leaves no file under the final name', async () => {
    const dir = await tmp();
    const real = nodeFileSystem(fsp, process.platform);
    const full: FileSystemLike = {
      ...real,
      async openForWrite(p) {
        const f = await real.openForWrite(p);
        return { ...f, sync: async () => Promise.reject(Object.assign(new Error('EDQUOT'), { code: 'EDQUOT' })) };
      },
    };
    const files = inFolder(dir, full);
    const begun = await files['file:saveBegin']({ purpose: 'backup', fileName: NAME });
    if (!begun.ok || !begun.started) throw new Error('not started');
    await files['file:saveAppend']({ handle: begun.handle, data: b64('abc') });
    expect(await files['file:saveCommit']({ handle: begun.handle })).toMatchObject({ ok: false, code: 'DISK_FULL' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('opens the newest backup of the folder and reads it by offset, shorter only at the end', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'a.slbackup'), 'older file');
    await writeFile(path.join(dir, 'b.slbackup'), '0123456789');
    await writeFile(path.join(dir, 'c.jsonl'), 'not a backup');
    await utimes(path.join(dir, 'a.slbackup'), new Date('2026-01-01'), new Date('2026-01-01'));
    await utimes(path.join(dir, 'b.slbackup'), new Date('2026-02-01'), new Date('2026-02-01'));
    await utimes(path.join(dir, 'c.jsonl'), new Date('2026-03-01'), new Date('2026-03-01'));
    const files = inFolder(dir);
    const opened = await files['file:open']({ purpose: 'backup' });
    if (!opened.ok || !opened.opened) throw new Error('not opened');
    expect(opened).toMatchObject({ name: 'b.slbackup', size: 10 });
    expect(await files['file:read']({ handle: opened.handle, offset: 2, length: 3 })).toEqual({ ok: true, data: b64('234') });
    expect(await files['file:read']({ handle: opened.handle, offset: 8, length: 100 })).toEqual({ ok: true, data: b64('89') });
    expect(await files['file:read']({ handle: opened.handle, offset: 10, length: 100 })).toEqual({ ok: true, data: '' });
    expect(await files['file:close']({ handle: opened.handle })).toEqual({ ok: true });
    expect(await files['file:read']({ handle: opened.handle, offset: 0, length: 1 })).toEqual({ ok: false, code: 'NO_SUCH_HANDLE' });
  });

  it('answers "not opened" when there is nothing to open, and the file a test names when it names one', async () => {
    const dir = await tmp();
    expect(await inFolder(path.join(dir, 'missing'))['file:open']({ purpose: 'backup' })).toEqual({ ok: true, opened: false });
    await writeFile(path.join(dir, 'x.bin'), 'xyz');
    const named = await inFolder(dir, undefined, async () => path.join(dir, 'x.bin'))['file:open']({ purpose: 'backup' });
    expect(named).toMatchObject({ ok: true, opened: true, name: 'x.bin', size: 3 });
  });

  it('asks Electron’s save dialog with the purpose’s filter, and adds the extension when the person left it off', async () => {
    const asked: unknown[] = [];
    const dialog: DialogLike = {
      showSaveDialog: async (o) => {
        asked.push(o);
        return { canceled: false, filePath: '/media/usb/备份' };
      },
      showOpenDialog: async (o) => {
        asked.push(o);
        return { canceled: false, filePaths: ['/media/usb/备份.slbackup'] };
      },
    };
    const choosers = dialogChoosers(dialog, () => '/home/bmy/Documents');
    expect(await choosers.chooseSavePath('backup', NAME)).toEqual({ path: '/media/usb/备份.slbackup', overwrite: false });
    expect(await choosers.chooseOpenPath('backup')).toBe('/media/usb/备份.slbackup');
    expect(asked[0]).toMatchObject({
      defaultPath: path.join('/home/bmy/Documents', NAME),
      filters: [{ name: '保密台账备份', extensions: ['slbackup'] }],
      properties: expect.arrayContaining(['showOverwriteConfirmation']),
    });
    const cancelled = dialogChoosers({ ...dialog, showSaveDialog: async () => ({ canceled: true }) }, () => '/tmp');
    expect(await cancelled.chooseSavePath('backup', NAME)).toBeNull();
  });

  it('refuses through the contract a file name that does not fit the purpose, and a handle that is not one, before any dialog', async () => {
    let dialogs = 0;
    const files = createFileTransfer({
      chooseSavePath: async () => {
        dialogs++;
        return null;
      },
      chooseOpenPath: async () => null,
      fs: nodeFileSystem(fsp, process.platform),
      newHandle,
      log: quiet,
    });
    const dispatch = createDispatcher(
      createHandlers({
        version: '1',
        runtime: 'electron',
        platform: 'linux',
        packaged: false,
        userDataDir: '/p',
        networkInterfaces: () => ({}),
        now: () => new Date(0),
        refused: createRefusedLog(),
        saveExport: async () => ({ saved: false }),
        print: fakePrintService().service,
        files,
      }),
      memoryLog().log,
    );
    for (const fileName of ['../../etc/passwd', 'backup.slbackup', `${NAME}.exe`, 'audit-BM-0001-20261121-083000.jsonl']) {
      await expect(dispatch('file:saveBegin', { purpose: 'backup', fileName })).rejects.toThrow('IPC_BAD_PAYLOAD');
    }
    await expect(dispatch('file:saveBegin', { purpose: 'anything', fileName: NAME })).rejects.toThrow('IPC_BAD_PAYLOAD');
    await expect(dispatch('file:read', { handle: '/etc/passwd', offset: 0, length: 1 })).rejects.toThrow('IPC_BAD_PAYLOAD');
    await expect(dispatch('file:saveAppend', { handle: newHandle(), data: 'not base64!' })).rejects.toThrow('IPC_BAD_PAYLOAD');
    expect(dialogs).toBe(0);
    await expect(dispatch('file:saveBegin', { purpose: 'backup', fileName: NAME })).resolves.toEqual({ ok: true, started: false });
    expect(dialogs).toBe(1);
  });
});
