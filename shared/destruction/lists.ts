import { assertNever, ok, refuse, type Result } from '../result';

/**
 * The unit's two lists the destruction workflow chooses from: the designated destruction bodies
 * (指定销毁机构, where carriers are handed over) and the approved information-erasure tools
 * (经国家保密行政管理部门许可的信息消除工具). The supervising bureau is to send both in policy
 * bundles; until then the secrecy clerk keeps them locally. Entries are never deleted: one that no
 * longer applies is withdrawn, and records made with it keep its name.
 */
export type ListKind = 'body' | 'tool';
export const LIST_KINDS = ['body', 'tool'] as const satisfies readonly ListKind[];

export interface ListEntry {
  id: string;
  kind: ListKind;
  name: string;
  /** Who brought it: the clerk here, or (later) the bureau's policy bundle. */
  source: 'local' | 'bureau';
  addedAt: string;
  addedBy: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  version: number;
}

export const LIST_NAME_MAX = 80;

export type ListEvent = { type: 'added'; entryId: string; kind: ListKind; name: string } | { type: 'withdrawn' };

/** Names are compared as people type them: surrounding and repeated spaces do not make a new entry. */
export function normalizeListName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** The names still in force, of one kind. */
export function activeNames(entries: readonly ListEntry[], kind: ListKind): string[] {
  return entries.filter((e) => e.kind === kind && e.withdrawnAt === null).map((e) => e.name);
}

/**
 * Adding (a name of 2–80 characters, not already in force) and withdrawing (once). Who may edit the
 * lists is checked by the caller (`destruction.prepare`, the clerk).
 */
export function listTransition(
  entry: ListEntry | null,
  event: ListEvent,
  ctx: { at: string; accountId: string; entries: readonly ListEntry[] },
): Result<ListEntry> {
  switch (event.type) {
    case 'added': {
      if (entry) return refuse('LIST_ENTRY_EXISTS');
      if (!(LIST_KINDS as readonly string[]).includes(event.kind)) return refuse('LIST_KIND_INVALID');
      const name = normalizeListName(event.name);
      if (name.length < 2 || name.length > LIST_NAME_MAX) return refuse('LIST_NAME_INVALID', { max: LIST_NAME_MAX });
      if (activeNames(ctx.entries, event.kind).includes(name)) return refuse('LIST_NAME_TAKEN', { name });
      return ok({ id: event.entryId, kind: event.kind, name, source: 'local', addedAt: ctx.at, addedBy: ctx.accountId, withdrawnAt: null, withdrawnBy: null, version: 1 });
    }
    case 'withdrawn':
      if (!entry) return refuse('LIST_ENTRY_NOT_FOUND');
      if (entry.withdrawnAt !== null) return refuse('LIST_ENTRY_WITHDRAWN');
      return ok({ ...entry, withdrawnAt: ctx.at, withdrawnBy: ctx.accountId, version: entry.version + 1 });
    default:
      return assertNever(event);
  }
}
