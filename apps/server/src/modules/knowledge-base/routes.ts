import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ArticleCategoryDto,
  ArticleCategoryListDto,
  ArticleDto,
  ArticleImageDto,
  ArticlePageDto,
  ArticlePreviewDto,
  ArticleQuestionSuggestionListDto,
  ArticleRevisionPageDto,
  CreateArticleBody,
  CreateArticleCategoryBody,
  Id,
  KnowledgeBaseInsightsDto,
  KnowledgeBaseInsightsQuery,
  ListArticlesQuery,
  PageQuery,
  PreviewArticleBody,
  Problem,
  UpdateArticleBody,
  UpdateArticleCategoryBody,
  WhatsNewDto,
  WhatsNewQuery,
  WhatsNewSeenDto,
} from "@atende/shared";
import { createIdempotently, IdParams, problems, withCtx } from "../../plugins/route-helpers.js";
import { acceptRawBodies, storeUpload, UploadQuery } from "../attachments/uploads.js";
import { MANAGERS, requireRole } from "../policy.js";
import { actorOf } from "../../plugins/auth.js";
import { createCategory, deleteCategory, getCategory, listCategories, updateCategory } from "./categories.js";
import { ARTICLE_IMAGE_MAX_BYTES, ARTICLE_IMAGE_TYPES, saveArticleImage } from "./images.js";
import { renderMarkdown } from "./markdown.js";
import { acceptQuestionSuggestion, dismissQuestionSuggestion, listQuestionSuggestions } from "./question-suggestions.js";
import { createArticle, deleteArticle, getArticle, listArticles, listRevisions, restoreRevision, updateArticle } from "./service.js";
import { insights } from "./stats.js";
import { markWhatsNewSeen, whatsNew } from "./whats-new.js";

const RevisionParams = z.object({ id: Id, revisionId: Id });
const SuggestionParams = z.object({ id: Id, suggestionId: Id });

