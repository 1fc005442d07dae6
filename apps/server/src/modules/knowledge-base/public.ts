import { and, eq, inArray, sql } from "drizzle-orm";
import type { Locale, WidgetArticleDto, WidgetArticlesQuery, WidgetArticleSuggestionDto } from "@atende/shared";
import type { Config } from "../../config.js";
import type { Executor } from "../../db/client.js";
import { articles, articleTranslations, workspaces } from "../../db/schema/index.js";
import { AppError } from "../../lib/app-error.js";
import { searchArticles } from "./search.js";
import { matchingPassage } from "./snippet.js";

/** What anyone may read: published translations of public articles. */
const ANYONE = { status: "published", visibility: "public" } as const;

/** The same, as a condition on a translation joined to its article. */
export const readableByAnyone = and(eq(articleTranslations.status, ANYONE.status), eq(articles.visibility, ANYONE.visibility));

/** What anyone may read of a workspace, in a language: a search's scope. */
export const publicScope = (workspaceId: string, locale: Locale) => ({ workspaceId, locale, ...ANYONE });

/** A published translation's address in the help center (absolute when ATENDE_PUBLIC_URL is set). */
export const publicArticleUrl = (config: Config, workspaceSlug: string, locale: Locale, slug: string) => `${config.publicUrl ?? ""}/help/${workspaceSlug}/${locale}/${slug}`;

/** The workspace as public pages need it: its address and its language. */
export async function workspaceOf(db: Executor, workspaceId: string) {
  const [row] = await db.select({ slug: workspaces.slug, defaultLocale: workspaces.defaultLocale }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw AppError.notFound("Workspace");
  return row;
}

/**
 * A public article found for a question: its translation, its address, how much of the question it
 * covers, and its plain text (the passage that answers is cut from it by `matchingPassage`, for
 * the hits that show one).
 */
export type PublicArticleHit = { id: string; title: string; url: string; coverage: number; text: string };

/** Up to `limit` public articles of a language answering `q`, best first. */
export async function findPublicArticles(
  db: Executor,
  config: Config,
  workspace: { id: string; slug: string },
  q: { text: string; locale: Locale; limit: number; typing?: boolean },
): Promise<PublicArticleHit[]> {
  const hits = await searchArticles(db, publicScope(workspace.id, q.locale), q.text, { limit: q.limit, typing: q.typing ?? false });
  if (hits.length === 0) return [];
  const rows = await db
    .select({ id: articleTranslations.id, title: articleTranslations.title, slug: articleTranslations.slug, plain: articleTranslations.plain })
    .from(articleTranslations)
    .where(and(eq(articleTranslations.workspaceId, workspace.id), inArray(articleTranslations.id, hits.map((h) => h.id))));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const r = byId.get(h.id);
    return r ? [{ id: r.id, title: r.title, url: publicArticleUrl(config, workspace.slug, q.locale, r.slug), coverage: h.coverage, text: r.plain }] : [];
  });
}

/** Up to `limit` public articles answering what a visitor is typing, in their language (else the workspace's). */
export async function suggestArticles(db: Executor, config: Config, workspaceId: string, query: WidgetArticlesQuery): Promise<WidgetArticleSuggestionDto["items"]> {
  if (query.q === "") return [];
  const workspace = await workspaceOf(db, workspaceId);
  const locale = query.locale ?? workspace.defaultLocale;
  const found = await findPublicArticles(db, config, { id: workspaceId, slug: workspace.slug }, { text: query.q, locale, limit: query.limit, typing: true });
  return found.map((a) => ({ id: a.id, title: a.title, snippet: matchingPassage(locale, a.text, query.q, 140), url: a.url }));
}

/** One public, published translation of the workspace, as the widget shows it (404 for anything else). */
export async function publicArticle(db: Executor, config: Config, workspaceId: string, id: string): Promise<WidgetArticleDto> {
  const [row] = await db
    .select({ translation: articleTranslations })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(
      and(
        eq(articleTranslations.workspaceId, workspaceId),
        eq(articleTranslations.id, id),
        readableByAnyone,
      ),
    );
  if (!row) throw AppError.notFound("Article");
  const t = row.translation;
  const workspace = await workspaceOf(db, workspaceId);
  return { id: t.id, locale: t.locale, title: t.title, html: t.html, url: publicArticleUrl(config, workspace.slug, t.locale, t.slug) };
}

/**
 * The article of a translation, as a title and address to show a customer: in `locale` when the
 * article is published there, else the translation named; null when it is not public and published.
 */
export async function publicArticleIn(db: Executor, config: Config, workspace: { id: string; slug: string }, translationId: string, locale: Locale) {
  const [found] = await db
    .select({ title: articleTranslations.title, slug: articleTranslations.slug, locale: articleTranslations.locale })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(
      and(
        eq(articleTranslations.workspaceId, workspace.id),
        readableByAnyone,
        sql`${articleTranslations.articleId} = (SELECT article_id FROM article_translation WHERE id = ${translationId} AND workspace_id = ${workspace.id})`,
      ),
    )
    .orderBy(sql`${articleTranslations.locale} = ${locale} DESC, ${articleTranslations.id} = ${translationId} DESC`)
    .limit(1);
  return found ? { title: found.title, url: publicArticleUrl(config, workspace.slug, found.locale, found.slug) } : null;
}
