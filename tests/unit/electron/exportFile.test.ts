import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDialogSaver, createFolderSaver, type SaveDialogOptions } from '../../../electron/main/exportFile';
import { exportDirFor } from '../../../electron/standin/launchChromium';

const NAME = 'audit-BM-0001-20261121-083000.jsonl';
const silent = { info: () => undefined };

describe('export saver with a save dialog (Electron)', () => {
  it('opens the dialog on the documents folder with the proposed name, and writes where the person chose', async () => {
    const asked: SaveDialogOptions[] = [];
    const written: [string, string][] = [];
    const save = createDialogSaver({
      showSaveDialog: async (o) => {
        asked.push(o);
        return { canceled: false, filePath: '/media/cdrom/审计/audit.jsonl' };
      },
      writeFile: async (p, c) => {
        written.push([p, c]);
      },
      defaultDir: () => '/home/bmy/Documents',
      log: silent,
    });
    await expect(save({ fileName: NAME, content: 'line\n' })).resolves.toEqual({ saved: true, path: '/media/cdrom/审计/audit.jsonl' });
    expect(asked[0]).toMatchObject({ defaultPath: path.join('/home/bmy/Documents', NAME), filters: [{ name: 'JSON Lines', extensions: ['jsonl'] }] });
    expect(asked[0]?.properties).toContain('showOverwriteConfirmation');
    expect(written).toEqual([['/media/cdrom/审计/audit.jsonl', 'line\n']]);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    let wrote = false;
    const save = createDialogSaver({
      showSaveDialog: async () => ({ canceled: true }),
      writeFile: async () => {
        wrote = true;
      },
      defaultDir: () => '/tmp',
      log: silent,
    });
    await expect(save({ fileName: NAME, content: 'x' })).resolves.toEqual({ saved: false });
    expect(wrote).toBe(false);
  });
});

describe('export saver into a folder (Chromium stand-in)', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const realFs = (d: string) =>
    createFolderSaver({
      dir: d,
      mkdir: async (x) => {
        await mkdir(x, { recursive: true });
      },
      writeNewFile: (p, c) => writeFile(p, c, { flag: 'wx' }),
      log: silent,
    });

  it('creates the folder, writes the file, and never overwrites: a second export gets -2', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ledger-export-'));
    const target = path.join(dir, 'exports');
    const save = realFs(target);
    await expect(save({ fileName: NAME, content: 'first\n' })).resolves.toEqual({ saved: true, path: path.join(target, NAME) });
    await expect(save({ fileName: NAME, content: 'second\n' })).resolves.toEqual({ saved: true, path: path.join(target, NAME.replace('.jsonl', '-2.jsonl')) });
    expect((await readdir(target)).sort()).toEqual([NAME.replace('.jsonl', '-2.jsonl'), NAME]);
    expect(await readFile(path.join(target, NAME), 'utf8')).toBe('first\n');
  });

  it('puts exports in the option, else SECRECY_LEDGER_EXPORT_DIR, else <profile>/exports', () => {
    const before = process.env.SECRECY_LEDGER_EXPORT_DIR;
    try {
      delete process.env.SECRECY_LEDGER_EXPORT_DIR;
      expect(exportDirFor({ profileDir: '/p' })).toBe(path.join('/p', 'exports'));
      process.env.SECRECY_LEDGER_EXPORT_DIR = '/media/usb';
      expect(exportDirFor({ profileDir: '/p' })).toBe('/media/usb');
      expect(exportDirFor({ profileDir: '/p', exportDir: '/x' })).toBe('/x');
    } finally {
      if (before === undefined) delete process.env.SECRECY_LEDGER_EXPORT_DIR;
      else process.env.SECRECY_LEDGER_EXPORT_DIR = before;
    }
  });
});
