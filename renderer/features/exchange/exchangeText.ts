import type { SignatureAlgorithm } from '../../../shared/bundle/keys';
import type { BundleKind } from '../../../shared/bundle/manifest';
import { describeBundleRefusal, isBundleRefusalCode } from '../../../shared/bundle/messages';
import { CONTENT_NAMES } from '../../../shared/exchange/documents';
import type { Refusal } from '../../../shared/result';
import { isMessageKey, type Locale, type Translate } from '../../i18n';
import { describeRefusal } from '../../i18n/refusals';

/** How the exchange's codes read in the current locale. */
export const algorithmLabel = (a: SignatureAlgorithm, t: Translate) => t(a === 'ed25519' ? 'ex.algorithm.ed25519' : 'ex.algorithm.sm2');
export const kindLabel = (k: BundleKind, t: Translate) => t(k === 'policy' ? 'ex.kind.policy' : 'ex.kind.unitExport');

export function contentLabel(name: string, t: Translate): string {
  const key = `ex.content.${name}`;
  return isMessageKey(key) ? t(key) : (CONTENT_NAMES[name] ?? name);
}

export function countsText(counts: Record<string, number>, t: Translate): string {
  return Object.keys(counts)
    .sort()
    .map((name) => `${contentLabel(name, t)} ${counts[name] ?? 0}`)
    .join(t('list.separator'));
}

/** The first and last 8 hex digits: enough to tell bundles apart on screen (the receipt prints it all). */
export const shortHash = (hex: string) => (hex.length > 20 ? `${hex.slice(0, 8)}…${hex.slice(-8)}` : hex);

/**
 * A refusal in the person's words: the bundle code's own sentence (shared/bundle/messages.ts, the
 * same the command line prints), the exchange's and the file channels' from the locale files,
 * anything else as the rest of the app says it.
 */
export function describeExchangeRefusal(r: Refusal, t: Translate, locale: Locale): string {
  if (isBundleRefusalCode(r.code)) return describeBundleRefusal(r, locale);
  const key = `ex.refusal.${r.code}`;
  if (isMessageKey(key)) {
    const params = { ...(r.params ?? {}) };
    if (typeof params.part === 'string') params.part = contentLabel(params.part, t);
    return t(key, params);
  }
  return describeRefusal(r, t);
}
