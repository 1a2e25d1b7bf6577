import { useEffect, useState, type FormEvent } from 'react';
import { POLICY_BOUNDS, type SecurityPolicy } from '../../../shared/auth/policy';
import type { Refusal } from '../../../shared/result';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { FormActions } from '../../ui/FormActions';
import { RefusalAlert } from '../../ui/RefusalAlert';
import { Region } from '../../ui/Region';
import { TextField } from '../../ui/TextField';
import { useSubmit } from '../../ui/useSubmit';

type Key = 'confidential' | 'secret' | 'top_secret' | 'maxAgeDays' | 'maxFailures' | 'lockMinutes' | 'idleMinutes';
const FIELDS: { key: Key; label: MessageKey; bounds: { min: number; max: number } }[] = [
  { key: 'confidential', label: 'policy.minLength.confidential', bounds: POLICY_BOUNDS.minLength },
  { key: 'secret', label: 'policy.minLength.secret', bounds: POLICY_BOUNDS.minLength },
  { key: 'top_secret', label: 'policy.minLength.top_secret', bounds: POLICY_BOUNDS.minLength },
  { key: 'maxAgeDays', label: 'policy.maxAgeDays', bounds: POLICY_BOUNDS.maxAgeDays },
  { key: 'maxFailures', label: 'policy.maxFailures', bounds: POLICY_BOUNDS.maxFailures },
  { key: 'lockMinutes', label: 'policy.lockMinutes', bounds: POLICY_BOUNDS.lockMinutes },
  { key: 'idleMinutes', label: 'policy.idleMinutes', bounds: POLICY_BOUNDS.idleMinutes },
];

function toForm(p: SecurityPolicy): Record<Key, string> {
  return {
    confidential: String(p.password.minLength.confidential),
    secret: String(p.password.minLength.secret),
    top_secret: String(p.password.minLength.top_secret),
    maxAgeDays: String(p.password.maxAgeDays),
    maxFailures: String(p.lock.maxFailures),
    lockMinutes: String(p.lock.lockMinutes),
    idleMinutes: String(p.lock.idleMinutes),
  };
}

/** Whole numbers only; anything else becomes NaN, which the store refuses with the field's bounds. */
const num = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);

function fromForm(f: Record<Key, string>): SecurityPolicy {
  return {
    password: { minLength: { confidential: num(f.confidential), secret: num(f.secret), top_secret: num(f.top_secret) }, maxAgeDays: num(f.maxAgeDays) },
    lock: { maxFailures: num(f.maxFailures), lockMinutes: num(f.lockMinutes), idleMinutes: num(f.idleMinutes) },
  };
}

/** 安全保密管理员: password rules by level, password age, lock after failures, idle lock. */
export function PolicyAdmin() {
  const t = useT();
  const admin = useSession((s) => s.admin);
  const [form, setForm] = useState<Record<Key, string> | null>(null);
  const [loadRefusal, setLoadRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, refusal, run } = useSubmit();

  useEffect(() => {
    void admin.getPolicy().then((r) => (r.ok ? setForm(toForm(r.value)) : setLoadRefusal(r.error)));
  }, [admin]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setSaved(false);
    await run(
      () => admin.updatePolicy(fromForm(form)),
      (p) => {
        setForm(toForm(p));
        setSaved(true);
      },
    );
  }

  return (
    <Region title={t('policy.heading')}>
      <p className="note">{t('policy.intro')}</p>
      <RefusalAlert refusal={loadRefusal} />
      {form && (
        <form onSubmit={(e) => void submit(e)} noValidate className="form-grid form-grid-narrow">
          {FIELDS.map((f) => (
            <TextField
              key={f.key}
              label={t(f.label)}
              type="number"
              inputMode="numeric"
              min={f.bounds.min}
              max={f.bounds.max}
              hint={t(f.key === 'maxAgeDays' ? 'policy.hint.maxAgeDays' : 'policy.hint.range', { min: f.bounds.min, max: f.bounds.max })}
              value={form[f.key]}
              onChange={(v) => setForm((x) => (x ? { ...x, [f.key]: v } : x))}
              disabled={busy}
            />
          ))}
          <p className="note">{t('policy.mixedRule')}</p>
          <RefusalAlert refusal={refusal} />
          {saved && (
            <p role="status" className="alert alert-ok">
              {t('policy.saved')}
            </p>
          )}
          <FormActions submit={t('policy.submit')} busy={busy} />
        </form>
      )}
    </Region>
  );
}
