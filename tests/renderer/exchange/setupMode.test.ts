import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshName, THREE_ADMINS, as, makeStore } from '../storeFixtures';

describe('office mode chosen at set-up (单位模式 / 上级部门模式)', () => {
  it('keeps the bureau mode with the unit and hands it to every session; a store without it is a unit', async () => {
    const s = makeStore(freshName('mode'));
    const r = await s.setup({ ...THREE_ADMINS, mode: 'bureau' });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.unit).toEqual({ name: THREE_ADMINS.unitName, code: THREE_ADMINS.unitCode, mode: 'bureau' });
    await as(s, 'shenji');
    const entries = await s.auditEntries();
    expect(entries.ok && entries.value.find((e) => e.action === 'store.setup')?.detail).toMatchObject({ mode: 'bureau' });
  });

  it('defaults to the unit mode (no mode stored, as before modes existed) and refuses anything else', async () => {
    const s = makeStore(freshName('mode'));
    const r = await s.setup(THREE_ADMINS);
    expect(r.ok && r.value.unit).toEqual({ name: THREE_ADMINS.unitName, code: THREE_ADMINS.unitCode });
    const t = makeStore(freshName('mode'));
    const bad = await t.setup({ ...THREE_ADMINS, mode: 'ministry' as never });
    expect(bad).toEqual({ ok: false, error: { code: 'SETUP_INVALID_FIELD', params: { field: 'mode' } } });
  });
});
