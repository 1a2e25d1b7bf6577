import { authorize, type Action } from '../../../shared/auth/permissions';
import { formatFingerprint, KEY_RANDOM_BYTES, parsePublicKeyPem, publicKeyPem, type SignatureAlgorithm } from '../../../shared/bundle/keys';
import { verifyBundle } from '../../../shared/bundle/verify';
import type { BureauCatalogue } from '../../../shared/determination/catalogue';
import { newKeyring, signingKeyOf, startRotation, storedTrustedKey, storedTrustedKeys, trustedKeysOf, type Keyring } from '../../../shared/exchange/keyring';
import { readPolicyContent, type DestructionBody, type PolicyForm } from '../../../shared/exchange/policy';
import { trustAfter } from '../../../shared/exchange/receive';
import { unitExportContent, type ExportMode } from '../../../shared/exchange/unitExport';
import { ok, refuse, type Result } from '../../../shared/result';
import { UNIT_CODE_PATTERN, type OfficeMode } from '../../../shared/setup';
import { randomBytes } from '../bytes';
import { asRow, localDate, StaleError, withVault, type VaultSource } from '../ledgerAccess';
import type { Vault } from '../ledgerStore';
import {
  logTable,
  policyItemsTable,
  readBureau,
  readKeyring,
  readOutgoing,
  sameBytes,
  SETTING,
  settingBytes,
  settingRow,
  type ExchangeLogEntry,
  type OutgoingPosition,
  type PinnedBureau,
  type PolicyItem,
} from './exchangeStore';
import { bundleSha256 } from './digest';
import { readForExport, type ExportProgress } from './exportReader';
import { prepareBundle, recordBundle, type PreparedBundle } from './outgoing';

/**
 * 数据交换, the parts every office has (its signing keys, the bundles it writes) and a unit's own
 * (its exports to the bureau, the bureau's pinned key, the policy bundles it receives). The
 * bureau's side is bureau.repo.ts. Roles: exchange.export for the keys and for writing bundles,
 * exchange.import for pinning the bureau's key and importing (shared/auth/permissions.ts).
 */

export interface KeyInfo {
  algorithm: SignatureAlgorithm;
  fingerprint: string;
  /** 16 groups of 4 hex digits, as printed for the bureau. */
  fingerprintText: string;
  publicKeyPem: string;
  createdAt: string;
}

export interface ExchangeOverview {
  mode: OfficeMode;
  unit: { code: string; name: string };
  key: KeyInfo | null;
  /** A new key made, waiting for bundle `effectiveFromSequence - 1` to announce it. */
  pendingKey: (KeyInfo & { effectiveFromSequence: number }) | null;
  retiredKeys: Keyring['retired'];
  outgoing: OutgoingPosition | null;
  /** Unit mode: the bureau whose key is pinned. */
  bureau: (Omit<PinnedBureau, 'keys'> & { keys: { fingerprint: string; fingerprintText: string; algorithm: SignatureAlgorithm; validFromSequence?: number; validUntilSequence?: number }[] }) | null;
  /** Newest first. */
  log: ExchangeLogEntry[];
  /** Unit mode: as the bureau last sent them; bureau mode: as it will send them. */
  destructionBodies: DestructionBody[];
  forms: PolicyForm[];
  may: { export: boolean; import: boolean };
}

export interface ExchangeDeps {
  /** The determinations module's own application of the bureau's catalogue (DeterminationsRepo.applyBureauCatalogue). */
  applyCatalogue?: (catalogue: BureauCatalogue) => Promise<Result<unknown>>;
  /** The destruction module's list of designated bodies, when it takes the bureau's list. */
  applyDestructionBodies?: (bodies: DestructionBody[]) => Promise<Result<unknown>>;
  /** Randomness for new keys (tests pass fixed bytes). */
  random?: (n: number) => Uint8Array;
}

export interface PolicyImportOutcome {
  action: 'import' | 'already-imported';
  sequence: number;
  manifestHash: string;
  issue: string | null;
  applied: { catalogue: number | null; destructionBodies: number | null; forms: number | null; keyRotation: boolean };
}

