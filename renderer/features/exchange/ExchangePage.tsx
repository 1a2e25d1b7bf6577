import { PlaceholderPage } from '../../ui/PlaceholderPage';

/** 数据交换: signed bundles to and from the supervising bureau. */
export function ExchangePage() {
  return <PlaceholderPage title="nav.exchange" note="page.exchange.note" />;
}
