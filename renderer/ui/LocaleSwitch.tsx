import { LOCALES, setLocale, useLocale, useT } from '../i18n';

/** 中文 / English: each name is written in its own language, so it is findable from either. */
export function LocaleSwitch() {
  const t = useT();
  const current = useLocale();
  return (
    <div className="locale-switch" role="group" aria-label={t('locale.label')}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === current}
          onClick={() => setLocale(locale)}
        >
          {t(`locale.${locale}`)}
        </button>
      ))}
    </div>
  );
}
