import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { SearchQuery, SearchResultDto } from "@atende/shared";
import { withCtx, problems } from "../../plugins/route-helpers.js";
import { search } from "./service.js";

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/search",
    {
      schema: {
        tags: ["search"],
        description: "Full-text search, accent-insensitive, stemmed for Portuguese and English, best match first.",
        querystring: SearchQuery,
        response: { 200: SearchResultDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => search(ctx, request.query)),
  );
};
