import { useEffect, useState } from 'react';
import type { Refusal } from '../../../shared/result';
import type { ScanRecord } from '../../db/destructionAccess';
import { useT } from '../../i18n';
import type { DestructionServices } from './destructionServices';
import { DstAlert } from './dstUi';

type Shown = { record: ScanRecord; url: string | null };

/**
 * 查看销毁证明扫描件: decrypts the batch's kept scan and checks it against the SHA-256 the
 * hand-over names (DestructionRepo.viewScan, audited either way) before showing anything. A JPEG
 * or PNG is shown inline through a blob: URL (the CSP's img-src allows blob:, electron/main/csp.ts),
 * revoked when hidden or when the screen goes (at lock too); a PDF or TIFF is not shown and not
 * written out — see docs/decisions.md.
 */
export function ScanViewer({ batchId, services }: { batchId: string; services: DestructionServices }) {
  const t = useT();
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  useEffect(() => () => {
    if (shown?.url) URL.revokeObjectURL(shown.url);
  }, [shown]);

  async function view() {
    setBusy(true);
    setRefusal(null);
    const r = await services.destruction.viewScan(batchId);
    setBusy(false);
    if (!r.ok) {
      setRefusal(r.error);
      return;
    }
    const { record, bytes } = r.value;
    const inline = record.type === 'image/jpeg' || record.type === 'image/png';
    setShown({ record, url: inline ? URL.createObjectURL(new Blob([bytes], { type: record.type })) : null });
  }

  return (
    <div className="dst-scan">
      <div className="actions">
        {shown ? (
          <button type="button" className="button-secondary" onClick={() => setShown(null)}>
            {t('dst.scan.hide')}
          </button>
        ) : (
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void view()}>
            {t('dst.scan.view')}
          </button>
        )}
      </div>
      {busy && (
        <p role="status" className="working">
          {t('dst.scan.checking')}
        </p>
      )}
      <DstAlert refusal={refusal} />
      {shown && (
        <div className="dst-scan-view">
          <p role="status" className="alert alert-ok">
            {t('dst.scan.verified', { sha: shown.record.sha256 })}
          </p>
          {shown.url ? (
            <img src={shown.url} alt={t('dst.scan.alt', { name: shown.record.name })} />
          ) : (
            <p className="note">{t(shown.record.type === 'application/pdf' ? 'dst.scan.pdf' : 'dst.scan.tiff', { kb: Math.ceil(shown.record.bytes / 1024) })}</p>
          )}
        </div>
      )}
    </div>
  );
}
