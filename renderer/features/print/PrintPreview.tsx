import { useEffect, useId, useRef, useState } from 'react';
import type { PrintDocument } from '../../../shared/print/document';
import type { Refusal, Result } from '../../../shared/result';
import type { KeepPrintout, PrintoutRecord } from '../../db/printouts.repo';
import { useT } from '../../i18n';
import { refusalFromError } from '../../session/refusalFromError';
import { layoutDocument, type LaidOut } from './layout';
import { PrintRefusalAlert } from './printRefusals';
import { PrinterChooser, type PrinterChoice } from './PrinterChooser';
import { Sheets } from './PrintSheets';
import { printoutNumber, producePdf, type PrintApi } from './printout';
import './print.css';
import './PrintPreview.css';

/** Where printouts are kept: PrintoutsRepo, or a fake in tests. */
export interface PrintoutSink {
  keep(input: KeepPrintout): Promise<Result<PrintoutRecord | void>>;
  recordFailure(printoutId: string, code: string, reason?: string): Promise<Result<void>>;
}

export interface PrintPreviewProps {
  document: PrintDocument;
  api: PrintApi;
  printouts: PrintoutSink;
  onClose(): void;
  /** A new printout id per print; crypto.randomUUID unless a test fixes it. */
  newId?: () => string;
  /** Measures and paginates; tests without a layout engine (happy-dom) pass fixed heights. */
  layout?: (doc: PrintDocument, host: HTMLElement) => Result<LaidOut>;
  /**
   * Paper only (the recovery code sheet): no 保存为PDF, and the sink notes the print without
   * keeping the PDF; the words on the screen say so.
   */
  paperOnly?: boolean;
}

/** How a module opens the preview beyond the usual (PrintProvider passes these on). */
export interface PrintOptions {
  /** Where the print is noted instead of the kept printouts. */
  sink?: PrintoutSink;
  paperOnly?: boolean;
}

type Stage = { kind: 'laying' } | { kind: 'ready'; laid: LaidOut } | { kind: 'failed'; refusal: Refusal };
type Busy = null | 'pdf' | 'print';
type Done = null | { kind: 'saved'; no: string; pages: number } | { kind: 'printed'; no: string; pages: number; printer: string; copies: number };

/**
 * The print preview (打印预览): the pages exactly as they will print, and 打印 / 保存为PDF / 关闭.
 * Both actions first make the PDF through main and keep it, with its audit entry, in the encrypted
 * store; only then does 打印 send the same pages to the chosen local printer.
 */
