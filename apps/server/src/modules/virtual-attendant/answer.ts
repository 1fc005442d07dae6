import type { AskAttendantBody, AttendantAnswerDto, HandoffReason, Locale } from "@atende/shared";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../../config.js";
import type { Executor } from "../../db/client.js";
import { findPublicArticles, workspaceOf, type PublicArticleHit } from "../knowledge-base/public.js";
import { matchingPassage } from "../knowledge-base/snippet.js";
import { detectLocale } from "@atende/shared";
import { phraseAnswer, type Phrasing } from "./language-model.js";
import { attendantText, type AttendantTextKey } from "./text.js";
import { asksForPerson, soundsFrustrated } from "./wants-person.js";

/**
 * How much of a question the best article must cover (its words, weighed by rarity: see
 * `ArticleHit.coverage`) for the attendant to answer from it, by language. Below, it says it does
 * not know and offers a person: an honest "I don't know" costs a customer less than a confident
 * wrong answer. Czech asks for less: the same match covers less of a Czech question, whose
 * inflected forms the light stemmer leaves apart more often. Each was chosen on the evaluation's
 * development questions (`npm run eval:attendant`), as the lowest with no false answer.
 */
export const ATTENDANT_CONFIDENCE: Record<Locale, number> = { en: 0.45, "pt-BR": 0.45, cs: 0.4 };

/**
 * When it is not sure, the articles it offers as "may be related" must cover at least this much of
 * the question (by the same measure): below, an article shares a word or two with the question by
 * chance, and a list of those would only be noise. Chosen on the evaluation's development questions
 * (`npm run eval:attendant`, "related" columns).
 */
export const RELATED_COVERAGE = 0.25;

/** The most articles offered as "may be related". */
const RELATED_MAX = 3;

/** The longest passage the attendant quotes (the article's link has the rest). */
const PASSAGE_MAX = 320;

/** What the attendant tells the customer when it hands off, by why. */
const HANDOFF_TEXTS: Partial<Record<HandoffReason, AttendantTextKey>> = { frustrated: "handoffFrustrated", not_solved: "handoffNotSolved", failed: "handoffFailed" };
export const handoffText = (locale: Locale, reason: HandoffReason) => attendantText(locale, HANDOFF_TEXTS[reason] ?? "handoff");

const handoff = (locale: Locale, reason: HandoffReason): AttendantAnswerDto => ({
  outcome: "handoff",
  reply: handoffText(locale, reason),
  locale,
  article: null,
  passage: null,
  confidence: 0,
  reason,
  related: [],
});

/**
 * What the virtual attendant does with a customer's words, in their language: hands off at once
 * when they ask for a person or have lost patience; otherwise answers with the passage of the one
 * public article that answers with confidence, its link and "did this solve it?"; otherwise says
 * plainly that it does not know and offers a person. It never answers from anything but the
 * workspace's public, published articles.
 */
export async function askAttendant(db: Executor, config: Config, workspaceId: string, body: AskAttendantBody, log: FastifyBaseLogger): Promise<AttendantAnswerDto> {
  const workspace = await workspaceOf(db, workspaceId);
  const locale = body.locale ?? detectLocale(body.question, workspace.defaultLocale);
  return answerQuestion(db, config, { id: workspaceId, slug: workspace.slug }, body.question, locale, modelPhrasing(config, log));
}

/**
 * Words the answer from the article retrieval chose (its translation's id given): the text to say
 * instead of the plain passage, or null for the passage.
 */
export type Phraser = (p: Phrasing & { articleId: string }) => Promise<string | null>;

/** The configured language model's phrasing (none without one); its failures logged as warnings. */
export const modelPhrasing =
  (config: Config, log: FastifyBaseLogger): Phraser =>
  (p) =>
    phraseAnswer(config, p, (err) => {
      log.warn({ err }, "the language model failed; the attendant answers with the article's passage");
    });

/** What the attendant does with a question in a known language (see askAttendant). */
export async function answerQuestion(
  db: Executor,
  config: Config,
  workspace: { id: string; slug: string },
  question: string,
  locale: Locale,
  phrase: Phraser,
): Promise<AttendantAnswerDto> {
  if (asksForPerson(question)) return handoff(locale, "asked");
  if (soundsFrustrated(question)) return handoff(locale, "frustrated");
  const found = await findPublicArticles(db, config, workspace, { text: question, locale, limit: RELATED_MAX });
  const [best] = found;
  const confidence = best?.coverage ?? 0;
  if (!best || confidence < ATTENDANT_CONFIDENCE[locale]) return notSure(locale, confidence, found);
  const passage = matchingPassage(locale, best.text, question, PASSAGE_MAX);
  // With a language model, the answer in its words from this one article; the link and the question stay ours.
  const phrased = await phrase({ articleId: best.id, question, title: best.title, article: best.text, passage, locale });
  return {
    outcome: "answer",
    reply: attendantText(locale, "answer", { passage: phrased ?? passage, title: best.title, url: best.url }),
    locale,
    article: { id: best.id, title: best.title, url: best.url },
    passage,
    confidence,
    reason: null,
    related: [],
  };
}

/** Not sure: says so plainly and offers a person, with the articles that cover part of the question as "may be related". */
function notSure(locale: Locale, confidence: number, found: PublicArticleHit[]): AttendantAnswerDto {
  const related = found.filter((a) => a.coverage >= RELATED_COVERAGE).map((a) => ({ id: a.id, title: a.title, url: a.url }));
  const reply =
    related.length === 0
      ? attendantText(locale, "noAnswer")
      : attendantText(locale, "noAnswerRelated", { articles: related.map((a) => attendantText(locale, "relatedArticle", a)).join("\n") });
  return { outcome: "no_answer", reply, locale, article: null, passage: null, confidence, reason: null, related };
}
