/**
 * The language switch the phone has, in the office bar: Tiếng Việt first, English second. The
 * choice is remembered on this computer (localStorage: the office keeps nothing in IndexedDB).
 */
import { onMount } from 'solid-js';
import { locale, type Locale } from '../../i18n';
import { setLanguage, t } from '../messages';

const KEY = 'sothidua.office.locale';

export default function LanguageSwitch() {
  onMount(() => {
    try {
      const saved = localStorage.getItem(KEY);
      if ((saved === 'vi' || saved === 'en') && saved !== locale()) setLanguage(saved);
    } catch {
      // Storage refused: Vietnamese, the default.
    }
  });
  const choose = (next: Locale) => {
    setLanguage(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Not remembered; the switch still works for this page.
    }
  };
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.label')}>
      <button type="button" lang="vi" aria-pressed={locale() === 'vi'} onClick={() => choose('vi')}>Tiếng Việt</button>
      <button type="button" lang="en" aria-pressed={locale() === 'en'} onClick={() => choose('en')}>English</button>
    </div>
  );
}
