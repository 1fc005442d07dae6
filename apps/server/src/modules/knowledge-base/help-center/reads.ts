import { and, asc, eq, exists, inArray, isNotNull, sql } from "drizzle-orm";
import { LOCALES, type Locale } from "@atende/shared";
import type { Executor } from "../../../db/client.js";
import { articleCategories, articles, articleTranslations, chatChannels, emailChannels, workspaces } from "../../../db/schema/index.js";
import type { CategoryRow, TranslationRow } from "../presenter.js";
import { publicScope, readableByAnyone } from "../public.js";
import { searchArticles } from "../search.js";
import { matchingPassage } from "../snippet.js";

/** A workspace as its help center shows it: branding, languages with content, and how to reach a person. */
export type HelpWorkspace = {
  id: string;
  name: string;
  slug: string;
  brandColor: string;
  logoUrl: string | null;
  defaultLocale: Locale;
  timeZone: string;
  /** Languages with public articles (the default language always), in LOCALES order. */
  languages: Locale[];
  /** The first chat inbox's widget token: "Still need help?" opens its chat. */
  chatToken: string | null;
  /** The first proven e-mail inbox's address: where "Still need help?" writes without chat. */
  email: string | null;
};


export async function findHelpWorkspace(db: Executor, slug: string): Promise<HelpWorkspace | null> {
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  if (!ws) return null;
  const locales = await db
    .selectDistinct({ locale: articleTranslations.locale })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(and(eq(articleTranslations.workspaceId, ws.id), readableByAnyone));
  const present = new Set<Locale>([ws.defaultLocale, ...locales.map((l) => l.locale)]);
  const [chat] = await db.select({ token: chatChannels.widgetToken }).from(chatChannels).where(eq(chatChannels.workspaceId, ws.id)).orderBy(asc(chatChannels.createdAt)).limit(1);
  const [email] = await db
    .select({ address: emailChannels.address })
    .from(emailChannels)
    .where(and(eq(emailChannels.workspaceId, ws.id), isNotNull(emailChannels.verifiedAt)))
    .orderBy(asc(emailChannels.createdAt))
    .limit(1);
  return {
    id: ws.id,
    name: ws.name,
    slug: ws.slug,
    brandColor: ws.brandColor,
    logoUrl: ws.logoUrl,
    defaultLocale: ws.defaultLocale,
    timeZone: ws.timeZone,
    languages: LOCALES.filter((l) => present.has(l)),
    chatToken: chat?.token ?? null,
    email: email?.address ?? null,
  };
}

/**
 * The categories the public may see, in their order: those with a public, published article. One
 * that holds only internal articles (or drafts) is internal too: its name and description may say
 * what agents alone should read. The home page, a category's page, an article's breadcrumb and the
 * sitemap all show categories through this.
 */
export async function helpCategories(db: Executor, workspaceId: string): Promise<CategoryRow[]> {
  const publicArticle = db
    .select({ id: articles.id })
    .from(articles)
    .innerJoin(articleTranslations, and(eq(articleTranslations.workspaceId, articles.workspaceId), eq(articleTranslations.articleId, articles.id)))
    .where(and(eq(articles.workspaceId, workspaceId), eq(articles.workspaceId, articleCategories.workspaceId), eq(articles.categoryId, articleCategories.id), readableByAnyone));
  return db
    .select()
    .from(articleCategories)
    .where(and(eq(articleCategories.workspaceId, workspaceId), exists(publicArticle)))
    .orderBy(asc(articleCategories.position), asc(articleCategories.id));
}

/** An article as listed: in the page's language, or (`fallback`) another when it has none. */
export type ListedArticle = { id: string; articleId: string; locale: Locale; title: string; slug: string; categoryId: string | null; fallback: boolean };

/**
 * The workspace's public articles for a page in `locale`: each in that language, else the
 * default language, else any; by category order and position.
 */
