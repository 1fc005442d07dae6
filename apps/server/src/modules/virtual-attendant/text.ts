import type { Locale } from "@atende/shared";
import cs from "../../../../../locales/cs/attendant.json" with { type: "json" };
import en from "../../../../../locales/en/attendant.json" with { type: "json" };
import ptBR from "../../../../../locales/pt-BR/attendant.json" with { type: "json" };

const CATALOGS: Record<Locale, typeof en> = { en, "pt-BR": ptBR, cs };

export type AttendantTextKey = keyof typeof en;

/** What the attendant says, in the customer's language (locales/<locale>/attendant.json), `{{name}}` filled in. */
export function attendantText(locale: Locale, key: AttendantTextKey, vars: Record<string, string> = {}): string {
  return CATALOGS[locale][key].replace(/\{\{(\w+)\}\}/g, (_m, name: string) => vars[name] ?? "");
}
