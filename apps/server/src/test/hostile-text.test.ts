import { describe, expect, it } from "vitest";
import { detectLocale, LOCALES, MESSAGE_BODY_MAX, slugify, withLinkPieces, words } from "@atende/shared";
import { htmlDepth, htmlPlainText, sanitizeEmailHtml } from "../channels/email/html.js";
import { splitQuoted } from "../channels/email/quoted.js";
import { sanitizeComposedHtml, textAsHtml, withContentIdSources } from "../lib/composed-html.js";
import { excerpt, markdownText, renderMarkdown } from "../modules/knowledge-base/markdown.js";
import { indexableText, otherWordings, queryKeys, vocabularyKeys } from "../modules/knowledge-base/search-text.js";
import { matchingPassage } from "../modules/knowledge-base/snippet.js";
import { preview } from "../modules/messages/service.js";
import { checked } from "../modules/virtual-attendant/flows.js";
import { asksForPerson, justGreets, saysNotSolved, soundsFrustrated } from "../modules/virtual-attendant/wants-person.js";

/**
 * Every function of the server that reads text someone else wrote (a received e-mail, a chat
 * message, an article, a search), fed texts built to make a backtracking regular expression take
 * time that grows with the square of their length or worse: each must answer as if the text were
 * ordinary. A function that did not (a tag or compound pattern scanning to the end from every
 * position) took seconds at a tenth of this length and minutes at this one, holding the whole
 * process. The bound is a hang check, far above what any of them takes (milliseconds).
 */
const LENGTH = MESSAGE_BODY_MAX;
const BOUND_MS = 3000;

/** Pieces that, repeated, meet a pattern's overlapping parts without ever completing it. */
const PIECES = ["x", "ž", "0", " ", "\t", "\r", "\n", "\r\n", "<", "<a", "<a ", "<img=", "</", "a-", "0-", "-", ".", "..", "@", "\0", "On ", "Em ", "V ", "De: ", "ate: De: ", "From: x\r", "> ", "\n>", "\n> \t", "STYLE<", "<style", "<script>", "![](", "[", "](", "*", "_", "`", "http://", "e\u0301", "😀", "&", "&#", "{{", "###", "|", "1.", "- "];
const HOSTILE = PIECES.map((piece) => ({ name: JSON.stringify(piece), text: `${piece.repeat(Math.ceil(LENGTH / piece.length)).slice(0, LENGTH - 2)}\0!` }));

const READERS: Record<string, (text: string) => unknown> = {
  sanitizeEmailHtml,
  htmlDepth,
  htmlPlainText,
  splitQuoted,
  sanitizeComposedHtml: (text) => sanitizeComposedHtml(text),
  withContentIdSources,
  textAsHtml,
  renderMarkdown,
  markdownText,
  excerpt: (text) => excerpt(text),
  preview: (text) => preview(text),
  slugify: (text) => slugify(text, "x"),
  withLinkPieces,
  words,
  detectLocale: (text) => detectLocale(text, "en"),
  asksForPerson,
  soundsFrustrated,
  saysNotSolved,
  justGreets,
  answerChecks: (text) => (["text", "email", "number"] as const).map((type) => checked({ type }, text)),
  search: (text) => LOCALES.map((locale) => [indexableText(locale, text), queryKeys(locale, text), otherWordings(locale, text), vocabularyKeys(locale, text)]),
  matchingPassage: (text) => LOCALES.map((locale) => matchingPassage(locale, text, text.slice(0, 2000))),
};

describe("text built to make a regular expression backtrack", () => {
  it.each(Object.entries(READERS))("%s reads every hostile text of 200,000 characters in linear time", (_name, read) => {
    const slow: string[] = [];
    for (const { name, text } of HOSTILE) {
      const started = performance.now();
      read(text);
      const took = performance.now() - started;
      if (took > BOUND_MS) slow.push(`${name}: ${took.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
  }, 120_000);
});
