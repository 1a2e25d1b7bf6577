import Dexie from 'dexie';
import { z } from 'zod';
import type { StoreStatus } from './storeApi';
import { LATEST_SCHEMA, SCHEMA_V1_STORES, STORE_MAGIC } from './schema';
import { DEFAULT_LOCK_POLICY } from '../../shared/auth/lockout';

/** The plain install record in meta; everything in it is needed before anyone signs in. */
export const InstallSchema = z.object({
  magic: z.literal(STORE_MAGIC),
  installId: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: z.string(),
  sealPublicKey: z.record(z.string(), z.unknown()),
  policy: z.object({
    maxFailures: z.number().int().min(1).max(100),
    lockMinutes: z.number().int().min(1).max(24 * 60 * 30),
    idleMinutes: z.number().int().min(1).max(24 * 60),
  }),
});
export type Install = z.infer<typeof InstallSchema>;

export const defaultPolicy = (): Install['policy'] => ({ ...DEFAULT_LOCK_POLICY });

/**
 * Looks at the database without changing it: never creates, upgrades or deletes. A database that
 * is not ours, is damaged, or comes from a newer app version is reported, not "repaired".
 */
export async function inspectDatabase(name: string): Promise<StoreStatus> {
  if (!(await Dexie.exists(name))) return { kind: 'empty' };
  const probe = new Dexie(name);
  try {
    await probe.open();
  } catch (e) {
    return { kind: 'unreadable', reason: 'corrupt', detail: describe(e) };
  }
  try {
    const tables = new Set(probe.tables.map((t) => t.name));
    const expected = Object.keys(SCHEMA_V1_STORES);
    if (!tables.has('meta')) {
      if (tables.size === 0) return { kind: 'empty' };
      return { kind: 'unreadable', reason: 'foreign', detail: `tables: ${[...tables].sort().join(', ')}` };
    }
    if (probe.verno > LATEST_SCHEMA) {
      return { kind: 'unreadable', reason: 'newer', detail: `schema ${probe.verno} > ${LATEST_SCHEMA}` };
    }
    const install: unknown = await probe.table('meta').get('install');
    if (install === undefined) {
      // Set-up writes everything in one transaction; an install-less store with data is damaged.
      let rows = 0;
      for (const t of probe.tables) rows += await t.count();
      return rows === 0 ? { kind: 'empty' } : { kind: 'unreadable', reason: 'corrupt', detail: 'meta/install missing' };
    }
    const magic = (install as { value?: { magic?: unknown } }).value?.magic;
    if (magic !== STORE_MAGIC) return { kind: 'unreadable', reason: 'foreign', detail: 'meta/install has no store marker' };
    const parsed = InstallSchema.safeParse((install as { value: unknown }).value);
    if (!parsed.success) return { kind: 'unreadable', reason: 'corrupt', detail: 'meta/install malformed' };
    const missing = expected.filter((t) => !tables.has(t));
    if (missing.length > 0) return { kind: 'unreadable', reason: 'corrupt', detail: `missing tables: ${missing.join(', ')}` };
    if ((await probe.table('keyslots').count()) === 0) return { kind: 'unreadable', reason: 'corrupt', detail: 'no key slots' };
    return { kind: 'ready' };
  } catch (e) {
    return { kind: 'unreadable', reason: 'corrupt', detail: describe(e) };
  } finally {
    probe.close();
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e).slice(0, 300);
}
