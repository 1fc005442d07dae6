import type { Locale } from "@atende/shared";
import { excerpt } from "./markdown.js";
import { queryKeys } from "./search-text.js";

/** Whether a word's key stands for a question's key: the same, or sharing its start (another form of the word). */
function sameWord(wordKey: string, questionKey: string): boolean {
  if (wordKey === questionKey) return true;
  const stem = questionKey.slice(0, Math.max(4, questionKey.length - 2));
  return questionKey.length >= 4 && wordKey.startsWith(stem);
}

/**
 * The passage of an article's text that best answers a question: the sentence with the most of
 * its words (any form), continued up to `max` characters; the start of the text when none matches.
 */
export function matchingPassage(locale: Locale, plain: string, q: string, max = 180): string {
  const keys = queryKeys(locale, q);
  const sentences = plain.split(/\n+|(?<=[.!?:])\s+/u).filter((s) => s.trim() !== "");
  let best = -1;
  let bestScore = 0;
  sentences.forEach((sentence, i) => {
    const present = new Set(queryKeys(locale, sentence));
    const score = keys.filter((k) => [...present].some((w) => sameWord(w, k))).length;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  if (best < 0) return excerpt(plain, max);
  return excerpt(sentences.slice(best).join(" "), max);
}
