import { rule } from "../errors.js";
import { z } from "zod";
import { ARTICLE_STATUSES, ARTICLE_VISIBILITIES, LOCALES } from "../enums.js";
import { AgentSummary, Id, line, PageQuery, someChange, text, Timestamp } from "./common.js";

/** The longest title an article's translation may have (characters, once trimmed). */
export const ARTICLE_TITLE_MAX = 200;
/** The largest Markdown body a translation may have, in UTF-8 bytes (100 KB). */
export const ARTICLE_BODY_MAX_BYTES = 100 * 1024;
/** The longest slug (in an article's or a category's address). */
export const ARTICLE_SLUG_MAX = 120;
/** The longest category name or description, per language. */
export const ARTICLE_CATEGORY_NAME_MAX = 100;
export const ARTICLE_CATEGORY_DESCRIPTION_MAX = 300;
/** How many articles the widget suggests at most while a visitor types. */
export const WIDGET_ARTICLE_SUGGESTIONS_MAX = 3;

/** A slug as it appears in an address: lower-case letters, digits and single hyphens ("reset-your-password"). */
export const Slug = text(ARTICLE_SLUG_MAX).pipe(
  z
    .string()
    .min(1, "must not be empty")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, rule("slug", "may use lower-case letters, digits and single hyphens only (such as reset-your-password)")),
);

/** An article's Markdown: at most ARTICLE_BODY_MAX_BYTES in UTF-8; may be empty while a draft. */
export const ArticleBody = text(ARTICLE_BODY_MAX_BYTES).refine(
  (s) => new TextEncoder().encode(s).length <= ARTICLE_BODY_MAX_BYTES,
  rule("markdown_size", `must be at most ${String(ARTICLE_BODY_MAX_BYTES / 1024)} KB of Markdown`),
);

export const ArticleTitle = line(ARTICLE_TITLE_MAX);

/** How many questions a translation may list, and how long each may be. */
export const ARTICLE_QUESTIONS_MAX = 30;
export const ARTICLE_QUESTION_MAX = 300;

/**
 * The questions a translation answers, as customers ask them in their own words ("is it covered if
 * I drop my phone?" for a warranty article): search and the virtual attendant find the article by
 * them as strongly as by its title. Readers never see them. Blank ones are left out, repeats kept once.
 */
/** A question as it is kept: on one line, its spaces collapsed, trimmed. */
export const normalQuestion = (question: string): string => question.replace(/\s+/g, " ").trim();

export const ArticleQuestions = z
  .array(text(ARTICLE_QUESTION_MAX))
  .max(ARTICLE_QUESTIONS_MAX)
  .transform((questions) => [...new Set(questions.map(normalQuestion).filter(Boolean))]);

/** A text per language; a language left out has none. */
function perLocale<T extends z.ZodType>(value: T) {
  return z.object({ en: value, "pt-BR": value, cs: value }).partial().strict();
}

/** A category's names by language ({en?, "pt-BR"?, cs?}); at least one. */
export const CategoryNames = perLocale(line(ARTICLE_CATEGORY_NAME_MAX)).refine(
  (names) => Object.keys(names).length > 0,
  rule("one_name", "must name the category in at least one language"),
);
export type CategoryNames = z.infer<typeof CategoryNames>;

export const CategoryDescriptions = perLocale(text(ARTICLE_CATEGORY_DESCRIPTION_MAX));

/** Counts of what readers did with an article (all its translations, or one translation's where said). */
export const ArticleStatsDto = z.object({
  /** Help-center page views and articles opened in the widget. */
  views: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  /** "This answered my question" in the widget after opening it. */
  selfService: z.number().int(),
});
export type ArticleStatsDto = z.infer<typeof ArticleStatsDto>;

/** One translation of the same article, as the others list it. */
export const ArticleTranslationRefDto = z.object({
  id: Id,
  locale: z.enum(LOCALES),
  title: z.string(),
  slug: z.string(),
  status: z.enum(ARTICLE_STATUSES),
});
export type ArticleTranslationRefDto = z.infer<typeof ArticleTranslationRefDto>;

/**
 * One translation of an article. `id` is the translation's (what `/articles/:id` takes); `articleId`
 * is shared by its translations, which share visibility, category and position too.
 */
