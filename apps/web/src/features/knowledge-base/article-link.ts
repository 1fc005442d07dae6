import { LOCALES, type ArticleTranslationRefDto, type Locale } from "@atende/shared";

/** A language tag as a browser says it ("pt-PT", "cs-CZ", "en_GB") as one of ours; null for any other. */
export function localeOf(tag: string | null | undefined): Locale | null {
  const lower = (tag ?? "").toLowerCase();
  if (lower.startsWith("pt")) return "pt-BR";
  if (lower.startsWith("cs")) return "cs";
  if (lower.startsWith("en")) return "en";
  return null;
}

/**
 * Which translation of an article to send a customer: the published one in the conversation's
 * language, else in the agent's, else the one found (published; the search finds only those),
 * else any published one in the order of LOCALES.
 */
export function translationToLink<Found extends Pick<ArticleTranslationRefDto, "id" | "locale">>(
  found: Found,
  translations: readonly ArticleTranslationRefDto[],
  wanted: readonly (Locale | null)[],
): Found | ArticleTranslationRefDto {
  const published = translations.filter((t) => t.status === "published");
  for (const locale of wanted) {
    const match = locale === null ? undefined : published.find((t) => t.locale === locale);
    if (match) return match;
  }
  if (published.some((t) => t.id === found.id) || published.length === 0) return found;
  return LOCALES.flatMap((l) => published.filter((t) => t.locale === l))[0] ?? found;
}

/** What goes in the reply: "Title: https://…/help/…" (an address the server gave as a path made absolute here). */
export function articleLinkText(title: string, url: string, origin: string): string {
  return `${title}: ${new URL(url, origin).href}`;
}

/** `insert` put at the caret of `text`, on a line of its own unless it starts one or the text is empty. */
export function insertAtCaret(text: string, caret: number, insert: string): { text: string; caret: number } {
  const before = text.slice(0, caret);
  const after = text.slice(caret);
  const lead = before === "" || before.endsWith("\n") ? "" : before.endsWith(" ") ? "" : " ";
  const trail = after === "" || after.startsWith("\n") || after.startsWith(" ") ? "" : " ";
  const next = `${before}${lead}${insert}${trail}${after}`;
  return { text: next, caret: before.length + lead.length + insert.length + trail.length };
}
