import { and, eq, inArray, sql } from "drizzle-orm";
import type { AgentSummary, ArticleStatsDto, ArticleStatus } from "@atende/shared";
import type { Config } from "../../config.js";
import type { Executor } from "../../db/client.js";
import { agents, articleDailyStats, articles, articleTerms, articleTranslations, workspaces } from "../../db/schema/index.js";
import { byLocaleOrder, NO_STATS, type TranslationBundle } from "./presenter.js";
import { vocabularyKeys } from "./search-text.js";
import type { Locale } from "@atende/shared";

/** Where a workspace's help center answers: `<public URL>/help/<slug>` (a path when the public URL is not known). */
export async function helpCenterBase(db: Executor, config: Config, workspaceId: string): Promise<string> {
  const [row] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return `${config.publicUrl ?? ""}/help/${row?.slug ?? ""}`;
}

/** How many views, helpful answers and self-service resolutions each translation had, all time. */
export async function statsOf(db: Executor, workspaceId: string, ids: string[]): Promise<Map<string, ArticleStatsDto>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: articleDailyStats.translationId,
      views: sql`sum(${articleDailyStats.views})::int`.mapWith(Number),
      helpful: sql`sum(${articleDailyStats.helpful})::int`.mapWith(Number),
      notHelpful: sql`sum(${articleDailyStats.notHelpful})::int`.mapWith(Number),
      selfService: sql`sum(${articleDailyStats.selfService})::int`.mapWith(Number),
    })
    .from(articleDailyStats)
    .where(and(eq(articleDailyStats.workspaceId, workspaceId), inArray(articleDailyStats.translationId, ids)))
    .groupBy(articleDailyStats.translationId);
  return new Map(rows.map(({ id, ...stats }) => [id, stats]));
}

/**
 * The translations `ids` of a workspace with everything their DTOs show, by id (those not found
 * are left out). `base` is the workspace's help-center address; `siblingStatus`, when given, the
 * only status of the other translations listed (a reader who may not see drafts is not told their
 * titles).
 */
export async function loadBundles(db: Executor, workspaceId: string, ids: string[], base: string, siblingStatus?: ArticleStatus): Promise<Map<string, TranslationBundle>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ translation: articleTranslations, article: articles })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(and(eq(articleTranslations.workspaceId, workspaceId), inArray(articleTranslations.id, ids)));
  if (rows.length === 0) return new Map();
  const articleIds = [...new Set(rows.map((r) => r.article.id))];
  const siblings = await db
    .select({ id: articleTranslations.id, articleId: articleTranslations.articleId, locale: articleTranslations.locale, title: articleTranslations.title, slug: articleTranslations.slug, status: articleTranslations.status })
    .from(articleTranslations)
    .where(
      and(
        eq(articleTranslations.workspaceId, workspaceId),
        inArray(articleTranslations.articleId, articleIds),
        siblingStatus ? eq(articleTranslations.status, siblingStatus) : undefined,
      ),
    );
  const agentIds = [...new Set(rows.flatMap((r) => [r.translation.authorId, r.translation.updatedById]).filter((id): id is string => id !== null))];
  const people = agentIds.length
    ? await db
        .select({ id: agents.id, name: agents.name, email: agents.email })
        .from(agents)
        .where(and(eq(agents.workspaceId, workspaceId), inArray(agents.id, agentIds)))
    : [];
  const byAgent = new Map<string, AgentSummary>(people.map((p) => [p.id, p]));
  const stats = await statsOf(db, workspaceId, ids);
  const person = (id: string | null) => (id ? (byAgent.get(id) ?? null) : null);
  return new Map(
    rows.map(({ translation, article }) => [
      translation.id,
      {
        translation,
        article,
        translations: byLocaleOrder(siblings.filter((s) => s.articleId === article.id)).map(({ id, locale, title, slug, status }) => ({ id, locale, title, slug, status })),
        author: person(translation.authorId),
        updatedBy: person(translation.updatedById),
        stats: stats.get(translation.id) ?? NO_STATS,
        url: article.visibility === "public" ? `${base}/${translation.locale}/${translation.slug}` : null,
      },
    ]),
  );
}

/**
 * Adds a text's words (Czech: stems) to the vocabulary misspellings are corrected to: only those it
 * lacks (most words are there already, and reading them takes no lock), in one order, so that two
 * saves adding the same new words wait for each other instead of deadlocking.
 */
export async function addVocabulary(db: Executor, workspaceId: string, locale: Locale, text: string): Promise<void> {
  const keys = vocabularyKeys(locale, text);
  if (keys.length === 0) return;
  const known = await db
    .select({ term: articleTerms.term })
    .from(articleTerms)
    .where(and(eq(articleTerms.workspaceId, workspaceId), eq(articleTerms.locale, locale), inArray(articleTerms.term, keys)));
  const have = new Set(known.map((k) => k.term));
  const fresh = keys.filter((k) => !have.has(k)).sort();
  if (fresh.length === 0) return;
  await db
    .insert(articleTerms)
    .values(fresh.map((term) => ({ workspaceId, locale, term })))
    .onConflictDoNothing();
}
