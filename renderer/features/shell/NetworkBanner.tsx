import { useT } from '../../i18n';
import { useSession } from '../../session/SessionContext';

/** 违规外联: shown above every screen for as long as an interface is up. */
export function NetworkBanner() {
  const t = useT();
  const exposed = useSession((s) => s.exposed);
  if (exposed.length === 0) return null;
  const list = exposed
    .map((i) => t('network.interface', { name: i.name, addresses: i.addresses.join(', ') }))
    .join(t('list.separator'));
  return (
    <div role="alert" className="network-banner">
      {t('network.banner', { list })}
    </div>
  );
}
