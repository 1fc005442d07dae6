import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  ContactDto,
  ConversationDto,
  CreateContactBody,
  ListContactsQuery,
  ListConversationsQuery,
  MergeContactBody,
  page,
  UpdateContactBody,
} from "@atende/shared";
import { createIdempotently, IdParams, withCtx, problems } from "../../plugins/route-helpers.js";
import { listContactConversations } from "../conversations/service.js";
import { toContactDto } from "./presenter.js";
import { mergeContacts } from "./merge.js";
import { createContact, listContacts, loadContact, updateContact } from "./service.js";

export const contactRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["contacts"];
  app.get(
    "/contacts",
    { schema: { tags, querystring: ListContactsQuery, response: { 200: page(ContactDto), ...problems } } },
    (request) => withCtx(request, (ctx) => listContacts(ctx, request.query)),
  );
  app.post(
    "/contacts",
    { schema: { tags, body: CreateContactBody, response: { 201: ContactDto, ...problems } } },
    (request, reply) => createIdempotently(request, reply, (ctx) => createContact(ctx, request.body)),
  );
  app.get("/contacts/:id", { schema: { tags, params: IdParams, response: { 200: ContactDto, ...problems } } }, (request) =>
    withCtx(request, async (ctx) => toContactDto(await loadContact(ctx, request.params.id))),
  );
  app.patch(
    "/contacts/:id",
    { schema: { tags, params: IdParams, body: UpdateContactBody, response: { 200: ContactDto, ...problems } } },
    (request) => withCtx(request, (ctx) => updateContact(ctx, request.params.id, request.body)),
  );
  app.post(
    "/contacts/:id/merge",
    {
      schema: {
        tags,
        summary: "Merges another contact into this one (its conversations, chats and details move here; it is deleted)",
        params: IdParams,
        body: MergeContactBody,
        response: { 200: ContactDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => mergeContacts(ctx, request.params.id, request.body.otherId)),
  );
  app.get(
    "/contacts/:id/conversations",
    {
      schema: {
        tags,
        params: IdParams,
        querystring: ListConversationsQuery.omit({ contactId: true }).extend({
          status: ListConversationsQuery.shape.status.unwrap().default("all"),
        }),
        response: { 200: page(ConversationDto), ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => listContactConversations(ctx, request.params.id, request.query)),
  );
};
