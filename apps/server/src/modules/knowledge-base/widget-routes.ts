import type {} from "@fastify/rate-limit";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  Problem,
  WidgetArticleAnsweredBody,
  WidgetArticleDto,
  WidgetArticleFeedbackBody,
  WidgetArticleQuery,
  WidgetArticlesQuery,
  WidgetArticleSuggestionDto,
} from "@atende/shared";
import { findWidget, originAllowed, type Widget } from "../../channels/chat/service.js";
import { AppError } from "../../lib/app-error.js";
import { IdParams } from "../../plugins/route-helpers.js";
import { createMemo, type Freshness } from "./freshness.js";
import { publicArticle, suggestArticles } from "./public.js";
import { ARTICLE_SEARCHES_PER_MINUTE, perAddress } from "./rate-limits.js";
import { recordFeedback, recordSelfService, type ViewCounter } from "./stats.js";

const widgetProblems = { 400: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem } as const;

/**
 * The widget's part of the knowledge base, under /widget/v1 (no visitor session needed): up to
 * three public, published articles matching what the visitor is typing, one article to read in the
 * panel, "This answered my question" and "Was this helpful?".
 */
export function widgetArticleRoutes(views: ViewCounter, freshness: Freshness): FastifyPluginAsyncZod {
  return async (app) => {
    const { runtime } = app;
    // Visitors type the same beginnings ("how do I", "where is my"): answers are kept until the workspace's articles change.
    const suggestions = createMemo<WidgetArticleSuggestionDto["items"]>(freshness, 5 * 60_000, 10_000);
    const tags = ["widget"];
    /** The widget of the token, for a page the inbox allows. */
    const widgetFor = async (request: FastifyRequest, token: string): Promise<Widget> => {
      const widget = await findWidget(runtime.db, token);
      if (!originAllowed(widget.settings, request.headers.origin, request.headers.host)) {
        throw AppError.forbidden("This site is not allowed to use this chat widget.");
      }
      return widget;
    };

    app.get(
      "/articles",
      {
        schema: {
          tags,
          summary: "Articles that may answer what the visitor is typing (public, published; the visitor's language, else the workspace's)",
          querystring: WidgetArticlesQuery,
          response: { 200: WidgetArticleSuggestionDto, ...widgetProblems },
        },
        config: perAddress(ARTICLE_SEARCHES_PER_MINUTE),
      },
      async (request) => {
        const widget = await widgetFor(request, request.query.widgetToken);
        const { q, locale, limit } = request.query;
        const key = `${locale ?? ""}|${String(limit)}|${q.toLocaleLowerCase()}`;
        return { items: await suggestions(widget.workspaceId, key, () => suggestArticles(runtime.db, runtime.config, widget.workspaceId, request.query)) };
      },
    );
    app.get(
      "/articles/:id",
      {
        schema: { tags, summary: "A suggested article, to read in the widget", params: IdParams, querystring: WidgetArticleQuery, response: { 200: WidgetArticleDto, ...widgetProblems } },
        config: perAddress(120),
      },
      async (request) => {
        const widget = await widgetFor(request, request.query.widgetToken);
        const found = await publicArticle(runtime.db, runtime.config, widget.workspaceId, request.params.id);
        views.count(widget.workspaceId, found.id);
        return found;
      },
    );
    app.post(
      "/articles/:id/answered",
      {
        schema: {
          tags,
          summary: "This answered my question: counted as self-service (no conversation was needed)",
          params: IdParams,
          body: WidgetArticleAnsweredBody,
          response: { 204: z.null(), ...widgetProblems },
        },
        config: perAddress(30),
      },
      async (request, reply) => {
        const widget = await widgetFor(request, request.body.widgetToken);
        const found = await publicArticle(runtime.db, runtime.config, widget.workspaceId, request.params.id);
        await recordSelfService(runtime.db, widget.workspaceId, found.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      "/articles/:id/feedback",
      {
        schema: { tags, summary: "Was this helpful? (yes or no)", params: IdParams, body: WidgetArticleFeedbackBody, response: { 204: z.null(), ...widgetProblems } },
        config: perAddress(30),
      },
      async (request, reply) => {
        const widget = await widgetFor(request, request.body.widgetToken);
        const found = await publicArticle(runtime.db, runtime.config, widget.workspaceId, request.params.id);
        await recordFeedback(runtime.db, { workspaceId: widget.workspaceId, translationId: found.id, locale: found.locale }, request.body.helpful, "widget");
        return reply.code(204).send(null);
      },
    );
  };
}
