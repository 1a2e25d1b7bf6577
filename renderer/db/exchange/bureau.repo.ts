import { authorize } from '../../../shared/auth/permissions';
import type { BundleRecord } from '../../../shared/bundle/content';
import { fingerprint, formatFingerprint, parsePublicKeyPem, type SignatureAlgorithm } from '../../../shared/bundle/keys';
import { DEFAULT_BUNDLE_LIMITS, openBundle, verifyBundle } from '../../../shared/bundle/verify';
import { inForce, type CatalogueEntry } from '../../../shared/determination/catalogue';
import { checkAuditSegment, type AuditHead } from '../../../shared/exchange/auditSegment';
import {
  destroyedCarriers,
  expiringPeriods,
  missingCarriers,
  overdueCarriers,
  reportingStatus,
  sortedBatches,
  sortedDecommissions,
  type DestroyedCarrier,
  type ExpiringItem,
  type MissingCarrier,
  type OverdueCarrier,
  type ReportingStatus,
} from '../../../shared/exchange/bureauView';
import { storedTrustedKey, storedTrustedKeys, trustedKeysOf } from '../../../shared/exchange/keyring';
import { destructionBodySchema, policyContent, policyFormSchema, type DestructionBody, type PolicyForm } from '../../../shared/exchange/policy';
import {
  checkUnitContent,
  receivedBatchSchema,
  receivedCarrierSchema,
  receivedDecommissionSchema,
  receivedStatisticsSchema,
  trustAfter,
  type ReceivedBatch,
  type ReceivedCarrier,
  type ReceivedDecommission,
} from '../../../shared/exchange/receive';
import type { CarrierTotals } from '../../../shared/exchange/statistics';
import { ok, refuse, type Result } from '../../../shared/result';
import { UNIT_CODE_PATTERN } from '../../../shared/setup';
import { asRow, localDate, StaleError, withVault, type VaultSource } from '../ledgerAccess';
import type { Vault } from '../ledgerStore';
import { bundleSha256 } from './digest';
import { modeOf } from './exchange.repo';
import type { BureauRecordRow } from '../schema';
import {
  APPEND_ONLY_PARTS,
  runRows,
  importsTable,
  policyItemsTable,
  recordsTable,
  unitsTable,
  type BureauImport,
  type PolicyItem,
  type RegisteredUnit,
} from './exchangeStore';
import { prepareBundle, type PreparedBundle } from './outgoing';

/**
 * 上级部门模式: the bureau registers units by their public keys, imports their bundles (all checks
 * first, then one transaction with the unit's records and new position), sees each unit's ledger
 * and what needs attention, and writes policy bundles back. Roles: exchange.import to register and
 * import, exchange.export to keep the lists it sends and to write policy bundles; reading needs either.
 */

export interface UnitKeyView {
  fingerprint: string;
  fingerprintText: string;
  algorithm: SignatureAlgorithm;
  validFromSequence?: number;
  validUntilSequence?: number;
}

export interface UnitSummary {
  id: string;
  code: string;
  name: string;
  keys: UnitKeyView[];
  registeredAt: string;
  position: RegisteredUnit['position'];
  reporting: ReportingStatus;
  /** The totals the unit's last bundle reported (its whole ledger), or null before the first bundle. */
  totals: CarrierTotals | null;
  overdueReported: number | null;
}

export interface UnitDetail {
  unit: UnitSummary;
  imports: BureauImport[];
  carriers: ReceivedCarrier[];
  overdue: OverdueCarrier[];
  missing: MissingCarrier[];
  expiring: ExpiringItem[];
  /** Each destroyed carrier with its batch, body, escorts and certificate. */
  destructions: DestroyedCarrier[];
  /** 销毁批次 as the unit recorded them. */
  batches: ReceivedBatch[];
  /** 停用/报废 of devices with their erasure. */
  decommissions: ReceivedDecommission[];
}

