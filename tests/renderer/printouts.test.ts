import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { inspectDatabase } from '../../renderer/db/inspect';
import { PRINTOUT_CHUNK_BYTES, PrintoutsRepo, type KeepPrintout } from '../../renderer/db/printouts.repo';
import { openDatabase, SCHEMA_V1, SCHEMA_V1_STORES, SCHEMA_V5, SCHEMA_V5_STORES } from '../../renderer/db/schema';
import { SESSIONS, testLedger } from './ledgerVault';

function pdfOf(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(size));
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
  for (let i = 9; i < size; i++) bytes[i] = (i * 31) % 251;
  return bytes;
}

const keep = (over: Partial<KeepPrintout> = {}): KeepPrintout => ({
  id: '0f3c2a9e-1111-4222-8333-444455556666',
  kind: 'destruction-list',
  title: '涉密载体销毁清单（绝密文件标题不进审计）',
  level: 'secret',
  pages: 2,
  pdf: pdfOf(5000),
  output: 'printer',
  copies: 2,
  printer: 'Office_USB',
  ...over,
});

describe('printouts kept in the encrypted store', () => {
  it('keeps the PDF and writes the print.document audit entry in the same transaction', async () => {
    const ledger = await testLedger();
    const repo = new PrintoutsRepo(ledger.as(SESSIONS.clerk));
    const kept = await repo.keep(keep());
    expect(kept).toMatchObject({ ok: true, value: { id: '0f3c2a9e-1111-4222-8333-444455556666', chunks: 1, bytes: 5000, actorName: '赵保密', copies: 2 } });
    const entries = await ledger.audits.list(ledger.cipher);
    expect(entries[0]).toMatchObject({
      action: 'print.document',
      actor: SESSIONS.clerk.accountId,
      detail: { printoutId: '0f3c2a9e-1111-4222-8333-444455556666', kind: 'destruction-list', level: 'secret', pages: 2, copies: 2, printer: 'Office_USB', output: 'printer', bytes: 5000 },
    });
    expect(entries[0]?.detail.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The title may itself be secret: it stays in the encrypted record, not in the audit entry.
    expect(JSON.stringify(entries[0])).not.toContain('销毁清单');
    expect(await ledger.audits.verify(ledger.cipher)).toMatchObject({ ok: true });
  });

  it('reads back exactly the bytes kept, across several encrypted pieces', async () => {
    const ledger = await testLedger();
    const repo = new PrintoutsRepo(ledger.as(SESSIONS.clerk));
    const pdf = pdfOf(PRINTOUT_CHUNK_BYTES * 2 + 123);
    const kept = await repo.keep(keep({ pdf, output: 'pdf', copies: 0, printer: null }));
    expect(kept.ok && kept.value.chunks).toBe(3);
    const back = await repo.pdf('0f3c2a9e-1111-4222-8333-444455556666');
    // Compared as one buffer: element-wise equality of 2 MiB would take the matcher seconds.
    expect(back.ok && Buffer.from(back.value).equals(Buffer.from(pdf))).toBe(true);
  });

  it('stores nothing of the PDF or the title in the clear', async () => {
    const ledger = await testLedger();
    await new PrintoutsRepo(ledger.as(SESSIONS.clerk)).keep(keep());
    const rows = await ledger.db.printouts.toArray();
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['at', 'ct', 'id', 'kind']);
    const chunk = await ledger.db.printoutChunks.toArray();
    expect(new TextDecoder('latin1').decode(chunk[0]?.ct)).not.toContain('%PDF');
  });

  it('reports swapped pieces as tampering', async () => {
    const ledger = await testLedger();
    const repo = new PrintoutsRepo(ledger.as(SESSIONS.clerk));
    await repo.keep(keep({ pdf: pdfOf(PRINTOUT_CHUNK_BYTES + 10) }));
    const [a, b] = await ledger.db.printoutChunks.orderBy('[printoutId+n]').toArray();
    if (!a || !b) throw new Error('two pieces expected');
    await ledger.db.printoutChunks.bulkPut([
      { ...a, ct: b.ct },
      { ...b, ct: a.ct },
    ]);
    expect(await repo.pdf(a.printoutId)).toEqual({ ok: false, error: { code: 'STORE_TAMPERED', params: { table: 'printoutChunks', id: `${a.printoutId}/0` } } });
  });

  it('reports a piece removed as tampering', async () => {
    const ledger = await testLedger();
    const repo = new PrintoutsRepo(ledger.as(SESSIONS.clerk));
    await repo.keep(keep({ pdf: pdfOf(PRINTOUT_CHUNK_BYTES + 10) }));
    await ledger.db.printoutChunks.delete(['0f3c2a9e-1111-4222-8333-444455556666', 1]);
    expect(await repo.pdf('0f3c2a9e-1111-4222-8333-444455556666')).toMatchObject({ ok: false, error: { code: 'STORE_TAMPERED' } });
  });

  it('notes a printer failure against the printout kept', async () => {
    const ledger = await testLedger();
    const repo = new PrintoutsRepo(ledger.as(SESSIONS.clerk));
    await repo.keep(keep());
    await repo.recordFailure('0f3c2a9e-1111-4222-8333-444455556666', 'PRINT_FAILED', 'Print job canceled');
    const entries = await ledger.audits.list(ledger.cipher);
    expect(entries[0]).toMatchObject({ action: 'print.failed', detail: { printoutId: '0f3c2a9e-1111-4222-8333-444455556666', code: 'PRINT_FAILED', reason: 'Print job canceled' } });
  });

  it('lists printouts newest first', async () => {
    const ledger = await testLedger();
    const repo = new PrintoutsRepo(ledger.as(SESSIONS.clerk));
    await repo.keep(keep({ id: 'aaaaaaaa-0000-4000-8000-000000000001' }));
    ledger.clock.t += 60_000;
    await repo.keep(keep({ id: 'bbbbbbbb-0000-4000-8000-000000000002', kind: 'ledger', output: 'pdf', copies: 0, printer: null }));
    const list = await repo.list();
    expect(list.ok && list.value.map((p) => p.kind)).toEqual(['ledger', 'destruction-list']);
  });

  it.each([
    ['a printer print without a printer', { output: 'printer' as const, printer: null }],
    ['a printer print of no copies', { output: 'printer' as const, copies: 0 }],
    ['a PDF with copies', { output: 'pdf' as const, printer: null, copies: 1 }],
  ])('refuses %s, keeping nothing', async (_name, over) => {
    const ledger = await testLedger();
    const repo = new PrintoutsRepo(ledger.as(SESSIONS.clerk));
    expect(await repo.keep(keep(over))).toMatchObject({ ok: false, error: { code: 'PRINTOUT_COPIES_INVALID' } });
    expect(await ledger.db.printouts.count()).toBe(0);
    expect(await ledger.db.audit.count()).toBe(0);
  });

  it('is refused while locked', async () => {
    const ledger = await testLedger();
    ledger.lock();
    expect(await new PrintoutsRepo(ledger.as(SESSIONS.clerk)).keep(keep())).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});

describe('schema v1 → v5', () => {
  it('keeps every v1 row and adds the printout tables, empty', async () => {
    const name = `schema-v5-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(SCHEMA_V1).stores(SCHEMA_V1_STORES);
    await v1.open();
    const install = { magic: 'secrecy-ledger/store', installId: 'c'.repeat(32), createdAt: '2026-01-05T01:00:00.000Z', sealPublicKey: { kty: 'EC' }, policy: { maxFailures: 5, lockMinutes: 30, idleMinutes: 10 } };
    await v1.table('meta').put({ key: 'install', value: install });
    await v1.table('keyslots').put({ slotId: 's1', accountId: 'acc-1', kdf: { alg: 'argon2id', m: 256, t: 1, p: 1, salt: 'x' }, wrapped: new Uint8Array([1, 2, 3]), failures: 0, lockedUntil: null });
    await v1.table('accounts').put({ id: 'acc-1', status: 'active', ct: new Uint8Array([4, 5, 6]) });
    await v1.table('audit').put({ seq: 1, at: '2026-01-05T01:00:00.000Z', ct: new Uint8Array([7]) });
    await v1.table('settings').put({ key: 'unit', ct: new Uint8Array([9]) });
    v1.close();
    expect(await inspectDatabase(name)).toEqual({ kind: 'ready' });

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(SCHEMA_V5);
    expect(await db.meta.get('install')).toEqual({ key: 'install', value: install });
    expect(await db.accounts.get('acc-1')).toEqual({ id: 'acc-1', status: 'active', ct: new Uint8Array([4, 5, 6]) });
    expect(await db.audit.count()).toBe(1);
    for (const table of Object.keys(SCHEMA_V5_STORES)) expect(await db.table(table).count(), table).toBe(0);
    // One piece per position of a printout.
    await db.printoutChunks.add({ printoutId: 'p1', n: 0, ct: new Uint8Array([1]) });
    await expect(db.printoutChunks.add({ printoutId: 'p1', n: 0, ct: new Uint8Array([2]) })).rejects.toThrow();
    db.close();
    expect(await inspectDatabase(name)).toEqual({ kind: 'ready' });
  });
});
