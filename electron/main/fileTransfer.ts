import path from 'node:path';
import type { ResponseOf } from '../../shared/ipc/contract';
import { FILE_PURPOSE_RULES, openExtensionsFor, type FileFailure, type FilePurpose } from '../../shared/ipc/fileContract';
import type { Handlers } from './ipcDispatch';

/**
 * Files on removable media, in pieces (shared/ipc/fileContract.ts). Written as `<name>.partial`,
 * flushed to the disk, then renamed: a crash or a full disk never leaves a half file under the
 * final name, and a failed write deletes its partial file. Where files go and come from is asked
 * through `chooseSavePath` / `chooseOpenPath` — a native dialog in Electron, a folder in the
 * Chromium stand-in — so the renderer never names a path.
 */

export interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface ReadableFile {
  /** Reads up to `length` bytes at `position`; fewer only at the end of the file. */
  read(length: number, position: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The file system calls used here; nodeFileSystem() gives the real ones, tests pass fakes. */
export interface FileSystemLike {
  /** Creates (or truncates) a file for writing, mode 600. */
  openForWrite(filePath: string): Promise<WritableFile>;
  openForRead(filePath: string): Promise<{ file: ReadableFile; size: number }>;
  rename(from: string, to: string): Promise<void>;
  remove(filePath: string): Promise<void>;
  exists(filePath: string): Promise<boolean>;
  /** Flushes a folder's entries (the rename) to the disk; a no-op where the system cannot. */
  syncDir(dir: string): Promise<void>;
}

export interface SaveChoice {
  path: string;
  /** The person agreed to replace an existing file (the save dialog asked); otherwise a free name is taken. */
  overwrite: boolean;
}

export interface FileTransferDeps {
  chooseSavePath(purpose: FilePurpose, fileName: string): Promise<SaveChoice | null>;
  chooseOpenPath(purpose: FilePurpose): Promise<string | null>;
  fs: FileSystemLike;
  newHandle(): string;
  log: { info(message: string, detail?: Record<string, unknown>): void; warn(message: string, detail?: Record<string, unknown>): void };
}

/** At most this many files open at once (one window does one backup or restore at a time). */
export const MAX_OPEN_FILES = 4;

type FileChannel = 'file:saveBegin' | 'file:saveAppend' | 'file:saveCommit' | 'file:saveAbort' | 'file:open' | 'file:read' | 'file:close';
export type FileHandlers = Pick<Handlers, FileChannel>;

interface Writing {
  kind: 'write';
  file: WritableFile;
  partial: string;
  target: SaveChoice;
  bytes: number;
}
interface Reading {
  kind: 'read';
  file: ReadableFile;
}

const PARTIAL = '.partial';

export function createFileTransfer(deps: FileTransferDeps): FileHandlers {
  const open = new Map<string, Writing | Reading>();

  function failed(code: FileFailure, e?: unknown): { ok: false; code: FileFailure; reason?: string } {
    const reason = e === undefined ? undefined : String(e instanceof Error ? e.message : e).slice(0, 500);
    return reason === undefined ? { ok: false, code } : { ok: false, code, reason };
  }

  async function dropWrite(handle: string, w: Writing): Promise<void> {
    open.delete(handle);
    await w.file.close().catch(() => undefined);
    await deps.fs.remove(w.partial).catch((e: unknown) => deps.log.warn('file: could not remove a partial file', { path: w.partial, error: String(e) }));
  }

  /** The stand-in never replaces a file: `name-2.ext`, `name-3.ext`, … */
  async function freeName(target: string): Promise<string> {
    if (!(await deps.fs.exists(target))) return target;
    const ext = path.extname(target);
    const stem = target.slice(0, target.length - ext.length);
    for (let n = 2; n < 1000; n++) {
      const candidate = `${stem}-${n}${ext}`;
      if (!(await deps.fs.exists(candidate))) return candidate;
    }
    throw new Error(`no free file name for ${target}`);
  }

  const handlers: FileHandlers = {
    async 'file:saveBegin'({ purpose, fileName }): Promise<ResponseOf<'file:saveBegin'>> {
      if (open.size >= MAX_OPEN_FILES) return failed('TOO_MANY_OPEN');
      const choice = await deps.chooseSavePath(purpose, fileName);
      if (!choice) return { ok: true, started: false };
      const partial = choice.path + PARTIAL;
      let file: WritableFile;
      try {
        file = await deps.fs.openForWrite(partial);
      } catch (e) {
        deps.log.warn('file: could not create', { path: partial, error: String(e) });
        return failed(failureOf(e, 'WRITE_FAILED'), e);
      }
      const handle = deps.newHandle();
      open.set(handle, { kind: 'write', file, partial, target: choice, bytes: 0 });
      return { ok: true, started: true, handle, path: choice.path };
    },

    async 'file:saveAppend'({ handle, data }): Promise<ResponseOf<'file:saveAppend'>> {
      const w = open.get(handle);
      if (w?.kind !== 'write') return failed('NO_SUCH_HANDLE');
      const bytes = Buffer.from(data, 'base64');
      try {
        await w.file.write(bytes);
      } catch (e) {
        deps.log.warn('file: write failed; partial file removed', { path: w.partial, error: String(e) });
        await dropWrite(handle, w);
        return failed(failureOf(e, 'WRITE_FAILED'), e);
      }
      w.bytes += bytes.length;
      return { ok: true, bytes: w.bytes };
    },

    async 'file:saveCommit'({ handle }): Promise<ResponseOf<'file:saveCommit'>> {
      const w = open.get(handle);
      if (w?.kind !== 'write') return failed('NO_SUCH_HANDLE');
      let final = w.target.path;
      try {
        // The bytes reach the disk before the file gets its name: a name means a whole file.
        await w.file.sync();
        await w.file.close();
        if (!w.target.overwrite) final = await freeName(final);
        await deps.fs.rename(w.partial, final);
        await deps.fs.syncDir(path.dirname(final));
      } catch (e) {
        deps.log.warn('file: could not finish; partial file removed', { path: w.partial, error: String(e) });
        await dropWrite(handle, w);
        return failed(failureOf(e, 'WRITE_FAILED'), e);
      }
      open.delete(handle);
      deps.log.info('file: saved', { path: final, bytes: w.bytes });
      return { ok: true, path: final, bytes: w.bytes };
    },

    async 'file:saveAbort'({ handle }): Promise<ResponseOf<'file:saveAbort'>> {
      const w = open.get(handle);
      if (w?.kind === 'write') await dropWrite(handle, w);
      return { ok: true };
    },

    async 'file:open'({ purpose }): Promise<ResponseOf<'file:open'>> {
      if (open.size >= MAX_OPEN_FILES) return failed('TOO_MANY_OPEN');
      const chosen = await deps.chooseOpenPath(purpose);
      if (!chosen) return { ok: true, opened: false };
      try {
        const { file, size } = await deps.fs.openForRead(chosen);
        const max = FILE_PURPOSE_RULES[purpose].maxOpenBytes;
        if (max !== undefined && size > max) {
          await file.close().catch(() => undefined);
          deps.log.warn('file: refused, over the size limit', { path: chosen, size, max });
          return { ok: false, code: 'TOO_LARGE', reason: `${size} > ${max}` };
        }
        const handle = deps.newHandle();
        open.set(handle, { kind: 'read', file });
        return { ok: true, opened: true, handle, path: chosen, name: path.basename(chosen), size };
      } catch (e) {
        deps.log.warn('file: could not open', { path: chosen, error: String(e) });
        return failed('READ_FAILED', e);
      }
    },

    async 'file:read'({ handle, offset, length }): Promise<ResponseOf<'file:read'>> {
      const r = open.get(handle);
      if (r?.kind !== 'read') return failed('NO_SUCH_HANDLE');
      try {
        const bytes = await r.file.read(length, offset);
        return { ok: true, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
      } catch (e) {
        return failed('READ_FAILED', e);
      }
    },

    async 'file:close'({ handle }): Promise<ResponseOf<'file:close'>> {
      const r = open.get(handle);
      if (r?.kind === 'read') {
        open.delete(handle);
        await r.file.close().catch(() => undefined);
      }
      return { ok: true };
    },
  };
  return handlers;
}

/** ENOSPC / EDQUOT: the medium is full; EROFS / EACCES / EPERM: it cannot be written. */
export function failureOf(e: unknown, otherwise: FileFailure): FileFailure {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'DISK_FULL';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'NOT_WRITABLE';
  return otherwise;
}

/** The slice of node:fs/promises that nodeFileSystem uses. */
export interface NodeFsPromises {
  open(filePath: string, flags: string, mode?: number): Promise<{
    write(buffer: Uint8Array): Promise<{ bytesWritten: number }>;
    read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
    sync(): Promise<void>;
    close(): Promise<void>;
    stat(): Promise<{ size: number; isFile(): boolean }>;
  }>;
  rename(from: string, to: string): Promise<void>;
  rm(filePath: string, options: { force: boolean }): Promise<void>;
  access(filePath: string): Promise<void>;
}

export function nodeFileSystem(fs: NodeFsPromises, platform: string): FileSystemLike {
  return {
    async openForWrite(filePath) {
      const fh = await fs.open(filePath, 'w', 0o600);
      return {
        async write(data) {
          let at = 0;
          while (at < data.length) {
            const { bytesWritten } = await fh.write(data.subarray(at));
            if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
            at += bytesWritten;
          }
        },
        sync: () => fh.sync(),
        close: () => fh.close(),
      };
    },
    async openForRead(filePath) {
      const fh = await fs.open(filePath, 'r');
      const st = await fh.stat();
      if (!st.isFile()) {
        await fh.close();
        throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
      }
      return {
        size: st.size,
        file: {
          async read(length, position) {
            const buf = new Uint8Array(length);
            let got = 0;
            while (got < length) {
              const { bytesRead } = await fh.read(buf, got, length - got, position + got);
              if (bytesRead === 0) break;
              got += bytesRead;
            }
            return buf.subarray(0, got);
          },
          close: () => fh.close(),
        },
      };
    },
    rename: (from, to) => fs.rename(from, to),
    remove: (filePath) => fs.rm(filePath, { force: true }),
    exists: async (filePath) =>
      fs.access(filePath).then(
        () => true,
        () => false,
      ),
    async syncDir(dir) {
      // Windows cannot open a folder for flushing; NTFS journals the rename itself.
      if (platform === 'win32') return;
      const fh = await fs.open(dir, 'r');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    },
  };
}

/** The Electron dialogs' wording and filters, per purpose. */
export const DIALOG_TEXT: Record<FilePurpose, { saveTitle: string; openTitle: string; filterName: string }> = {
  backup: { saveTitle: '保存备份文件', openTitle: '选择要恢复的备份文件', filterName: '保密台账备份' },
  certificateScan: { saveTitle: '保存销毁证明扫描件', openTitle: '选择销毁证明扫描件', filterName: '扫描件（PDF 或图片）' },
  bundle: { saveTitle: '保存数据包（刻录光盘的暂存文件夹）', openTitle: '选择要导入的数据包', filterName: '保密台账数据包' },
  publicKey: { saveTitle: '保存本单位签名公钥', openTitle: '选择公钥文件（PEM）', filterName: '公钥（PEM）' },
  ledgerImport: { saveTitle: '', openTitle: '选择要导入的台账（Excel 或 CSV）', filterName: '台账表格（.xlsx、.csv）' },
};

export interface DialogLike {
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    buttonLabel: string;
    filters: { name: string; extensions: string[] }[];
    properties: ('createDirectory' | 'showOverwriteConfirmation')[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: {
    title: string;
    defaultPath: string;
    buttonLabel: string;
    filters: { name: string; extensions: string[] }[];
    properties: 'openFile'[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** Electron: the native save and open dialogs, opened on `defaultDir` (the documents folder). */
export function dialogChoosers(dialog: DialogLike, defaultDir: () => string): Pick<FileTransferDeps, 'chooseSavePath' | 'chooseOpenPath'> {
  return {
    async chooseSavePath(purpose, fileName) {
      const text = DIALOG_TEXT[purpose];
      const ext = FILE_PURPOSE_RULES[purpose].extension;
      const r = await dialog.showSaveDialog({
        title: text.saveTitle,
        defaultPath: path.join(defaultDir(), fileName),
        buttonLabel: '保存',
        filters: [{ name: text.filterName, extensions: [ext] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (r.canceled || !r.filePath) return null;
      const chosen = path.extname(r.filePath) === `.${ext}` ? r.filePath : `${r.filePath}.${ext}`;
      return { path: chosen, overwrite: chosen === r.filePath };
    },
    async chooseOpenPath(purpose) {
      const text = DIALOG_TEXT[purpose];
      const r = await dialog.showOpenDialog({
        title: text.openTitle,
        defaultPath: defaultDir(),
        buttonLabel: '打开',
        filters: [{ name: text.filterName, extensions: [...openExtensionsFor(purpose)] }],
        properties: ['openFile'],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}

export interface FolderChooserDeps {
  dir: string;
  mkdir(dir: string): Promise<void>;
  /** The files in the folder with their modification times (ms). */
  list(dir: string): Promise<{ name: string; mtimeMs: number }[]>;
  /** A test or a script may name the file to open; otherwise the newest of the purpose's kind. */
  openFile?: (purpose: FilePurpose) => Promise<string | null>;
}

/**
 * The Chromium stand-in has no dialogs: files are saved into one folder (the export folder) under
 * the proposed name (never replacing one), and "open" takes the newest file of the purpose's kind
 * there, unless `openFile` says otherwise. docs/chromium-stand-in.md says so.
 */
export function folderChoosers(deps: FolderChooserDeps): Pick<FileTransferDeps, 'chooseSavePath' | 'chooseOpenPath'> {
  return {
    async chooseSavePath(_purpose, fileName) {
      await deps.mkdir(deps.dir);
      return { path: path.join(deps.dir, fileName), overwrite: false };
    },
    async chooseOpenPath(purpose) {
      if (deps.openFile) return deps.openFile(purpose);
      const exts = openExtensionsFor(purpose).map((e) => `.${e}`);
      let files: { name: string; mtimeMs: number }[];
      try {
        files = await deps.list(deps.dir);
      } catch {
        return null;
      }
      const newest = files.filter((f) => exts.some((ext) => f.name.toLowerCase().endsWith(ext))).sort((a, b) => b.mtimeMs - a.mtimeMs || (a.name < b.name ? 1 : -1))[0];
      return newest ? path.join(deps.dir, newest.name) : null;
    },
  };
}

