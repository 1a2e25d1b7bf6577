import { useState } from 'react';
import { receiptDocument } from '../../../shared/exchange/documents';
import type { Refusal, Result } from '../../../shared/result';
import type { ExchangeLogEntry } from '../../db/exchange/exchangeStore';
import type { ExportProgress } from '../../db/exchange/exportReader';
import type { PreparedBundle } from '../../db/exchange/outgoing';
import { localDate } from '../../db/ledgerAccess';
import { formatLocalTime, useT, type Translate } from '../../i18n';
import { usePrint } from '../print/PrintProvider';
import { ok } from '../../../shared/result';
import { saveFile } from './exchangeFiles';
import type { ExchangeServices } from './exchangeServices';

export interface WriterState {
  busy: boolean;
  progress: { done: number; total: number; text: string } | null;
  refusal: Refusal | null;
  /** The bundle just written, and where the file is. */
  written: { entry: ExchangeLogEntry; finalPath: string } | null;
  cancelled: boolean;
  /**
   * Recorded in the store, but the file could not be given its name (the medium failed at the last
   * step): the same bytes can be saved again, elsewhere, during this session.
   */
  unsaved: { bytes: Uint8Array; fileName: string; entry: ExchangeLogEntry } | null;
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
  const idle: WriterState = { busy: false, progress: null, refusal: null, written: null, cancelled: false, unsaved: null };
  const [state, setState] = useState<WriterState>(idle);

  async function write(prepare: (onProgress: (p: ExportProgress) => void) => Promise<Result<PreparedBundle>>): Promise<void> {
    if (state.busy) return;
    const report = (p: ExportProgress) => setState((s) => ({ ...s, progress: { done: p.done, total: p.total, text: progressText(p, t) } }));
    setState({ ...idle, busy: true, progress: { done: 0, total: 0, text: t('ex.progress.read') } });
    const prepared = await prepare(report);
    if (!prepared.ok) {
      setState({ ...idle, refusal: prepared.error });
      return;
    }
    const p = prepared.value;
    // Set by the store's record, inside the save: a failure after it leaves a recorded bundle without its file.
    const recorded: { entry: ExchangeLogEntry | null } = { entry: null };
    const saved = await saveFile(
      services.api,
      'bundle',
      p.fileName,
      p.bytes,
      async (path) => {
        const r = await services.exchange.recordBundle(p, { path, fileName: baseName(path) });
        if (r.ok) recorded.entry = r.value;
        return r;
      },
      (done, total) => report({ phase: 'write', done, total }),
    );
    if (!saved.ok) {
      const entry = recorded.entry;
      setState({ ...idle, refusal: saved.error, unsaved: entry ? { bytes: p.bytes, fileName: p.fileName, entry } : null });
      if (entry) onWritten();
    } else if (!saved.value) setState({ ...idle, cancelled: true });
    else {
      setState({ ...idle, written: { entry: saved.value.value, finalPath: saved.value.saved.finalPath } });
      onWritten();
    }
  }

  /** Saves a recorded bundle whose file did not get its name, again (the same bytes, the same manifest hash). */
  async function saveAgain(): Promise<void> {
    const u = state.unsaved;
    if (!u || state.busy) return;
    setState({ ...state, busy: true, refusal: null });
    const saved = await saveFile(services.api, 'bundle', u.fileName, u.bytes, async () => ok(null));
    if (!saved.ok) setState({ ...idle, refusal: saved.error, unsaved: u });
    else if (!saved.value) setState({ ...idle, unsaved: u, cancelled: true });
    else setState({ ...idle, written: { entry: u.entry, finalPath: saved.value.saved.finalPath } });
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

  return { state, write, saveAgain, printReceipt, canPrint: print !== null };
}