export interface UnitImportOutcome {
  action: 'import' | 'already-imported';
  unitId: string;
  unitCode: string;
  unitName: string;
  sequence: number;
  manifestHash: string;
  counts: Record<string, number>;
  keyRotation: boolean;
}

export interface ImportProgress {
  phase: 'verify' | 'encrypt' | 'write';
  done: number;
  total: number;
}

export interface BureauDeps {
  /** The bureau's own catalogue (kept in 定密 → 事项一览表), for its policy bundles. */
  readCatalogue?: () => Promise<Result<CatalogueEntry[]>>;
}

const keyView = (k: RegisteredUnit['keys'][number]): UnitKeyView => ({
  fingerprint: k.fingerprint,
  fingerprintText: formatFingerprint(k.fingerprint),
  algorithm: k.algorithm,
  ...(k.validFromSequence !== undefined ? { validFromSequence: k.validFromSequence } : {}),
  ...(k.validUntilSequence !== undefined ? { validUntilSequence: k.validUntilSequence } : {}),
});

async function readUnits(v: Vault): Promise<RegisteredUnit[]> {
  const rows = await v.db.bureauUnits.toArray();
  const units = await Promise.all(rows.map((r) => unitsTable.fromRow(v.cipher, asRow(r))));
  return units.sort((a, b) => a.code.localeCompare(b.code));
}

async function readImports(v: Vault, unitId: string): Promise<BureauImport[]> {
  const rows = await v.db.bureauImports.where('unitId').equals(unitId).toArray();
  const list = await Promise.all(rows.map((r) => importsTable.fromRow(v.cipher, asRow(r))));
  return list.sort((a, b) => b.sequence - a.sequence);
}

/**
 * A part's records. Append-only parts: every run's records, in order. Replaceable parts (carriers,
 * determinations, …): the latest version of each record — rows of one record each (written before
 * runs were used for every part) first, then the runs in bundle order, a later one replacing an
 * earlier record of the same id.
 */
async function readPart(v: Vault, unitId: string, part: string): Promise<BundleRecord[]> {
  const rows = await v.db.bureauRecords.where('[unitId+part]').equals([unitId, part]).toArray();
  const docs = await Promise.all(rows.map((r) => recordsTable.fromRow(v.cipher, asRow(r))));
  if (APPEND_ONLY_PARTS.has(part)) return docs.flatMap((d) => ('records' in d ? d.records : [d.record]));
  const latest = new Map<string, BundleRecord>();
  for (const d of docs) if ('record' in d) latest.set(d.record.id, d.record);
  const runs = docs.filter((d) => 'records' in d).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const d of runs) if ('records' in d) for (const r of d.records) latest.set(r.id, r);
  return [...latest.values()];
}

/** Parsed records of a part; a record not in the shape is skipped (it was checked at import). */
async function readParsed<T>(v: Vault, unitId: string, part: string, schema: { safeParse(r: unknown): { success: true; data: T } | { success: false } }): Promise<T[]> {
  return (await readPart(v, unitId, part)).flatMap((r) => {
    const p = schema.safeParse(r);
    return p.success ? [p.data] : [];
  });
}

/**
 * Where the unit's accepted audit trail ends: kept with the unit since the chain is checked; for a
 * unit whose bundles were imported before, the last of its stored audit records; null when none.
 */
async function auditHeadOf(v: Vault, unit: RegisteredUnit): Promise<AuditHead | null> {
  if (unit.position === null) return null;
  if (unit.auditHead !== undefined) return unit.auditHead;
  let head: AuditHead | null = null;
  for (const r of await readPart(v, unit.id, 'audit')) {
    if (typeof r.seq === 'number' && typeof r.hash === 'string' && (!head || r.seq > head.seq)) head = { seq: r.seq, hash: r.hash };
  }
  return head;
}

