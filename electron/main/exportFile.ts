import path from 'node:path';
import type { RequestOf, ResponseOf } from '../../shared/ipc/contract';

/**
 * Saving an export (the audit trail now; bundles later) where the person chooses. Each saver takes
 * what it uses from the outside world as parameters, so tests can pass fakes: the Electron shell
 * asks with a native save dialog, the Chromium stand-in writes into a folder given to it.
 */
export type SaveExport = (req: RequestOf<'audit:saveExport'>) => Promise<ResponseOf<'audit:saveExport'>>;

export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}

export interface DialogSaverDeps {
  /** Electron's dialog.showSaveDialog (for the focused window). */
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  writeFile(filePath: string, content: string): Promise<void>;
  /** Where the dialog opens: the user's documents folder. */
  defaultDir(): string;
  log: { info(message: string, detail?: Record<string, unknown>): void };
}

export function createDialogSaver(deps: DialogSaverDeps): SaveExport {
  return async ({ fileName, content }) => {
    const chosen = await deps.showSaveDialog({
      title: '导出审计日志',
      defaultPath: path.join(deps.defaultDir(), fileName),
      buttonLabel: '保存',
      filters: [{ name: 'JSON Lines', extensions: ['jsonl'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (chosen.canceled || !chosen.filePath) return { saved: false };
    // The dialog asked before overwriting; the chosen path is the person's decision.
    await deps.writeFile(chosen.filePath, content);
    deps.log.info('export: saved', { path: chosen.filePath, bytes: Buffer.byteLength(content) });
    return { saved: true, path: chosen.filePath };
  };
}

export interface FolderSaverDeps {
  dir: string;
  mkdir(dir: string): Promise<void>;
  /** Writes a new file; rejects with code EEXIST when one is there (never overwrites). */
  writeNewFile(filePath: string, content: string): Promise<void>;
  log: { info(message: string, detail?: Record<string, unknown>): void };
}

/**
 * The stand-in's "dialog": no window to ask in, so the file goes into one folder (by default
 * `<profile>/exports`), under the proposed name, or `name-2.jsonl`, … when that is taken.
 */
export function createFolderSaver(deps: FolderSaverDeps): SaveExport {
  return async ({ fileName, content }) => {
    await deps.mkdir(deps.dir);
    const ext = path.extname(fileName);
    const stem = fileName.slice(0, fileName.length - ext.length);
    for (let n = 1; n < 1000; n++) {
      const target = path.join(deps.dir, n === 1 ? fileName : `${stem}-${n}${ext}`);
      try {
        await deps.writeNewFile(target, content);
        deps.log.info('export: saved', { path: target, bytes: Buffer.byteLength(content) });
        return { saved: true, path: target };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    throw new Error(`export: no free file name for ${fileName} in ${deps.dir}`);
  };
}
