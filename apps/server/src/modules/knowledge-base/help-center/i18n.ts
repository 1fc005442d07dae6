import type { Locale } from "@atende/shared";
import cs from "../../../../../../locales/cs/help-center.json" with { type: "json" };
import en from "../../../../../../locales/en/help-center.json" with { type: "json" };
import ptBR from "../../../../../../locales/pt-BR/help-center.json" with { type: "json" };

const CATALOGS: Record<Locale, Record<string, string>> = { en, "pt-BR": ptBR, cs };

type Key = Exclude<keyof typeof en, `${string}_${"one" | "other"}`>;
type Counted = "articleCount";

/** The help center's words in one language (locales/<locale>/help-center.json), `{{name}}` filled in. */
export function helpText(locale: Locale) {
  const catalog = CATALOGS[locale];
  const plural = new Intl.PluralRules(locale);
  const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(vars[name] ?? ""));
  return {
    t(key: Key, vars: Record<string, string | number> = {}): string {
      return fill(catalog[key] ?? en[key], vars);
    },
    /** A counted phrase in the language's plural form ("3 články", "5 článků"). */
    count(key: Counted, count: number): string {
      const form = catalog[`${key}_${plural.select(count)}`] ?? catalog[`${key}_other`] ?? en[`${key}_other`];
      return fill(form, { count });
    },
    /** A language's name in this language ("angličtina"), or in its own when `own` ("English"). */
    languageName(of: Locale, own = false): string {
      const name = new Intl.DisplayNames([own ? of : locale], { type: "language" }).of(of) ?? of;
      return name.charAt(0).toLocaleUpperCase(own ? of : locale) + name.slice(1);
    },
    date(at: Date, timeZone: string): string {
      return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(at);
    },
  };
}
export type HelpText = ReturnType<typeof helpText>;
