import { describe, expect, it } from 'vitest';
import { checkNoOpenApplication, currentDecommission } from '../../../shared/destruction/device';
import { activeNames, listTransition, type ListEntry } from '../../../shared/destruction/lists';
import { checkScan, MAX_SCAN_BYTES, sniffScanType } from '../../../shared/destruction/scan';
import { device } from './fixtures';

const ctx = (entries: ListEntry[] = []) => ({ at: '2026-03-02T00:00:00.000Z', accountId: 'acc-clerk', entries });
const add = (name: string, kind: 'body' | 'tool' = 'body') => ({ type: 'added' as const, entryId: `e-${name}`, kind, name });

describe('lists of designated bodies and approved tools', () => {
  it('adds a name once, as typed but with the spaces tidied', () => {
    const r = listTransition(null, add('  某市涉密载体  销毁中心 '), ctx());
    expect(r).toMatchObject({ ok: true, value: { name: '某市涉密载体 销毁中心', kind: 'body', source: 'local', withdrawnAt: null, version: 1 } });
    if (!r.ok) return;
    expect(listTransition(null, add('某市涉密载体 销毁中心'), ctx([r.value]))).toEqual({ ok: false, error: { code: 'LIST_NAME_TAKEN', params: { name: '某市涉密载体 销毁中心' } } });
    // The same name may be a tool and a body; a withdrawn one may be added again.
    expect(listTransition(null, add('某市涉密载体 销毁中心', 'tool'), ctx([r.value])).ok).toBe(true);
    const gone = listTransition(r.value, { type: 'withdrawn' }, ctx([r.value]));
    expect(gone).toMatchObject({ ok: true, value: { withdrawnBy: 'acc-clerk', version: 2 } });
    if (!gone.ok) return;
    expect(activeNames([gone.value], 'body')).toEqual([]);
    expect(listTransition(gone.value, { type: 'withdrawn' }, ctx()).ok).toBe(false);
    expect(listTransition(null, add('某市涉密载体 销毁中心'), ctx([gone.value])).ok).toBe(true);
  });

  it('refuses a name too short or too long', () => {
    expect(listTransition(null, add('甲'), ctx())).toEqual({ ok: false, error: { code: 'LIST_NAME_INVALID', params: { max: 80 } } });
    expect(listTransition(null, add('甲'.repeat(81)), ctx()).ok).toBe(false);
  });
});

describe('certificate scans', () => {
  const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0]);
  it.each([
    ['a PDF', bytes(0x25, 0x50, 0x44, 0x46, 0x2d), 'application/pdf'],
    ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    ['a PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
    ['a TIFF (little-endian)', bytes(0x49, 0x49, 0x2a, 0x00), 'image/tiff'],
    ['a TIFF (big-endian)', bytes(0x4d, 0x4d, 0x00, 0x2a), 'image/tiff'],
    ['a Word file renamed', bytes(0x50, 0x4b, 0x03, 0x04), null],
  ])('knows %s by its first bytes', (_what, b, type) => {
    expect(sniffScanType(b)).toBe(type);
  });

  it('refuses an empty, an oversized or an unknown file', () => {
    expect(checkScan('x.pdf', new Uint8Array()).ok).toBe(false);
    const big = new Uint8Array(MAX_SCAN_BYTES + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(checkScan('x.pdf', big)).toEqual({ ok: false, error: { code: 'CERTIFICATE_SCAN_TOO_LARGE', params: { maxMiB: 20 } } });
    expect(checkScan('x.pdf', bytes(1, 2, 3))).toEqual({ ok: false, error: { code: 'CERTIFICATE_SCAN_TYPE' } });
    expect(checkScan(' 证明.pdf ', bytes(0x25, 0x50, 0x44, 0x46, 0x2d))).toEqual({ ok: true, value: { name: '证明.pdf', type: 'application/pdf' } });
  });
});

describe('which decommissioning speaks for a device', () => {
  it('is the one in force, else the latest refused; a new one waits until none is in force', () => {
    const refusedOld = device('c-1', { id: 'd1', status: 'refused', appliedAt: '2026-01-01T00:00:00.000Z' });
    const refusedNew = device('c-1', { id: 'd2', status: 'refused', appliedAt: '2026-02-01T00:00:00.000Z' });
    const open = device('c-1', { id: 'd3', status: 'approved' });
    expect(currentDecommission([refusedOld, refusedNew])?.id).toBe('d2');
    expect(currentDecommission([refusedOld, open, refusedNew])?.id).toBe('d3');
    expect(currentDecommission([])).toBeUndefined();
    expect(checkNoOpenApplication([refusedOld, refusedNew]).ok).toBe(true);
    expect(checkNoOpenApplication([refusedOld, open])).toEqual({ ok: false, error: { code: 'DEVICE_ALREADY_APPLIED', params: { status: 'approved' } } });
  });
});
