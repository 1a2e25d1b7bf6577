import { useState, type FormEvent, type ReactNode } from 'react';
import { isAdministrator } from '../../../shared/auth/accounts';
import type { AccountView } from '../../db/storeApi';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { DoneNotice } from '../../ui/DoneNotice';
import { FormActions } from '../../ui/FormActions';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { Region } from '../../ui/Region';
import { useSubmit } from '../../ui/useSubmit';
import { TextField } from '../../ui/TextField';
import { RecoveryCodeCard } from '../recovery/RecoveryCodeCard';
import { AccountTable } from './AccountTable';
import { personText } from './accountText';
import { useAccounts } from './useAccounts';

type Pending = { kind: 'reset' | 'enable' | 'disable'; account: AccountView };

/**
 * 系统管理员: creates, disables, re-enables accounts and resets passwords — nothing else (no roles,
 * no policy, no audit trail, no ledger). Steps that wrap the data key for a new password ask for
 * the administrator's own password again.
 */
export function AccountsAdmin() {
  const t = useT();
  const me = useSession((s) => s.session?.accountId);
  const { accounts, refusal, reload } = useAccounts();
  const [pending, setPending] = useState<Pending | null>(null);
  // The outcome is shown where the administrator acted: under 创建账户, or where the closed panel was.
  const [notice, setNotice] = useState<{ where: 'row' | 'create'; text: string } | null>(null);

  const done = (where: 'row' | 'create', text: string) => {
    setPending(null);
    setNotice({ where, text });
    void reload();
  };
  const open = (p: Pending) => {
    setNotice(null);
    setPending(p);
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('admin.accounts.heading')}</h1>
      <p className="note">{t('admin.accounts.intro')}</p>
      <RefusalAlert refusal={refusal} />
      {accounts && (
        <AccountTable
          accounts={accounts}
          actions={(a) => {
            if (a.id === me) return <span className="muted">{t('admin.self')}</span>;
            const buttons: ReactNode[] = [];
            if (a.status === 'active') {
              buttons.push(
                <button key="reset" type="button" className="button-small" onClick={() => open({ kind: 'reset', account: a })}>
                  {t('admin.action.reset')}
                </button>,
              );
              if (!isAdministrator(a)) {
                buttons.push(
                  <button key="disable" type="button" className="button-small" onClick={() => open({ kind: 'disable', account: a })}>
                    {t('admin.action.disable')}
                  </button>,
                );
              }
            } else {
              buttons.push(
                <button key="enable" type="button" className="button-small" onClick={() => open({ kind: 'enable', account: a })}>
                  {t('admin.action.enable')}
                </button>,
              );
            }
            return buttons;
          }}
        />
      )}
      {pending?.kind === 'disable' && (
        <DisablePanel account={pending.account} onCancel={() => setPending(null)} onDone={() => done('row', t('admin.done.disabled', { person: personText(pending.account, t) }))} />
      )}
      {pending && pending.kind !== 'disable' && (
        <PasswordPanel
          key={`${pending.kind}-${pending.account.id}`}
          kind={pending.kind}
          account={pending.account}
          onCancel={() => setPending(null)}
          onDone={() => done('row', t(pending.kind === 'reset' ? 'admin.done.reset' : 'admin.done.enabled', { person: personText(pending.account, t) }))}
        />
      )}
      <DoneNotice>{notice?.where === 'row' ? notice.text : null}</DoneNotice>
      <CreateAccountForm
        onSubmit={() => setNotice(null)}
        onCreated={(a) => done('create', t('admin.done.created', { person: personText(a, t) }))}
        done={notice?.where === 'create' ? notice.text : null}
      />
      <RecoveryCodeAdmin />
    </section>
  );
}

function required(value: string, key: MessageKey): MessageKey | undefined {
  return value.trim() === '' ? key : undefined;
}

