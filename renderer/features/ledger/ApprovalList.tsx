import { useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import type { Refusal } from '../../../shared/result';
import type { ApprovalDoc } from '../../db/ledgerAccess';
import { useT } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { TextField } from '../../ui/TextField';
import { LedgerAlert } from './fields';
import type { LedgerServices } from './ledgerServices';
import { approvalKindLabel, approvalStatusLabel, approvalSummary, when, type PeopleIndex } from './ledgerText';

/**
 * Approvals with who asked, why, and the decision; an approver decides the pending ones (never
 * their own — the rules refuse it and say so), a requester may withdraw theirs.
 */
export function ApprovalList({
  approvals,
  people,
  services,
  registryNumbers,
  carrierTitles,
  onChanged,
  onOpenCarrier,
}: {
  approvals: ApprovalDoc[];
  people: PeopleIndex;
  services: LedgerServices;
  registryNumbers?: ReadonlyMap<string, string>;
  /** Each carrier's title and marking, so that whoever decides sees what the request is about. */
  carrierTitles?: ReadonlyMap<string, string>;
  onChanged: () => Promise<void>;
  onOpenCarrier?: (id: string) => void;
}) {
  const t = useT();
  if (approvals.length === 0) return <p className="placeholder-note">{t('ledger.approvals.none')}</p>;
  return (
    <ul className="approval-list">
      {approvals.map((a) => (
        <ApprovalItem key={a.id} a={a} people={people} services={services} registryNumber={registryNumbers?.get(a.carrierId)} carrierTitle={carrierTitles?.get(a.carrierId)} onChanged={onChanged} onOpenCarrier={onOpenCarrier} />
      ))}
    </ul>
  );
}

function ApprovalItem({
  a,
  people,
  services,
  registryNumber,
  carrierTitle,
  onChanged,
  onOpenCarrier,
}: {
  a: ApprovalDoc;
  people: PeopleIndex;
  services: LedgerServices;
  registryNumber?: string;
  carrierTitle?: string;
  onChanged: () => Promise<void>;
  onOpenCarrier?: (id: string) => void;
}) {
  const t = useT();
  const session = useSession((s) => s.session);
  const mayDecide = authorize(session?.roles ?? [], 'carrier.decideApproval').ok;
  const mine = session?.accountId === a.requestedBy;
  const [opinion, setOpinion] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  async function run(action: () => Promise<{ ok: boolean; error?: Refusal }>) {
    setBusy(true);
    setRefusal(null);
    const r = await action();
    setBusy(false);
    if (!r.ok && r.error) setRefusal(r.error);
    else await onChanged();
  }

  return (
    <li className={`approval approval-${a.status}`} aria-label={t('ledger.approval.itemLabel', { kind: approvalKindLabel(a.details.kind, t), status: approvalStatusLabel(a.status, t) })}>
      <p>
        <strong>{approvalKindLabel(a.details.kind, t)}</strong> · {approvalSummary(a.details, people, t)} ·{' '}
        <span className="approval-status">{approvalStatusLabel(a.status, t)}</span>
        {registryNumber && (
          <>
            {' · '}
            {onOpenCarrier ? (
              <button type="button" className="button-link" onClick={() => onOpenCarrier(a.carrierId)}>
                {registryNumber}
              </button>
            ) : (
              registryNumber
            )}
            {carrierTitle && <span className="approval-carrier"> {carrierTitle}</span>}
          </>
        )}
      </p>
      <p className="approval-meta">{t('ledger.approval.requested', { name: a.requestedByName, at: when(a.requestedAt), reason: a.reason })}</p>
      {a.decidedAt && <p className="approval-meta">{t('ledger.approval.decided', { name: a.decidedByName ?? '?', at: when(a.decidedAt), opinion: a.opinion || t('ledger.empty') })}</p>}
      {a.status === 'pending' && (mayDecide || mine) && (
        <div className="approval-decide">
          {mayDecide && <TextField label={t('ledger.approval.opinion')} value={opinion} onChange={setOpinion} disabled={busy} />}
          <div className="actions">
            {mayDecide && (
              <>
                <button type="button" className="button-primary" disabled={busy} onClick={() => void run(() => services.approvals.decide(a.id, 'approved', opinion))}>
                  {t('ledger.approval.approve')}
                </button>
                <button type="button" className="button-secondary" disabled={busy} onClick={() => void run(() => services.approvals.decide(a.id, 'refused', opinion))}>
                  {t('ledger.approval.refuse')}
                </button>
              </>
            )}
            {mine && (
              <button type="button" className="button-secondary" disabled={busy} onClick={() => void run(() => services.approvals.withdraw(a.id))}>
                {t('ledger.approval.withdraw')}
              </button>
            )}
          </div>
        </div>
      )}
      <LedgerAlert refusal={refusal} />
    </li>
  );
}
