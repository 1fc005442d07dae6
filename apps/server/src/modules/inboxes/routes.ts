import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CreateInboxBody, InboxDto, UpdateInboxBody } from "@atende/shared";
import { ADMINS } from "../policy.js";
import { createIdempotently, IdParams, withCtx, problems } from "../../plugins/route-helpers.js";
import { createInbox, getInbox, withoutIdentitySecret, listInboxes, replaceIdentitySecret, updateInbox } from "./service.js";

export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["inboxes"];
  app.get("/inboxes", { schema: { tags, response: { 200: z.array(InboxDto), ...problems } } }, (request) =>
    withCtx(request, listInboxes),
  );
  app.post("/inboxes", { schema: { tags, body: CreateInboxBody, response: { 201: InboxDto, ...problems } } }, (request, reply) =>
    createIdempotently(request, reply, (ctx) => createInbox(ctx, request.body), { roles: ADMINS, redact: withoutIdentitySecret }),
  );
  app.get("/inboxes/:id", { schema: { tags, params: IdParams, response: { 200: InboxDto, ...problems } } }, (request) =>
    withCtx(request, (ctx) => getInbox(ctx, request.params.id)),
  );
  app.patch(
    "/inboxes/:id",
    { schema: { tags, params: IdParams, body: UpdateInboxBody, response: { 200: InboxDto, ...problems } } },
    (request) => withCtx(request, (ctx) => updateInbox(ctx, request.params.id, request.body)),
  );
  app.post(
    "/inboxes/:id/identity-secret",
    {
      schema: {
        tags,
        summary: "Replace a chat inbox's identity secret (admins): ids signed with the old one prove nothing from then on",
        params: IdParams,
        response: { 200: InboxDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => replaceIdentitySecret(ctx, request.params.id)),
  );
};
