import { useState } from 'react';
import { CLEARANCE_LABEL_KEYS, CLEARANCE_LEVELS, isClearanceLevel, type ClearanceLevel } from '../../../shared/auth/policy';
import { recoveryCodeDocument, type RecoveryCodeReason } from '../../../shared/print/recoveryCodeDocument';
import { refuse } from '../../../shared/result';
import { localDate } from '../../db/ledgerAccess';
import type { AdminStore } from '../../db/storeApi';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { CheckboxField } from '../../ui/CheckboxField';
import { SelectField } from '../../ui/SelectField';
import type { PrintoutSink } from '../print/PrintPreview';
import { usePrint } from '../print/PrintProvider';

/** The level the sheet is marked with unless the administrator chooses another (docs/decisions.md). */
export const DEFAULT_RECOVERY_SHEET_LEVEL: ClearanceLevel = 'secret';

/**
 * Where a print of the recovery code sheet goes instead of the kept printouts: the audit trail
 * notes that it was printed (number, level, pages, copies, printer) or that the printer refused it.
 * The PDF itself is dropped: no electronic copy of the code is kept anywhere.
 */
export function recoveryPrintSink(admin: AdminStore, level: ClearanceLevel): PrintoutSink {
  const sent = new Map<string, { pages: number; copies: number; printer: string }>();
  return {
    async keep(input) {
      if (input.output !== 'printer' || input.printer === null) return refuse('RECOVERY_PRINT_INVALID');
      const print = { pages: input.pages, copies: input.copies, printer: input.printer };
      const r = await admin.recordRecoveryCodePrint({ printoutId: input.id, level: isClearanceLevel(input.level) ? input.level : level, ...print });
      if (r.ok) sent.set(input.id, print);
      return r;
    },
    async recordFailure(printoutId, code, reason) {
      const print = sent.get(printoutId);
      if (!print) return refuse('RECOVERY_PRINT_INVALID');
      return admin.recordRecoveryCodePrint({ printoutId, level, ...print, failure: reason ? `${code}: ${reason}` : code });
    },
  };
}

/**
 * A recovery code, shown once: print its sheet (恢复码密封单) on a local printer or copy it by hand,
 * seal it, and confirm before the screen moves on.
 */
export function RecoveryCodeCard({ code, reason, onConfirmed }: { code: string; reason: RecoveryCodeReason; onConfirmed: () => void }) {
  const t = useT();
  const print = usePrint();
  const session = useSession((s) => s.session);
  const admin = useSession((s) => s.admin);
  const [sealed, setSealed] = useState(false);
  const [level, setLevel] = useState<ClearanceLevel>(DEFAULT_RECOVERY_SHEET_LEVEL);

  function openSheet() {
    if (!print || !session) return;
    const doc = recoveryCodeDocument({
      code,
      unitName: session.unit.name,
      unitCode: session.unit.code,
      date: localDate(new Date()),
      level,
      reason,
      printedBy: session.displayName,
    });
    print.printTable(doc, { sink: recoveryPrintSink(admin, level), paperOnly: true });
  }

  return (
    <div className="recovery">
      <output className="recovery-code" aria-label={t('recovery.codeLabel')}>
        {code}
      </output>
      <ol className="recovery-steps">
        <li>{t('recovery.step.copy')}</li>
        <li>{t('recovery.step.seal')}</li>
        <li>{t('recovery.step.once')}</li>
      </ol>
      {print && session && (
        <div className="recovery-print">
          <SelectField
            label={t('recovery.print.level')}
            value={level}
            onChange={(v) => isClearanceLevel(v) && setLevel(v)}
            options={[...CLEARANCE_LEVELS].reverse().map((l) => ({ value: l, label: t(CLEARANCE_LABEL_KEYS[l] as MessageKey) }))}
            hint={t('recovery.print.levelHint')}
          />
          <div className="actions">
            <button type="button" className="button-secondary" onClick={openSheet}>
              {t('recovery.print.action')}
            </button>
          </div>
          <p className="note">{t('recovery.print.note')}</p>
        </div>
      )}
      <CheckboxField label={t('recovery.sealed')} checked={sealed} onChange={setSealed} />
      <div className="actions">
        <span className="actions-spacer" />
        <button type="button" className="button-primary" disabled={!sealed} onClick={onConfirmed}>
          {t('recovery.continue')}
        </button>
      </div>
    </div>
  );
}
