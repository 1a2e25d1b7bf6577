import { buildBundle, suggestedFileName } from '../../../shared/bundle/write';
import type { BundleRecord } from '../../../shared/bundle/content';
import type { BundleKind, Manifest } from '../../../shared/bundle/manifest';
import { afterBundle, rotationRecordsFor, signingKeyOf, type Keyring } from '../../../shared/exchange/keyring';
import type { ExportMode } from '../../../shared/exchange/unitExport';
import { ok, refuse, type Result } from '../../../shared/result';
import { StaleError } from '../ledgerAccess';
import { bundleSha256 } from './digest';
import type { Vault } from '../ledgerStore';
import {
  logTable,
  readKeyring,
  readOutgoing,
  sameBytes,
  SETTING,
  settingBytes,
  settingRow,
  type ExchangeLogEntry,
  type OutgoingPosition,
} from './exchangeStore';

/**
 * Bundles this office signs — a unit's exports, the bureau's policy bundles — share one chain
 * (sequence and previous manifest hash) and one way out: built in memory (`prepare`), written to
 * the file the person chose, then recorded (`record`): the new chain position, the key rotation it
 * completed, the log entry and the audit entry in one transaction. The file is written as a
 * partial file and named only after the record is committed (exchangeFiles.ts), so a bundle whose
 * position was not recorded never appears under its name.
 */
export interface PreparedBundle {
  kind: BundleKind;
  bytes: Uint8Array;
  manifest: Manifest;
  manifestHash: string;
  fileName: string;
  mode: ExportMode | null;
  /** The new position once it is recorded. */
  position: OutgoingPosition;
  /** The settings as they were when this was prepared: recording refuses if either changed. */
  basis: { outgoing: Uint8Array | null; keyring: Uint8Array | null };
}

export interface BuildRequest {
  kind: BundleKind;
  mode: ExportMode | null;
  cutoff: string;
  period: { from: string; to: string };
  /** The content files; `key-rotation` is added when a rotation waits for this bundle. */
  content: Record<string, BundleRecord[]>;
  auditSeq: number;
  /** The content carries destruction batches and decommissions (unit exports): recorded in the position. */
  batches?: boolean;
}

/** Builds and signs the next bundle of this office's chain. Refusals: EXCHANGE_NO_KEY, BUNDLE_INPUT_INVALID. */
export async function prepareBundle(v: Vault, req: BuildRequest): Promise<Result<PreparedBundle>> {
  const basis = { outgoing: await settingBytes(v, SETTING.outgoing), keyring: await settingBytes(v, SETTING.keyring) };
  const ring = await readKeyring(v);
  if (!ring) return refuse('EXCHANGE_NO_KEY');
  const last = await readOutgoing(v);
  const sequence = (last?.sequence ?? 0) + 1;
  const content = { ...req.content };
  const rotation = rotationRecordsFor(ring, sequence);
  if (rotation.length > 0 || req.kind === 'unit-export') content['key-rotation'] = rotation;
  const unit = { code: v.session.unit.code, name: v.session.unit.name };
  const built = await buildBundle(
    { kind: req.kind, unit, sequence, period: req.period, previousBundleHash: last?.manifestHash ?? null, createdAt: req.cutoff, content },
    signingKeyOf(ring.current),
    bundleSha256,
  );
  if (!built.ok) return built;
  const b = built.value;
  return ok({
    kind: req.kind,
    bytes: b.bytes,
    manifest: b.manifest,
    manifestHash: b.manifestHash,
    fileName: suggestedFileName(b.manifest),
    mode: req.mode,
    position: { sequence, manifestHash: b.manifestHash, cutoff: req.cutoff, periodTo: req.period.to, auditSeq: req.auditSeq, ...(req.batches ? { batches: true as const } : {}) },
    basis,
  });
}

/**
 * Records a bundle written to `path`: the chain moves on, a rotation it carried takes effect, and
 * the log and audit entries say what left the office. STALE_STATE when another bundle was recorded
 * (or the keys changed) since it was prepared: the file must then not be used.
 */
export async function recordBundle(v: Vault, p: PreparedBundle, saved: { path: string; fileName: string }): Promise<ExchangeLogEntry> {
  const at = v.now().toISOString();
  const ring = await readKeyring(v);
  if (!ring) throw new StaleError('settings');
  const nextRing: Keyring = afterBundle(ring, p.manifest.sequence, at);
  const entry: ExchangeLogEntry = {
    id: `out-${p.kind}-${String(p.manifest.sequence).padStart(10, '0')}`,
    at,
    direction: 'out',
    kind: p.kind,
    issuer: p.manifest.unit,
    sequence: p.manifest.sequence,
    manifestHash: p.manifestHash,
    period: p.manifest.period,
    createdAt: p.manifest.createdAt,
    counts: p.manifest.counts,
    keyFingerprint: p.manifest.keyFingerprint,
    algorithm: p.manifest.algorithm,
    fileName: saved.fileName,
    path: saved.path,
    mode: p.mode,
    byName: v.session.displayName,
  };
  const rows = {
    outgoing: await settingRow(v.cipher, SETTING.outgoing, p.position),
    keyring: nextRing === ring ? null : await settingRow(v.cipher, SETTING.keyring, nextRing),
    log: await logTable.toRow(v.cipher, entry),
  };
  const rotated = nextRing !== ring ? { newKey: nextRing.current.fingerprint, oldKey: ring.current.fingerprint } : {};
  await v.commit(
    [v.db.settings, v.db.exchangeLog],
    async () => {
      if (!sameBytes((await v.db.settings.get(SETTING.outgoing))?.ct ?? null, p.basis.outgoing)) throw new StaleError('settings');
      if (!sameBytes((await v.db.settings.get(SETTING.keyring))?.ct ?? null, p.basis.keyring)) throw new StaleError('settings');
      await v.db.settings.put(rows.outgoing);
      if (rows.keyring) await v.db.settings.put(rows.keyring);
      await v.db.exchangeLog.add({ id: rows.log.id, at: rows.log.at, ct: rows.log.ct });
    },
    [
      {
        action: p.kind === 'policy' ? 'exchange.policy_written' : 'exchange.exported',
        detail: {
          sequence: p.manifest.sequence,
          manifestHash: p.manifestHash,
          period: p.manifest.period,
          counts: p.manifest.counts,
          mode: p.mode,
          keyFingerprint: p.manifest.keyFingerprint,
          fileName: saved.fileName,
          ...rotated,
        },
      },
    ],
  );
  return entry;
}