function CreateAccountForm({ onSubmit, onCreated, done }: { onSubmit: () => void; onCreated: (a: AccountView) => void; done: string | null }) {
  const t = useT();
  const admin = useSession((s) => s.admin);
  const empty = { username: '', displayName: '', password: '', confirm: '', adminPassword: '' };
  const [f, setF] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof typeof empty, MessageKey>>>({});
  const { busy, refusal, run } = useSubmit();
  const bind = (name: keyof typeof empty) => ({
    value: f[name],
    onChange: (v: string) => setF((x) => ({ ...x, [name]: v })),
    error: errors[name] ? t(errors[name]) : null,
    disabled: busy,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit();
    const found = {
      username: required(f.username, 'validation.username.required'),
      displayName: required(f.displayName, 'validation.displayName.required'),
      password: required(f.password, 'validation.password.required'),
      confirm: f.confirm === '' ? 'validation.passwordConfirm.required' : f.confirm !== f.password ? 'validation.passwordConfirm.mismatch' : undefined,
      adminPassword: required(f.adminPassword, 'validation.adminPassword.required'),
    } satisfies typeof errors;
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    await run(
      () => admin.createAccount({ username: f.username, displayName: f.displayName, password: f.password }, f.adminPassword),
      (a) => {
        setF(empty);
        onCreated(a);
      },
    );
    setF((x) => ({ ...x, adminPassword: '' }));
  }

  return (
    <Region title={t('admin.create.heading')}>
      <p className="note">{t('admin.create.note')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="form-grid">
        <TextField label={t('field.username')} hint={t('setup.hint.username')} {...bind('username')} />
        <TextField label={t('field.displayName')} {...bind('displayName')} />
        <TextField label={t('field.initialPassword')} type="password" hint={t('setup.hint.password')} {...bind('password')} />
        <TextField label={t('field.initialPasswordConfirm')} type="password" {...bind('confirm')} />
        <TextField label={t('field.adminPassword')} type="password" hint={t('admin.hint.adminPassword')} {...bind('adminPassword')} />
        <RefusalAlert refusal={refusal} />
        <FormActions submit={t('admin.create.submit')} busy={busy} working={t('admin.working')} done={done} />
      </form>
    </Region>
  );
}

/** Reset a password, or re-enable a disabled account (which needs a new password too). */
function PasswordPanel({ kind, account, onCancel, onDone }: { kind: 'reset' | 'enable'; account: AccountView; onCancel: () => void; onDone: () => void }) {
  const t = useT();
  const admin = useSession((s) => s.admin);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [adminPassword, setAdminPassword] = useState('');
  const [errors, setErrors] = useState<{ password?: MessageKey; confirm?: MessageKey; adminPassword?: MessageKey }>({});
  const { busy, refusal, run } = useSubmit();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = {
      password: required(password, 'validation.password.required'),
      confirm: confirm === '' ? 'validation.passwordConfirm.required' : confirm !== password ? 'validation.passwordConfirm.mismatch' : undefined,
      adminPassword: required(adminPassword, 'validation.adminPassword.required'),
    } satisfies typeof errors;
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    await run(() => (kind === 'reset' ? admin.resetPassword(account.id, password, adminPassword) : admin.enableAccount(account.id, password, adminPassword)), onDone);
    setAdminPassword('');
  }

  return (
    <Region title={t(kind === 'reset' ? 'admin.reset.heading' : 'admin.enable.heading', { person: personText(account, t) })} className="panel panel-action">
      <p className="note">{t(kind === 'reset' ? 'admin.reset.note' : 'admin.enable.note')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="form-grid">
        <TextField label={t('field.initialPassword')} type="password" value={password} onChange={setPassword} error={errors.password ? t(errors.password) : null} disabled={busy} autoFocus />
        <TextField label={t('field.initialPasswordConfirm')} type="password" value={confirm} onChange={setConfirm} error={errors.confirm ? t(errors.confirm) : null} disabled={busy} />
        <TextField
          label={t('field.adminPassword')}
          type="password"
          value={adminPassword}
          onChange={setAdminPassword}
          error={errors.adminPassword ? t(errors.adminPassword) : null}
          disabled={busy}
        />
        <RefusalAlert refusal={refusal} />
        <FormActions
          submit={t(kind === 'reset' ? 'admin.reset.submit' : 'admin.enable.submit')}
          busy={busy}
          working={t('admin.working')}
          cancel={{ label: t('common.cancel'), onClick: onCancel }}
        />
      </form>
    </Region>
  );
}

function DisablePanel({ account, onCancel, onDone }: { account: AccountView; onCancel: () => void; onDone: () => void }) {
  const t = useT();
  const admin = useSession((s) => s.admin);
  const { busy, refusal, run } = useSubmit();
  return (
    <Region title={t('admin.disable.heading', { person: personText(account, t) })} className="panel panel-action">
      <p>{t('admin.disable.note')}</p>
      <RefusalAlert refusal={refusal} />
      <div className="actions">
        <button type="button" className="button-danger" disabled={busy} onClick={() => void run(() => admin.disableAccount(account.id), onDone)}>
          {t('admin.disable.submit')}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </Region>
  );
}

/** 更换恢复码: a new code (shown once), the old one void at once. */
function RecoveryCodeAdmin() {
  const t = useT();
  const admin = useSession((s) => s.admin);
  const [adminPassword, setAdminPassword] = useState('');
  const [error, setError] = useState<MessageKey | undefined>();
  const [code, setCode] = useState<string | null>(null);
  const [sealedNotice, setSealedNotice] = useState(false);
  const { busy, refusal, run } = useSubmit();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = required(adminPassword, 'validation.adminPassword.required');
    setError(missing);
    if (missing) return;
    setSealedNotice(false);
    await run(() => admin.replaceRecoveryCode(adminPassword), setCode);
    setAdminPassword('');
  }

  return (
    <Region title={t('recovery.heading')}>
      <p className="note">{t('admin.recovery.note')}</p>
      {sealedNotice && (
        <p role="status" className="alert alert-ok">
          {t('admin.recovery.sealed')}
        </p>
      )}
      {code ? (
        <RecoveryCodeCard
          code={code}
          reason="replaced"
          onConfirmed={() => {
            setCode(null);
            setSealedNotice(true);
          }}
        />
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate className="form-grid">
          <TextField label={t('field.adminPassword')} type="password" value={adminPassword} onChange={setAdminPassword} error={error ? t(error) : null} disabled={busy} />
          <RefusalAlert refusal={refusal} />
          <FormActions submit={t('admin.recovery.submit')} variant="secondary" busy={busy} working={t('admin.working')} />
        </form>
      )}
    </Region>
  );
}