export function PrintPreview({ document: doc, api, printouts, onClose, newId = () => crypto.randomUUID(), layout = layoutDocument, paperOnly = false }: PrintPreviewProps) {
  const t = useT();
  const headingId = useId();
  const measureRef = useRef<HTMLDivElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'laying' });
  const [busy, setBusy] = useState<Busy>(null);
  const [choosing, setChoosing] = useState(false);
  const [done, setDone] = useState<Done>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  useEffect(() => {
    const host = measureRef.current;
    if (!host) return;
    try {
      const laid = layout(doc, host);
      setStage(laid.ok ? { kind: 'ready', laid: laid.value } : { kind: 'failed', refusal: laid.error });
    } catch (e) {
      setStage({ kind: 'failed', refusal: refusalFromError(e) });
    }
  }, [doc, layout]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && busy === null) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);

  const laid = stage.kind === 'ready' ? stage.laid : null;

  async function run(kind: Exclude<Busy, null>, work: (laid: LaidOut) => Promise<Refusal | Done>): Promise<void> {
    if (!laid || busy !== null) return;
    setBusy(kind);
    setRefusal(null);
    setDone(null);
    try {
      const out = await work(laid);
      if (out && 'code' in out) setRefusal(out);
      else setDone(out);
    } catch (e) {
      setRefusal(refusalFromError(e));
    } finally {
      setBusy(null);
    }
  }

  /** Makes the PDF and keeps it; the printout id is chosen first, as its number is on every page. */
  async function makeAndKeep(l: LaidOut, output: 'pdf' | 'printer', copies: number, printer: string | null) {
    const id = newId();
    const made = await producePdf(api, l, id);
    if (!made.ok) return made;
    const kept = await printouts.keep({ id, kind: l.doc.kind, title: l.doc.title, level: l.pagination.level, pages: made.value.pages, pdf: made.value.pdf, output, copies, printer });
    if (!kept.ok) return kept;
    return { ok: true as const, value: { id, job: made.value.job, pages: made.value.pages } };
  }

  const savePdf = () =>
    run('pdf', async (l) => {
      const kept = await makeAndKeep(l, 'pdf', 0, null);
      if (!kept.ok) return kept.error;
      return { kind: 'saved', no: printoutNumber(kept.value.id), pages: kept.value.pages };
    });

  const print = (choice: PrinterChoice) =>
    run('print', async (l) => {
      setChoosing(false);
      const kept = await makeAndKeep(l, 'printer', choice.copies, choice.deviceName);
      if (!kept.ok) return kept.error;
      const sent = await api.printToPrinter({ ...kept.value.job, deviceName: choice.deviceName, copies: choice.copies });
      if (!sent.ok) {
        await printouts.recordFailure(kept.value.id, sent.code, sent.reason);
        const code = paperOnly && sent.code === 'PRINT_FAILED' ? 'PRINT_FAILED_NOT_KEPT' : sent.code;
        return { code, params: { reason: sent.reason ?? '' } };
      }
      return { kind: 'printed', no: printoutNumber(kept.value.id), pages: kept.value.pages, printer: choice.displayName, copies: choice.copies };
    });

  return (
    <div className="print-overlay" role="dialog" aria-modal="true" aria-labelledby={headingId}>
      <div className="print-toolbar">
        <h2 id={headingId}>{t('print.preview.heading')}</h2>
        {laid && <span className="print-pages">{t('print.preview.pages', { total: laid.pagination.total })}</span>}
        <span className="print-toolbar-spacer" />
        <button type="button" disabled={!laid || busy !== null} onClick={() => setChoosing(true)}>
          {t('print.action.print')}
        </button>
        {!paperOnly && (
          <button type="button" disabled={!laid || busy !== null} onClick={() => void savePdf()}>
            {t('print.action.savePdf')}
          </button>
        )}
        <button type="button" className="button-secondary" disabled={busy !== null} onClick={onClose}>
          {t('print.action.close')}
        </button>
      </div>
      <div className="print-status">
        <p className="print-note">{t(paperOnly ? 'print.paperOnlyNote' : 'print.keptNote')}</p>
        {stage.kind === 'laying' && (
          <p role="status" className="working">
            {t('print.preview.laying')}
          </p>
        )}
        {busy !== null && (
          <p role="status" className="working">
            {t(busy === 'pdf' ? 'print.working.pdf' : 'print.working.print')}
          </p>
        )}
        {stage.kind === 'failed' && <PrintRefusalAlert refusal={stage.refusal} />}
        <PrintRefusalAlert refusal={refusal} />
        {done?.kind === 'saved' && (
          <p role="status" className="alert alert-success">
            {t('print.saved', { no: done.no, pages: done.pages })}
          </p>
        )}
        {done?.kind === 'printed' && (
          <p role="status" className="alert alert-success">
            {t(paperOnly ? 'print.printedPaperOnly' : 'print.printed', { no: done.no, pages: done.pages, printer: done.printer, copies: done.copies })}
          </p>
        )}
        {choosing && laid && <PrinterChooser api={api} paperOnly={paperOnly} onPrint={(c) => void print(c)} onCancel={() => setChoosing(false)} />}
      </div>
      <div className="print-scroll">
        {laid && <Sheets doc={laid.doc} flow={laid.flow} pagination={laid.pagination} className="print-preview" />}
      </div>
      <div ref={measureRef} className="print-measure" aria-hidden="true" />
    </div>
  );
}
