import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { ARTICLE_QUESTION_SOURCES, ArticleRevisionChanges, Locale } from "@atende/shared";
import { conversations } from "./conversation.js";
import { agents } from "./agent.js";
import { createdAt, idColumn, tsvector, updatedAt } from "./columns.js";
import { articleStatus, articleVisibility } from "./enums.js";
import { workspaces } from "./workspace.js";

type PerLocale = Partial<Record<Locale, string>>;

const workspaceId = () =>
  uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

/** A group of articles on the help center's home, named in each language. */
export const articleCategories = pgTable(
  "article_category",
  {
    id: idColumn(),
    workspaceId: workspaceId(),
    names: jsonb("names").$type<PerLocale>().notNull(),
    descriptions: jsonb("descriptions").$type<PerLocale>().notNull().default({}),
    slug: text("slug").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("article_category_workspace_slug_key").on(t.workspaceId, t.slug)],
);

/** What an article's translations share: who may read it, its category and its place there. */
export const articles = pgTable(
  "article",
  {
    id: idColumn(),
    workspaceId: workspaceId(),
    categoryId: uuid("category_id").references(() => articleCategories.id, { onDelete: "set null" }),
    visibility: articleVisibility("visibility").notNull().default("public"),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("article_workspace_category_idx").on(t.workspaceId, t.categoryId, t.position)],
);

/**
 * One language of an article: its own title, slug, Markdown and status. `html` is the Markdown
 * rendered and sanitized, `plain` its text (what search and snippets read); both and
 * `search_vector` are written with it by the service.
 */
export const articleTranslations = pgTable(
  "article_translation",
  {
    id: idColumn(),
    workspaceId: workspaceId(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    locale: text("locale").$type<Locale>().notNull(),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    body: text("body").notNull(),
    /** The questions it answers, as customers ask them: searched with the title's weight, never shown to readers. */
    questions: text("questions").array().notNull().default(sql`'{}'::text[]`),
    html: text("html").notNull(),
    plain: text("plain").notNull(),
    status: articleStatus("status").notNull().default("draft"),
    authorId: uuid("author_id").references(() => agents.id, { onDelete: "set null" }),
    updatedById: uuid("updated_by_id").references(() => agents.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3 }),
    searchVector: tsvector("search_vector").notNull(),
  },
  (t) => [
    uniqueIndex("article_translation_workspace_locale_slug_key").on(t.workspaceId, t.locale, t.slug),
    uniqueIndex("article_translation_workspace_article_locale_key").on(t.workspaceId, t.articleId, t.locale),
    index("article_translation_workspace_updated_idx").on(t.workspaceId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("article_translation_search_idx").using("gin", t.workspaceId, t.locale, t.searchVector),
    // Short questions find titles by trigrams (search.ts's TITLE_KEY).
    index("article_translation_title_idx").using("gin", t.workspaceId, t.locale, sql`lower(atende_unaccent(${t.title})) gin_trgm_ops`),
  ],
);

/** Every save of a translation: who, when, what changed, and the translation as saved. */
export const articleRevisions = pgTable(
  "article_revision",
  {
    id: idColumn(),
    workspaceId: workspaceId(),
    translationId: uuid("translation_id")
      .notNull()
      .references(() => articleTranslations.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"created" | "updated" | "restored">().notNull(),
    restoredFrom: uuid("restored_from"),
    byId: uuid("by_id").references(() => agents.id, { onDelete: "set null" }),
    changes: jsonb("changes").$type<ArticleRevisionChanges>().notNull(),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    body: text("body").notNull(),
    questions: text("questions").array().notNull().default(sql`'{}'::text[]`),
    status: articleStatus("status").notNull(),
    visibility: articleVisibility("visibility").notNull(),
    categoryId: uuid("category_id"),
    createdAt: createdAt(),
  },
  (t) => [index("article_revision_translation_idx").on(t.workspaceId, t.translationId, t.id.desc().nullsFirst())],
);

/**
 * Customers' questions a translation answered, learned from conversations (an agent's reply linking
 * it, or "Did this solve it?" answered yes), waiting for a writer to add them to its questions or
 * dismiss them. One row per question (normalized) and translation.
 */
export const articleQuestionSuggestions = pgTable(
  "article_question_suggestion",
  {
    id: idColumn(),
    workspaceId: workspaceId(),
    translationId: uuid("translation_id")
      .notNull()
      .references(() => articleTranslations.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    source: text("source").$type<(typeof ARTICLE_QUESTION_SOURCES)[number]>().notNull(),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("article_question_suggestion_key").on(t.workspaceId, t.translationId, t.question)],
);

/** "Was this helpful?" answers, anonymous (from the help center or the widget). */
export const articleFeedback = pgTable(
  "article_feedback",
  {
    id: idColumn(),
    workspaceId: workspaceId(),
    translationId: uuid("translation_id")
      .notNull()
      .references(() => articleTranslations.id, { onDelete: "cascade" }),
    locale: text("locale").$type<Locale>().notNull(),
    helpful: boolean("helpful").notNull(),
    source: text("source").$type<"help_center" | "widget">().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("article_feedback_translation_idx").on(t.workspaceId, t.translationId)],
);

/**
 * What readers did with a translation on one day (the workspace's time zone): views, answers to
 * "Was this helpful?", and self-service ("This answered my question" in the widget).
 */
export const articleDailyStats = pgTable(
  "article_daily_stat",
  {
    workspaceId: workspaceId(),
    translationId: uuid("translation_id")
      .notNull()
      .references(() => articleTranslations.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    views: integer("views").notNull().default(0),
    helpful: integer("helpful").notNull().default(0),
    notHelpful: integer("not_helpful").notNull().default(0),
    selfService: integer("self_service").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.translationId, t.day] }), index("article_daily_stat_day_idx").on(t.workspaceId, t.day)],
);

/** When an agent last looked at "What's new". */
export const articleWhatsNewSeen = pgTable(
  "article_whats_new_seen",
  {
    workspaceId: workspaceId(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    seenAt: timestamp("seen_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.agentId] })],
);

/** Help-center searches that found nothing (the content gaps), by their normalized text. */
export const articleSearchGaps = pgTable(
  "article_search_gap",
  {
    workspaceId: workspaceId(),
    locale: text("locale").$type<Locale>().notNull(),
    query: text("query").notNull(),
    count: integer("count").notNull().default(1),
    lastAt: timestamp("last_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.locale, t.query] }), index("article_search_gap_count_idx").on(t.workspaceId, t.count.desc().nullsFirst())],
);

/** An image uploaded for articles, served by the help center: to anyone while a public article shows it (images.ts). */
export const articleImages = pgTable(
  "article_image",
  {
    id: idColumn(),
    workspaceId: workspaceId(),
    sha256: text("sha256").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    uploadedById: uuid("uploaded_by_id").references(() => agents.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("article_image_workspace_idx").on(t.workspaceId), index("article_image_sha256_idx").on(t.sha256)],
);


/**
 * The words (Czech: stems) of a workspace's articles, per language: a misspelled word of a search
 * is corrected to its nearest one here (trigram similarity, computed over the language's words:
 * a few thousand per workspace; PGlite's `%` operator misbehaves, so no trigram index serves it).
 * Words are never removed: one no article uses any more only makes a correction that finds nothing.
 */
export const articleTerms = pgTable(
  "article_term",
  {
    workspaceId: workspaceId(),
    locale: text("locale").$type<Locale>().notNull(),
    term: text("term").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.locale, t.term] })],
);
