import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CannedResponseDto,
  CreateCannedResponseBody,
  RenderCannedResponseQuery,
  RenderedCannedResponseDto,
  UpdateCannedResponseBody,
} from "@atende/shared";
import { MANAGERS } from "../policy.js";
import { createIdempotently, IdParams, withCtx, problems } from "../../plugins/route-helpers.js";
import {
  createCannedResponse,
  deleteCannedResponse,
  listCannedResponses,
  renderCannedResponse,
  updateCannedResponse,
} from "./service.js";

export const cannedResponseRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["canned responses"];
  app.get("/canned-responses", { schema: { tags, response: { 200: z.array(CannedResponseDto), ...problems } } }, (request) =>
    withCtx(request, listCannedResponses),
  );
  app.post(
    "/canned-responses",
    { schema: { tags, body: CreateCannedResponseBody, response: { 201: CannedResponseDto, ...problems } } },
    (request, reply) => createIdempotently(request, reply, (ctx) => createCannedResponse(ctx, request.body), { roles: MANAGERS }),
  );
  app.patch(
    "/canned-responses/:id",
    { schema: { tags, params: IdParams, body: UpdateCannedResponseBody, response: { 200: CannedResponseDto, ...problems } } },
    (request) => withCtx(request, (ctx) => updateCannedResponse(ctx, request.params.id, request.body)),
  );
  app.delete(
    "/canned-responses/:id",
    { schema: { tags, params: IdParams, response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      await withCtx(request, (ctx) => deleteCannedResponse(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );
  app.get(
    "/canned-responses/:id/render",
    {
      schema: {
        tags,
        description: "The text with {{contact.firstName}}, {{agent.name}}… filled for a conversation.",
        params: IdParams,
        querystring: RenderCannedResponseQuery,
        response: { 200: RenderedCannedResponseDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => renderCannedResponse(ctx, request.params.id, request.query.conversationId)),
  );
};
