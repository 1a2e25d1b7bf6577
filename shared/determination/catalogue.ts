import { authorize } from '../auth/permissions';
import { isLevel, validatePeriod, type Level, type Period } from '../ledger/classification';
import { ok, refuse, type Result } from '../result';

/**
 * 事项一览表: the unit's list of state-secret and work-secret items, issued and updated by the
 * supervising bureau and kept by the secrecy office. Entries are versioned: a version is never
 * changed, a revision or withdrawal is a new version, and a determination cites the exact version.
 */
export interface CatalogueVersion {
  entryId: string;
  /** 1, 2, 3 … per entry. */
  version: number;
  /** 条目编号 as the catalogue prints it, e.g. `3.2`. */
  code: string;
  /** 事项名称. */
  title: string;
  /** 绝密 / 机密 / 秘密 / 工作秘密 (never 非密). */
  level: Level;
  defaultPeriod: Period;
  /** 其他规定 when the default period is over the legal maximum. */
  longerPeriodBasis?: string;
  /** 知悉范围 as the catalogue suggests it (free text; the determination names the real scope). */
  scopeHint: string;
  status: 'in_force' | 'withdrawn';
  /** Edited here by the secrecy office, or received in a policy bundle from the bureau. */
  source: { kind: 'local' } | { kind: 'bureau'; issue: string };
  /** Why this version exists (what changed, why withdrawn). */
  note: string;
  at: string;
  actor: string;
  actorName: string;
}

export interface CatalogueEntry {
  id: string;
  /** Oldest first; never empty. */
  versions: CatalogueVersion[];
}

/** What the clerk types (or the bureau's list holds) for one entry. */
export type CatalogueInput = Pick<CatalogueVersion, 'code' | 'title' | 'level' | 'defaultPeriod' | 'longerPeriodBasis' | 'scopeHint'> & { note?: string };

export interface CatalogueActor {
  accountId: string;
  displayName: string;
  roles: readonly string[];
}

export function currentVersion(entry: CatalogueEntry): CatalogueVersion {
  const last = entry.versions[entry.versions.length - 1];
  if (!last) throw new Error(`catalogue entry ${entry.id} has no versions`);
  return last;
}

/** Entries in force, ordered by code as the printed list is (1.2 before 1.10). */
export function inForce(entries: readonly CatalogueEntry[]): CatalogueVersion[] {
  return entries
    .map(currentVersion)
    .filter((v) => v.status === 'in_force')
    .sort((a, b) => a.code.localeCompare(b.code, 'zh-CN', { numeric: true }));
}

/**
 * Refusals: CATALOGUE_CODE_REQUIRED, CATALOGUE_TITLE_REQUIRED, CATALOGUE_LEVEL_INVALID, the period
 * codes (a default over the legal maximum needs its 其他规定 too).
 */
export function validateCatalogueInput(input: CatalogueInput): Result<CatalogueInput> {
  const code = input.code.trim();
  const title = input.title.trim();
  if (code.length === 0 || code.length > 32) return refuse('CATALOGUE_CODE_REQUIRED');
  if (title.length === 0 || title.length > 200) return refuse('CATALOGUE_TITLE_REQUIRED');
  if (!isLevel(input.level) || input.level === 'unclassified') return refuse('CATALOGUE_LEVEL_INVALID');
  const longer = input.longerPeriodBasis?.trim() || undefined;
  const period = validatePeriod(input.level, input.defaultPeriod, longer);
  if (!period.ok) return period;
  return ok({
    code,
    title,
    level: input.level,
    defaultPeriod: period.value,
    ...(longer ? { longerPeriodBasis: longer } : {}),
    scopeHint: input.scopeHint.trim(),
    ...(input.note?.trim() ? { note: input.note.trim() } : {}),
  });
}

export interface CatalogueEditContext {
  actor: CatalogueActor;
  at: string;
  /** Id for a new entry; ignored when revising. */
  newEntryId: string;
}

/**
 * A new entry (entryId null) or a new version of an existing one, edited here by the secrecy office.
 * Refusals: NOT_PERMITTED, CATALOGUE_ENTRY_NOT_FOUND, CATALOGUE_CODE_TAKEN {code}, CATALOGUE_NO_CHANGE,
 * and those of validateCatalogueInput.
 */
export function reviseCatalogue(
  entries: readonly CatalogueEntry[],
  entryId: string | null,
  input: CatalogueInput,
  ctx: CatalogueEditContext,
): Result<CatalogueVersion> {
  const allowed = authorize(ctx.actor.roles, 'catalogue.edit');
  if (!allowed.ok) return allowed;
  const valid = validateCatalogueInput(input);
  if (!valid.ok) return valid;
  const v = valid.value;
  const entry = entryId === null ? null : entries.find((e) => e.id === entryId);
  if (entry === undefined) return refuse('CATALOGUE_ENTRY_NOT_FOUND');
  const id = entry?.id ?? ctx.newEntryId;
  const taken = inForce(entries).find((c) => c.code === v.code && c.entryId !== id);
  if (taken) return refuse('CATALOGUE_CODE_TAKEN', { code: v.code });
  const next = versionOf(v, id, entry ? currentVersion(entry).version + 1 : 1, { kind: 'local' }, ctx);
  if (entry && sameContent(currentVersion(entry), next)) return refuse('CATALOGUE_NO_CHANGE');
  return ok(next);
}

