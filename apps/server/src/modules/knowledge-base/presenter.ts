import {
  LOCALES,
  type AgentSummary,
  type ArticleCategoryDto,
  type ArticleDto,
  type ArticleRevisionDto,
  type ArticleStatsDto,
  type ArticleSummaryDto,
  type ArticleTranslationRefDto,
} from "@atende/shared";
import type { articleCategories, articleRevisions, articles, articleTranslations } from "../../db/schema/index.js";
import { excerpt } from "./markdown.js";

export type TranslationRow = typeof articleTranslations.$inferSelect;
export type ArticleRow = typeof articles.$inferSelect;
export type CategoryRow = typeof articleCategories.$inferSelect;
export type RevisionRow = typeof articleRevisions.$inferSelect;

export const NO_STATS: ArticleStatsDto = { views: 0, helpful: 0, notHelpful: 0, selfService: 0 };

/** What a translation is shown with: its article, its siblings, the agents named and its counts. */
export type TranslationBundle = {
  translation: TranslationRow;
  article: ArticleRow;
  translations: ArticleTranslationRefDto[];
  author: AgentSummary | null;
  updatedBy: AgentSummary | null;
  stats: ArticleStatsDto;
  url: string | null;
};

/** Translations in LOCALES order (en, pt-BR, cs). */
export function byLocaleOrder<T extends { locale: string }>(rows: T[]): T[] {
  const order = (locale: string) => LOCALES.findIndex((l) => l === locale);
  return [...rows].sort((a, b) => order(a.locale) - order(b.locale));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A translation for lists: no body, a snippet (the passage matching the search, or the start). */
export function toArticleSummaryDto(b: TranslationBundle, snippet?: string): ArticleSummaryDto {
  const { translation: t, article: a } = b;
  return {
    id: t.id,
    articleId: t.articleId,
    locale: t.locale,
    title: t.title,
    slug: t.slug,
    status: t.status,
    visibility: a.visibility,
    categoryId: a.categoryId,
    position: a.position,
    updatedBy: b.updatedBy,
    updatedAt: t.updatedAt.toISOString(),
    publishedAt: iso(t.publishedAt),
    translations: b.translations,
    url: b.url,
    stats: b.stats,
    snippet: snippet ?? excerpt(t.plain),
  };
}

/** A translation in full: its Markdown, its rendered HTML, and whether the reader may change it. */
export function toArticleDto(b: TranslationBundle, html: string, editable: boolean): ArticleDto {
  const { translation: t, article: a } = b;
  return {
    id: t.id,
    articleId: t.articleId,
    locale: t.locale,
    title: t.title,
    slug: t.slug,
    body: t.body,
    questions: t.questions,
    html,
    status: t.status,
    visibility: a.visibility,
    categoryId: a.categoryId,
    position: a.position,
    author: b.author,
    updatedBy: b.updatedBy,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    publishedAt: iso(t.publishedAt),
    translations: b.translations,
    url: b.url,
    stats: b.stats,
    editable,
  };
}

export function toRevisionDto(r: RevisionRow, by: AgentSummary | null): ArticleRevisionDto {
  return {
    id: r.id,
    articleTranslationId: r.translationId,
    kind: r.kind,
    restoredFrom: r.restoredFrom,
    by,
    createdAt: r.createdAt.toISOString(),
    changes: r.changes,
    snapshot: { title: r.title, slug: r.slug, body: r.body, questions: r.questions, status: r.status, visibility: r.visibility, categoryId: r.categoryId },
  };
}

export function toCategoryDto(c: CategoryRow, articleCount: number): ArticleCategoryDto {
  return {
    id: c.id,
    names: c.names,
    descriptions: c.descriptions,
    slug: c.slug,
    position: c.position,
    articleCount,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