async function summaryOf(v: Vault, unit: RegisteredUnit, today: string): Promise<UnitSummary> {
  const imports = await readImports(v, unit.id);
  const stats = (await readPart(v, unit.id, 'statistics')).map((r) => receivedStatisticsSchema.safeParse(r)).find((p) => p.success)?.data;
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    keys: unit.keys.map(keyView),
    registeredAt: unit.registeredAt,
    position: unit.position,
    reporting: reportingStatus(imports, today),
    totals: stats ? (stats.carriers as unknown as CarrierTotals) : null,
    overdueReported: stats ? stats.overdue : null,
  };
}

function bureauOnly(v: Vault, action: 'exchange.import' | 'exchange.export' | 'read'): Result<void> {
  if (action === 'read') {
    if (!authorize(v.session.roles, 'exchange.import').ok && !authorize(v.session.roles, 'exchange.export').ok) return refuse('NOT_PERMITTED', { action: 'exchange.import' });
  } else {
    const allowed = authorize(v.session.roles, action);
    if (!allowed.ok) return allowed;
  }
  return modeOf(v) === 'bureau' ? ok(undefined) : refuse('EXCHANGE_WRONG_MODE');
}

export class BureauRepo {
  constructor(
    private readonly source: VaultSource,
    private readonly deps: BureauDeps = {},
  ) {}

  units(): Promise<Result<UnitSummary[]>> {
    return withVault(this.source, async (v) => {
      const allowed = bureauOnly(v, 'read');
      if (!allowed.ok) return allowed;
      const today = localDate(v.now());
      return ok(await Promise.all((await readUnits(v)).map((u) => summaryOf(v, u, today))));
    });
  }

  /**
   * 登记单位: a unit by its code, name and public key (the PEM file it handed over, whose fingerprint
   * the bureau compares with the printed one). Refusals: EXCHANGE_WRONG_MODE, EXCHANGE_UNIT_INVALID
   * {field}, EXCHANGE_UNIT_EXISTS {code}, EXCHANGE_KEY_TAKEN {code}, KEY_*.
   */
  registerUnit(input: { pem: string; code: string; name: string }): Promise<Result<UnitSummary>> {
    return withVault(this.source, async (v) => {
      const allowed = bureauOnly(v, 'exchange.import');
      if (!allowed.ok) return allowed;
      const code = input.code.trim();
      const name = input.name.trim();
      if (!UNIT_CODE_PATTERN.test(code)) return refuse('EXCHANGE_UNIT_INVALID', { field: 'code' });
      if (name.length < 2 || name.length > 60) return refuse('EXCHANGE_UNIT_INVALID', { field: 'name' });
      const key = parsePublicKeyPem(input.pem);
      if (!key.ok) return key;
      const units = await readUnits(v);
      if (units.some((u) => u.code === code)) return refuse('EXCHANGE_UNIT_EXISTS', { code });
      const fp = fingerprint(key.value);
      const holder = units.find((u) => u.keys.some((k) => k.fingerprint === fp));
      if (holder) return refuse('EXCHANGE_KEY_TAKEN', { code: holder.code });
      const unit: RegisteredUnit = {
        id: crypto.randomUUID(),
        code,
        name,
        keys: [storedTrustedKey(key.value)],
        registeredAt: v.now().toISOString(),
        registeredBy: v.session.displayName,
        position: null,
        version: 1,
      };
      const row = await unitsTable.toRow(v.cipher, unit);
      await v.commit(
        [v.db.bureauUnits],
        async () => {
          // Another unit registered meanwhile is re-checked by the caller's next read; the id is new.
          await v.db.bureauUnits.add({ id: row.id, version: row.version, ct: row.ct });
        },
        [{ action: 'exchange.unit_registered', detail: { unitId: unit.id, code, fingerprint: fp, algorithm: key.value.algorithm } }],
      );
      return ok(await summaryOf(v, unit, localDate(v.now())));
    });
  }

