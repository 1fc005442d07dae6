import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { SearchQuery, SearchResultDto } from "@atende/shared";
import { inTx, problems } from "../../plugins/route-helpers.js";
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
    (request) => inTx(request, (ctx) => search(ctx, request.query)),
  );
};
