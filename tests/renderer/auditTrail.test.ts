import { describe, expect, it } from 'vitest';
import { verifyAuditExport } from '../../shared/audit/exportFormat';
import type { EncryptedLedgerStore } from '../../renderer/db/ledgerStore';
import { openDatabase } from '../../renderer/db/schema';
import type { AuditListItem } from '../../renderer/db/storeApi';
import { as, freshName, setUpStore } from './storeFixtures';

/** A trail with some history: set-up, a few sign-ins and events, then the auditor signed in. */
async function auditorStore(clock?: { t: number }) {
  const ctx = await setUpStore(freshName('audit-test'), clock);
  for (let i = 0; i < 3; i++) await ctx.s.audit('test.event', { i });
  await as(ctx.s, 'anquan');
  await as(ctx.s, 'shenji');
  return ctx;
}

function readable(items: AuditListItem[]) {
  return items.filter((e): e is Extract<AuditListItem, { action: string }> => !('unreadable' in e));
}

async function flipByte(dbName: string, seq: number) {
  const db = openDatabase(dbName);
  const row = await db.audit.get(seq);
  if (!row) throw new Error(`no audit row ${seq}`);
  const ct = new Uint8Array(row.ct);
  ct[ct.length - 20] = (ct[ct.length - 20] ?? 0) ^ 0x01;
  await db.audit.put({ ...row, ct });
  db.close();
}

describe('the auditor reads the trail', () => {
  it('newest first, with every account to name the actors, and the reading itself on the record', async () => {
    const { s } = await auditorStore();
    const r = await s.auditTrail.query({});
    if (!r.ok) throw new Error(r.error.code);
    const items = readable(r.value.entries);
    expect(items[0]?.action).toBe('audit.queried');
    expect(items.map((e) => e.seq)).toEqual([...items.map((e) => e.seq)].sort((a, b) => b - a));
    expect(r.value.matched).toBe(r.value.entries.length);
    expect(r.value.actors.map((a) => a.username)).toEqual(['sysadmin', 'anquan', 'shenji']);
  });

  it('filters by actor (an account, or the system), by action and by action group', async () => {
    const { s } = await auditorStore();
    const all = await s.auditTrail.query({});
    if (!all.ok) throw new Error('query');
    const anquan = all.value.actors.find((a) => a.username === 'anquan')?.id ?? '';
    const byAnquan = await s.auditTrail.query({ actor: anquan });
    expect(byAnquan.ok && readable(byAnquan.value.entries).map((e) => e.action)).toEqual(['auth.signout', 'auth.signin']);
    const bySystem = await s.auditTrail.query({ actor: 'system' });
    expect(bySystem.ok && readable(bySystem.value.entries).every((e) => e.actor === null)).toBe(true);
    const signins = await s.auditTrail.query({ action: 'auth.signin' });
    expect(signins.ok && readable(signins.value.entries).map((e) => e.detail.username)).toEqual(['shenji', 'anquan']);
    const accounts = await s.auditTrail.query({ action: 'account.' });
    expect(accounts.ok && readable(accounts.value.entries).map((e) => e.action)).toEqual(['account.created', 'account.created', 'account.created']);
  });

  it('filters by time range', async () => {
    const clock = { t: Date.parse('2026-11-20T09:00:00Z') };
    const { s } = await setUpStore(freshName('audit-time'), clock);
    clock.t = Date.parse('2026-11-21T09:00:00Z');
    await s.audit('test.day2', {});
    clock.t = Date.parse('2026-11-22T09:00:00Z');
    await s.audit('test.day3', {});
    await as(s, 'shenji');
    const day2 = await s.auditTrail.query({ from: '2026-11-21T00:00:00.000Z', to: '2026-11-21T23:59:59.999Z' });
    expect(day2.ok && readable(day2.value.entries).map((e) => e.action)).toEqual(['test.day2']);
  });
});