  /**
   * 导入单位数据包: every check first — archive, manifest, the unit's registered key, signature, every
   * file, the unit's sequence and hash chain, the content's shape, a key rotation — and only then
   * one transaction: the unit's records, its new position (and keys), the import log and the audit
   * entry. The last accepted bundle again changes nothing. Each refusal is audited with its code.
   */
  importBundle(bytes: Uint8Array, file: { fileName: string; path: string }, onProgress?: (p: ImportProgress) => void): Promise<Result<UnitImportOutcome>> {
    return withVault(this.source, async (v): Promise<Result<UnitImportOutcome>> => {
      const allowed = bureauOnly(v, 'exchange.import');
      if (!allowed.ok) return allowed;
      const refused = async (r: Result<never>): Promise<Result<never>> => {
        if (!r.ok) await v.commit([], async () => undefined, [{ action: 'exchange.import_refused', detail: { kind: 'unit-export', fileName: file.fileName, code: r.error.code, ...(r.error.params ?? {}) } }]);
        return r;
      };
      onProgress?.({ phase: 'verify', done: 0, total: 1 });
      const opened = await openBundle(bytes, DEFAULT_BUNDLE_LIMITS, bundleSha256);
      if (!opened.ok) return refused(opened);
      const claimed = opened.value.manifest.unit.code;
      const unit = (await readUnits(v)).find((u) => u.code === claimed);
      const trusted = unit ? trustedKeysOf(unit.keys, unit.code) : ok([]);
      if (!trusted.ok) return trusted;
      const verified = await verifyBundle(bytes, {
        trustedKeys: trusted.value,
        expectedKind: 'unit-export',
        expectedUnit: { code: claimed },
        lastAccepted: unit?.position ?? null,
        sha256: bundleSha256,
        // Events are stored as the file's own lines and read by nothing here: checked, not kept.
        keepRecords: (name) => name !== 'events',
      });
      if (!verified.ok) return refused(verified);
      if (!unit) return refused(refuse('BUNDLE_UNKNOWN_KEY', { unit: claimed, fingerprint: formatFingerprint(opened.value.manifest.keyFingerprint) }));
      const b = verified.value;
      const base = { unitId: unit.id, unitCode: unit.code, unitName: unit.name, sequence: b.manifest.sequence, manifestHash: b.manifestHash, counts: b.manifest.counts };
      if (b.action === 'already-imported') {
        await v.commit([], async () => undefined, [{ action: 'exchange.import_repeated', detail: { kind: 'unit-export', unitId: unit.id, code: unit.code, sequence: b.manifest.sequence, manifestHash: b.manifestHash } }]);
        return ok({ ...base, action: 'already-imported', keyRotation: false });
      }
      const shape = checkUnitContent(b.content);
      if (!shape.ok) return refused(shape);
      // The audit segment: every entry's hash, its links, and continuity with the last accepted one.
      const segment = checkAuditSegment(b.content.get('audit') ?? [], await auditHeadOf(v, unit));
      if (!segment.ok) return refused(segment);
      const keys = trustAfter(b, trusted.value);
      if (!keys.ok) return refused(keys);
      onProgress?.({ phase: 'verify', done: 1, total: 1 });

      // Everything is checked: encrypt, then write it all in one transaction.
      // Every part in runs (a full bundle's 1.1 million records are ~1,100 rows), sealed from the
      // checked files' own lines (runRows); a later bundle's run of a replaceable part replaces
      // records by id when read (readPart).
      const rows: BureauRecordRow[] = [];
      const parts = [...b.contentBytes];
      for (const [n, [part, fileBytes]] of parts.entries()) {
        rows.push(...(await runRows(v.cipher, unit.id, part, b.manifest.sequence, fileBytes)));
        onProgress?.({ phase: 'encrypt', done: n + 1, total: parts.length });
      }
      const now = v.now().toISOString();
      const imported: BureauImport = {
        id: `${unit.id}|${String(b.manifest.sequence).padStart(10, '0')}`,
        unitId: unit.id,
        sequence: b.manifest.sequence,
        manifestHash: b.manifestHash,
        period: b.manifest.period,
        createdAt: b.manifest.createdAt,
        counts: b.manifest.counts,
        importedAt: now,
        byName: v.session.displayName,
        fileName: file.fileName,
      };
      const rotated = keys.value.length !== trusted.value.length;
      const nextUnit: RegisteredUnit = { ...unit, keys: storedTrustedKeys(keys.value), position: { sequence: b.manifest.sequence, manifestHash: b.manifestHash }, auditHead: segment.value.head, version: unit.version + 1 };
      const unitRow = await unitsTable.toRow(v.cipher, nextUnit);
      const importRow = await importsTable.toRow(v.cipher, imported);
      onProgress?.({ phase: 'write', done: 0, total: 1 });
      await v.commit(
        [v.db.bureauUnits, v.db.bureauImports, v.db.bureauRecords],
        async () => {
          const current = await v.db.bureauUnits.get(unit.id);
          if (current?.version !== unit.version) throw new StaleError('bureauUnits');
          await v.db.bureauRecords.bulkPut(rows);
          await v.db.bureauImports.add({ id: importRow.id, unitId: importRow.unitId, ct: importRow.ct });
          await v.db.bureauUnits.put({ id: unitRow.id, version: unitRow.version, ct: unitRow.ct });
        },
        [
          {
            action: 'exchange.imported',
            detail: {
              unitId: unit.id,
              code: unit.code,
              sequence: b.manifest.sequence,
              manifestHash: b.manifestHash,
              period: b.manifest.period,
              counts: b.manifest.counts,
              fileName: file.fileName,
              ...(rotated ? { unitKeys: nextUnit.keys.map((k) => k.fingerprint) } : {}),
            },
          },
        ],
      );
      onProgress?.({ phase: 'write', done: 1, total: 1 });
      return ok({ ...base, action: 'import', keyRotation: rotated });
    });
  }