/** The knowledge base for agents, under /api/v1: articles, their revisions, categories, "What's new". */
export const articleRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["knowledge base"];
  app.get(
    "/articles",
    {
      schema: {
        tags,
        description:
          "Article translations, newest change first; with `q`, best match first (in `locale`, or every language). Agents see published ones (internal included); admins and supervisors drafts too.",
        querystring: ListArticlesQuery,
        response: { 200: ArticlePageDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => listArticles(ctx, request.query)),
  );
  app.post(
    "/articles",
    {
      schema: {
        tags,
        description:
          "Writes an article, or with `translationOf` a translation of one (admins and supervisors). The slug is made from the title unless given. Honours Idempotency-Key.",
        body: CreateArticleBody,
        response: { 201: ArticleDto, ...problems },
      },
    },
    (request, reply) => createIdempotently(request, reply, (ctx) => createArticle(ctx, request.body), { roles: MANAGERS }),
  );
  app.get(
    "/articles/whats-new",
    {
      schema: {
        tags,
        description: "Internal articles published or changed lately, in the agent's language where translated; `unread` counts those since the agent last looked.",
        querystring: WhatsNewQuery,
        response: { 200: WhatsNewDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => whatsNew(ctx, request.query)),
  );
  app.post(
    "/articles/whats-new/seen",
    { schema: { tags, description: "The agent has looked at What's new.", response: { 200: WhatsNewSeenDto, ...problems } } },
    (request) => withCtx(request, markWhatsNewSeen),
  );
  app.get(
    "/articles/insights",
    {
      schema: {
        tags,
        description: "What works and what does not (admins and supervisors): views, helpful answers, self-service per day, top articles, searches that found nothing.",
        querystring: KnowledgeBaseInsightsQuery,
        response: { 200: KnowledgeBaseInsightsDto, ...problems },
      },
    },
    (request) =>
      withCtx(request, (ctx) => {
        requireRole(ctx.actor, MANAGERS);
        return insights(ctx, request.query.days);
      }),
  );
  app.post(
    "/articles/preview",
    {
      schema: { tags, description: "Markdown as the help center shows it (rendered and sanitized).", body: PreviewArticleBody, response: { 200: ArticlePreviewDto, ...problems } },
    },
    async (request) => {
      actorOf(request);
      return { html: renderMarkdown(request.body.body) };
    },
  );
  await app.register(async (uploads) => {
    acceptRawBodies(uploads);
    uploads.withTypeProvider<ZodTypeProvider>().post(
      "/articles/images",
      {
        schema: {
          tags,
          description: `Uploads an image for articles (the request body: PNG, JPEG, WebP or GIF, at most ${String(ARTICLE_IMAGE_MAX_BYTES / 1024 / 1024)} MB; admins and supervisors). Its address is public.`,
          querystring: UploadQuery,
          response: { 201: ArticleImageDto, 413: Problem, 415: Problem, ...problems },
        },
      },
      async (request, reply) => {
        requireRole(actorOf(request), MANAGERS);
        const file = await storeUpload(request, { maxBytes: ARTICLE_IMAGE_MAX_BYTES, allowed: { types: ARTICLE_IMAGE_TYPES, hint: "an image must be a PNG, JPEG, WebP or GIF." } });
        const image = await withCtx(request, (ctx) => saveArticleImage(ctx, file, request.query.fileName));
        return reply.code(201).send(image);
      },
    );
  });
  app.get(
    "/articles/:id",
    { schema: { tags, description: "One translation in full: Markdown, rendered HTML, its article's translations.", params: IdParams, response: { 200: ArticleDto, ...problems } } },
    (request) => withCtx(request, (ctx) => getArticle(ctx, request.params.id)),
  );
  app.patch(
    "/articles/:id",
    {
      schema: {
        tags,
        description:
          "Changes a translation (title, slug, body, status) or its article (visibility, categoryId, position: shared by its translations). Admins and supervisors; every save is a revision.",
        params: IdParams,
        body: UpdateArticleBody,
        response: { 200: ArticleDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => updateArticle(ctx, request.params.id, request.body)),
  );
  app.delete(
    "/articles/:id",
    { schema: { tags, description: "Deletes a translation (the article with its last one). Admins and supervisors.", params: IdParams, response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      await withCtx(request, (ctx) => deleteArticle(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );
  app.get(
    "/articles/:id/question-suggestions",
    {
      schema: {
        tags,
        description:
          "Customers' questions this translation answered (an agent's reply linked it, or the virtual attendant's answer solved it), newest first: for its writers to add to its questions or dismiss.",
        params: IdParams,
        response: { 200: ArticleQuestionSuggestionListDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => listQuestionSuggestions(ctx, request.params.id)),
  );
  app.post(
    "/articles/:id/question-suggestions/:suggestionId/accept",
    {
      schema: {
        tags,
        description: "Adds a suggested question to the translation's questions (a new revision) and removes the suggestion. Admins and supervisors.",
        params: SuggestionParams,
        response: { 200: ArticleDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => acceptQuestionSuggestion(ctx, request.params.id, request.params.suggestionId)),
  );
  app.delete(
    "/articles/:id/question-suggestions/:suggestionId",
    { schema: { tags, description: "Dismisses a suggested question. Admins and supervisors.", params: SuggestionParams, response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      await withCtx(request, (ctx) => dismissQuestionSuggestion(ctx, request.params.id, request.params.suggestionId));
      return reply.code(204).send(null);
    },
  );
  app.get(
    "/articles/:id/revisions",
    { schema: { tags, description: "A translation's saves, newest first. Admins and supervisors (they keep every draft's text).", params: IdParams, querystring: PageQuery, response: { 200: ArticleRevisionPageDto, ...problems } } },
    (request) => withCtx(request, (ctx) => listRevisions(ctx, request.params.id, request.query)),
  );
  app.post(
    "/articles/:id/revisions/:revisionId/restore",
    {
      schema: {
        tags,
        description: "Brings back a revision's title and Markdown as a new revision (status, slug, visibility and category stay). Admins and supervisors.",
        params: RevisionParams,
        response: { 200: ArticleDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => restoreRevision(ctx, request.params.id, request.params.revisionId)),
  );

  app.get(
    "/article-categories",
    { schema: { tags, description: "The knowledge base's categories in their order.", response: { 200: ArticleCategoryListDto, ...problems } } },
    (request) => withCtx(request, listCategories),
  );
  app.post(
    "/article-categories",
    {
      schema: {
        tags,
        description: "A new category, named in one or more languages (admins and supervisors). Honours Idempotency-Key.",
        body: CreateArticleCategoryBody,
        response: { 201: ArticleCategoryDto, ...problems },
      },
    },
    (request, reply) => createIdempotently(request, reply, (ctx) => createCategory(ctx, request.body), { roles: MANAGERS }),
  );
  app.get(
    "/article-categories/:id",
    { schema: { tags, description: "One category.", params: IdParams, response: { 200: ArticleCategoryDto, ...problems } } },
    (request) => withCtx(request, (ctx) => getCategory(ctx, request.params.id)),
  );
  app.patch(
    "/article-categories/:id",
    {
      schema: { tags, description: "Renames, re-slugs or moves a category (admins and supervisors).", params: IdParams, body: UpdateArticleCategoryBody, response: { 200: ArticleCategoryDto, ...problems } },
    },
    (request) => withCtx(request, (ctx) => updateCategory(ctx, request.params.id, request.body)),
  );
  app.delete(
    "/article-categories/:id",
    { schema: { tags, description: "Deletes a category; its articles stay, in none (admins and supervisors).", params: IdParams, response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      await withCtx(request, (ctx) => deleteCategory(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );
};
