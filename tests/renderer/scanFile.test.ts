import { describe, expect, it } from 'vitest';
import { pickScanFile } from '../../renderer/features/destruction/scanFile';
import type { Api } from '../../renderer/api';

type FileApi = Pick<Api, 'fileOpen' | 'fileRead' | 'fileClose'>;
const HANDLE = '0f3c2a9e-1111-4222-8333-444455556666';

function fakeApi(file: Uint8Array | null, opts: { size?: number; failRead?: boolean } = {}) {
  const calls: string[] = [];
  const api: FileApi = {
    fileOpen: async ({ purpose }) => {
      calls.push(`open:${purpose}`);
      return file ? { ok: true, opened: true, handle: HANDLE, path: '/media/u/证明.pdf', name: '证明.pdf', size: opts.size ?? file.length } : { ok: true, opened: false };
    },
    fileRead: async ({ offset, length }) => {
      calls.push(`read:${offset}+${length}`);
      if (opts.failRead) return { ok: false, code: 'READ_FAILED' };
      return { ok: true, data: Buffer.from((file ?? new Uint8Array()).subarray(offset, offset + length)).toString('base64') };
    },
    fileClose: async () => {
      calls.push('close');
      return { ok: true };
    },
  };
  return { api, calls };
}

describe('picking the certificate scan', () => {
  it('reads the chosen file whole and closes it', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 销毁证明');
    const { api, calls } = fakeApi(bytes);
    expect(await pickScanFile(api)).toEqual({ ok: true, value: { name: '证明.pdf', bytes: new Uint8Array(bytes) } });
    expect(calls).toEqual(['open:certificateScan', `read:0+${bytes.length}`, 'close']);
  });

  it('answers null when the person cancels', async () => {
    expect(await pickScanFile(fakeApi(null).api)).toEqual({ ok: true, value: null });
  });

  it('refuses a file over 20 MiB without reading it, and a failed read, closing the file either way', async () => {
    const big = fakeApi(new Uint8Array(4), { size: 21 * 1024 * 1024 });
    expect(await pickScanFile(big.api)).toEqual({ ok: false, error: { code: 'CERTIFICATE_SCAN_TOO_LARGE', params: { maxMiB: 20 } } });
    expect(big.calls).toEqual(['open:certificateScan', 'close']);
    const broken = fakeApi(new Uint8Array(4), { failRead: true });
    expect(await pickScanFile(broken.api)).toEqual({ ok: false, error: { code: 'CERTIFICATE_SCAN_UNREADABLE', params: { code: 'READ_FAILED' } } });
    expect(broken.calls.at(-1)).toBe('close');
  });
});
