import cs from "../../../locales/cs/email.json" with { type: "json" };
import en from "../../../locales/en/email.json" with { type: "json" };
import ptBR from "../../../locales/pt-BR/email.json" with { type: "json" };
import type { Locale } from "./enums.js";

const CATALOGS: Record<Locale, typeof en> = { en, "pt-BR": ptBR, cs };

/** What a reply quotes: the customer's last message, without the history it quoted itself. */
export type QuotedMessage = { at: Date; name: string; text: string };

/**
 * The text of an e-mail reply: the agent's words, the inbox's signature after the standard `-- `
 * separator, and the customer's last message quoted below an "On … wrote:" line in the agent's
 * language (the time in UTC, said so, since the customer's time zone is not known).
 */
export function composeReplyText(opts: { body: string; signature: string | null; quoted: QuotedMessage | null; locale: Locale }): string {
  const parts = [opts.body.trimEnd()];
  if (opts.signature?.trim()) parts.push(`-- \n${opts.signature.trim()}`);
  if (opts.quoted) {
    const header = quoteHeader(opts.quoted, opts.locale);
    const lines = opts.quoted.text.trimEnd().split(/\r?\n/).map((line) => (line ? `> ${line}` : ">"));
    parts.push(`${header}\n${lines.join("\n")}`);
  }
  return `${parts.join("\n\n")}\n`;
}

/** The "On … wrote:" line above a quoted message, in a language (the time in UTC, said so). */
export function quoteHeader(quoted: QuotedMessage, locale: Locale): string {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(quoted.at);
  return CATALOGS[locale].quoteHeader.replace("{{date}}", `${date} UTC`).replace("{{name}}", quoted.name);
}

/** The e-mail that carries chat replies a visitor left without reading, in the visitor's language. */
export function composeChatFallback(opts: {
  workspace: string;
  agent: string;
  replies: string[];
  locale: Locale;
}): { subject: string; text: string } {
  const catalog = CATALOGS[opts.locale];
  const fill = (template: string) => template.replace("{{workspace}}", opts.workspace).replace("{{agent}}", opts.agent);
  const body = opts.replies.map((r) => r.trim()).join("\n\n");
  return { subject: fill(catalog.chatFallbackSubject), text: `${fill(catalog.chatFallbackIntro)}\n\n${body}\n\n${catalog.chatFallbackOutro}\n` };
}

/** The e-mail with a one-time code that proves a chat visitor's address, in the visitor's language. */
export function composeEmailCode(opts: { workspace: string; code: string; locale: Locale }): { subject: string; text: string } {
  const catalog = CATALOGS[opts.locale];
  const fill = (template: string) => template.replaceAll("{{workspace}}", opts.workspace).replaceAll("{{code}}", opts.code);
  return { subject: fill(catalog.emailCodeSubject), text: `${fill(catalog.emailCodeText)}
` };
}

/** The e-mail that proves an inbox's address: a code its admin types in Atende, in the admin's language. */
export function composeAddressProof(opts: { address: string; workspace: string; code: string; locale: Locale }): { subject: string; text: string } {
  const catalog = CATALOGS[opts.locale];
  const fill = (template: string) =>
    template.replaceAll("{{address}}", opts.address).replaceAll("{{workspace}}", opts.workspace).replaceAll("{{code}}", opts.code);
  return { subject: fill(catalog.addressProofSubject), text: `${fill(catalog.addressProofText)}\n` };
}

/**
 * The e-mail with a link that sets a new password for an agent who forgot theirs, in the agent's
 * language. It greets nobody by name: an admin writes agents' names, at addresses nobody proved.
 */
export function composePasswordReset(opts: { email: string; workspace: string; link: string; locale: Locale }): { subject: string; text: string } {
  const catalog = CATALOGS[opts.locale];
  const text = catalog.passwordResetText
    .replaceAll("{{email}}", opts.email)
    .replaceAll("{{workspace}}", opts.workspace)
    .replaceAll("{{link}}", opts.link);
  return { subject: catalog.passwordResetSubject, text: `${text}
` };
}

/**
 * The best of our languages for an `Accept-Language` header (`cs-CZ,cs;q=0.9,en;q=0.8`): the
 * listed languages by their weight (`q`, 1 when left out; 0 means "not this"), the first we write
 * in, matched by its primary tag; English when none is.
 */
export function bestLocale(acceptLanguage: string | null | undefined): Locale {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), weight: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (primary === "pt" || primary === "cs" || primary === "en") return localeOf(primary);
  }
  return "en";
}

/** The language a browser asked for (`pt-BR`, `cs-CZ`, …) as one we write in; English otherwise. */
export function localeOf(language: string | null | undefined): Locale {
  const lower = (language ?? "").toLowerCase();
  if (lower.startsWith("pt")) return "pt-BR";
  if (lower.startsWith("cs")) return "cs";
  return "en";
}
