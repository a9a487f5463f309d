import { useTranslation } from 'react-i18next';
import { endonym, LANGUAGES, shownLanguage, type Language } from '../i18n';
import { chooseLanguage } from '../lib/language';

/**
 * The laptop's language: each language named in itself, so a coach finds
 * theirs whatever is showing now. Kept per laptop.
 */
export function LanguagePicker() {
  const { t } = useTranslation();
  const shown = shownLanguage();
  return (
    <label className="language-picker">
      <span>{t('language.label')}</span>
      <select value={shown} onChange={(e) => void chooseLanguage(e.target.value as Language)}>
        {!(LANGUAGES as readonly string[]).includes(shown) && <option value={shown}>{shown}</option>}
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng === 'zh' ? 'zh-Hans' : lng}>
            {endonym(lng)}
          </option>
        ))}
      </select>
    </label>
  );
}
