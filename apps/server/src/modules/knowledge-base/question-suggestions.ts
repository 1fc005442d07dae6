import { and, desc, eq, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { ARTICLE_QUESTION_MAX, ARTICLE_QUESTIONS_MAX, LOCALES, normalQuestion, type ArticleDto, type ArticleQuestionSuggestionListDto } from "@atende/shared";
import type { Ctx } from "../../core/context.js";
import { defineListener } from "../../core/listener.js";
import { articleQuestionSuggestions, articles, articleTranslations, messages } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { MANAGERS, requireRole } from "../policy.js";
import { workspaceOf } from "./public.js";
import { getArticle, loadForChange, loadReadable, updateArticle } from "./service.js";

/** How many suggestions a translation lists (the newest). */
const LISTED = 50;

/** A customer's message as a question to suggest: one line, trimmed; none when it is too long to be one question (a whole e-mail) or a word or two. */
export function askedQuestion(text: string): string | null {
  const question = normalQuestion(text);
  if (question.length > ARTICLE_QUESTION_MAX || question.split(" ").length < 3) return null;
  return question;
}

/**
 * Offers a customer's question to a translation's writers, once (a question it already lists, or
 * already suggested, is left). For what the conversation showed to answer it.
 */
export async function suggestQuestion(
  ctx: Ctx,
  s: { translationId: string; text: string; source: "agent_link" | "self_service"; conversationId: string | null },
): Promise<void> {
  const question = askedQuestion(s.text);
  if (!question) return;
  const ws = ctx.actor.workspaceId;
  await ctx.tx.execute(sql`
    INSERT INTO article_question_suggestion (id, workspace_id, translation_id, question, source, conversation_id)
    SELECT ${uuidv7()}::uuid, ${ws}, t.id, ${question}, ${s.source}, ${s.conversationId}
    FROM article_translation t WHERE t.workspace_id = ${ws} AND t.id = ${s.translationId} AND NOT (${question} = ANY (t.questions))
    ON CONFLICT DO NOTHING`);
}

/** The help-center articles a text links to: their language and slug, for the workspace whose address it is. */
export function linkedArticles(text: string, workspaceSlug: string): { locale: string; slug: string }[] {
  const locales = LOCALES.map((l) => l.replace("-", "\\-")).join("|");
  const link = new RegExp(`/help/([a-z0-9-]+)/(${locales})/([a-z0-9]+(?:-[a-z0-9]+)*)`, "g");
  return [...text.matchAll(link)].flatMap((m) => (m[1] === workspaceSlug && m[2] && m[3] ? [{ locale: m[2], slug: m[3] }] : []));
}

/**
 * An agent answered a customer with a link to an article: the customer's message before that reply
 * is a question the article answers, offered to its writers.
 */
export const questionsFromArticleLinks = defineListener({
  name: "knowledge-base.questions-from-links",
  applicableEvents: ["message.created"],
  when: ({ payload: { message } }) => message.senderType === "agent" && message.kind === "reply" && message.direction === "outgoing" && message.body.includes("/help/"),
  handle: async (event, ctx) => {
    const ws = ctx.actor.workspaceId;
    if (!event.conversationId) return;
    const links = linkedArticles(event.payload.message.body, (await workspaceOf(ctx.tx, ws)).slug);
    if (links.length === 0) return;
    const [asked] = await ctx.tx
      .select({ body: messages.body })
      .from(messages)
      .where(
        and(
          eq(messages.workspaceId, ws),
          eq(messages.conversationId, event.conversationId),
          eq(messages.direction, "incoming"),
          eq(messages.kind, "reply"),
          sql`${messages.id} < ${event.payload.message.id}`,
        ),
      )
      .orderBy(desc(messages.id))
      .limit(1);
    if (!asked) return;
    for (const { locale, slug } of links) {
      const [linked] = await ctx.tx
        .select({ id: articleTranslations.id })
        .from(articleTranslations)
        .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
        .where(and(eq(articleTranslations.workspaceId, ws), eq(articleTranslations.locale, locale as (typeof LOCALES)[number]), eq(articleTranslations.slug, slug), eq(articles.visibility, "public")));
      if (linked) await suggestQuestion(ctx, { translationId: linked.id, text: asked.body, source: "agent_link", conversationId: event.conversationId });
    }
  },
});

/** A translation's suggested questions, newest first (whoever may read the translation). */
export async function listQuestionSuggestions(ctx: Ctx, translationId: string): Promise<ArticleQuestionSuggestionListDto> {
  await loadReadable(ctx, translationId);
  const rows = await ctx.tx
    .select()
    .from(articleQuestionSuggestions)
    .where(and(eq(articleQuestionSuggestions.workspaceId, ctx.actor.workspaceId), eq(articleQuestionSuggestions.translationId, translationId)))
    .orderBy(desc(articleQuestionSuggestions.id))
    .limit(LISTED);
  return {
    items: rows.map((r) => ({ id: r.id, question: r.question, source: r.source, conversationId: r.conversationId, createdAt: r.createdAt.toISOString() })),
  };
}

/** Removes a suggestion of this translation, returning its question (404 when there is none). */
async function takeSuggestion(ctx: Ctx, translationId: string, suggestionId: string): Promise<string> {
  const [taken] = await ctx.tx
    .delete(articleQuestionSuggestions)
    .where(
      and(
        eq(articleQuestionSuggestions.workspaceId, ctx.actor.workspaceId),
        eq(articleQuestionSuggestions.translationId, translationId),
        eq(articleQuestionSuggestions.id, suggestionId),
      ),
    )
    .returning({ question: articleQuestionSuggestions.question });
  if (!taken) throw AppError.notFound("Suggestion");
  return taken.question;
}

/** Adds a suggested question to the translation's questions (a revision, as any change): admins and supervisors. */
export async function acceptQuestionSuggestion(ctx: Ctx, translationId: string, suggestionId: string): Promise<ArticleDto> {
  await loadForChange(ctx, translationId); // one change of the article at a time: the questions read next are the latest
  const article = await getArticle(ctx, translationId);
  const question = await takeSuggestion(ctx, translationId, suggestionId);
  if (article.questions.includes(question)) return article;
  if (article.questions.length >= ARTICLE_QUESTIONS_MAX) {
    throw AppError.invalidField("questions", `lists ${String(ARTICLE_QUESTIONS_MAX)} questions already: remove one first`, "too_many");
  }
  return updateArticle(ctx, translationId, { questions: [...article.questions, question] });
}

/** Dismisses a suggested question: admins and supervisors. */
export async function dismissQuestionSuggestion(ctx: Ctx, translationId: string, suggestionId: string): Promise<void> {
  requireRole(ctx.actor, MANAGERS);
  await loadReadable(ctx, translationId);
  await takeSuggestion(ctx, translationId, suggestionId);
}
