import { and, eq, sql } from "drizzle-orm";
import type { Locale, WhatsNewDto, WhatsNewQuery, WhatsNewSeenDto } from "@atende/shared";
import { agents, articles, articleTranslations, articleWhatsNewSeen, workspaces } from "../../db/schema/index.js";
import type { Ctx } from "../../core/context.js";
import { agentIdOf } from "../auth/service.js";
import { excerpt } from "./markdown.js";

async function seenAt(ctx: Ctx, agentId: string): Promise<Date | null> {
  const [row] = await ctx.tx
    .select({ seenAt: articleWhatsNewSeen.seenAt })
    .from(articleWhatsNewSeen)
    .where(and(eq(articleWhatsNewSeen.workspaceId, ctx.actor.workspaceId), eq(articleWhatsNewSeen.agentId, agentId)));
  return row?.seenAt ?? null;
}

/**
 * Internal articles published or changed lately, one line per article in the agent's language
 * where translated (else the workspace's, else any), newest first; `unread` counts those changed
 * since the agent last looked (all, if never).
 */
export async function whatsNew(ctx: Ctx, query: WhatsNewQuery): Promise<WhatsNewDto> {
  const agentId = agentIdOf(ctx.actor);
  const ws = ctx.actor.workspaceId;
  const [workspace] = await ctx.tx.select({ defaultLocale: workspaces.defaultLocale }).from(workspaces).where(eq(workspaces.id, ws));
  const preferred: Locale = query.locale ?? ctx.actor.locale;
  const fallback: Locale = workspace?.defaultLocale ?? "en";
  const rows = await ctx.tx
    .selectDistinctOn([articleTranslations.articleId], {
      id: articleTranslations.id,
      articleId: articleTranslations.articleId,
      locale: articleTranslations.locale,
      title: articleTranslations.title,
      plain: articleTranslations.plain,
      publishedAt: articleTranslations.publishedAt,
      updatedAt: articleTranslations.updatedAt,
      updatedBy: { id: agents.id, name: agents.name, email: agents.email },
    })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .leftJoin(agents, and(eq(agents.workspaceId, articleTranslations.workspaceId), eq(agents.id, articleTranslations.updatedById)))
    .where(and(eq(articleTranslations.workspaceId, ws), eq(articles.visibility, "internal"), eq(articleTranslations.status, "published")))
    .orderBy(
      articleTranslations.articleId,
      sql`${articleTranslations.locale} = ${preferred} DESC`,
      sql`${articleTranslations.locale} = ${fallback} DESC`,
      articleTranslations.locale,
    );
  const seen = await seenAt(ctx, agentId);
  const fresh = (at: Date) => seen === null || at > seen;
  const newest = rows.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  return {
    items: newest.slice(0, query.limit).map((r) => ({
      id: r.id,
      articleId: r.articleId,
      locale: r.locale,
      title: r.title,
      snippet: excerpt(r.plain),
      kind: seen === null || (r.publishedAt !== null && r.publishedAt > seen) ? "new" : "updated",
      updatedBy: r.updatedBy,
      at: r.updatedAt.toISOString(),
      unread: fresh(r.updatedAt),
    })),
    unread: newest.filter((r) => fresh(r.updatedAt)).length,
    seenAt: seen?.toISOString() ?? null,
  };
}

/** The agent has looked at "What's new": nothing is unread until an internal article changes again. */
export async function markWhatsNewSeen(ctx: Ctx): Promise<WhatsNewSeenDto> {
  const agentId = agentIdOf(ctx.actor);
  const now = new Date();
  await ctx.tx
    .insert(articleWhatsNewSeen)
    .values({ workspaceId: ctx.actor.workspaceId, agentId, seenAt: now })
    .onConflictDoUpdate({ target: [articleWhatsNewSeen.workspaceId, articleWhatsNewSeen.agentId], set: { seenAt: now } });
  return { unread: 0, seenAt: now.toISOString() };
}
