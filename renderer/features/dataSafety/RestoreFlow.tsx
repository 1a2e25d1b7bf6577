import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Refusal } from '../../../shared/result';
import type { BackupFile, PreparedRestore, RestoreOutcome, RestoreProgress, RestoreStage } from '../../db/dataSafety/api';
import { formatLocalTime, useT, type MessageKey } from '../../i18n';
import { refusalFromError } from '../../session/refusalFromError';
import { useKeepAwake } from './useKeepAwake';
import { CheckboxField } from '../../ui/CheckboxField';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { TextField } from '../../ui/TextField';
import type { DataSafetyServices } from './dataSafetyServices';
import { ProgressBar } from './ProgressBar';
import { formatBytes, formatCount, percent, tableLabel } from './safetyText';

type Step =
  | { kind: 'idle' }
  | { kind: 'credentials'; file: BackupFile }
  | { kind: 'preview'; prepared: PreparedRestore }
  | { kind: 'running'; prepared: PreparedRestore; progress: RestoreProgress | null }
  | { kind: 'done'; outcome: RestoreOutcome };

const STAGE: Record<RestoreStage, MessageKey> = {
  writing: 'safety.restore.stage.writing',
  upgrading: 'safety.restore.stage.upgrading',
  verifying: 'safety.restore.stage.verifying',
  switching: 'safety.restore.stage.switching',
};

/**
 * 从备份恢复: choose the file, give a password (or the recovery code) it was made with, see what it
 * holds, confirm, watch it restored into a new database and verified; the current data stays until
 * that has all succeeded. `replacing`: a working store is being replaced (the 系统管理 page), as
 * opposed to a fresh install or an unreadable store (the gates).
 */
export function RestoreFlow({ services, replacing, onCancel }: { services: DataSafetyServices; replacing: boolean; onCancel?: () => void }) {
  const t = useT();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const awake = useKeepAwake();
  const stepRef = useRef(step);
  stepRef.current = step;

  // Leaving the screen forgets an opened backup (its key) and closes the file.
  useEffect(
    () => () => {
      const s = stepRef.current;
      if (s.kind === 'credentials') void s.file.close();
      if (s.kind === 'preview') void s.prepared.discard();
      abort.current?.abort();
    },
    [],
  );

  async function choose() {
    setRefusal(null);
    setBusy(true);
    try {
      const file = await services.openFile();
      if (file) setStep({ kind: 'credentials', file });
    } catch (e) {
      setRefusal(refusalFromError(e));
    } finally {
      setBusy(false);
    }
  }

  async function reset() {
    if (step.kind === 'credentials') await step.file.close().catch(() => undefined);
    if (step.kind === 'preview') await step.prepared.discard();
    setStep({ kind: 'idle' });
    setRefusal(null);
  }

  async function restore(prepared: PreparedRestore) {
    setRefusal(null);
    const controller = new AbortController();
    abort.current = controller;
    setStep({ kind: 'running', prepared, progress: null });
    try {
      const r = await services.store.restore(
        prepared,
        (progress) => {
          awake();
          setStep({ kind: 'running', prepared, progress });
        },
        controller.signal,
      );
      if (r.ok) {
        setStep({ kind: 'done', outcome: r.value });
      } else {
        setRefusal(r.error);
        await prepared.discard();
        setStep({ kind: 'idle' });
      }
    } catch (e) {
      setRefusal(refusalFromError(e));
      await prepared.discard();
      setStep({ kind: 'idle' });
    } finally {
      abort.current = null;
    }
  }

  switch (step.kind) {
    case 'idle':
      return (
        <div>
          <p className="note">{replacing ? t('safety.restore.introReplace') : t('safety.restore.introFresh')}</p>
          <div className="actions">
            <button type="button" className="button-primary" disabled={busy} onClick={() => void choose()}>
              {t('safety.restore.choose')}
            </button>
            {onCancel && (
              <button type="button" className="button-secondary" onClick={onCancel}>
                {t('safety.restore.back')}
              </button>
            )}
          </div>
          <RefusalAlert refusal={refusal} />
        </div>
      );
    case 'credentials':
      return (
        <CredentialsForm
          file={step.file}
          services={services}
          onOpened={(prepared) => {
            setRefusal(null);
            setStep({ kind: 'preview', prepared });
          }}
          onCancel={() => void reset()}
        />
      );
    case 'preview':
      return (
        <Preview
          prepared={step.prepared}
          replacing={replacing}
          refusal={refusal}
          onConfirm={() => void restore(step.prepared)}
          onCancel={() => void reset()}
        />
      );
    case 'running': {
      const p = step.progress;
      const stage = p?.stage ?? 'writing';
      return (
        <div>
          <ProgressBar
            label={t('safety.restore.progressLabel')}
            done={p?.done ?? 0}
            total={stage === 'writing' || stage === 'verifying' ? (p?.total ?? 0) : 0}
            text={t(STAGE[stage], { done: formatCount(p?.done ?? 0), total: formatCount(p?.total ?? 0), percent: percent(p?.done ?? 0, p?.total ?? 0) })}
          />
          <p className="note">{t('safety.restore.keepOpen')}</p>
          {(stage === 'writing' || stage === 'verifying') && (
            <button type="button" className="button-secondary" onClick={() => abort.current?.abort()}>
              {t('safety.restore.cancel')}
            </button>
          )}
        </div>
      );
    }
    case 'done':
      return (
        <div>
          <p role="status" className="alert alert-ok">
            {t('safety.restore.done', { rows: formatCount(step.outcome.rows) })}
          </p>
          {step.outcome.keptDamaged && <p className="note">{t('safety.restore.keptDamaged')}</p>}
          <button type="button" className="button-primary" onClick={() => services.restart()}>
            {t('safety.restore.toSignIn')}
          </button>
        </div>
      );
    default: {
      const never: never = step;
      return never;
    }
  }
}

