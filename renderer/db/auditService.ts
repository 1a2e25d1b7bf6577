import { verifyChain } from '../../shared/audit/chain';
import { auditExportFileName, buildAuditExport } from '../../shared/audit/exportFormat';
import { ok, refuse, type Result } from '../../shared/result';
import { readAllAccounts } from './accounts.repo';
import { TamperError } from './cipher';
import type { StoredEntry } from './audit.repo';
import type { AuditExport, AuditFilter, AuditListItem, AuditQueryResult, AuditStore, AuditVerification } from './storeApi';
import type { SignedIn, StoreInternals } from './storeInternals';

const DEFAULT_LIMIT = 500;

/**
 * The audit trail for the 安全审计员: read with filters, verify, export. Each call checks the role
 * first (through the store), and each is itself recorded in the trail, so that the auditor's own
 * work is on the record too.
 */
export class AuditService implements AuditStore {
  constructor(private readonly store: StoreInternals) {}

  async query(filter: AuditFilter): Promise<Result<AuditQueryResult>> {
    const ctx = await this.store.signedIn('audit.read');
    if (!ctx.ok) return ctx;
    const c = ctx.value;
    // The viewing is on the record before what is shown is read, so it appears in the list.
    await this.store.record(c, [{ action: 'audit.queried', detail: { filter: describeFilter(filter) } }]);
    const stored = await c.audits.readAll(c.cipher, { from: filter.from, to: filter.to });
    const matches = stored.filter((s) => matchesFilter(s, filter));
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const entries = matches.slice(-limit).reverse().map(toListItem);
    const accounts = await this.accounts(c);
    return ok({ entries, matched: matches.length, actors: accounts });
  }

  async verify(): Promise<Result<AuditVerification>> {
    const ctx = await this.store.signedIn('audit.verify');
    if (!ctx.ok) return ctx;
    const c = ctx.value;
    const result = await c.audits.verify(c.cipher);
    try {
      await this.store.record(c, [{ action: 'audit.verified', detail: result.ok ? { ok: true, count: result.count } : { ok: false, count: result.count, firstBreak: result.firstBreak } }]);
    } catch (e) {
      // A chain whose head was altered cannot take new entries; the auditor still gets the finding.
      if (!(e instanceof TamperError)) throw e;
    }
    return ok(result);
  }

  async exportTrail(): Promise<Result<AuditExport>> {
    const ctx = await this.store.signedIn('audit.export');
    if (!ctx.ok) return ctx;
    const c = ctx.value;
    const items = await c.audits.readAll(c.cipher);
    let head: { seq: number; hash: string } | null;
    try {
      head = await c.audits.readHead(c.cipher);
    } catch (e) {
      if (!(e instanceof TamperError)) throw e;
      return refuse('STORE_TAMPERED', { table: e.table, id: e.id });
    }
    const content = buildAuditExport(
      {
        unit: c.session.unit,
        exportedAt: c.now.toISOString(),
        exportedBy: { accountId: c.session.accountId, username: c.session.username },
      },
      items,
      head,
    );
    return ok({
      fileName: auditExportFileName(c.session.unit.code, c.now),
      content,
      count: items.length,
      head,
      verification: verifyChain(items, head),
    });
  }

  async recordExport(saved: { path: string; count: number; head: { seq: number; hash: string } | null }): Promise<Result<void>> {
    const ctx = await this.store.signedIn('audit.export');
    if (!ctx.ok) return ctx;
    await this.store.record(ctx.value, [{ action: 'audit.exported', detail: { path: saved.path, count: saved.count, head: saved.head } }]);
    return ok(undefined);
  }

  private async accounts(c: SignedIn): Promise<AuditQueryResult['actors']> {
    try {
      return (await readAllAccounts(c.db, c.cipher)).map((a) => ({ id: a.id, username: a.username, displayName: a.displayName }));
    } catch (e) {
      // A damaged account record must not hide the trail from the auditor; actors then show as ids.
      if (!(e instanceof TamperError)) throw e;
      return [];
    }
  }
}

function matchesFilter(s: StoredEntry, f: AuditFilter): boolean {
  // A record that cannot be read matches every filter: the auditor must see that it is there.
  if (s.entry === 'unreadable') return true;
  const e = s.entry;
  if (f.actor !== undefined && f.actor !== '') {
    if (f.actor === 'system' ? e.actor !== null : e.actor !== f.actor) return false;
  }
  if (f.action !== undefined && f.action !== '') {
    if (f.action.endsWith('.') ? !e.action.startsWith(f.action) : e.action !== f.action) return false;
  }
  return true;
}

function toListItem(s: StoredEntry): AuditListItem {
  if (s.entry === 'unreadable') return { seq: s.seq, at: s.at, unreadable: true };
  const e = s.entry;
  return { seq: e.seq, at: e.at, actor: e.actor, action: e.action, detail: e.detail, hash: e.hash };
}

function describeFilter(f: AuditFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.actor) out.actor = f.actor;
  if (f.action) out.action = f.action;
  return out;
}
