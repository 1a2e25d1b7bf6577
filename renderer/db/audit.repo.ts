import { nextEntry, verifyChain, type AuditEntry, type ChainBreak } from '../../shared/audit/chain';
import { TamperError, type Cipher } from './cipher';
import type { Table } from 'dexie';
import type { AuditRow, LedgerDb, SealedRow } from './schema';
import { seal, unseal } from './sealedBox';
import { isStorageFull, StorageFullError } from './storageErrors';

type Head = { seq: number; hash: string };
const HEAD_KEY = 'auditHead';

/** One stored audit row: the decrypted entry, or 'unreadable' when it failed authentication. */
export interface StoredEntry {
  seq: number;
  /** The plain time index of the row. */
  at: string;
  entry: AuditEntry | 'unreadable';
}

export interface PendingEvent {
  at: string;
  actor: string | null;
  action: string;
  detail: Record<string, unknown>;
}

/**
 * The audit trail: an append-only hash chain, every entry encrypted. Appends are serialised in
 * this object (one window owns the store) and each batch is written in one transaction together
 * with the new head, so a crash leaves either all of a batch or none of it.
 */
export class AuditRepo {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: LedgerDb) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async head(cipher: Cipher): Promise<Head | null> {
    const row = await this.db.settings.get(HEAD_KEY);
    return row ? cipher.open<Head>('settings', HEAD_KEY, row.ct) : null;
  }

  /**
   * Runs `work` with no commit before it ends: every change of the store goes through commit(),
   * so what `work` reads (a backup, page by page) is one consistent state. Commits asked for in
   * the meantime wait, then run in order. `work` must not commit itself.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.serial(work);
  }

  /** Appends events (and, atomically, moves sealed pre-sign-in events into the chain first). */
  append(cipher: Cipher, sealPrivate: CryptoKey | null, events: PendingEvent[]): Promise<AuditEntry[]> {
    return this.commit(cipher, sealPrivate, events, [], async () => undefined);
  }

  /**
   * The unit of work for every change: `write` (Dexie calls only, on rows encrypted beforehand)
   * and the audit entries describing it are committed in one transaction, or neither is. Pending
   * sealed events join the chain in the same transaction.
   */
  commit(
    cipher: Cipher,
    sealPrivate: CryptoKey | null,
    events: PendingEvent[],
    tables: Table[],
    write: () => Promise<void>,
  ): Promise<AuditEntry[]> {
    return this.serial(async () => {
      const sealedRows: SealedRow[] = sealPrivate ? await this.db.auditSealed.orderBy('id').toArray() : [];
      const absorbed: PendingEvent[] = [];
      for (const row of sealedRows) {
        const ev = sealPrivate ? await unseal<PendingEvent>(sealPrivate, row) : null;
        absorbed.push(
          ev ?? { at: new Date(0).toISOString(), actor: null, action: 'audit.sealed_event_unreadable', detail: { sealedId: row.id ?? null } },
        );
      }
      let head = await this.head(cipher);
      const entries: AuditEntry[] = [];
      const rows: AuditRow[] = [];
      for (const ev of [...absorbed, ...events]) {
        const entry = nextEntry(head, ev);
        entries.push(entry);
        rows.push({ seq: entry.seq, at: entry.at, ct: await cipher.seal('audit', String(entry.seq), entry) });
        head = { seq: entry.seq, hash: entry.hash };
      }
      const headCt = rows.length > 0 ? await cipher.seal('settings', HEAD_KEY, head) : null;
      const sealedIds = sealedRows.map((r) => r.id).filter((id): id is number => id !== undefined);
      if (rows.length === 0 && tables.length === 0) return entries;
      const all = [this.db.audit, this.db.settings, this.db.auditSealed, ...tables.filter((t) => !['audit', 'settings', 'auditSealed'].includes(t.name))];
      try {
        await this.db.transaction('rw', all, async () => {
          await write();
          if (rows.length > 0 && headCt) {
            await this.db.audit.bulkAdd(rows);
            await this.db.settings.put({ key: HEAD_KEY, ct: headCt });
          }
          await this.db.auditSealed.bulkDelete(sealedIds);
        });
      } catch (e) {
        // The storage is full: IndexedDB aborted the whole transaction, so nothing of it was written.
        if (isStorageFull(e)) throw new StorageFullError(e);
        throw e;
      }
      return entries;
    });
  }

  /** Records an event while locked: sealed to the store's public key, joins the chain at sign-in. */
  async appendSealed(sealPublicKey: JsonWebKey, ev: PendingEvent): Promise<void> {
    const item = await seal(sealPublicKey, ev);
    try {
      await this.db.auditSealed.add({ ephemeral: item.ephemeral, ct: item.ct });
    } catch (e) {
      if (isStorageFull(e)) throw new StorageFullError(e);
      throw e;
    }
  }

  /**
   * Every stored entry in sequence order, decrypted; a record that fails authentication, or whose
   * plain `at` (the time index) disagrees with its encrypted copy, is 'unreadable'. With a range,
   * only rows whose indexed time lies in it.
   */
  async readAll(cipher: Cipher, range?: { from?: string; to?: string }): Promise<StoredEntry[]> {
    const rows =
      range && (range.from !== undefined || range.to !== undefined)
        ? (await this.db.audit.where('at').between(range.from ?? '', range.to ?? '\uffff', true, true).toArray()).sort((a, b) => a.seq - b.seq)
        : await this.db.audit.orderBy('seq').toArray();
    const items: StoredEntry[] = [];
    for (const row of rows) {
      try {
        const entry = await cipher.open<AuditEntry>('audit', String(row.seq), row.ct);
        items.push({ seq: row.seq, at: row.at, entry: entry.at === row.at ? entry : 'unreadable' });
      } catch (e) {
        if (!(e instanceof TamperError)) throw e;
        items.push({ seq: row.seq, at: row.at, entry: 'unreadable' });
      }
    }
    return items;
  }

  /** The separately stored chain head; throws TamperError when it was altered. */
  readHead(cipher: Cipher): Promise<Head | null> {
    return this.head(cipher);
  }

  /** Decrypts and checks every entry; names the first broken link. */
  async verify(cipher: Cipher): Promise<{ ok: true; count: number } | { ok: false; count: number; firstBreak: ChainBreak }> {
    const items = await this.readAll(cipher);
    let head: Head | null;
    try {
      head = await this.head(cipher);
    } catch (e) {
      if (!(e instanceof TamperError)) throw e;
      return { ok: false, count: 0, firstBreak: { seq: items.length, reason: 'relinked' } };
    }
    return verifyChain(items, head);
  }

  /** Decrypted entries, newest first (the auditor's view will page through these). */
  async list(cipher: Cipher, limit = 200): Promise<AuditEntry[]> {
    const rows = await this.db.audit.orderBy('seq').reverse().limit(limit).toArray();
    return Promise.all(rows.map((r) => cipher.open<AuditEntry>('audit', String(r.seq), r.ct)));
  }
}
