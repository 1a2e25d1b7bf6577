import { z } from 'zod';
import type { BundleRecord } from '../bundle/content';
import { applyKeyRotation, rotationFromRecord, verifyKeyRotation } from '../bundle/rotation';
import type { TrustedKey, VerifiedBundle } from '../bundle/verify';
import { ok, refuse, type Result } from '../result';
import { UNIT_EXPORT_CONTENT } from './unitExport';

/**
 * The receiver's checks after verifyBundle said yes and before anything is written (all of them,
 * so that the import is all-or-nothing): the shape of what the views will read, and a key rotation
 * the bundle carries. Pure.
 */

/** The fields of a carrier record the bureau's views read; the rest is kept as it came. */
export const receivedCarrierSchema = z.looseObject({
  id: z.string(),
  registryNumber: z.string(),
  title: z.string(),
  level: z.string(),
  kind: z.string(),
  status: z.string(),
  marking: z.string(),
  custodianName: z.string(),
  place: z.string(),
  registeredAt: z.string(),
  updatedAt: z.string(),
  loan: z.looseObject({ dueOn: z.string() }).nullable(),
  outing: z.looseObject({ expectedBackOn: z.string() }).nullable(),
});
export type ReceivedCarrier = z.infer<typeof receivedCarrierSchema>;

export const receivedStatisticsSchema = z.looseObject({
  id: z.literal('statistics'),
  asOf: z.string(),
  period: z.looseObject({ from: z.string(), to: z.string() }),
  carriers: z.looseObject({
    total: z.number(),
    byLevel: z.record(z.string(), z.number()),
    byKind: z.record(z.string(), z.number()),
    byStatus: z.record(z.string(), z.number()),
  }),
  overdue: z.number(),
});

export const receivedDeterminationSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  inForce: z.looseObject({ startDate: z.string(), marking: z.string(), terms: z.looseObject({ period: z.looseObject({ kind: z.string() }) }) }).nullable(),
  subject: z.looseObject({ title: z.string() }),
});

export const receivedDestructionSchema = z.looseObject({
  id: z.string(),
  carrierId: z.string(),
  registryNumber: z.string(),
  title: z.string(),
  level: z.string(),
  destroyedOn: z.string(),
  destructionBody: z.string(),
  certificateNumber: z.string(),
});

const nullableString = z.string().nullable();

/** 销毁批次 (unitExport.ts destructionBatchRecord): what the bureau's destruction views read. */
export const receivedBatchSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  reason: z.string(),
  requestedBy: nullableString,
  requestedAt: z.string(),
  countedBy: nullableString,
  countedAt: nullableString,
  decidedBy: nullableString,
  decidedAt: nullableString,
  opinion: z.string(),
  carrierCount: z.number().int().nonnegative(),
  byLevel: z.record(z.string(), z.number()),
  byKind: z.record(z.string(), z.number()),
  carriers: z.array(z.looseObject({ carrierId: z.string(), registryNumber: z.string(), title: z.string(), level: z.string(), kind: z.string() })),
  handover: z
    .looseObject({
      body: z.string(),
      on: z.string(),
      escorts: z.array(z.string()),
      certificateNumber: z.string(),
      certificateSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
      certificateBytes: z.number().int().nonnegative().nullable(),
    })
    .nullable(),
  updatedAt: z.string(),
});
export type ReceivedBatch = z.infer<typeof receivedBatchSchema>;

/** 停用/报废 with its erasure (unitExport.ts deviceDecommissionRecord). */
export const receivedDecommissionSchema = z.looseObject({
  id: z.string(),
  carrierId: z.string(),
  registryNumber: z.string(),
  mode: z.string(),
  reason: z.string(),
  status: z.string(),
  appliedBy: nullableString,
  appliedAt: z.string(),
  decidedBy: nullableString,
  decidedAt: nullableString,
  opinion: z.string(),
  erasure: z.looseObject({ by: z.string(), tool: z.string(), on: z.string(), note: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type ReceivedDecommission = z.infer<typeof receivedDecommissionSchema>;

const SHAPES: Partial<Record<string, z.ZodType>> = {
  carriers: receivedCarrierSchema,
  statistics: receivedStatisticsSchema,
  determinations: receivedDeterminationSchema,
  destructions: receivedDestructionSchema,
  'destruction-batches': receivedBatchSchema,
  'device-decommissions': receivedDecommissionSchema,
};

/**
 * Checks a unit export's content: only the files this version knows, and the records the views
 * read in the shape they expect. A file this version knows but the bundle lacks counts as empty:
 * bundles written before `destruction-batches` and `device-decommissions` existed (same format
 * version 1) are accepted as carrying no batches (docs/decisions.md, "Exchange, app side"). Refusals: EXCHANGE_CONTENT_UNKNOWN {part}, EXCHANGE_CONTENT_INVALID {part, id}.
 */
export function checkUnitContent(content: ReadonlyMap<string, readonly BundleRecord[]>): Result<void> {
  for (const [name, records] of content) {
    if (!(UNIT_EXPORT_CONTENT as readonly string[]).includes(name)) return refuse('EXCHANGE_CONTENT_UNKNOWN', { part: name });
    const schema = SHAPES[name];
    if (!schema) continue;
    for (const r of records) {
      if (!schema.safeParse(r).success) return refuse('EXCHANGE_CONTENT_INVALID', { part: name, id: r.id });
    }
  }
  return ok(undefined);
}

/**
 * The trust list after the bundle's key rotation, if it carries one: the statement must be signed
 * by the key that signed the bundle, be about the same issuer, and name the next sequence number
 * as the new key's first. Without a rotation the list comes back unchanged. Refusals: the
 * ROTATION_* codes of shared/bundle/rotation.ts.
 */
export function trustAfter(verified: Pick<VerifiedBundle, 'manifest' | 'signer' | 'content'>, trusted: readonly TrustedKey[]): Result<TrustedKey[]> {
  const records = verified.content.get('key-rotation') ?? [];
  if (records.length === 0) return ok([...trusted]);
  if (records.length > 1) return refuse('ROTATION_INVALID', { reason: 'schema' });
  const parsed = rotationFromRecord(records[0] as BundleRecord);
  if (!parsed) return refuse('ROTATION_INVALID', { reason: 'schema' });
  const rotation = verifyKeyRotation(parsed.bytes, parsed.signature, verified.signer.publicKey);
  if (!rotation.ok) return rotation;
  const s = rotation.value.statement;
  if (s.unit.code !== verified.manifest.unit.code) return refuse('ROTATION_INVALID', { reason: 'unit' });
  if (s.effectiveFromSequence !== verified.manifest.sequence + 1) return refuse('ROTATION_INVALID', { reason: 'schema', field: 'effectiveFromSequence' });
  return applyKeyRotation(trusted, rotation.value);
}
