import { useState } from 'react';
import { authorize } from '../../../shared/auth/permissions';
import type { ListKind } from '../../../shared/destruction/lists';
import type { ListDoc } from '../../db/destructionAccess';
import { formatLocalTime, useT } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { TextField } from '../../ui/TextField';
import { useSubmit } from '../../ui/useSubmit';
import type { DestructionServices } from './destructionServices';
import { Done, DstAlert, DstTable } from './dstUi';
import type { DestructionData } from './useDestructionData';

/**
 * 指定销毁机构 and 信息消除工具: kept here by the secrecy clerk until the bureau's policy bundles
 * bring them. An entry no longer in force is withdrawn, not deleted: records made with it keep it.
 */
export function ListsView({ services, data, onChanged }: { services: DestructionServices; data: DestructionData; onChanged: () => void }) {
  const t = useT();
  return (
    <>
      <p className="muted">{t('dst.lists.intro')}</p>
      <ListSection kind="body" services={services} entries={data.lists.filter((e) => e.kind === 'body')} onChanged={onChanged} />
      <ListSection kind="tool" services={services} entries={data.lists.filter((e) => e.kind === 'tool')} onChanged={onChanged} />
    </>
  );
}

function ListSection({ kind, services, entries, onChanged }: { kind: ListKind; services: DestructionServices; entries: ListDoc[]; onChanged: () => void }) {
  const t = useT();
  const roles = useSession((s) => s.session?.roles ?? []);
  const mayEdit = authorize(roles, 'destruction.prepare').ok;
  const [name, setName] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const { busy, refusal, run } = useSubmit();
  const heading = t(`dst.lists.${kind}`);
  return (
    <section className="panel" aria-labelledby={`dst-list-${kind}`}>
      <h2 id={`dst-list-${kind}`}>{heading}</h2>
      {entries.length === 0 ? (
        <p className="placeholder-note">{t('dst.lists.empty')}</p>
      ) : (
        <DstTable label={heading} columns={[t('dst.lists.name'), t('dst.lists.added'), t('dst.lists.state'), '']}>
          {entries.map((e) => (
            <tr key={e.id} className={e.withdrawnAt ? 'row-muted' : undefined}>
              <td>{e.name}</td>
              <td>{t('dst.fact.byAt', { name: e.names[e.addedBy] ?? '?', at: formatLocalTime(e.addedAt) })}</td>
              <td>{e.withdrawnAt ? t('dst.lists.withdrawnAt', { at: formatLocalTime(e.withdrawnAt) }) : t('dst.lists.inForce')}</td>
              <td>
                {mayEdit && !e.withdrawnAt && (
                  <button type="button" className="button-small" disabled={busy} aria-label={t('dst.lists.withdrawLabel', { name: e.name })} onClick={() => void run(() => services.destruction.withdrawListEntry(e.id), () => onChanged())}>
                    {t('dst.lists.withdraw')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DstTable>
      )}
      {mayEdit && (
        <form
          aria-label={t('dst.lists.addLabel', { list: heading })}
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => services.destruction.addListEntry(kind, name),
              (doc) => {
                setAdded(doc.name);
                setName('');
                onChanged();
              },
            );
          }}
        >
          <TextField label={t(`dst.lists.new.${kind}`)} value={name} onChange={setName} disabled={busy} />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={busy}>
              {t('dst.lists.add')}
            </button>
          </div>
        </form>
      )}
      <DstAlert refusal={refusal} />
      {added && <Done>{t('dst.lists.addedDone', { name: added })}</Done>}
    </section>
  );
}
