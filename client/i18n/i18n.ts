import { LOCALES, type Locale } from '../../shared/protocol';
import { boardMessages } from './board';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

/**
 * Messages of each area live in their own module (the shell's in en/fr/es.ts, the board's in
 * board.ts, …); each area gives every key in all three languages, which the type checks.
 */
export type MessageKey = keyof typeof en | keyof typeof boardMessages.en;

export const catalogs: Record<Locale, Record<MessageKey, string>> = {
  en: { ...en, ...boardMessages.en },
  fr: { ...fr, ...boardMessages.fr },
  es: { ...es, ...boardMessages.es },
};

const STORAGE_KEY = 'mutua.locale';

/** Her saved choice, else the first browser language we speak, else English. */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  for (const tag of globalThis.navigator?.languages ?? []) {
    const base = tag.slice(0, 2).toLowerCase();
    if ((LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return 'en';
}

export function rememberLocale(locale: Locale) {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
}

export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string> = {},
): string {
  return catalogs[locale][key].replace(
    /\{(\w+)\}/g,
    (_, name: string) => params[name] ?? `{${name}}`,
  );
}

/** A field message code from the server (e.g. `password_too_short`) in her language. */
export function fieldMessage(locale: Locale, code: string): string {
  const key = `field.${code}` as MessageKey;
  return key in catalogs[locale] ? translate(locale, key) : translate(locale, 'field.invalid');
}

export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
};
