import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DeterminationsRepo } from '../../renderer/db/determinations.repo';
import { inspectDatabase } from '../../renderer/db/inspect';
import { openDatabase, SCHEMA_V1, SCHEMA_V1_STORES, SCHEMA_V4, SCHEMA_V4_STORES } from '../../renderer/db/schema';
import type { CatalogueInput } from '../../shared/determination/catalogue';
import type { Terms } from '../../shared/determination/terms';
import type { Result } from '../../shared/result';
import { testLedger, type TestSession } from './ledgerVault';

/**
 * The determinations repository on a real encrypted database (fake-indexeddb, AES-GCM, the audit
 * chain), acting as the handler, the determiner and the clerk of one unit. Accounts with these roles
 * are made at the vault level: role assignment belongs to the accounts module.
 */
const AS = {
  clerk: { accountId: 'acc-clerk', username: 'clerk1', displayName: '赵保密', roles: ['clerk'] },
  handler: { accountId: 'acc-li', username: 'li', displayName: '李承办', roles: ['handler'] },
  determiner: { accountId: 'acc-zhang', username: 'zhang', displayName: '张定密', roles: ['determiner'] },
  both: { accountId: 'acc-qian', username: 'qian', displayName: '钱兼任', roles: ['handler', 'determiner'] },
  auditor: { accountId: 'acc-aud', username: 'aud', displayName: '孙审计', roles: ['auditor'] },
} satisfies Record<string, TestSession>;

const ENTRY: CatalogueInput = {
  code: '2.1',
  title: '年度保密检查方案',
  level: 'confidential',
  defaultPeriod: { kind: 'years', years: 10 },
  scopeHint: '办公室主任',
};
const TITLE = '绝不可出现在磁盘上的标题甲乙丙';

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

async function setup() {
  const ledger = await testLedger('2026-11-21T09:00:00+08:00');
  const repo = (s: TestSession) => new DeterminationsRepo(ledger.as(s));
  const entry = value(await repo(AS.clerk).saveCatalogueEntry(null, ENTRY));
  const terms: Terms = {
    level: 'confidential',
    period: { kind: 'years', years: 10 },
    scope: { personIds: [], posts: ['办公室主任'], departments: [], units: [] },
    basis: { kind: 'catalogue', entryId: entry.entryId, version: entry.version, code: '', title: '' },
  };
  const subject = { title: TITLE, processDraft: false, carrierIds: ['car-1', 'car-2'] };
  return { ledger, repo, entry, terms, subject };
}

async function auditActions(ledger: Awaited<ReturnType<typeof testLedger>>): Promise<string[]> {
  return (await ledger.audits.list(ledger.cipher, 100)).map((e) => e.action).reverse();
}