  /** One unit as the bureau sees it: its ledger and what needs attention. */
  unitDetail(unitId: string, windowDays = 90): Promise<Result<UnitDetail>> {
    return withVault(this.source, async (v) => {
      const allowed = bureauOnly(v, 'read');
      if (!allowed.ok) return allowed;
      const unit = (await readUnits(v)).find((u) => u.id === unitId);
      if (!unit) return refuse('EXCHANGE_UNIT_NOT_FOUND');
      const today = localDate(v.now());
      const carriers = (await readPart(v, unitId, 'carriers'))
        .map((r) => receivedCarrierSchema.safeParse(r))
        .flatMap((p) => (p.success ? [p.data] : []))
        .sort((a, b) => b.registeredAt.localeCompare(a.registeredAt) || a.registryNumber.localeCompare(b.registryNumber));
      const batches = sortedBatches(await readParsed(v, unitId, 'destruction-batches', receivedBatchSchema));
      const destructions = destroyedCarriers(await readPart(v, unitId, 'destructions'), batches);
      return ok({
        unit: await summaryOf(v, unit, today),
        imports: await readImports(v, unitId),
        carriers,
        overdue: overdueCarriers(carriers, today),
        missing: missingCarriers(await readPart(v, unitId, 'inventories'), carriers),
        expiring: expiringPeriods(await readPart(v, unitId, 'determinations'), today, windowDays),
        destructions,
        batches,
        decommissions: sortedDecommissions(await readParsed(v, unitId, 'device-decommissions', receivedDecommissionSchema)),
      });
    });
  }

  // --- the bureau's policy: lists it keeps and the bundles it writes ---------------------------

  saveDestructionBody(body: DestructionBody): Promise<Result<DestructionBody>> {
    return this.saveItem({ id: `destruction-body:${body.id}`, kind: 'destruction-body', body }, destructionBodySchema.safeParse(body).success).then((r) => (r.ok ? ok(body) : r));
  }