describe('the auditor verifies the trail', () => {
  it('finds it intact, and records that it was verified', async () => {
    const { s } = await auditorStore();
    const r = await s.auditTrail.verify();
    expect(r).toMatchObject({ ok: true, value: { ok: true } });
    const after = await s.auditTrail.query({ action: 'audit.verified' });
    expect(after.ok && readable(after.value.entries)[0]?.detail).toMatchObject({ ok: true });
  });

  it('names exactly the record whose bytes were changed on disk, and lists it as unreadable', async () => {
    const { s, dbName } = await auditorStore();
    await flipByte(dbName, 5);
    expect(await s.auditTrail.verify()).toEqual({ ok: true, value: { ok: false, count: 4, firstBreak: { seq: 5, reason: 'unreadable' } } });
    const listed = await s.auditTrail.query({ action: 'auth.signin' });
    if (!listed.ok) throw new Error('query');
    // A damaged record matches every filter: the auditor must see that it is there.
    expect(listed.value.entries.filter((e) => 'unreadable' in e)).toEqual([{ seq: 5, at: expect.any(String), unreadable: true }]);
    const recorded = await s.auditTrail.query({ action: 'audit.verified' });
    expect(recorded.ok && readable(recorded.value.entries)[0]?.detail).toEqual({ ok: false, count: 4, firstBreak: { seq: 5, reason: 'unreadable' } });
  });

  it('notices a time index changed on disk, though the encrypted entry is intact', async () => {
    const { s, dbName } = await auditorStore();
    const db = openDatabase(dbName);
    await db.audit.update(3, { at: '2020-01-01T00:00:00.000Z' });
    db.close();
    expect(await s.auditTrail.verify()).toMatchObject({ ok: true, value: { ok: false, firstBreak: { seq: 3, reason: 'unreadable' } } });
  });
});

describe('the auditor exports the trail', () => {
  it('as JSON Lines that re-verify on their own, up to the recorded head; the export is recorded', async () => {
    const { s } = await auditorStore();
    const r = await s.auditTrail.exportTrail();
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.fileName).toMatch(/^audit-BM-0001-\d{8}-\d{6}\.jsonl$/);
    expect(verifyAuditExport(r.value.content)).toMatchObject({ ok: true, count: r.value.count, header: { unit: { code: 'BM-0001' }, exportedBy: { username: 'shenji' } } });
    expect(r.value.head?.seq).toBe(r.value.count);
    expect(r.value.verification).toEqual({ ok: true, count: r.value.count });
    expect(r.value.content).toContain('"displayName":"李安全"');
    expect(await s.auditTrail.recordExport({ path: '/media/cdrom/a.jsonl', count: r.value.count, head: r.value.head })).toEqual({ ok: true, value: undefined });
    const q = await s.auditTrail.query({ action: 'audit.exported' });
    expect(q.ok && readable(q.value.entries)[0]?.detail).toEqual({ path: '/media/cdrom/a.jsonl', count: r.value.count, head: r.value.head });
  });

  it('carries a damaged record as such, so the break shows outside the app too', async () => {
    const { s, dbName } = await auditorStore();
    await flipByte(dbName, 2);
    const r = await s.auditTrail.exportTrail();
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.verification).toMatchObject({ ok: false, firstBreak: { seq: 2 } });
    expect(verifyAuditExport(r.value.content)).toMatchObject({ ok: false, firstBreak: { seq: 2, reason: 'unreadable' } });
  });
});

describe('only the auditor', () => {
  it.each(['sysadmin', 'anquan'])('%s can neither read, verify nor export the trail', async (who) => {
    const { s } = await auditorStore();
    await as(s as EncryptedLedgerStore, who);
    for (const [call, action] of [
      [() => s.auditTrail.query({}), 'audit.read'],
      [() => s.auditTrail.verify(), 'audit.verify'],
      [() => s.auditTrail.exportTrail(), 'audit.export'],
    ] as const) {
      expect(await call()).toEqual({ ok: false, error: { code: 'NOT_PERMITTED', params: { action } } });
    }
  });
});