function CredentialsForm({ file, services, onOpened, onCancel }: { file: BackupFile; services: DataSafetyServices; onOpened: (p: PreparedRestore) => void; onCancel: () => void }) {
  const t = useT();
  const [method, setMethod] = useState<'password' | 'recovery'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    try {
      const r = await services.store.openBackup(file, method === 'password' ? { kind: 'password', username, password } : { kind: 'recovery', code });
      if (r.ok) onOpened(r.value);
      else setRefusal(r.error);
    } catch (err) {
      setRefusal(refusalFromError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form-grid">
      <dl className="safety-facts">
        <dt>{t('safety.restore.file')}</dt>
        <dd>{file.path}</dd>
        <dt>{t('safety.restore.size')}</dt>
        <dd>{formatBytes(file.size)}</dd>
      </dl>
      <p className="note">{t('safety.restore.credentialsIntro')}</p>
      <fieldset className="checkbox-group">
        <legend>{t('safety.restore.method')}</legend>
        <label className="checkbox">
          <input type="radio" name="restore-method" checked={method === 'password'} onChange={() => setMethod('password')} />
          <span>{t('safety.restore.method.password')}</span>
        </label>
        <label className="checkbox">
          <input type="radio" name="restore-method" checked={method === 'recovery'} onChange={() => setMethod('recovery')} />
          <span>{t('safety.restore.method.recovery')}</span>
        </label>
      </fieldset>
      {method === 'password' ? (
        <>
          <TextField label={t('field.username')} value={username} onChange={setUsername} disabled={busy} />
          <TextField label={t('field.password')} type="password" value={password} onChange={setPassword} disabled={busy} />
        </>
      ) : (
        <TextField label={t('safety.restore.code')} value={code} onChange={setCode} disabled={busy} hint={t('safety.restore.codeHint')} />
      )}
      <RefusalAlert refusal={refusal} />
      {busy && (
        <p role="status" className="working">
          {t('safety.restore.opening')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('safety.restore.open')}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={onCancel}>
          {t('safety.restore.cancelChoice')}
        </button>
      </div>
    </form>
  );
}

function Preview({
  prepared,
  replacing,
  refusal,
  onConfirm,
  onCancel,
}: {
  prepared: PreparedRestore;
  replacing: boolean;
  refusal: Refusal | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [confirmed, setConfirmed] = useState(false);
  const p = prepared.preview;
  const shown = p.tables.filter((x) => x.count > 0);
  return (
    <div>
      <h3>{t('safety.restore.previewHeading')}</h3>
      <dl className="safety-facts">
        <dt>{t('safety.restore.unit')}</dt>
        <dd>{t('safety.restore.unitValue', { name: p.unit.name, code: p.unit.code })}</dd>
        <dt>{t('safety.restore.createdAt')}</dt>
        <dd>{formatLocalTime(p.createdAt)}</dd>
        <dt>{t('safety.restore.createdBy')}</dt>
        <dd>{t('safety.restore.person', { displayName: p.createdBy.displayName, username: p.createdBy.username })}</dd>
        <dt>{t('safety.restore.file')}</dt>
        <dd>{p.path}</dd>
        <dt>{t('safety.restore.appVersion')}</dt>
        <dd>{t('safety.restore.versionValue', { app: p.appVersion, schema: p.schemaVersion })}</dd>
      </dl>
      <table className="table safety-counts">
        <caption className="muted">{t('safety.restore.countsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('safety.restore.col.table')}</th>
            <th scope="col">{t('safety.restore.col.count')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((x) => (
            <tr key={x.name}>
              <td>{tableLabel(x.name, t)}</td>
              <td>{formatCount(x.count)}</td>
            </tr>
          ))}
          <tr className="safety-total">
            <th scope="row">{t('safety.restore.total')}</th>
            <td>{formatCount(p.rows)}</td>
          </tr>
        </tbody>
      </table>
      {p.sameInstall === false && <p className="alert alert-error">{t('safety.restore.otherInstall')}</p>}
      {p.viaRecoveryCode && <p className="note">{t('safety.restore.viaRecovery')}</p>}
      <p className="alert note-important">{replacing ? t('safety.restore.replaceWarning') : t('safety.restore.freshNote')}</p>
      <CheckboxField label={t('safety.restore.confirm')} checked={confirmed} onChange={setConfirmed} />
      <RefusalAlert refusal={refusal} />
      <div className="actions">
        <button type="button" className={replacing ? 'button-primary button-danger' : 'button-primary'} disabled={!confirmed} onClick={onConfirm}>
          {t('safety.restore.start')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('safety.restore.cancelChoice')}
        </button>
      </div>
    </div>
  );
}