/** Withdraws an entry (a new version saying so); it can no longer be cited. Refusals: NOT_PERMITTED, CATALOGUE_ENTRY_NOT_FOUND, CATALOGUE_ALREADY_WITHDRAWN, CATALOGUE_NOTE_REQUIRED. */
export function withdrawCatalogueEntry(entry: CatalogueEntry | undefined, note: string, ctx: Omit<CatalogueEditContext, 'newEntryId'>): Result<CatalogueVersion> {
  const allowed = authorize(ctx.actor.roles, 'catalogue.edit');
  if (!allowed.ok) return allowed;
  if (!entry) return refuse('CATALOGUE_ENTRY_NOT_FOUND');
  const current = currentVersion(entry);
  if (current.status === 'withdrawn') return refuse('CATALOGUE_ALREADY_WITHDRAWN');
  if (note.trim().length === 0) return refuse('CATALOGUE_NOTE_REQUIRED');
  return ok({
    ...current,
    version: current.version + 1,
    status: 'withdrawn',
    source: { kind: 'local' },
    note: note.trim(),
    at: ctx.at,
    actor: ctx.actor.accountId,
    actorName: ctx.actor.displayName,
  });
}

export interface BureauCatalogue {
  /** The bureau's issue (文号 or batch) the versions record as their source. */
  issue: string;
  items: CatalogueInput[];
}

/**
 * Replaces the catalogue with one the bureau sent (policy bundle): items are matched to entries by
 * code; changed ones get a new version, new codes new entries, and entries in force that the bureau's
 * list no longer holds are withdrawn. Nothing is deleted, and determinations keep the versions they
 * cite. Refusals: NOT_PERMITTED, CATALOGUE_DUPLICATE_CODE {code}, and those of validateCatalogueInput
 * (params.code says which item).
 */
export function planBureauCatalogue(
  entries: readonly CatalogueEntry[],
  incoming: BureauCatalogue,
  ctx: { actor: CatalogueActor; at: string; newEntryId: () => string },
): Result<CatalogueVersion[]> {
  const allowed = authorize(ctx.actor.roles, 'exchange.import');
  if (!allowed.ok) return allowed;
  const seen = new Set<string>();
  const out: CatalogueVersion[] = [];
  const byCode = new Map(entries.map((e) => [currentVersion(e).code, e] as const));
  const source = { kind: 'bureau' as const, issue: incoming.issue };
  for (const item of incoming.items) {
    const valid = validateCatalogueInput(item);
    if (!valid.ok) return refuse(valid.error.code, { ...valid.error.params, code: item.code });
    const v = valid.value;
    if (seen.has(v.code)) return refuse('CATALOGUE_DUPLICATE_CODE', { code: v.code });
    seen.add(v.code);
    const entry = byCode.get(v.code);
    const current = entry ? currentVersion(entry) : null;
    const next = versionOf(v, entry?.id ?? ctx.newEntryId(), current ? current.version + 1 : 1, source, ctx);
    if (!current || current.status === 'withdrawn' || !sameContent(current, next)) out.push(next);
  }
  for (const entry of entries) {
    const current = currentVersion(entry);
    if (current.status === 'in_force' && !seen.has(current.code)) {
      out.push({ ...current, source, at: ctx.at, actor: ctx.actor.accountId, actorName: ctx.actor.displayName, version: current.version + 1, status: 'withdrawn', note: '' });
    }
  }
  return ok(out);
}

function versionOf(
  v: CatalogueInput,
  entryId: string,
  version: number,
  source: CatalogueVersion['source'],
  ctx: { actor: CatalogueActor; at: string },
): CatalogueVersion {
  return {
    entryId,
    version,
    code: v.code,
    title: v.title,
    level: v.level,
    defaultPeriod: v.defaultPeriod,
    ...(v.longerPeriodBasis ? { longerPeriodBasis: v.longerPeriodBasis } : {}),
    scopeHint: v.scopeHint,
    status: 'in_force',
    source,
    note: v.note ?? '',
    at: ctx.at,
    actor: ctx.actor.accountId,
    actorName: ctx.actor.displayName,
  };
}

function sameContent(a: CatalogueVersion, b: CatalogueVersion): boolean {
  return (
    a.status === b.status &&
    a.code === b.code &&
    a.title === b.title &&
    a.level === b.level &&
    JSON.stringify(a.defaultPeriod) === JSON.stringify(b.defaultPeriod) &&
    (a.longerPeriodBasis ?? '') === (b.longerPeriodBasis ?? '') &&
    a.scopeHint === b.scopeHint
  );
}

/** Folds stored versions (any order) into entries. */
export function entriesFromVersions(versions: readonly CatalogueVersion[]): CatalogueEntry[] {
  const map = new Map<string, CatalogueVersion[]>();
  for (const v of versions) map.set(v.entryId, [...(map.get(v.entryId) ?? []), v]);
  return [...map.entries()].map(([id, vs]) => ({ id, versions: vs.sort((a, b) => a.version - b.version) }));
}
