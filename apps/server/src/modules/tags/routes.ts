import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CreateTagBody, TagDto, UpdateTagBody } from "@atende/shared";
import { createIdempotently, IdParams, withCtx, problems } from "../../plugins/route-helpers.js";
import { createTag, deleteTag, listTags, updateTag } from "./service.js";

export const tagRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["tags"];
  app.get("/tags", { schema: { tags, response: { 200: z.array(TagDto), ...problems } } }, (request) =>
    withCtx(request, listTags),
  );
  app.post("/tags", { schema: { tags, body: CreateTagBody, response: { 201: TagDto, ...problems } } }, (request, reply) =>
    createIdempotently(request, reply, (ctx) => createTag(ctx, request.body)),
  );
  app.patch(
    "/tags/:id",
    { schema: { tags, params: IdParams, body: UpdateTagBody, response: { 200: TagDto, ...problems } } },
    (request) => withCtx(request, (ctx) => updateTag(ctx, request.params.id, request.body)),
  );
  app.delete("/tags/:id", { schema: { tags, params: IdParams, response: { 204: z.null(), ...problems } } }, async (request, reply) => {
    await withCtx(request, (ctx) => deleteTag(ctx, request.params.id));
    return reply.code(204).send(null);
  });
};
