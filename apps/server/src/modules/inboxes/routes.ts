import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ConfirmAddressProofBody, CreateInboxBody, InboxDto, Problem, StartAddressProofBody, UpdateInboxBody } from "@atende/shared";
import { actorOf } from "../../plugins/auth.js";
import { confirmAddressProof, countCodeTry, startAddressProof } from "./address-proof.js";
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
  app.post(
    "/inboxes/:id/address-proof",
    {
      schema: {
        tags,
        summary: "Start proving an e-mail inbox's address (admins): mail a code to it, or get the DNS TXT record for its domain",
        params: IdParams,
        body: StartAddressProofBody,
        response: { 200: InboxDto, 429: Problem, 503: Problem, ...problems },
      },
    },
    (request) => startAddressProof(request.server.runtime, actorOf(request), request.params.id, request.body),
  );
  app.post(
    "/inboxes/:id/address-proof/confirm",
    {
      schema: {
        tags,
        summary: "Prove an e-mail inbox's address (admins) with the mailed code, or by its domain's DNS record; from then on it receives mail",
        params: IdParams,
        body: ConfirmAddressProofBody,
        response: { 200: InboxDto, ...problems },
      },
    },
    async (request) => {
      const { id } = request.params;
      // A try at a code counts even when it is wrong: in a transaction of its own.
      const tried = request.body.method === "code" ? await request.server.runtime.transact(actorOf(request), (ctx) => countCodeTry(ctx, id)) : null;
      return withCtx(request, (ctx) => confirmAddressProof(ctx, id, request.body, tried));
    },
  );
};
