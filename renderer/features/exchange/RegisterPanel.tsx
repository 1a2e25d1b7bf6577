import { useState } from 'react';
import type { Refusal } from '../../../shared/result';
import { useT } from '../../i18n';
import { TextField } from '../../ui/TextField';
import type { ExchangeServices } from './exchangeServices';
import { PemPicker } from './PemPicker';
import { ExchangeAlert, ExchangeDone } from './ui';

/** 登记单位 (bureau): a unit by its code, name and the public key file it handed over. */
export function RegisterPanel({ services, may, onRegistered }: { services: ExchangeServices; may: boolean; onRegistered: () => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  async function register(pem: string) {
    setBusy(true);
    setRefusal(null);
    setDone(null);
    const r = await services.bureau.registerUnit({ pem, code, name });
    setBusy(false);
    if (!r.ok) return setRefusal(r.error);
    setDone(t('ex.register.done', { name: r.value.name, code: r.value.code }));
    setCode('');
    setName('');
    setRound((n) => n + 1);
    onRegistered();
  }

  return (
    <section aria-labelledby="ex-register-title">
      <h2 id="ex-register-title">{t('ex.register.heading')}</h2>
      <p className="note">{t('ex.register.intro')}</p>
      {may ? (
        <form className="form-grid" onSubmit={(e) => e.preventDefault()}>
          <TextField label={t('ex.register.code')} value={code} onChange={setCode} disabled={busy} />
          <TextField label={t('ex.register.name')} value={name} onChange={setName} disabled={busy} />
          <PemPicker key={round} services={services} disabled={busy} confirmLabel={t('ex.register.confirm')} onConfirm={(k) => void register(k.pem)} />
        </form>
      ) : (
        <p className="note">{t('ex.import.askClerk')}</p>
      )}
      <ExchangeAlert refusal={refusal} />
      {done && <ExchangeDone>{done}</ExchangeDone>}
    </section>
  );
}