  saveForm(form: PolicyForm): Promise<Result<PolicyForm>> {
    return this.saveItem({ id: `form:${form.id}`, kind: 'form', form }, policyFormSchema.safeParse(form).success).then((r) => (r.ok ? ok(form) : r));
  }

  removeItem(kind: PolicyItem['kind'], id: string): Promise<Result<void>> {
    return withVault(this.source, async (v) => {
      const allowed = bureauOnly(v, 'exchange.export');
      if (!allowed.ok) return allowed;
      const key = `${kind}:${id}`;
      await v.commit([v.db.policyItems], async () => v.db.policyItems.delete(key), [{ action: 'exchange.policy_item_removed', detail: { kind, id } }]);
      return ok(undefined);
    });
  }

  private saveItem(item: PolicyItem, valid: boolean): Promise<Result<void>> {
    return withVault(this.source, async (v) => {
      const allowed = bureauOnly(v, 'exchange.export');
      if (!allowed.ok) return allowed;
      if (!valid) return refuse('POLICY_CONTENT_INVALID', { part: item.kind, id: item.id });
      const row = await policyItemsTable.toRow(v.cipher, item);
      await v.commit([v.db.policyItems], async () => v.db.policyItems.put({ id: row.id, kind: row.kind, ct: row.ct }).then(() => undefined), [
        { action: 'exchange.policy_item_saved', detail: { kind: item.kind, id: item.id } },
      ]);
      return ok(undefined);
    });
  }

  /**
   * 编制政策下发包: the notice (issue number and note) and the parts chosen — the catalogue in force
   * (from 定密 → 事项一览表), the destruction bodies and forms kept here — signed with the bureau's
   * key, in the bureau's own chain. Recorded like a unit's export (ExchangeRepo.recordBundle).
   * Refusals: EXCHANGE_WRONG_MODE, EXCHANGE_NO_KEY, EXCHANGE_POLICY_EMPTY, EXCHANGE_CANNOT_APPLY.
   */
  preparePolicy(input: { issue: string; note: string; catalogue: boolean; destructionBodies: boolean; forms: boolean }): Promise<Result<PreparedBundle>> {
    return withVault(this.source, async (v) => {
      const allowed = bureauOnly(v, 'exchange.export');
      if (!allowed.ok) return allowed;
      const issue = input.issue.trim();
      if (issue.length < 1 || issue.length > 100) return refuse('EXCHANGE_POLICY_INVALID', { field: 'issue' });
      let catalogue;
      if (input.catalogue) {
        if (!this.deps.readCatalogue) return refuse('EXCHANGE_CANNOT_APPLY', { part: 'catalogue' });
        const entries = await this.deps.readCatalogue();
        if (!entries.ok) return entries;
        catalogue = inForce(entries.value).map((c) => ({
          code: c.code,
          title: c.title,
          level: c.level,
          defaultPeriod: c.defaultPeriod,
          ...(c.longerPeriodBasis ? { longerPeriodBasis: c.longerPeriodBasis } : {}),
          scopeHint: c.scopeHint,
        }));
        if (catalogue.length === 0) return refuse('EXCHANGE_POLICY_EMPTY', { part: 'catalogue' });
      }
      const rows = await v.db.policyItems.toArray();
      const items = await Promise.all(rows.map((r) => policyItemsTable.fromRow(v.cipher, asRow(r))));
      const bodies = items.flatMap((i) => (i.kind === 'destruction-body' ? [i.body] : []));
      const forms = items.flatMap((i) => (i.kind === 'form' ? [i.form] : []));
      const now = v.now();
      const today = localDate(now);
      const content = policyContent({
        notice: { issue, note: input.note },
        ...(catalogue ? { catalogue } : {}),
        ...(input.destructionBodies ? { destructionBodies: bodies } : {}),
        ...(input.forms ? { forms } : {}),
      });
      return prepareBundle(v, { kind: 'policy', mode: null, cutoff: now.toISOString(), period: { from: today, to: today }, content, auditSeq: 0 });
    });
  }
}
