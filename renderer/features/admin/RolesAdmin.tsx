import { useState } from 'react';
import { isAdministrator } from '../../../shared/auth/accounts';
import { BUSINESS_ROLES, ROLE_LABEL_KEYS, type BusinessRole } from '../../../shared/auth/permissions';
import { CLEARANCE_LABEL_KEYS, CLEARANCE_LEVELS, type ClearanceLevel } from '../../../shared/auth/policy';
import type { AccountView } from '../../db/storeApi';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { CheckboxField } from '../../ui/CheckboxField';
import { DoneNotice } from '../../ui/DoneNotice';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { Region } from '../../ui/Region';
import { SelectField } from '../../ui/SelectField';
import { useSubmit } from '../../ui/useSubmit';
import { AccountTable } from './AccountTable';
import { personText } from './accountText';
import { useAccounts } from './useAccounts';

/**
 * 安全保密管理员: gives accounts their business roles and clearance level. The three administrator
 * accounts are fixed at set-up and listed without actions.
 */
export function RolesAdmin() {
  const t = useT();
  const { accounts, refusal, reload } = useAccounts();
  const [editing, setEditing] = useState<AccountView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Region title={t('admin.roles.heading')}>
      <p className="note">{t('admin.roles.intro')}</p>
      <RefusalAlert refusal={refusal} />
      {accounts && (
        <AccountTable
          accounts={accounts}
          actions={(a) => {
            if (isAdministrator(a)) return <span className="muted">{t('admin.roles.fixed')}</span>;
            if (a.status !== 'active') return <span className="muted">{t('admin.status.disabled')}</span>;
            return (
              <button
                type="button"
                className="button-small"
                onClick={() => {
                  setNotice(null);
                  setEditing(a);
                }}
              >
                {t('admin.action.assign')}
              </button>
            );
          }}
        />
      )}
      {editing && (
        <AssignPanel
          key={editing.id}
          account={editing}
          onCancel={() => setEditing(null)}
          onDone={(a) => {
            setEditing(null);
            setNotice(t('admin.done.assigned', { person: personText(a, t) }));
            void reload();
          }}
        />
      )}
      {/* Where the closed panel was: the administrator's eyes are there, not above the table. */}
      <DoneNotice>{notice}</DoneNotice>
    </Region>
  );
}

function AssignPanel({ account, onCancel, onDone }: { account: AccountView; onCancel: () => void; onDone: (a: AccountView) => void }) {
  const t = useT();
  const admin = useSession((s) => s.admin);
  const [roles, setRoles] = useState<BusinessRole[]>(account.roles.filter((r): r is BusinessRole => (BUSINESS_ROLES as readonly string[]).includes(r)));
  const [level, setLevel] = useState<ClearanceLevel>(account.level);
  const { busy, refusal, run } = useSubmit();
  const toggle = (role: BusinessRole, on: boolean) => setRoles((rs) => (on ? [...rs, role] : rs.filter((r) => r !== role)));
  return (
    <Region title={t('admin.assign.heading', { person: personText(account, t) })} className="panel panel-action">
      <fieldset className="checkbox-group">
        <legend>{t('admin.col.roles')}</legend>
        {BUSINESS_ROLES.map((role) => (
          <CheckboxField key={role} label={t(ROLE_LABEL_KEYS[role] as MessageKey)} checked={roles.includes(role)} onChange={(on) => toggle(role, on)} disabled={busy} />
        ))}
      </fieldset>
      <p className="note">{t('admin.assign.note')}</p>
      <SelectField
        label={t('admin.col.level')}
        hint={t('admin.assign.levelHint')}
        value={level}
        onChange={(v) => setLevel(v as ClearanceLevel)}
        options={CLEARANCE_LEVELS.map((l) => ({ value: l, label: t(CLEARANCE_LABEL_KEYS[l] as MessageKey) }))}
        disabled={busy}
      />
      <RefusalAlert refusal={refusal} />
      <div className="actions">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void run(() => admin.assignRoles(account.id, roles, level), onDone)}>
          {t('common.save')}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </Region>
  );
}