describe('determinations repository', () => {
  it('runs a determination from the handler’s draft to the determiner’s approval, recorded and audited', async () => {
    const { ledger, repo, terms, subject } = await setup();
    const drafted = value(await repo(AS.handler).draft(subject, terms));
    expect(drafted.state).toMatchObject({ status: 'proposed', proposal: { state: 'pending', marking: '秘密★10年' } });

    const queue = value(await repo(AS.determiner).list()).filter((s) => s.proposal?.state === 'pending');
    expect(queue.map((s) => s.id)).toEqual([drafted.state.id]);

    const decided = value(await repo(AS.determiner).act(drafted.state.id, { type: 'approve', opinion: '同意' }, drafted.state.seq));
    expect(decided.state).toMatchObject({ status: 'live', inForce: { marking: '秘密★10年', startDate: '2026-11-21', decidedBy: AS.determiner.accountId } });
    expect(decided.records.map((r) => [r.type, r.actorName])).toEqual([
      ['drafted', '李承办'],
      ['approved', '张定密'],
    ]);
    expect(value(await repo(AS.handler).get(drafted.state.id))).toEqual(decided);
    expect(await auditActions(ledger)).toEqual(['catalogue.entry_added', 'determination.drafted', 'determination.approved']);
  });

  it('keeps titles, terms and names out of the clear, and out of the audit trail', async () => {
    const { ledger, repo, terms, subject } = await setup();
    const d = value(await repo(AS.handler).draft(subject, terms));
    const rows = JSON.stringify([await ledger.db.determinations.toArray(), await ledger.db.determinationRecords.toArray(), await ledger.db.catalogue.toArray()], (_k, v: unknown) =>
      v instanceof Uint8Array ? Array.from(v) : v,
    );
    for (const secret of [TITLE, '办公室主任', '李承办', '年度保密检查方案']) expect(rows).not.toContain(secret);
    expect(await ledger.db.determinations.get(d.state.id)).toMatchObject({ status: 'proposed', proposal: 'pending', seq: 1, carrierIds: ['car-1', 'car-2'] });
    const audit = JSON.stringify(await ledger.audits.list(ledger.cipher, 100));
    expect(audit).not.toContain(TITLE);
    expect(audit).toContain(d.state.id);
  });

  it('refuses a determiner deciding their own draft, and anyone but a determiner deciding', async () => {
    const { repo, terms, subject } = await setup();
    const d = value(await repo(AS.both).draft(subject, terms));
    expect(await repo(AS.both).act(d.state.id, { type: 'approve', opinion: '同意' })).toEqual({ ok: false, error: { code: 'OWN_DRAFT' } });
    expect(await repo(AS.clerk).act(d.state.id, { type: 'approve', opinion: '同意' })).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED' } });
    expect(await repo(AS.auditor).list()).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED' } });
    expect(value(await repo(AS.determiner).get(d.state.id)).records).toHaveLength(1);
  });

  it('writes a correction as a new record, leaving the draft record’s bytes as they were', async () => {
    const { ledger, repo, terms, subject } = await setup();
    const d = value(await repo(AS.handler).draft(subject, terms));
    const draftRow = await ledger.db.determinationRecords.where('determinationId').equals(d.state.id).first();
    const c = value(await repo(AS.determiner).act(d.state.id, { type: 'correct', terms: { ...terms, period: { kind: 'years', years: 5 } }, opinion: '期限改为5年' }));
    expect(c.records[1]).toMatchObject({ type: 'corrected', marking: '秘密★5年', changes: [{ field: 'period', direction: 'shorten' }] });
    expect(await ledger.db.determinationRecords.get(draftRow?.id ?? '')).toEqual(draftRow);
  });

  it('refuses a decision made on a stale view: the second of two determiners', async () => {
    const { repo, terms, subject } = await setup();
    const d = value(await repo(AS.handler).draft(subject, terms));
    value(await repo(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意' }, 1));
    expect(await repo(AS.both).act(d.state.id, { type: 'return', reason: '退回' }, 1)).toEqual({ ok: false, error: { code: 'STALE_STATE' } });
  });

  it('cites the exact catalogue version, which stays readable after the entry is revised', async () => {
    const { repo, entry, terms, subject } = await setup();
    const d = value(await repo(AS.handler).draft(subject, terms));
    value(await repo(AS.clerk).saveCatalogueEntry(entry.entryId, { ...ENTRY, defaultPeriod: { kind: 'years', years: 5 }, note: '期限调整' }));
    const entries = value(await repo(AS.handler).listCatalogue());
    expect(entries[0]?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(d.state.proposal?.procedure === 'determine' && d.state.proposal.terms.basis).toMatchObject({ kind: 'catalogue', version: 1, code: '2.1', title: '年度保密检查方案' });
    // The determiner may still decide the draft on the version it cites; a new draft must cite version 2.
    expect((await repo(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意' })).ok).toBe(true);
    expect(await repo(AS.handler).draft(subject, terms)).toMatchObject({ ok: false, error: { code: 'BASIS_NOT_CURRENT' } });
    expect(await repo(AS.handler).saveCatalogueEntry(null, ENTRY)).toMatchObject({ ok: false, error: { code: 'NOT_PERMITTED' } });
  });

  it('changes and declassifies through the same path, and tells the ledger the carrier’s floor', async () => {
    const { repo, terms, subject } = await setup();
    const d = value(await repo(AS.handler).draft(subject, terms));
    value(await repo(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意' }));
    expect(value(await repo(AS.handler).floorFor('car-2'))).toMatchObject({ level: 'confidential', marking: '秘密★10年' });
    value(await repo(AS.handler).act(d.state.id, { type: 'draftChange', terms: { ...terms, level: 'secret', basis: { kind: 'reason', text: '内容涉及重大事项' } }, reason: '升密' }));
    value(await repo(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意升密' }));
    expect(value(await repo(AS.handler).floorFor('car-2'))).toMatchObject({ level: 'secret', marking: '机密★10年' });
    value(await repo(AS.handler).act(d.state.id, { type: 'draftDeclassify', reason: '已公开发布' }));
    const end = value(await repo(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意解密' }));
    expect(end.state.status).toBe('declassified');
    expect(value(await repo(AS.handler).floorFor('car-2'))).toBeNull();
  });

  it('declassifies automatically when the period has ended, once, and leaves it out of the review queue', async () => {
    const { ledger, repo, terms, subject } = await setup();
    const d = value(await repo(AS.handler).draft(subject, { ...terms, period: { kind: 'months', months: 6 } }));
    value(await repo(AS.determiner).act(d.state.id, { type: 'approve', opinion: '同意' }));
    ledger.clock.t = Date.parse('2027-05-01T09:00:00+08:00');
    expect(value(await repo(AS.handler).reviewQueue())).toMatchObject([{ kind: 'expiring', periodEnd: '2027-05-21', daysLeft: 20 }]);
    ledger.clock.t = Date.parse('2027-05-21T09:00:00+08:00');
    // Recorded in a clerk's or determiner's session (at sign-in, or when they open 定密); a handler sees it waiting.
    expect(value(await repo(AS.handler).reviewQueue())).toMatchObject([{ kind: 'expired', periodEnd: '2027-05-21' }]);
    expect(value(await repo(AS.clerk).reviewQueue())).toEqual([]);
    const view = value(await repo(AS.handler).get(d.state.id));
    expect(view.records.at(-1)).toMatchObject({ type: 'autoDeclassified', actor: 'system', periodEnd: '2027-05-21' });
    expect(value(await repo(AS.determiner).runAutoDeclassification())).toEqual([]);
    expect((await auditActions(ledger)).filter((a) => a === 'determination.autoDeclassified')).toHaveLength(1);
  });

  it('reports a status changed on disk as tampering instead of believing it', async () => {
    const { ledger, repo, terms, subject } = await setup();
    const d = value(await repo(AS.handler).draft(subject, terms));
    await ledger.db.determinations.update(d.state.id, { status: 'live' });
    expect(await repo(AS.determiner).list()).toEqual({ ok: false, error: { code: 'STORE_TAMPERED', params: { table: 'determinations', id: d.state.id } } });
  });

  it('is refused while the store is locked', async () => {
    const { ledger, repo } = await setup();
    ledger.lock();
    expect(await repo(AS.handler).list()).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});

describe('schema v1 → v4', () => {
  it('keeps every v1 row and adds the determination tables, empty, with their unique indexes', async () => {
    const name = `schema-v4-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(SCHEMA_V1).stores(SCHEMA_V1_STORES);
    await v1.open();
    const install = { magic: 'secrecy-ledger/store', installId: 'b'.repeat(32), createdAt: '2026-01-05T01:00:00.000Z', sealPublicKey: { kty: 'EC' }, policy: { maxFailures: 5, lockMinutes: 30, idleMinutes: 10 } };
    await v1.table('meta').put({ key: 'install', value: install });
    await v1.table('keyslots').put({ slotId: 's1', accountId: 'acc-1', kdf: { alg: 'argon2id', m: 256, t: 1, p: 1, salt: 'x' }, wrapped: new Uint8Array([1, 2, 3]), failures: 0, lockedUntil: null });
    await v1.table('accounts').put({ id: 'acc-1', status: 'active', ct: new Uint8Array([4, 5, 6]) });
    await v1.table('audit').bulkPut([{ seq: 1, at: '2026-01-05T01:00:00.000Z', ct: new Uint8Array([7]) }]);
    await v1.table('settings').put({ key: 'unit', ct: new Uint8Array([9]) });
    v1.close();
    expect(await inspectDatabase(name)).toEqual({ kind: 'ready' });

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(SCHEMA_V4);
    expect(await db.meta.get('install')).toEqual({ key: 'install', value: install });
    expect(await db.keyslots.get('s1')).toMatchObject({ accountId: 'acc-1', wrapped: new Uint8Array([1, 2, 3]) });
    expect(await db.accounts.get('acc-1')).toEqual({ id: 'acc-1', status: 'active', ct: new Uint8Array([4, 5, 6]) });
    expect(await db.audit.count()).toBe(1);
    expect(await db.settings.get('unit')).toEqual({ key: 'unit', ct: new Uint8Array([9]) });
    for (const table of Object.keys(SCHEMA_V4_STORES)) expect(await db.table(table).count(), table).toBe(0);
    expect(db.determinationRecords.schema.indexes.find((i) => i.name === '[determinationId+seq]')?.unique).toBe(true);
    expect(db.catalogue.schema.indexes.find((i) => i.name === '[entryId+version]')?.unique).toBe(true);
    expect(db.determinations.schema.indexes.find((i) => i.name === 'carrierIds')?.multi).toBe(true);
    // A second record with the same seq cannot be stored: one draft, one decision.
    await db.determinationRecords.add({ id: 'r1', determinationId: 'd1', seq: 2, at: 'x', ct: new Uint8Array([1]) });
    await expect(db.determinationRecords.add({ id: 'r2', determinationId: 'd1', seq: 2, at: 'y', ct: new Uint8Array([2]) })).rejects.toThrow();
    db.close();
    expect(await inspectDatabase(name)).toEqual({ kind: 'ready' });
  });
});
