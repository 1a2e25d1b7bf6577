import { z } from 'zod';
import type { BundleRecord } from '../bundle/content';
import { validateCatalogueInput, type BureauCatalogue, type CatalogueInput } from '../determination/catalogue';
import { ok, refuse, type Result } from '../result';

/**
 * What a policy bundle (政策下发包, bureau → unit) holds. Each part is a content file of its own and
 * is optional: a file present replaces that list at the unit, a file absent leaves it alone (a
 * bundle that only rotates the bureau's key must not empty the catalogue).
 *
 * - `notice`: one record — the bureau's issue number (文号) and a note; cited as the catalogue's source.
 * - `catalogue`: 事项一览表 items (matched to the unit's entries by code; see planBureauCatalogue).
 * - `destruction-bodies`: the designated destruction bodies (指定销毁机构).
 * - `forms`: forms and templates the bureau issues (title and text).
 * - `key-rotation`: the bureau's new key, signed by its current one (keyring.ts).
 */
export const POLICY_CONTENT = ['notice', 'catalogue', 'destruction-bodies', 'forms', 'key-rotation'] as const;
export type PolicyContent = (typeof POLICY_CONTENT)[number];

const text = (max: number) => z.string().max(max);
const line = (max: number) => z.string().trim().min(1).max(max);

export const noticeSchema = z.looseObject({ id: z.literal('notice'), issue: line(100), note: text(2000) });
export type PolicyNotice = z.infer<typeof noticeSchema>;

/** A catalogue item in a policy bundle: CatalogueInput with an id derived from its code. */
export const catalogueItemSchema = z.looseObject({
  id: z.string(),
  code: line(32),
  title: line(200),
  level: z.string(),
  defaultPeriod: z.looseObject({ kind: z.string() }),
  longerPeriodBasis: text(500).optional(),
  scopeHint: text(500),
});

/** 指定销毁机构: who may destroy the unit's carriers, with its licence (资质) number. */
export const destructionBodySchema = z.strictObject({
  id: z.string().min(1).max(100),
  name: line(200),
  address: text(300),
  licence: text(100),
  /** Last day the designation holds, `YYYY-MM-DD`, or empty for no end. */
  validUntil: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]),
  note: text(500),
});
export type DestructionBody = z.infer<typeof destructionBodySchema>;

/** A form or template the bureau issues (审批表样式, 登记表格式 …): a title and its text. */
export const policyFormSchema = z.strictObject({
  id: z.string().min(1).max(100),
  title: line(200),
  text: text(100_000),
});
export type PolicyForm = z.infer<typeof policyFormSchema>;

export const catalogueRecordId = (code: string): string => `catalogue-${code}`;

/** What the bureau puts in a policy bundle; a part left out is not in the bundle. */
export interface PolicyParts {
  notice: { issue: string; note: string };
  catalogue?: readonly CatalogueInput[];
  destructionBodies?: readonly DestructionBody[];
  forms?: readonly PolicyForm[];
}

/** The content files of a policy bundle (key rotation added by the caller when one waits). */
export function policyContent(parts: PolicyParts): Record<string, BundleRecord[]> {
  const out: Record<string, BundleRecord[]> = { notice: [{ id: 'notice', issue: parts.notice.issue.trim(), note: parts.notice.note.trim() }] };
  if (parts.catalogue) {
    out.catalogue = parts.catalogue.map((c) => ({
      id: catalogueRecordId(c.code),
      code: c.code,
      title: c.title,
      level: c.level,
      defaultPeriod: c.defaultPeriod,
      ...(c.longerPeriodBasis ? { longerPeriodBasis: c.longerPeriodBasis } : {}),
      scopeHint: c.scopeHint,
    }));
  }
  if (parts.destructionBodies) out['destruction-bodies'] = parts.destructionBodies.map((b) => ({ ...b }));
  if (parts.forms) out.forms = parts.forms.map((f) => ({ ...f }));
  return out;
}

/** The parts a verified policy bundle carries, checked; what is absent is undefined. */
export interface ReceivedPolicy {
  notice: PolicyNotice | null;
  catalogue?: BureauCatalogue;
  destructionBodies?: DestructionBody[];
  forms?: PolicyForm[];
  keyRotation: readonly BundleRecord[];
}

/**
 * Reads the parts of a policy bundle. Refusals: POLICY_CONTENT_INVALID {part, id} when a record
 * has not the shape its part needs, POLICY_CONTENT_UNKNOWN {part} for a content file this version
 * does not know (refused rather than ignored: the bureau meant something by it).
 */
export function readPolicyContent(content: ReadonlyMap<string, readonly BundleRecord[]>, fallbackIssue: string): Result<ReceivedPolicy> {
  for (const name of content.keys()) {
    if (!(POLICY_CONTENT as readonly string[]).includes(name)) return refuse('POLICY_CONTENT_UNKNOWN', { part: name });
  }
  const bad = (part: string, id: string) => refuse('POLICY_CONTENT_INVALID', { part, id });
  let notice: PolicyNotice | null = null;
  for (const r of content.get('notice') ?? []) {
    const p = noticeSchema.safeParse(r);
    if (!p.success) return bad('notice', r.id);
    notice = p.data;
  }
  const out: ReceivedPolicy = { notice, keyRotation: content.get('key-rotation') ?? [] };
  const catalogue = content.get('catalogue');
  if (catalogue) {
    const items: CatalogueInput[] = [];
    for (const r of catalogue) {
      const p = catalogueItemSchema.safeParse(r);
      if (!p.success || r.id !== catalogueRecordId(p.data.code)) return bad('catalogue', r.id);
      const { code, title, level, defaultPeriod, longerPeriodBasis, scopeHint } = p.data;
      const item: CatalogueInput = {
        code,
        title,
        level: level as CatalogueInput['level'],
        defaultPeriod: defaultPeriod as CatalogueInput['defaultPeriod'],
        ...(longerPeriodBasis ? { longerPeriodBasis } : {}),
        scopeHint,
      };
      // The determinations module checks again when it applies them; refusing here keeps the import all-or-nothing.
      if (!validateCatalogueInput(item).ok) return bad('catalogue', r.id);
      items.push(item);
    }
    out.catalogue = { issue: notice?.issue ?? fallbackIssue, items };
  }
  const bodies = content.get('destruction-bodies');
  if (bodies) {
    const list: DestructionBody[] = [];
    for (const r of bodies) {
      const p = destructionBodySchema.safeParse(r);
      if (!p.success) return bad('destruction-bodies', r.id);
      list.push(p.data);
    }
    out.destructionBodies = list;
  }
  const forms = content.get('forms');
  if (forms) {
    const list: PolicyForm[] = [];
    for (const r of forms) {
      const p = policyFormSchema.safeParse(r);
      if (!p.success) return bad('forms', r.id);
      list.push(p.data);
    }
    out.forms = list;
  }
  return ok(out);
}
