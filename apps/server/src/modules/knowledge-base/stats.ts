import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { clip, INSIGHTS_DAYS_MAX, type KnowledgeBaseInsightsDto, type Locale } from "@atende/shared";
import type { Ctx } from "../../core/context.js";
import type { Executor } from "../../db/client.js";
import { pageLimit, rowsOf } from "../../db/rows.js";
import { articleDailyStats, articleFeedback, articleTranslations } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { foreignKeyViolation } from "../../lib/db-errors.js";

type Counter = "views" | "helpful" | "not_helpful" | "self_service";

/**
 * Adds to a translation's counts of today (the workspace's day), in one statement; counts of a
 * translation deleted meanwhile are dropped.
 */
async function addCounts(db: Executor, counter: Counter, counts: { workspaceId: string; translationId: string; n: number }[]): Promise<void> {
  if (counts.length === 0) return;
  const column = sql.raw(counter);
  const values = sql.join(
    counts.map((c) => sql`(${c.workspaceId}::uuid, ${c.translationId}::uuid, ${c.n}::int)`),
    sql`, `,
  );
  await db.execute(sql`
    INSERT INTO article_daily_stat (workspace_id, translation_id, day, ${column})
    SELECT v.ws, v.tid, (now() AT TIME ZONE w.time_zone)::date, v.n
    FROM (VALUES ${values}) AS v(ws, tid, n)
      JOIN workspace w ON w.id = v.ws
      JOIN article_translation t ON t.id = v.tid AND t.workspace_id = v.ws
    ON CONFLICT (workspace_id, translation_id, day) DO UPDATE SET ${column} = article_daily_stat.${column} + EXCLUDED.${column}`);
}

/** How often the views kept in memory are written. */
const FLUSH_EVERY_MS = 5000;

/**
 * Counts article views (help-center pages, articles opened in the widget) in memory and writes
 * them every few seconds in one statement: a page view costs no write of its own.
 */
