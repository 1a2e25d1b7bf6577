import type { PrintService } from '../../../electron/main/printService';

/** A print service that records its jobs and answers with a one-page "PDF". */
export function fakePrintService() {
  const jobs: { title: string; deviceName?: string; copies?: number }[] = [];
  const service: PrintService = {
    toPdf: async (job) => {
      jobs.push({ title: job.title });
      return new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF');
    },
    printers: async () => ({ available: true, printers: [{ name: 'Local_USB', displayName: 'Local USB' }], refused: [] }),
    toPrinter: async (job, deviceName, copies) => {
      jobs.push({ title: job.title, deviceName, copies });
      return { ok: true };
    },
  };
  return { service, jobs };
}
