import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CreateSavedViewBody, SavedViewCountsDto, SavedViewDto, UpdateSavedViewBody } from "@atende/shared";
import { createIdempotently, IdParams, withCtx, problems } from "../../plugins/route-helpers.js";
import { countSavedViews, createSavedView, deleteSavedView, listSavedViews, updateSavedView } from "./service.js";

export const savedViewRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["saved views"];
  app.get(
    "/views",
    {
      schema: {
        tags,
        description: "The agent's own saved views and the workspace's shared ones, by name.",
        response: { 200: z.array(SavedViewDto), ...problems },
      },
    },
    (request) => withCtx(request, listSavedViews),
  );
  app.get(
    "/views/counts",
    {
      schema: {
        tags,
        description: "How many conversations each saved view the agent sees holds now, by the view's id (one pass over the conversations).",
        response: { 200: SavedViewCountsDto, ...problems },
      },
    },
    (request) => withCtx(request, countSavedViews),
  );
  app.post(
    "/views",
    {
      schema: {
        tags,
        description: "Saves the inbox's filters under a name, for the agent alone or (`shared: true`) for every agent. Honours Idempotency-Key.",
        body: CreateSavedViewBody,
        response: { 201: SavedViewDto, ...problems },
      },
    },
    (request, reply) => createIdempotently(request, reply, (ctx) => createSavedView(ctx, request.body)),
  );
  app.patch(
    "/views/:id",
    {
      schema: {
        tags,
        description: "Renames a saved view, replaces its filters or shares it (its owner; an admin too when it is shared).",
        params: IdParams,
        body: UpdateSavedViewBody,
        response: { 200: SavedViewDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => updateSavedView(ctx, request.params.id, request.body)),
  );
  app.delete(
    "/views/:id",
    {
      schema: { tags, description: "Deletes a saved view (its owner; an admin too when it is shared).", params: IdParams, response: { 204: z.null(), ...problems } },
    },
    async (request, reply) => {
      await withCtx(request, (ctx) => deleteSavedView(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );
};
