import { useEffect, useId, useState } from 'react';
import { MAX_COPIES } from '../../../shared/ipc/printContract';
import type { Refusal } from '../../../shared/result';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { useT, type MessageKey } from '../../i18n';
import { refusalFromError } from '../../session/refusalFromError';
import type { PrintApi } from './printout';
import { PrintRefusalAlert } from './printRefusals';

export interface PrinterChoice {
  deviceName: string;
  displayName: string;
  copies: number;
}

type Printers = ResponseOf<'print:printers'>;

const REASON_KEYS: Record<Printers['refused'][number]['reason'], MessageKey> = {
  'network-share': 'print.printer.reason.network-share',
  'network-uri': 'print.printer.reason.network-uri',
  'remote-queue': 'print.printer.reason.remote-queue',
  'unknown-connection': 'print.printer.reason.unknown-connection',
};

/**
 * The app's own print dialog: the local printers main offers and the number of copies. It replaces
 * the system dialog, which would list network printers too (SPEC §6).
 */
export function PrinterChooser({ api, onPrint, onCancel, paperOnly = false }: { api: PrintApi; onPrint(choice: PrinterChoice): void; onCancel(): void; paperOnly?: boolean }) {
  const t = useT();
  const printerId = useId();
  const copiesId = useId();
  const [printers, setPrinters] = useState<Printers | null>(null);
  const [failed, setFailed] = useState<Refusal | null>(null);
  const [deviceName, setDeviceName] = useState('');
  const [copies, setCopies] = useState('1');
  const [copiesInvalid, setCopiesInvalid] = useState(false);

  useEffect(() => {
    let live = true;
    api.printPrinters().then(
      (p) => {
        if (!live) return;
        setPrinters(p);
        setDeviceName(p.printers[0]?.name ?? '');
      },
      (e: unknown) => {
        if (live) setFailed(refusalFromError(e));
      },
    );
    return () => {
      live = false;
    };
  }, [api]);

  const refusedList = printers?.refused.map((r) => t('print.printer.item', { name: r.name, reason: t(REASON_KEYS[r.reason]) })).join(t('list.separator'));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const n = Number(copies);
    const chosen = printers?.printers.find((p) => p.name === deviceName);
    if (!Number.isInteger(n) || n < 1 || n > MAX_COPIES) {
      setCopiesInvalid(true);
      return;
    }
    if (chosen) onPrint({ deviceName: chosen.name, displayName: chosen.displayName, copies: n });
  }

  return (
    // noValidate: the app says what is wrong in its own words, not the browser's tooltip.
    <form className="printer-chooser" onSubmit={submit} aria-label={t('print.printer.heading')} noValidate>
      <h3>{t('print.printer.heading')}</h3>
      {printers === null && failed === null && (
        <p role="status" className="working">
          {t('print.printer.loading')}
        </p>
      )}
      <PrintRefusalAlert refusal={failed} />
      {printers && !printers.available && (
        <p role="alert" className="alert alert-error">
          {t(paperOnly ? 'print.printer.unavailablePaperOnly' : 'print.printer.unavailable')}
        </p>
      )}
      {printers?.available && printers.printers.length === 0 && (
        <p role="alert" className="alert alert-error">
          {t(paperOnly ? 'print.printer.nonePaperOnly' : 'print.printer.none')}
        </p>
      )}
      {printers && printers.printers.length > 0 && (
        <div className="printer-fields">
          <label htmlFor={printerId}>{t('print.printer.label')}</label>
          <select id={printerId} value={deviceName} onChange={(e) => setDeviceName(e.target.value)}>
            {printers.printers.map((p) => (
              <option key={p.name} value={p.name}>
                {p.displayName}
              </option>
            ))}
          </select>
          <label htmlFor={copiesId}>{t('print.copies.label')}</label>
          <input
            id={copiesId}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_COPIES}
            value={copies}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={copiesInvalid}
            onChange={(e) => {
              setCopies(e.target.value);
              setCopiesInvalid(false);
            }}
          />
        </div>
      )}
      {copiesInvalid && (
        <p role="alert" className="field-error">
          {t('print.copies.invalid', { max: MAX_COPIES })}
        </p>
      )}
      {refusedList && <p className="printer-refused">{t('print.printer.refused', { list: refusedList })}</p>}
      <div className="printer-actions">
        {printers && printers.printers.length > 0 && <button type="submit">{t('print.printer.start')}</button>}
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('print.printer.cancel')}
        </button>
      </div>
    </form>
  );
}