export const ArticleDto = z.object({
  id: Id,
  articleId: Id,
  locale: z.enum(LOCALES),
  title: z.string(),
  slug: z.string(),
  /** Markdown, as written. */
  body: z.string(),
  /** The questions it answers (see ArticleQuestions). */
  questions: z.array(z.string()),
  /** The body rendered and sanitized, as the help center and the widget show it. */
  html: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  visibility: z.enum(ARTICLE_VISIBILITIES),
  categoryId: Id.nullable(),
  /** Order within its category (ascending). */
  position: z.number().int(),
  author: AgentSummary.nullable(),
  updatedBy: AgentSummary.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** When this translation was first published; null while it never was. */
  publishedAt: Timestamp.nullable(),
  /** Every translation of the article, this one included, in LOCALES order. */
  translations: z.array(ArticleTranslationRefDto),
  /** Its help-center address (absolute when the server knows its public URL); null for internal articles. Live only once published. */
  url: z.string().nullable(),
  stats: ArticleStatsDto,
  /** Whether the asking agent may change it (admins and supervisors). */
  editable: z.boolean(),
});
export type ArticleDto = z.infer<typeof ArticleDto>;

/** Where a suggested question came from: an agent's reply linking the article, or a customer it answered ("Did this solve it?" yes). */
export const ARTICLE_QUESTION_SOURCES = ["agent_link", "self_service"] as const;

/**
 * A customer's question that this translation answered, offered to its writers to add to its
 * `questions` (accept) or to dismiss: what customers really ask, learned from conversations.
 */
export const ArticleQuestionSuggestionDto = z.object({
  id: Id,
  question: z.string(),
  source: z.enum(ARTICLE_QUESTION_SOURCES),
  /** The conversation it was asked in (null once that is gone). */
  conversationId: Id.nullable(),
  createdAt: Timestamp,
});
export type ArticleQuestionSuggestionDto = z.infer<typeof ArticleQuestionSuggestionDto>;
export const ArticleQuestionSuggestionListDto = z.object({ items: z.array(ArticleQuestionSuggestionDto) });
export type ArticleQuestionSuggestionListDto = z.infer<typeof ArticleQuestionSuggestionListDto>;

/** A translation in a list: no body, a plain-text snippet (the passage matching `q` when searching). */
export const ArticleSummaryDto = ArticleDto.pick({
  id: true,
  articleId: true,
  locale: true,
  title: true,
  slug: true,
  status: true,
  visibility: true,
  categoryId: true,
  position: true,
  updatedBy: true,
  updatedAt: true,
  publishedAt: true,
  translations: true,
  url: true,
  stats: true,
}).extend({ snippet: z.string() });
export type ArticleSummaryDto = z.infer<typeof ArticleSummaryDto>;

export const ArticlePageDto = z.object({ items: z.array(ArticleSummaryDto), nextCursor: z.string().nullable() });
export type ArticlePageDto = z.infer<typeof ArticlePageDto>;

/**
 * A new article, or with `translationOf` (any translation's id of it) a new translation of one.
 * A translation shares its article's visibility, category and position: leave them out (they are
 * changed with PATCH). `slug` is made from the title when left out (made unique in its language).
 */
export const CreateArticleBody = z.object({
  locale: z.enum(LOCALES),
  title: ArticleTitle,
  body: ArticleBody,
  questions: ArticleQuestions.optional(),
  status: z.enum(ARTICLE_STATUSES).default("draft"),
  visibility: z.enum(ARTICLE_VISIBILITIES).optional(),
  categoryId: Id.nullable().optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  translationOf: Id.optional(),
  slug: Slug.optional(),
});
export type CreateArticleBody = z.infer<typeof CreateArticleBody>;

/** A change to one translation; `visibility`, `categoryId` and `position` change the article (all its translations). */
export const UpdateArticleBody = someChange(
  z
    .object({
      title: ArticleTitle,
      body: ArticleBody,
      questions: ArticleQuestions,
      status: z.enum(ARTICLE_STATUSES),
      slug: Slug,
      visibility: z.enum(ARTICLE_VISIBILITIES),
      categoryId: Id.nullable(),
      position: z.number().int().min(0).max(1_000_000),
    })
    .partial(),
);
export type UpdateArticleBody = z.infer<typeof UpdateArticleBody>;

/** `GET /articles`: translations, newest change first; with `q`, best match first. */
export const ListArticlesQuery = PageQuery.extend({
  q: text(200)
    .transform((s) => s.trim())
    .optional(),
  locale: z.enum(LOCALES).optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  visibility: z.enum(ARTICLE_VISIBILITIES).optional(),
  /** A category's id, or `none` for articles in no category. */
  categoryId: z.union([Id, z.literal("none")]).optional(),
});
export type ListArticlesQuery = z.infer<typeof ListArticlesQuery>;

