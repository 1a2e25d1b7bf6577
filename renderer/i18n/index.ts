import { useCallback } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { en } from './en';
import { zhCN } from './zh-CN';

/**
 * A deliberately tiny i18n: two flat catalogs with identical keys, `{name}` interpolation, and the
 * chosen locale kept in localStorage. The locale is a UI preference, not data, so one module-level
 * store for it is fine (the database is never a module singleton).
 */
export type MessageKey = keyof typeof zhCN;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_STORAGE_KEY = 'ledger.locale';

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

export function isMessageKey(x: string): x is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, x);
}

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

const localeStore = createStore<{ locale: Locale }>(() => ({ locale: readStoredLocale() }));

export function getLocale(): Locale {
  return localeStore.getState().locale;
}

export function setLocale(locale: Locale): void {
  localeStore.setState({ locale });
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage may be unavailable; the choice then lasts for this run only.
  }
  applyDocumentLocale();
}

/** Keeps `<html lang>` and the title in step with the locale (screen readers and CJK fonts use lang). */
export function applyDocumentLocale(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = getLocale();
  document.title = t('app.name');
}

/** Replaces `{name}` with params.name; a placeholder without a value stays visible rather than vanishing. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(catalogs[locale][key], params);
}

/** Translates in the current locale; components use `useT()` so they re-render on a switch. */
export function t(key: MessageKey, params?: Params): string {
  return translate(getLocale(), key, params);
}

export function useLocale(): Locale {
  return useStore(localeStore, (s) => s.locale);
}

export function useT(): Translate {
  const locale = useLocale();
  return useCallback((key: MessageKey, params?: Params) => translate(locale, key, params), [locale]);
}

/** Local time as `YYYY-MM-DD HH:mm`: unambiguous in both locales and independent of the OS's format. */
export function formatLocalTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