export const modeOf = (v: Vault): OfficeMode => v.session.unit.mode ?? 'unit';

export function keyInfo(k: Keyring['current']): KeyInfo {
  return {
    algorithm: k.algorithm,
    fingerprint: k.fingerprint,
    fingerprintText: formatFingerprint(k.fingerprint),
    publicKeyPem: publicKeyPem(signingKeyOf(k).publicKey),
    createdAt: k.createdAt,
  };
}

export async function readPolicyItems(v: Vault): Promise<{ destructionBodies: DestructionBody[]; forms: PolicyForm[] }> {
  const rows = await v.db.policyItems.toArray();
  const items = await Promise.all(rows.map((r) => policyItemsTable.fromRow(v.cipher, asRow(r))));
  const destructionBodies: DestructionBody[] = [];
  const forms: PolicyForm[] = [];
  for (const i of items) {
    if (i.kind === 'destruction-body') destructionBodies.push(i.body);
    else forms.push(i.form);
  }
  destructionBodies.sort((a, b) => a.id.localeCompare(b.id));
  forms.sort((a, b) => a.id.localeCompare(b.id));
  return { destructionBodies, forms };
}

export function either(v: Vault, ...actions: Action[]): Result<void> {
  return actions.some((a) => authorize(v.session.roles, a).ok) ? ok(undefined) : refuse('NOT_PERMITTED', { action: actions.join('|') });
}

export class ExchangeRepo {
  constructor(
    private readonly source: VaultSource,
    private readonly deps: ExchangeDeps = {},
  ) {}

  private random(n: number): Uint8Array {
    return this.deps.random ? this.deps.random(n) : randomBytes(n);
  }

  overview(): Promise<Result<ExchangeOverview>> {
    return withVault(this.source, async (v) => {
      const allowed = either(v, 'exchange.export', 'exchange.import');
      if (!allowed.ok) return allowed;
      const ring = await readKeyring(v);
      const bureau = await readBureau(v);
      const logRows = await v.db.exchangeLog.orderBy('at').reverse().limit(200).toArray();
      const log = await Promise.all(logRows.map((r) => logTable.fromRow(v.cipher, asRow(r))));
      const items = await readPolicyItems(v);
      return ok({
        mode: modeOf(v),
        unit: { code: v.session.unit.code, name: v.session.unit.name },
        key: ring ? keyInfo(ring.current) : null,
        pendingKey: ring?.pending ? { ...keyInfo(ring.pending.key), effectiveFromSequence: ring.pending.effectiveFromSequence } : null,
        retiredKeys: ring?.retired ?? [],
        outgoing: await readOutgoing(v),
        bureau: bureau
          ? {
              ...bureau,
              keys: bureau.keys.map((k) => ({
                fingerprint: k.fingerprint,
                fingerprintText: formatFingerprint(k.fingerprint),
                algorithm: k.algorithm,
                ...(k.validFromSequence !== undefined ? { validFromSequence: k.validFromSequence } : {}),
                ...(k.validUntilSequence !== undefined ? { validUntilSequence: k.validUntilSequence } : {}),
              })),
            }
          : null,
        log,
        ...items,
        may: { export: authorize(v.session.roles, 'exchange.export').ok, import: authorize(v.session.roles, 'exchange.import').ok },
      });
    });
  }

