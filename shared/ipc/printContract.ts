import { z } from 'zod';

/**
 * The printing calls of the process boundary (spread into ./contract.ts). The renderer lays a
 * printout out into A4 sheets (renderer/features/print) and hands main the finished markup; main
 * renders it in an off-screen window that runs no script and reaches nothing outside the job, and
 * answers with the PDF or sends it to a local printer. The Chromium stand-in answers the same
 * calls with a headless Chromium page.
 */

export const MAX_PRINT_BODY_CHARS = 64 * 1024 * 1024;
export const MAX_PRINT_CSS_CHARS = 256 * 1024;
export const MAX_COPIES = 99;

/** One printout, ready to print: the sheets' markup and the stylesheet they use. */
export const printJob = z.object({
  /** The document's title, for the PDF's metadata and the print queue. */
  title: z.string().min(1).max(1000),
  /** renderer/features/print/print.css; served beside the page under the app's CSP. */
  css: z.string().max(MAX_PRINT_CSS_CHARS),
  /** The `.print-sheets` element with its A4 sheets (static markup, no script runs there). */
  body: z.string().min(1).max(MAX_PRINT_BODY_CHARS),
});
export type PrintJob = z.infer<typeof printJob>;

/** Why a printer is not offered: it is, or may be, reached over a network (SPEC §6). */
export const PRINTER_REFUSALS = ['network-share', 'network-uri', 'remote-queue', 'unknown-connection'] as const;
export type PrinterRefusal = (typeof PRINTER_REFUSALS)[number];

export const PRINT_FAILURES = [
  /** The Chromium stand-in has no print path to a printer (docs/chromium-stand-in.md). */
  'NO_PRINTER_IN_STANDIN',
  /** The name is not one of the local printers (absent, or a network printer). */
  'PRINTER_NOT_LOCAL',
  /** The system refused or cancelled the job; `reason` is its words. */
  'PRINT_FAILED',
] as const;

export const printContract = {
  /** Renders the sheets and returns the PDF (base64) and the number of pages in it. */
  'print:toPdf': {
    request: printJob,
    response: z.object({ pdf: z.base64(), pages: z.number().int().min(0) }),
  },
  /**
   * The printers the app may print on: local ones only. Those left out are named with the reason,
   * so the person understands why a printer they know is missing. `available` is false where no
   * printing path exists at all (the Chromium stand-in).
   */
  'print:printers': {
    request: z.undefined(),
    response: z.object({
      available: z.boolean(),
      printers: z.array(z.object({ name: z.string(), displayName: z.string() })),
      refused: z.array(z.object({ name: z.string(), reason: z.enum(PRINTER_REFUSALS) })),
    }),
  },
  /** Prints the sheets on a local printer, without the system dialog (which would offer network printers). */
  'print:toPrinter': {
    request: printJob.extend({
      deviceName: z.string().min(1).max(512),
      copies: z.number().int().min(1).max(MAX_COPIES),
    }),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), code: z.enum(PRINT_FAILURES), reason: z.string().max(500).optional() }),
    ]),
  },
} as const;
