import { describe, expect, it } from 'vitest';
import { dialogChoosers, folderChoosers, type DialogLike } from '../../../electron/main/fileTransfer';
import { contract } from '../../../shared/ipc/contract';

/**
 * The scanned destruction certificate comes in through file:open with the purpose
 * `certificateScan`: a PDF or a picture, offered by the open dialog (Electron) or taken from the
 * stand-in's folder; it is never saved through the file channels.
 */
describe('file purpose certificateScan', () => {
  it('offers PDFs and pictures in the open dialog', async () => {
    const seen: { title: string; filters: { name: string; extensions: string[] }[] }[] = [];
    const dialog: DialogLike = {
      showSaveDialog: () => Promise.reject(new Error('not used')),
      showOpenDialog: async (o) => {
        seen.push({ title: o.title, filters: o.filters });
        return { canceled: false, filePaths: ['/media/u/证明.jpg'] };
      },
    };
    expect(await dialogChoosers(dialog, () => '/home/u').chooseOpenPath('certificateScan')).toBe('/media/u/证明.jpg');
    expect(seen).toEqual([{ title: '选择销毁证明扫描件', filters: [{ name: '扫描件（PDF 或图片）', extensions: ['pdf', 'jpg', 'jpeg', 'png', 'tif', 'tiff'] }] }]);
  });

  it('takes the newest scan in the stand-in’s folder, whatever the case of its extension, and nothing else', async () => {
    const choose = folderChoosers({
      dir: '/x',
      mkdir: async () => undefined,
      list: async () => [
        { name: 'a.slbackup', mtimeMs: 9 },
        { name: '证明.PDF', mtimeMs: 5 },
        { name: 'old.png', mtimeMs: 1 },
        { name: 'notes.txt', mtimeMs: 8 },
      ],
    });
    expect(await choose.chooseOpenPath('certificateScan')).toBe('/x/证明.PDF');
  });

  it('cannot be used to save a file', () => {
    expect(contract['file:saveBegin'].request.safeParse({ purpose: 'certificateScan', fileName: 'scan.pdf' }).success).toBe(false);
    expect(contract['file:open'].request.safeParse({ purpose: 'certificateScan' }).success).toBe(true);
  });
});