/** Markdown to preview as the help center would show it. */
export const PreviewArticleBody = z.object({ body: ArticleBody });
export const ArticlePreviewDto = z.object({ html: z.string() });
export type ArticlePreviewDto = z.infer<typeof ArticlePreviewDto>;

const Change = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value });

/** What a save changed (the body's change is told by its lengths; the snapshot holds the text). */
export const ArticleRevisionChanges = z
  .object({
    title: Change(z.string()),
    slug: Change(z.string()),
    body: z.object({ fromLength: z.number().int(), toLength: z.number().int() }),
    questions: Change(z.array(z.string())),
    status: Change(z.enum(ARTICLE_STATUSES)),
    visibility: Change(z.enum(ARTICLE_VISIBILITIES)),
    categoryId: Change(Id.nullable()),
  })
  .partial();
export type ArticleRevisionChanges = z.infer<typeof ArticleRevisionChanges>;

/** One save of a translation: who, when, what changed, and the translation as it was saved. */
export const ArticleRevisionDto = z.object({
  id: Id,
  /** The translation's id. */
  articleTranslationId: Id,
  kind: z.enum(["created", "updated", "restored"]),
  /** For a restore: the revision it brought back. */
  restoredFrom: Id.nullable(),
  by: AgentSummary.nullable(),
  createdAt: Timestamp,
  changes: ArticleRevisionChanges,
  snapshot: z.object({
    title: z.string(),
    slug: z.string(),
    body: z.string(),
    questions: z.array(z.string()),
    status: z.enum(ARTICLE_STATUSES),
    visibility: z.enum(ARTICLE_VISIBILITIES),
    categoryId: Id.nullable(),
  }),
});
export type ArticleRevisionDto = z.infer<typeof ArticleRevisionDto>;

export const ArticleRevisionPageDto = z.object({ items: z.array(ArticleRevisionDto), nextCursor: z.string().nullable() });
export type ArticleRevisionPageDto = z.infer<typeof ArticleRevisionPageDto>;

