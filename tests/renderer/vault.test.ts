import { describe, expect, it } from 'vitest';
import { EncryptedLedgerStore } from '../../renderer/db/ledgerStore';
import { defineEncryptedTable } from '../../renderer/db/encryptedTable';
import { TamperError } from '../../renderer/db/cipher';

const CHEAP = { m: 256, t: 1, p: 1 };
let n = 0;
async function signedIn() {
  const s = new EncryptedLedgerStore({ dbName: `vault-test-${Date.now()}-${n++}`, kdfCost: CHEAP });
  const r = await s.setup({ unitName: '测试单位', unitCode: 'T-1', adminUsername: 'admin', adminDisplayName: '管理员', password: 'Secret1234',
    secadmin: { username: 'secadmin', displayName: '安全员', password: 'Anquan1234' },
    auditor: { username: 'auditor', displayName: '审计员', password: 'Shenji1234' },
  });
  if (!r.ok) throw new Error('setup');
  const v = s.vault();
  if (!v.ok) throw new Error('vault');
  return { s, v: v.value };
}

interface Note {
  id: string;
  status: 'open' | 'closed';
  title: string;
}
const notes = defineEncryptedTable<Note, 'status'>('settings', ['status']);

describe('vault: one transaction for a change and its audit entry', () => {
  it('writes the rows and the audit entry together', async () => {
    const { s, v } = await signedIn();
    const row = await notes.toRow(v.cipher, { id: 'n1', status: 'open', title: '机密文件' });
    await v.commit([v.db.settings], async () => {
      await v.db.settings.put({ key: 'n1', ...row } as never);
    }, [{ action: 'test.write', detail: { id: 'n1' } }]);
    const entries = await s.auditEntries();
    expect(entries.ok && entries.value[0]?.action).toBe('test.write');
    expect(await v.db.settings.get('n1')).toBeDefined();
  });

  it('leaves neither the rows nor the audit entry when the write fails', async () => {
    const { s, v } = await signedIn();
    const before = await v.db.audit.count();
    await expect(
      v.commit([v.db.settings], async () => {
        await v.db.settings.put({ key: 'half', ct: new Uint8Array([1]) });
        throw new Error('disk full halfway');
      }, [{ action: 'test.write', detail: {} }]),
    ).rejects.toThrow('disk full halfway');
    expect(await v.db.settings.get('half')).toBeUndefined();
    expect(await v.db.audit.count()).toBe(before);
    expect(await s.verifyAuditTrail()).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('is refused while the store is locked', async () => {
    const { s } = await signedIn();
    await s.lock();
    expect(s.vault()).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});

describe('encrypted table rows', () => {
  it('keeps only the declared fields in the clear and reads the record back', async () => {
    const { v } = await signedIn();
    const row = await notes.toRow(v.cipher, { id: 'n2', status: 'closed', title: '绝密标题' });
    expect(Object.keys(row).sort()).toEqual(['ct', 'id', 'status']);
    expect(JSON.stringify(row)).not.toContain('绝密标题');
    expect(await notes.fromRow(v.cipher, row)).toEqual({ id: 'n2', status: 'closed', title: '绝密标题' });
  });

  it('reports a plain field changed on disk as tampering', async () => {
    const { v } = await signedIn();
    const row = await notes.toRow(v.cipher, { id: 'n3', status: 'open', title: 'x' });
    await expect(notes.fromRow(v.cipher, { ...row, status: 'closed' })).rejects.toBeInstanceOf(TamperError);
  });

  it('reports a ciphertext moved onto another record', async () => {
    const { v } = await signedIn();
    const a = await notes.toRow(v.cipher, { id: 'a', status: 'open', title: 'A' });
    await expect(notes.fromRow(v.cipher, { ...a, id: 'b' })).rejects.toBeInstanceOf(TamperError);
  });
});