export async function listedArticles(db: Executor, ws: HelpWorkspace, locale: Locale, categoryId?: string): Promise<ListedArticle[]> {
  const rows = await db
    .selectDistinctOn([articleTranslations.articleId], {
      id: articleTranslations.id,
      articleId: articleTranslations.articleId,
      locale: articleTranslations.locale,
      title: articleTranslations.title,
      slug: articleTranslations.slug,
      categoryId: articles.categoryId,
      position: articles.position,
    })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(and(eq(articleTranslations.workspaceId, ws.id), readableByAnyone, categoryId ? eq(articles.categoryId, categoryId) : undefined))
    .orderBy(
      articleTranslations.articleId,
      sql`${articleTranslations.locale} = ${locale} DESC`,
      sql`${articleTranslations.locale} = ${ws.defaultLocale} DESC`,
      articleTranslations.locale,
    );
  return rows
    .sort((a, b) => a.position - b.position || a.title.localeCompare(b.title, locale))
    .map((r) => ({ id: r.id, articleId: r.articleId, locale: r.locale, title: r.title, slug: r.slug, categoryId: r.categoryId, fallback: r.locale !== locale }));
}

/** A category the public may see (see `helpCategories`), by its slug. */
export async function categoryBySlug(db: Executor, workspaceId: string, slug: string): Promise<CategoryRow | null> {
  return (await helpCategories(db, workspaceId)).find((c) => c.slug === slug) ?? null;
}

export type ArticlePage = {
  translation: TranslationRow;
  categoryId: string | null;
  /** The article's published translations (this one included), in LOCALES order. */
  translations: Pick<TranslationRow, "id" | "locale" | "slug" | "title">[];
};

async function publishedTranslations(db: Executor, workspaceId: string, articleId: string) {
  const rows = await db
    .select({ id: articleTranslations.id, locale: articleTranslations.locale, slug: articleTranslations.slug, title: articleTranslations.title })
    .from(articleTranslations)
    .where(and(eq(articleTranslations.workspaceId, workspaceId), eq(articleTranslations.articleId, articleId), eq(articleTranslations.status, "published")));
  return LOCALES.flatMap((l) => rows.filter((r) => r.locale === l));
}

/**
 * The article a help-center address names: the translation of `slug` in `locale`; else, for a slug
 * of another language, a redirect to its translation in `locale`, or (none) that translation itself
 * shown as a fallback. Null when no public article has the slug.
 */
export async function findArticlePage(db: Executor, ws: HelpWorkspace, locale: Locale, slug: string): Promise<ArticlePage | { redirect: string } | null> {
  const rows = await db
    .select({ translation: articleTranslations, categoryId: articles.categoryId })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(and(eq(articleTranslations.workspaceId, ws.id), eq(articleTranslations.slug, slug), readableByAnyone));
  const found = rows.find((r) => r.translation.locale === locale) ?? rows.find((r) => r.translation.locale === ws.defaultLocale) ?? rows[0];
  if (!found) return null;
  const translations = await publishedTranslations(db, ws.id, found.translation.articleId);
  if (found.translation.locale !== locale) {
    const own = translations.find((t) => t.locale === locale);
    if (own) return { redirect: `/help/${ws.slug}/${locale}/${own.slug}` };
  }
  return { translation: found.translation, categoryId: found.categoryId, translations };
}

export type SearchResult = { title: string; slug: string; snippet: string };

/** The public articles in `locale` that answer `q`, best first, with the passage that matches. */
export async function helpSearch(db: Executor, ws: HelpWorkspace, locale: Locale, q: string): Promise<SearchResult[]> {
  const hits = await searchArticles(db, publicScope(ws.id, locale), q, { limit: 20 });
  if (hits.length === 0) return [];
  const rows = await db
    .select({ id: articleTranslations.id, title: articleTranslations.title, slug: articleTranslations.slug, plain: articleTranslations.plain })
    .from(articleTranslations)
    .where(and(eq(articleTranslations.workspaceId, ws.id), inArray(articleTranslations.id, hits.map((h) => h.id))));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const r = byId.get(h.id);
    return r ? [{ title: r.title, slug: r.slug, snippet: matchingPassage(locale, r.plain, q) }] : [];
  });
}

/** Every public, published translation of the workspace, for the sitemap. */
export async function sitemapEntries(db: Executor, workspaceId: string) {
  return db
    .select({ articleId: articleTranslations.articleId, locale: articleTranslations.locale, slug: articleTranslations.slug, updatedAt: articleTranslations.updatedAt })
    .from(articleTranslations)
    .innerJoin(articles, and(eq(articles.workspaceId, articleTranslations.workspaceId), eq(articles.id, articleTranslations.articleId)))
    .where(and(eq(articleTranslations.workspaceId, workspaceId), readableByAnyone))
    .orderBy(articleTranslations.articleId, articleTranslations.locale);
}