export const ArticleCategoryDto = z.object({
  id: Id,
  /** Names by language; a language left out falls back to the workspace's default language, then any. */
  names: z.object({ en: z.string(), "pt-BR": z.string(), cs: z.string() }).partial(),
  descriptions: z.object({ en: z.string(), "pt-BR": z.string(), cs: z.string() }).partial(),
  /** In the help center's address: /help/<workspace>/<locale>/c/<slug>. Unique in the workspace. */
  slug: z.string(),
  /** Order on the help center's home (ascending). */
  position: z.number().int(),
  /** Its articles (all, not only published ones). */
  articleCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ArticleCategoryDto = z.infer<typeof ArticleCategoryDto>;

export const CreateArticleCategoryBody = z.object({
  names: CategoryNames,
  descriptions: CategoryDescriptions.optional(),
  /** Made from the first name when left out. */
  slug: Slug.optional(),
  /** Last when left out. */
  position: z.number().int().min(0).max(1_000_000).optional(),
});
export type CreateArticleCategoryBody = z.infer<typeof CreateArticleCategoryBody>;

/** `names` and `descriptions`, when given, replace them all. Deleting a category leaves its articles in none. */
export const UpdateArticleCategoryBody = someChange(
  z
    .object({
      names: CategoryNames,
      descriptions: CategoryDescriptions,
      slug: Slug,
      position: z.number().int().min(0).max(1_000_000),
    })
    .partial(),
);
export type UpdateArticleCategoryBody = z.infer<typeof UpdateArticleCategoryBody>;

export const ArticleCategoryListDto = z.object({ items: z.array(ArticleCategoryDto) });
export type ArticleCategoryListDto = z.infer<typeof ArticleCategoryListDto>;

/** `GET /widget/v1/articles`: what the widget suggests while the visitor types (public, published only). */
export const WidgetArticlesQuery = z.object({
  widgetToken: text(100).pipe(z.string().min(1, "must not be empty")),
  q: text(500).transform((s) => s.trim()),
  /** The visitor's language; the workspace's default when left out. */
  locale: z.enum(LOCALES).optional(),
  limit: z.coerce.number().int().min(1).max(WIDGET_ARTICLE_SUGGESTIONS_MAX).default(WIDGET_ARTICLE_SUGGESTIONS_MAX),
});
export type WidgetArticlesQuery = z.infer<typeof WidgetArticlesQuery>;

export const WidgetArticleSuggestionDto = z.object({
  items: z.array(z.object({ id: Id, title: z.string(), snippet: z.string(), url: z.string() })),
});
export type WidgetArticleSuggestionDto = z.infer<typeof WidgetArticleSuggestionDto>;

/** `GET /widget/v1/articles/:id?widgetToken=`: one suggested article, to read inside the widget. */
export const WidgetArticleQuery = z.object({ widgetToken: text(100).pipe(z.string().min(1, "must not be empty")) });
export const WidgetArticleDto = z.object({
  id: Id,
  locale: z.enum(LOCALES),
  title: z.string(),
  /** Sanitized HTML; links open outside the widget. */
  html: z.string(),
  url: z.string(),
});
export type WidgetArticleDto = z.infer<typeof WidgetArticleDto>;

/** `POST /widget/v1/articles/:id/answered {widgetToken}`: "This answered my question" (self-service, counted per day). */
export const WidgetArticleAnsweredBody = z.object({ widgetToken: text(100).pipe(z.string().min(1, "must not be empty")) });
export type WidgetArticleAnsweredBody = z.infer<typeof WidgetArticleAnsweredBody>;

/** "Was this helpful?": from the help center (a form) or the widget (`POST /widget/v1/articles/:id/feedback {widgetToken, helpful}`). */
export const ArticleFeedbackBody = z.object({ helpful: z.boolean() });
export type ArticleFeedbackBody = z.infer<typeof ArticleFeedbackBody>;
export const WidgetArticleFeedbackBody = ArticleFeedbackBody.extend({ widgetToken: text(100).pipe(z.string().min(1, "must not be empty")) });
export type WidgetArticleFeedbackBody = z.infer<typeof WidgetArticleFeedbackBody>;

/** `GET /articles/whats-new?locale=`: internal articles published or changed lately, in the agent's language where translated. */
export const WhatsNewQuery = z.object({
  /** Which translation to show; the agent's language, else the workspace's, when left out. */
  locale: z.enum(LOCALES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type WhatsNewQuery = z.infer<typeof WhatsNewQuery>;

export const WhatsNewItemDto = z.object({
  /** The translation's id (open it with GET /articles/:id). */
  id: Id,
  articleId: Id,
  locale: z.enum(LOCALES),
  title: z.string(),
  snippet: z.string(),
  /** `new`: published since the agent last looked (or ever, if never); `updated`: changed after being published. */
  kind: z.enum(["new", "updated"]),
  updatedBy: AgentSummary.nullable(),
  /** When it was published or last changed (what orders the list, newest first). */
  at: Timestamp,
  unread: z.boolean(),
});
export type WhatsNewItemDto = z.infer<typeof WhatsNewItemDto>;

export const WhatsNewDto = z.object({
  items: z.array(WhatsNewItemDto),
  /** How many internal published articles changed since `seenAt` (null: never looked; all count). */
  unread: z.number().int(),
  seenAt: Timestamp.nullable(),
});
export type WhatsNewDto = z.infer<typeof WhatsNewDto>;

/** `POST /articles/whats-new/seen` (no body): the agent has looked; answers the new marker. */
export const WhatsNewSeenDto = z.object({ unread: z.literal(0), seenAt: Timestamp });
export type WhatsNewSeenDto = z.infer<typeof WhatsNewSeenDto>;

/** `POST /articles/images?fileName=` (the image as the body, with its Content-Type): an image for an article's Markdown. */
export const ArticleImageDto = z.object({
  id: Id,
  /** Public address to put in Markdown: `![alt](url)`. */
  url: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type ArticleImageDto = z.infer<typeof ArticleImageDto>;

/** The longest period insights look back over, in days. */
export const INSIGHTS_DAYS_MAX = 365;

/** `GET /articles/insights?days=30`: what works and what does not. */
export const KnowledgeBaseInsightsQuery = z.object({ days: z.coerce.number().int().min(1).max(INSIGHTS_DAYS_MAX).default(30) });
export const KnowledgeBaseInsightsDto = z.object({
  days: z.number().int(),
  totals: ArticleStatsDto,
  /** Self-service resolutions per day (the workspace's time zone), oldest first; days without any left out. */
  selfServiceByDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
  /** Most viewed articles in the period, with their counts in it. */
  topArticles: z.array(z.object({ id: Id, articleId: Id, locale: z.enum(LOCALES), title: z.string(), stats: ArticleStatsDto })),
  /** Searches (help center and widget) that found nothing, most frequent first: the content gaps. */
  gaps: z.array(z.object({ query: z.string(), locale: z.enum(LOCALES), count: z.number().int(), lastAt: Timestamp })),
});
export type KnowledgeBaseInsightsDto = z.infer<typeof KnowledgeBaseInsightsDto>;
