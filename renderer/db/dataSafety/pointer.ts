import Dexie, { type Table } from 'dexie';

/**
 * Which database holds the store (指针库). A restore writes into a new database and, once it has
 * been verified, switches this pointer to it in one small transaction with strict durability
 * (flushed to the disk before it completes); only then is the old database deleted. So at every
 * moment the pointer names a complete store, whatever is interrupted:
 *
 *   { active: A }                      normal
 *   { active: A, staging: B }          a restore is writing B: at start B is deleted, A stays
 *   { active: B, retired: A }          switched: at start A is deleted (if that was not done yet)
 *
 * The pointer lives in its own tiny database `<base>-pointer`; without a record the store is the
 * database named `<base>` itself (every install before data-safety existed).
 */
export interface Pointer {
  active: string;
  /** A restore in progress writes here; deleted at start if found. */
  staging: string | null;
  /** Replaced by a restore; deleted at start if still there. */
  retired: string | null;
}

interface PointerRow extends Pointer {
  key: 'pointer';
  /** When `active` last changed (ISO), for the record. */
  switchedAt: string | null;
}

type PointerDb = Dexie & { pointer: Table<PointerRow, string> };

export function pointerDbName(base: string): string {
  return `${base}-pointer`;
}

function openPointerDb(base: string): PointerDb {
  const db = new Dexie(pointerDbName(base), { chromeTransactionDurability: 'strict' }) as PointerDb;
  db.version(1).stores({ pointer: '&key' });
  return db;
}

export class LedgerPointer {
  constructor(readonly base: string) {}

  async read(): Promise<Pointer> {
    const db = openPointerDb(this.base);
    try {
      const row = await db.pointer.get('pointer');
      return row ? { active: row.active, staging: row.staging, retired: row.retired } : { active: this.base, staging: null, retired: null };
    } finally {
      db.close();
    }
  }

  async write(p: Pointer, switchedAt: string | null = null): Promise<void> {
    const db = openPointerDb(this.base);
    try {
      await db.transaction('rw', db.pointer, async () => {
        const before = await db.pointer.get('pointer');
        await db.pointer.put({ key: 'pointer', ...p, switchedAt: switchedAt ?? before?.switchedAt ?? null });
      });
    } finally {
      db.close();
    }
  }

  /**
   * The active database's name, after finishing what an interrupted restore left: a staging
   * database is deleted (the restore did not complete), a retired one too (it did).
   */
  async resolve(): Promise<string> {
    let p = await this.read();
    if (p.staging !== null) {
      await Dexie.delete(p.staging);
      p = { ...p, staging: null };
      await this.write(p);
    }
    if (p.retired !== null) {
      await Dexie.delete(p.retired);
      p = { ...p, retired: null };
      await this.write(p);
    }
    return p.active;
  }
}

/** A fresh name for a restore's database: `<base>@<16 hex digits>`. */
export function stagingName(base: string, random: Uint8Array): string {
  let hex = '';
  for (const b of random.subarray(0, 8)) hex += b.toString(16).padStart(2, '0');
  return `${base}@${hex}`;
}
