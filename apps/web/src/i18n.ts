import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { LOCALES, type Locale } from "@atende/shared";
import cs from "../../../locales/cs/web.json";
import en from "../../../locales/en/web.json";
import ptBR from "../../../locales/pt-BR/web.json";

export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "pt-BR": "Português (Brasil)", cs: "Čeština" };
const STORED = "atende.locale";

/** The first of the browser's languages we speak, else English. */
function browserLocale(): Locale {
  for (const tag of navigator.languages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith("pt")) return "pt-BR";
    if (lower.startsWith("cs")) return "cs";
    if (lower.startsWith("en")) return "en";
  }
  return "en";
}

const stored = localStorage.getItem(STORED);
const initial: Locale = (LOCALES as readonly string[]).includes(stored ?? "") ? (stored as Locale) : browserLocale(); // checked just above

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, "pt-BR": { translation: ptBR }, cs: { translation: cs } },
  lng: initial,
  fallbackLng: "en",
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  showSupportNotice: false, // not in every agent's console
});
document.documentElement.lang = initial;

/** The language of the app now. */
export const currentLocale = (): Locale => i18n.language as Locale; // only ever set from LOCALES

/** Switches the app's language (kept in this browser); `remember: false` follows the agent's profile without pinning it. */
export function setLocale(locale: Locale, remember = true): void {
  if (remember) localStorage.setItem(STORED, locale);
  document.documentElement.lang = locale;
  void i18n.changeLanguage(locale);
}

/** Whether this browser chose a language itself (then the agent's profile does not override it). */
export const localeChosenHere = (): boolean => localStorage.getItem(STORED) !== null;

export { i18n };
