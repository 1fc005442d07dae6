import type { Locale } from "@atende/shared";
import cs from "../../../../../locales/cs/attendant.json" with { type: "json" };
import en from "../../../../../locales/en/attendant.json" with { type: "json" };
import ptBR from "../../../../../locales/pt-BR/attendant.json" with { type: "json" };

const CATALOGS: Record<Locale, typeof en> = { en, "pt-BR": ptBR, cs };

type Leaves<T, P extends string = ""> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];
export type AttendantTextKey = Leaves<typeof en>;

/** What the attendant says, in the customer's language (locales/<locale>/attendant.json), `{{name}}` filled in. */
export function attendantText(locale: Locale, key: AttendantTextKey, vars: Record<string, string> = {}): string {
  const found = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], CATALOGS[locale]);
  return (typeof found === "string" ? found : key).replace(/\{\{(\w+)\}\}/g, (_m, name: string) => vars[name] ?? "");
}