  /** 生成签名密钥: once, before the first bundle. Refusals: EXCHANGE_KEY_EXISTS. */
  createKey(algorithm: SignatureAlgorithm): Promise<Result<KeyInfo>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'exchange.export');
      if (!allowed.ok) return allowed;
      const before = await settingBytes(v, SETTING.keyring);
      if (before) return refuse('EXCHANGE_KEY_EXISTS');
      const ring = newKeyring(algorithm, this.random(KEY_RANDOM_BYTES[algorithm]), v.now().toISOString());
      const row = await settingRow(v.cipher, SETTING.keyring, ring);
      await v.commit(
        [v.db.settings],
        async () => {
          if (await v.db.settings.get(SETTING.keyring)) throw new StaleError('settings');
          await v.db.settings.put(row);
        },
        [{ action: 'exchange.key_created', detail: { algorithm, fingerprint: ring.current.fingerprint } }],
      );
      return ok(keyInfo(ring.current));
    });
  }

  /**
   * 更换密钥: a new key, announced in the next bundle by a statement the current key signs; it signs
   * from the bundle after that. Refusals: EXCHANGE_NO_KEY, ROTATION_INVALID.
   */
  rotateKey(algorithm: SignatureAlgorithm): Promise<Result<KeyInfo & { effectiveFromSequence: number }>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'exchange.export');
      if (!allowed.ok) return allowed;
      const before = await settingBytes(v, SETTING.keyring);
      const ring = await readKeyring(v);
      if (!ring) return refuse('EXCHANGE_NO_KEY');
      const nextSequence = ((await readOutgoing(v))?.sequence ?? 0) + 1;
      const now = v.now();
      const next = startRotation(ring, {
        algorithm,
        random: this.random(KEY_RANDOM_BYTES[algorithm]),
        unit: { code: v.session.unit.code, name: v.session.unit.name },
        nextSequence,
        date: localDate(now),
        at: now.toISOString(),
      });
      if (!next.ok) return next;
      const pending = next.value.pending;
      if (!pending) return refuse('ROTATION_INVALID', { reason: 'schema' });
      const row = await settingRow(v.cipher, SETTING.keyring, next.value);
      await v.commit(
        [v.db.settings],
        async () => {
          if (!sameBytes((await v.db.settings.get(SETTING.keyring))?.ct, before)) throw new StaleError('settings');
          await v.db.settings.put(row);
        },
        [
          {
            action: 'exchange.key_rotation_started',
            detail: { oldKey: ring.current.fingerprint, newKey: pending.key.fingerprint, algorithm, effectiveFromSequence: pending.effectiveFromSequence },
          },
        ],
      );
      return ok({ ...keyInfo(pending.key), effectiveFromSequence: pending.effectiveFromSequence });
    });
  }

  /**
   * Unit mode: pins the bureau's public key (PEM) with the bureau's code and name; policy bundles are
   * then accepted from that key only. Pinning another key replaces it (audited with both
   * fingerprints); the chain position is kept. Refusals: EXCHANGE_WRONG_MODE, KEY_*, EXCHANGE_BUREAU_INVALID.
   */
  pinBureauKey(pem: string, bureau: { code: string; name: string }): Promise<Result<PinnedBureau>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'exchange.import');
      if (!allowed.ok) return allowed;
      if (modeOf(v) !== 'unit') return refuse('EXCHANGE_WRONG_MODE');
      const code = bureau.code.trim();
      const name = bureau.name.trim();
      if (!UNIT_CODE_PATTERN.test(code)) return refuse('EXCHANGE_BUREAU_INVALID', { field: 'code' });
      if (name.length < 2 || name.length > 60) return refuse('EXCHANGE_BUREAU_INVALID', { field: 'name' });
      const key = parsePublicKeyPem(pem);
      if (!key.ok) return key;
      const before = await settingBytes(v, SETTING.bureau);
      const old = await readBureau(v);
      const pinned: PinnedBureau = {
        code,
        name,
        keys: [storedTrustedKey(key.value)],
        pinnedAt: v.now().toISOString(),
        pinnedBy: v.session.displayName,
        position: old?.position ?? null,
      };
      const row = await settingRow(v.cipher, SETTING.bureau, pinned);
      await v.commit(
        [v.db.settings],
        async () => {
          if (!sameBytes((await v.db.settings.get(SETTING.bureau))?.ct, before)) throw new StaleError('settings');
          await v.db.settings.put(row);
        },
        [{ action: 'exchange.bureau_key_pinned', detail: { code, fingerprint: pinned.keys[0]?.fingerprint ?? '', replaced: old ? old.keys.map((k) => k.fingerprint) : [] } }],
      );
      return ok(pinned);
    });
  }

  /**
   * Unit mode: builds and signs the next export (上报) — everything (full), or what changed since the
   * last bundle (delta) — without recording it yet (see outgoing.ts). Refusals: EXCHANGE_WRONG_MODE,
   * EXCHANGE_NO_KEY, BUNDLE_INPUT_INVALID.
   */
  prepareExport(mode: ExportMode, onProgress?: (p: ExportProgress) => void): Promise<Result<PreparedBundle>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'exchange.export');
      if (!allowed.ok) return allowed;
      if (modeOf(v) !== 'unit') return refuse('EXCHANGE_WRONG_MODE');
      if (!(await readKeyring(v))) return refuse('EXCHANGE_NO_KEY');
      const last = await readOutgoing(v);
      const now = v.now();
      const cutoff = now.toISOString();
      const effective: ExportMode = last ? mode : 'full';
      const to = localDate(now);
      // A delta after a bundle written before batches were exported carries every batch once.
      const batchesSince = effective === 'delta' && last?.batches ? last.cutoff : null;
      const read = await readForExport(v, { mode: effective, since: last?.cutoff ?? null, batchesSince, cutoff, today: to, auditAfter: last?.auditSeq ?? 0, onProgress });
      const fromTime = effective === 'delta' && last ? last.cutoff : read.earliest;
      const from = fromTime ? localDate(new Date(fromTime)) : to;
      const period = { from: from <= to ? from : to, to };
      onProgress?.({ phase: 'build', done: 0, total: 1 });
      const content = unitExportContent({ ...read, mode: effective, cutoff, period });
      const auditSeq = read.audit.reduce((m, a) => Math.max(m, a.seq), last?.auditSeq ?? 0);
      const prepared = await prepareBundle(v, { kind: 'unit-export', mode: effective, cutoff, period, content, auditSeq, batches: true });
      onProgress?.({ phase: 'build', done: 1, total: 1 });
      return prepared;
    });
  }

  /** Records a prepared bundle once its bytes are in the file (before the file gets its name). */
  recordBundle(prepared: PreparedBundle, saved: { path: string; fileName: string }): Promise<Result<ExchangeLogEntry>> {
    return withVault(this.source, async (v) => {
      const allowed = authorize(v.session.roles, 'exchange.export');
      if (!allowed.ok) return allowed;
      return ok(await recordBundle(v, prepared, saved));
    });
  }

  /**
   * Unit mode: a policy bundle from the bureau (政策下发包). Verified against the pinned key and the
   * last accepted position before anything is written; then the catalogue is applied through the
   * determinations module, the destruction bodies through the destruction module (when it takes
   * them), and in one transaction the lists, the bureau's trusted keys (a rotation), the new
   * position, the log and the audit entry. Each step is idempotent and the position moves last, so
   * importing the same bundle again finishes an interrupted import and otherwise changes nothing.
   */
  importPolicy(bytes: Uint8Array, file: { fileName: string; path: string }): Promise<Result<PolicyImportOutcome>> {
    return withVault(this.source, async (v): Promise<Result<PolicyImportOutcome>> => {
      const allowed = authorize(v.session.roles, 'exchange.import');
      if (!allowed.ok) return allowed;
      if (modeOf(v) !== 'unit') return refuse('EXCHANGE_WRONG_MODE');
      const before = await settingBytes(v, SETTING.bureau);
      const bureau = await readBureau(v);
      if (!bureau) return refuse('EXCHANGE_NO_BUREAU_KEY');
      const refused = async (r: Result<never>): Promise<Result<never>> => {
        if (!r.ok) await v.commit([], async () => undefined, [{ action: 'exchange.import_refused', detail: { kind: 'policy', fileName: file.fileName, code: r.error.code, ...(r.error.params ?? {}) } }]);
        return r;
      };
      const trusted = trustedKeysOf(bureau.keys, bureau.code);
      if (!trusted.ok) return trusted;
      const verified = await verifyBundle(bytes, { trustedKeys: trusted.value, expectedKind: 'policy', expectedUnit: { code: bureau.code }, lastAccepted: bureau.position, sha256: bundleSha256 });
      if (!verified.ok) return refused(verified);
      const b = verified.value;
      const base = { sequence: b.manifest.sequence, manifestHash: b.manifestHash };
      if (b.action === 'already-imported') {
        await v.commit([], async () => undefined, [{ action: 'exchange.import_repeated', detail: { kind: 'policy', ...base, fileName: file.fileName } }]);
        return ok({ ...base, action: 'already-imported', issue: null, applied: { catalogue: null, destructionBodies: null, forms: null, keyRotation: false } });
      }
      const policy = readPolicyContent(b.content, `${b.manifest.unit.code}-${b.manifest.sequence}`);
      if (!policy.ok) return refused(policy);
      const keys = trustAfter(b, trusted.value);
      if (!keys.ok) return refused(keys);
      const p = policy.value;
      if (p.catalogue && !this.deps.applyCatalogue) return refused(refuse('EXCHANGE_CANNOT_APPLY', { part: 'catalogue' }));

      // Everything is checked; from here on each step is written.
      if (p.catalogue && this.deps.applyCatalogue) {
        const applied = await this.deps.applyCatalogue(p.catalogue);
        if (!applied.ok) return refused(applied);
      }
      if (p.destructionBodies && this.deps.applyDestructionBodies) {
        const applied = await this.deps.applyDestructionBodies(p.destructionBodies);
        if (!applied.ok) return refused(applied);
      }
      const at = v.now().toISOString();
      const nextBureau: PinnedBureau = { ...bureau, keys: storedTrustedKeys(keys.value), position: base };
      const entry: ExchangeLogEntry = {
        id: `in-policy-${String(b.manifest.sequence).padStart(10, '0')}`,
        at,
        direction: 'in',
        kind: 'policy',
        issuer: b.manifest.unit,
        sequence: b.manifest.sequence,
        manifestHash: b.manifestHash,
        period: b.manifest.period,
        createdAt: b.manifest.createdAt,
        counts: b.manifest.counts,
        keyFingerprint: b.manifest.keyFingerprint,
        algorithm: b.manifest.algorithm,
        fileName: file.fileName,
        path: file.path,
        mode: null,
        byName: v.session.displayName,
      };
      const items: PolicyItem[] = [
        ...(p.destructionBodies ?? []).map((body): PolicyItem => ({ id: `destruction-body:${body.id}`, kind: 'destruction-body', body })),
        ...(p.forms ?? []).map((form): PolicyItem => ({ id: `form:${form.id}`, kind: 'form', form })),
      ];
      const itemRows = await Promise.all(items.map((i) => policyItemsTable.toRow(v.cipher, i)));
      const bureauRow = await settingRow(v.cipher, SETTING.bureau, nextBureau);
      const logRow = await logTable.toRow(v.cipher, entry);
      const replace = [...(p.destructionBodies ? ['destruction-body'] : []), ...(p.forms ? ['form'] : [])];
      await v.commit(
        [v.db.settings, v.db.policyItems, v.db.exchangeLog],
        async () => {
          if (!sameBytes((await v.db.settings.get(SETTING.bureau))?.ct, before)) throw new StaleError('settings');
          for (const kind of replace) await v.db.policyItems.where('kind').equals(kind).delete();
          await v.db.policyItems.bulkPut(itemRows.map((r) => ({ id: r.id, kind: r.kind, ct: r.ct })));
          await v.db.settings.put(bureauRow);
          await v.db.exchangeLog.put({ id: logRow.id, at: logRow.at, ct: logRow.ct });
        },
        [
          {
            action: 'exchange.policy_imported',
            detail: {
              ...base,
              issuer: b.manifest.unit.code,
              issue: p.notice?.issue ?? null,
              counts: b.manifest.counts,
              fileName: file.fileName,
              ...(keys.value.length !== trusted.value.length ? { bureauKeys: nextBureau.keys.map((k) => k.fingerprint) } : {}),
            },
          },
        ],
      );
      return ok({
        ...base,
        action: 'import',
        issue: p.notice?.issue ?? null,
        applied: {
          catalogue: p.catalogue ? p.catalogue.items.length : null,
          destructionBodies: p.destructionBodies ? p.destructionBodies.length : null,
          forms: p.forms ? p.forms.length : null,
          keyRotation: keys.value.length !== trusted.value.length,
        },
      });
    });
  }
}