export function createViewCounter(db: Executor, log: FastifyBaseLogger) {
  let pending = new Map<string, { workspaceId: string; translationId: string; n: number }>();
  const flush = async () => {
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    pending = new Map();
    await addCounts(db, "views", batch).catch((err: unknown) => {
      log.warn({ err, module: "knowledge-base" }, "article views could not be counted");
    });
  };
  const timer = setInterval(() => void flush(), FLUSH_EVERY_MS);
  timer.unref();
  return {
    count(workspaceId: string, translationId: string): void {
      const entry = pending.get(translationId);
      if (entry) entry.n += 1;
      else pending.set(translationId, { workspaceId, translationId, n: 1 });
    },
    flush,
    async stop(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
  };
}
export type ViewCounter = ReturnType<typeof createViewCounter>;

/** A reader's "Was this helpful?" answer: kept (anonymous) and counted for the day. */
export async function recordFeedback(
  db: Executor,
  at: { workspaceId: string; translationId: string; locale: Locale },
  helpful: boolean,
  source: "help_center" | "widget",
): Promise<void> {
  try {
    await db.insert(articleFeedback).values({ workspaceId: at.workspaceId, translationId: at.translationId, locale: at.locale, helpful, source });
    await addCounts(db, helpful ? "helpful" : "not_helpful", [{ workspaceId: at.workspaceId, translationId: at.translationId, n: 1 }]);
  } catch (err) {
    // The article was deleted while its reader answered: as it would be a moment later, not found.
    if (foreignKeyViolation(err)?.missing) throw AppError.notFound("Article");
    throw err;
  }
}

/** "This answered my question" in the widget: a conversation that did not need to happen. */
export async function recordSelfService(db: Executor, workspaceId: string, translationId: string): Promise<void> {
  await addCounts(db, "self_service", [{ workspaceId, translationId, n: 1 }]);
}

/**
 * How many distinct content gaps a workspace may have seen in its insights' longest period (a
 * year). Anyone may search the help center, so without a bound a script could write a row per
 * made-up query. Past it, a new query takes the place of the oldest gap searched only once, and
 * gaps searched again keep theirs: a flood of made-up queries, each searched once, only displaces
 * its own kind. The Insights page shows the 20 most searched, and a workspace's real gaps number in
 * the tens or hundreds: 1,000 leaves them room.
 */
export const SEARCH_GAPS_MAX = 1000;

/**
 * A help-center search that found nothing: a content gap, counted by its normalized text. A known
 * gap counts once more; a new one is written while the workspace has fewer than SEARCH_GAPS_MAX
 * gaps seen in the last INSIGHTS_DAYS_MAX days, else in place of the oldest of them searched only
 * once, else not at all (searches at the same moment may pass the cap by a few).
 */
export async function recordSearchGap(db: Executor, workspaceId: string, locale: Locale, q: string): Promise<void> {
  const query = clip(q.toLocaleLowerCase().replace(/\s+/g, " ").trim(), 200);
  if (query === "") return;
  const recent = sql`workspace_id = ${workspaceId} AND last_at >= now() - make_interval(days => ${INSIGHTS_DAYS_MAX})`;
  await db.execute(sql`
    WITH known AS (
      UPDATE article_search_gap SET count = count + 1, last_at = now()
      WHERE workspace_id = ${workspaceId} AND locale = ${locale} AND query = ${query}
      RETURNING 1
    ), full_up AS (
      SELECT count(*) >= ${SEARCH_GAPS_MAX} AS yes FROM (SELECT 1 FROM article_search_gap WHERE ${recent} LIMIT ${SEARCH_GAPS_MAX}) kept
    ), displaced AS (
      DELETE FROM article_search_gap WHERE (workspace_id, locale, query) = (
        SELECT workspace_id, locale, query FROM article_search_gap
        WHERE ${recent} AND count = 1 AND NOT EXISTS (SELECT 1 FROM known) AND (SELECT yes FROM full_up)
        ORDER BY last_at, query LIMIT 1)
      RETURNING 1
    )
    INSERT INTO article_search_gap (workspace_id, locale, query)
    SELECT ${workspaceId}::uuid, ${locale}::text, ${query}::text
    WHERE NOT EXISTS (SELECT 1 FROM known) AND (NOT (SELECT yes FROM full_up) OR EXISTS (SELECT 1 FROM displaced))
    ON CONFLICT (workspace_id, locale, query) DO UPDATE SET count = article_search_gap.count + 1, last_at = now()`);
}

/** What works and what does not over the last `days` days: totals, self-service per day, top articles, content gaps. */
export async function insights(ctx: Ctx, days: number): Promise<KnowledgeBaseInsightsDto> {
  const ws = ctx.actor.workspaceId;
  const since = sql`(now() AT TIME ZONE (SELECT time_zone FROM workspace WHERE id = ${ws}))::date - ${days - 1}::int`;
  const inPeriod = and(eq(articleDailyStats.workspaceId, ws), gte(articleDailyStats.day, since));
  const sums = {
    views: sql`coalesce(sum(${articleDailyStats.views}), 0)::int`.mapWith(Number),
    helpful: sql`coalesce(sum(${articleDailyStats.helpful}), 0)::int`.mapWith(Number),
    notHelpful: sql`coalesce(sum(${articleDailyStats.notHelpful}), 0)::int`.mapWith(Number),
    selfService: sql`coalesce(sum(${articleDailyStats.selfService}), 0)::int`.mapWith(Number),
  };
  const [totals] = await ctx.tx.select(sums).from(articleDailyStats).where(inPeriod);
  const byDay = await ctx.tx
    .select({ day: articleDailyStats.day, count: sums.selfService })
    .from(articleDailyStats)
    .where(and(inPeriod, sql`${articleDailyStats.selfService} > 0`))
    .groupBy(articleDailyStats.day)
    .orderBy(articleDailyStats.day);
  const top = await ctx.tx
    .select({ id: articleTranslations.id, articleId: articleTranslations.articleId, locale: articleTranslations.locale, title: articleTranslations.title, ...sums })
    .from(articleDailyStats)
    .innerJoin(articleTranslations, and(eq(articleTranslations.workspaceId, articleDailyStats.workspaceId), eq(articleTranslations.id, articleDailyStats.translationId)))
    .where(inPeriod)
    .groupBy(articleTranslations.id)
    .orderBy(desc(sums.views), articleTranslations.id)
    .limit(pageLimit(10));
  const gaps = rowsOf<{ query: string; locale: Locale; count: number | string; last_at: string | Date }>(
    await ctx.tx.execute(sql`
      SELECT query, locale, count, last_at FROM article_search_gap
      WHERE workspace_id = ${ws} AND last_at >= now() - make_interval(days => ${days})
      ORDER BY count DESC, last_at DESC LIMIT 20`),
  );
  return {
    days,
    totals: totals ?? { views: 0, helpful: 0, notHelpful: 0, selfService: 0 },
    selfServiceByDay: byDay.map((d) => ({ day: d.day, count: d.count })),
    topArticles: top.map(({ id, articleId, locale, title, ...stats }) => ({ id, articleId, locale, title, stats })),
    gaps: gaps.map((g) => ({ query: g.query, locale: g.locale, count: Number(g.count), lastAt: new Date(g.last_at).toISOString() })),
  };
}
