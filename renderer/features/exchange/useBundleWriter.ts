import { useState } from 'react';
import { receiptDocument } from '../../../shared/exchange/documents';
import type { Refusal, Result } from '../../../shared/result';
import type { ExchangeLogEntry } from '../../db/exchange/exchangeStore';
import type { ExportProgress } from '../../db/exchange/exportReader';
import type { PreparedBundle } from '../../db/exchange/outgoing';
import { localDate } from '../../db/ledgerAccess';
import { formatLocalTime, useT, type Translate } from '../../i18n';
import { usePrint } from '../print/PrintProvider';
import { saveFile } from './exchangeFiles';
import type { ExchangeServices } from './exchangeServices';

export interface WriterState {
  busy: boolean;
  progress: { done: number; total: number; text: string } | null;
  refusal: Refusal | null;
  /** The bundle just written, and where the file is. */
  written: { entry: ExchangeLogEntry; finalPath: string } | null;
  cancelled: boolean;
}

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

function progressText(p: ExportProgress, t: Translate): string {
  switch (p.phase) {
    case 'read':
      return t('ex.progress.read');
    case 'decrypt':
      return t('ex.progress.decrypt', { done: p.done, total: p.total });
    case 'build':
      return t('ex.progress.build');
    case 'write':
      return t('ex.progress.write', { done: Math.round(p.done / 1024), total: Math.round(p.total / 1024) });
    default:
      return '';
  }
}

/**
 * Writes the next bundle of this office: prepared (read, decrypt, sign) in memory, written to the
 * file the person chooses, recorded in the store (chain position, log, audit) and only then given
 * its name. Progress is shown for each step.
 */
export function useBundleWriter(services: ExchangeServices, onWritten: () => void) {
  const t = useT();
  const print = usePrint();
  const [state, setState] = useState<WriterState>({ busy: false, progress: null, refusal: null, written: null, cancelled: false });

  async function write(prepare: (onProgress: (p: ExportProgress) => void) => Promise<Result<PreparedBundle>>): Promise<void> {
    if (state.busy) return;
    const report = (p: ExportProgress) => setState((s) => ({ ...s, progress: { done: p.done, total: p.total, text: progressText(p, t) } }));
    setState({ busy: true, progress: { done: 0, total: 0, text: t('ex.progress.read') }, refusal: null, written: null, cancelled: false });
    const prepared = await prepare(report);
    if (!prepared.ok) {
      setState({ busy: false, progress: null, refusal: prepared.error, written: null, cancelled: false });
      return;
    }
    const p = prepared.value;
    const saved = await saveFile(
      services.api,
      'bundle',
      p.fileName,
      p.bytes,
      (path) => services.exchange.recordBundle(p, { path, fileName: baseName(path) }),
      (done, total) => report({ phase: 'write', done, total }),
    );
    if (!saved.ok) setState({ busy: false, progress: null, refusal: saved.error, written: null, cancelled: false });
    else if (!saved.value) setState({ busy: false, progress: null, refusal: null, written: null, cancelled: true });
    else {
      setState({ busy: false, progress: null, refusal: null, written: { entry: saved.value.value, finalPath: saved.value.saved.finalPath }, cancelled: false });
      onWritten();
    }
  }

  function printReceipt(entry: ExchangeLogEntry) {
    print?.printTable(
      receiptDocument({
        kind: entry.kind,
        issuer: entry.issuer,
        sequence: entry.sequence,
        period: entry.period,
        createdAt: formatLocalTime(entry.createdAt),
        counts: entry.counts,
        manifestHash: entry.manifestHash,
        keyFingerprint: entry.keyFingerprint,
        algorithm: entry.algorithm,
        fileName: entry.fileName,
        byName: entry.byName,
        date: localDate(new Date()),
      }),
    );
  }

  return { state, write, printReceipt, canPrint: print !== null };
}
