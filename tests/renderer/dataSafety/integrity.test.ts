import { describe, expect, it } from 'vitest';
import { AuditRepo } from '../../../renderer/db/audit.repo';
import { openDatabase } from '../../../renderer/db/schema';
import type { EncryptedLedgerStore } from '../../../renderer/db/ledgerStore';
import { as, setUpStore } from '../storeFixtures';
import { fillStore } from './helpers';

/** A store with people, a kept printout and a sealed event, signed in as the auditor. */
async function auditedStore() {
  const { s, dbName } = await setUpStore();
  await fillStore(s, 50, 1);
  await s.signOut();
  await s.signIn('sysadmin', 'wrong-password-1'); // sealed while signed out, joins the chain at the next sign-in
  await as(s, 'shenji');
  // An event sealed while nobody was signed in, still waiting to join the chain.
  const db = openDatabase(dbName);
  const install = (await db.meta.get('install'))?.value as { sealPublicKey: JsonWebKey };
  await new AuditRepo(db).appendSealed(install.sealPublicKey, { at: '2026-11-21T08:00:00.000Z', actor: null, action: 'auth.signin_failed', detail: {} });
  db.close();
  return { s, dbName };
}

async function check(s: EncryptedLedgerStore) {
  const r = await s.dataSafety.checkIntegrity();
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('integrity check (完整性检查)', () => {
  it('passes a store that nobody touched, with progress over every row, and is recorded', async () => {
    const { s } = await auditedStore();
    const seen: number[] = [];
    const r = await s.dataSafety.checkIntegrity((p) => seen.push(p.done));
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.problemCount).toBe(0);
    expect(r.value.chain.ok).toBe(true);
    expect(r.value.rows).toBe(seen[seen.length - 1]);
    expect(r.value.tables.find((t) => t.name === 'people')).toEqual({ name: 'people', rows: 50, problems: 0 });
    const entries = await s.auditEntries(1);
    expect(entries.ok && entries.value[0]).toMatchObject({ action: 'store.integrity_checked', detail: { problems: 0, chain: 'ok' } });
  });

  it('names each damaged record by table and id: a changed ciphertext, a changed index field, a record moved, a sealed event', async () => {
    const { s, dbName } = await auditedStore();
    const db = openDatabase(dbName);
    const p3 = await db.people.get('p-000003');
    const p4 = await db.people.get('p-000004');
    const p5 = await db.people.get('p-000005');
    const chunk = await db.printoutChunks.get(['pr-0001', 0]);
    const sealed = (await db.auditSealed.toArray())[0];
    if (!p3 || !p4 || !p5 || !chunk || !sealed) throw new Error('fixture missing');
    const flip = (b: Uint8Array) => {
      const c = b.slice();
      c[c.length - 3] = (c[c.length - 3] ?? 0) ^ 1;
      return c;
    };
    await db.people.put({ ...p3, ct: flip(p3.ct) });
    await db.people.put({ ...p4, status: 'left' });
    await db.people.put({ ...p5, ct: p3.ct }); // another record's ciphertext
    await db.printoutChunks.put({ ...chunk, ct: flip(chunk.ct) });
    await db.auditSealed.put({ ...sealed, ct: flip(sealed.ct) });
    db.close();
    const r = await check(s);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        { table: 'people', id: 'p-000003', reason: 'unreadable' },
        { table: 'people', id: 'p-000004', reason: 'plainMismatch', detail: 'status' },
        { table: 'people', id: 'p-000005', reason: 'unreadable' },
        { table: 'printoutChunks', id: 'pr-0001/0', reason: 'unreadable' },
        { table: 'auditSealed', id: String(sealed.id), reason: 'sealedUnreadable' },
      ]),
    );
    expect(r.problemCount).toBe(5);
    expect(r.tables.find((t) => t.name === 'people')?.problems).toBe(3);
    expect(r.chain.ok).toBe(true);
  });

  it('names the first break of the audit chain: an entry removed, and entries cut off the end', async () => {
    const { s, dbName } = await auditedStore();
    const db = openDatabase(dbName);
    await db.audit.delete(3);
    db.close();
    const r = await check(s);
    expect(r.chain).toMatchObject({ ok: false, firstBreak: { seq: 3, reason: 'missing' } });
    expect(r.problems).toContainEqual({ table: 'audit', id: '3', reason: 'chain', detail: 'missing' });

    const again = await auditedStore();
    const db2 = openDatabase(again.dbName);
    const last = await db2.audit.orderBy('seq').last();
    if (!last) throw new Error('no audit');
    await db2.audit.delete(last.seq);
    db2.close();
    const cut = await again.s.dataSafety.checkIntegrity();
    // The head still names the removed entry: cut off the end. (The check's own entry is then refused.)
    expect(cut.ok && cut.value.chain).toMatchObject({ ok: false, firstBreak: { seq: last.seq, reason: 'truncated' } });
    expect(cut.ok && cut.value.problems).toContainEqual({ table: 'audit', id: String(last.seq), reason: 'chain', detail: 'truncated' });
  });

  it('reports no false problem when entries are committed while it runs', async () => {
    const { s } = await auditedStore();
    const during: Promise<void>[] = [];
    const r = await s.dataSafety.checkIntegrity(() => {
      if (during.length < 5) during.push(s.audit('test.during_check', {}));
    });
    await Promise.all(during);
    expect(r.ok && r.value.problemCount).toBe(0);
    expect(r.ok && r.value.chain.ok).toBe(true);
  });

  it('reads a big table page by page (the next page read ahead) and finds damage on every page, in key order', async () => {
    const { s, dbName } = await setUpStore();
    await fillStore(s, 4500);
    await as(s, 'shenji');
    const db = openDatabase(dbName);
    const ids = ['p-000007', 'p-002500', 'p-004499'];
    for (const id of ids) {
      const row = await db.people.get(id);
      if (!row) throw new Error(id);
      const ct = row.ct.slice();
      ct[20] = (ct[20] ?? 0) ^ 1;
      await db.people.put({ ...row, ct });
    }
    db.close();
    const r = await check(s);
    expect(r.tables.find((t) => t.name === 'people')).toEqual({ name: 'people', rows: 4500, problems: 3 });
    expect(r.problems.map((p) => [p.table, p.id, p.reason])).toEqual(ids.map((id) => ['people', id, 'unreadable']));
    expect(r.chain.ok).toBe(true);
  });

  it('is for the clerk and the auditor only', async () => {
    const { s } = await setUpStore();
    expect(await s.dataSafety.checkIntegrity()).toEqual({ ok: false, error: { code: 'NOT_PERMITTED', params: { action: 'store.integrityCheck' } } });
    await as(s, 'anquan');
    expect(await s.dataSafety.checkIntegrity()).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED' } });
    await as(s, 'shenji');
    expect((await s.dataSafety.checkIntegrity()).ok).toBe(true);
  });
});
