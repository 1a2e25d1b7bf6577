import { z } from 'zod';
import { AUDIT_EXPORT_FILE_PATTERN } from '../audit/exportFormat';
import type { Channel } from './channels';
import { fileContract } from './fileContract';
import { printContract } from './printContract';

/** Upper bound for an export handed to main: about a million audit entries. */
export const MAX_EXPORT_CHARS = 512 * 1024 * 1024;

/**
 * The process boundary, declared once: for each channel, the request main accepts and the response
 * it returns. Main validates every request against this before a handler sees it.
 */
export const contract = {
  /** Facts about the running app the renderer cannot learn itself. */
  'app:info': {
    request: z.undefined(),
    response: z.object({
      version: z.string(),
      /** `electron` in the real shell, `chromium` under the stand-in launcher. */
      runtime: z.enum(['electron', 'chromium']),
      platform: z.string(),
      packaged: z.boolean(),
      /** The profile folder; the database lives below it (shown when the store is unreadable). */
      userDataDir: z.string(),
    }),
  },
  /** Network interfaces that are up and not loopback: a classified PC must have none (违规外联). */
  'net:check': {
    request: z.undefined(),
    response: z.object({
      checkedAt: z.string(),
      interfaces: z.array(z.object({ name: z.string(), addresses: z.array(z.string()) })),
    }),
  },
  /**
   * Requests the shell refused since the last call, so the renderer can put them in the audit
   * trail once it is unlocked. Main keeps at most a bounded number.
   */
  'shell:drainRefused': {
    request: z.undefined(),
    response: z.array(z.object({ at: z.string(), url: z.string(), reason: z.string() })),
  },
  /**
   * Saves the auditor's export of the audit trail (JSON Lines, docs/audit-export.md) where the user
   * chooses in a save dialog. The renderer proposes the file name only; it never names a folder.
   */
  'audit:saveExport': {
    request: z.object({
      fileName: z.string().regex(AUDIT_EXPORT_FILE_PATTERN),
      content: z.string().min(1).max(MAX_EXPORT_CHARS),
    }),
    response: z.discriminatedUnion('saved', [z.object({ saved: z.literal(false) }), z.object({ saved: z.literal(true), path: z.string() })]),
  },
  /** Printing (./printContract.ts). */
  ...printContract,
  /** Files on removable media, written and read in pieces (./fileContract.ts): backups, later bundles. */
  ...fileContract,
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

/** The typed surface the renderer sees as `window.api`. */
export type Api = {
  [C in Channel as CamelCase<C>]: RequestOf<C> extends undefined
    ? () => Promise<ResponseOf<C>>
    : (req: RequestOf<C>) => Promise<ResponseOf<C>>;
};

type CamelCase<S extends string> = S extends `${infer A}:${infer B}` ? `${A}${Capitalize<B>}` : S;
