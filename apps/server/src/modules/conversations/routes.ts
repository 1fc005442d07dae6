import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ConversationCountsDto,
  ConversationFilters,
  ConversationDto,
  GetConversationQuery,
  OpenedConversationDto,
  Id,
  CreateConversationBody,
  MergeConversationBody,
  CreateMessageBody,
  ListConversationsQuery,
  ListMessagesQuery,
  MessageDto,
  page,
  UpdateConversationBody,
  BULK_MAX_IDS,
  BulkConversationsBody,
  BulkConversationsResult,
} from "@atende/shared";
import { actorOf } from "../../plugins/auth.js";
import { runBulk } from "./actions.js";
import { createIdempotently, IdParams, withCtx, problems } from "../../plugins/route-helpers.js";
import { markRead, NEWEST } from "../messages/read-receipts.js";
import { createMessage, listMessages, retryDelivery } from "../messages/service.js";
import { loadConversation } from "./load.js";
import { mergeConversations } from "./merge.js";
import { countViews, createConversation, getConversation, listConversations, updateConversation } from "./service.js";

export const conversationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["conversations"];
  app.get(
    "/conversations",
    { schema: { tags, querystring: ListConversationsQuery, response: { 200: page(ConversationDto), ...problems } } },
    (request) => withCtx(request, (ctx) => listConversations(ctx, request.query)),
  );
  app.get(
    "/conversations/counts",
    {
      schema: {
        tags,
        description: "How many conversations each view holds (mine, unassigned, all open; pending: waiting on the customer; snoozed; resolved), with the filters applied.",
        querystring: ConversationFilters,
        response: { 200: ConversationCountsDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => countViews(ctx, request.query)),
  );
  app.post(
    "/conversations",
    {
      schema: {
        tags,
        description: "Opens a conversation with its first message; finds or creates the contact. Honours Idempotency-Key.",
        body: CreateConversationBody,
        response: { 201: ConversationDto, ...problems },
      },
    },
    (request, reply) =>
      createIdempotently(request, reply, (ctx) => createConversation(ctx, request.body), {
        // A customer's first message is one statement with its contact; an agent's new e-mail finds its contact first, and files are more statements.
        oneStatement: request.body.message.direction === "incoming" && !request.body.message.attachments?.length,
      }),
  );
  app.post(
    "/conversations/bulk",
    {
      schema: {
        tags,
        description: `The same actions (assign, tag, set priority or status, snooze, note, reply, hand off) on up to ${String(BULK_MAX_IDS)} conversations, one transaction each: each conversation's result says whether all its actions were done, or why none were.`,
        body: BulkConversationsBody,
        response: { 200: BulkConversationsResult, ...problems },
      },
    },
    (request) => runBulk(request.server.runtime, actorOf(request), request.body),
  );
  app.get(
    "/conversations/:id",
    {
      schema: {
        tags,
        description: "A conversation; with `messages=N`, its N newest messages too (newest first; `nextCursor` leads to older ones through `GET …/messages?order=newest`).",
        params: IdParams,
        querystring: GetConversationQuery,
        response: { 200: OpenedConversationDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => getConversation(ctx, request.params.id, request.query)),
  );
  app.patch(
    "/conversations/:id",
    { schema: { tags, params: IdParams, body: UpdateConversationBody, response: { 200: ConversationDto, ...problems } } },
    (request) => withCtx(request, (ctx) => updateConversation(ctx, request.params.id, request.body)),
  );
  app.post(
    "/conversations/:id/merge",
    {
      schema: {
        tags,
        description:
          "Merges another conversation of the same contact (`otherId`) into this one: its messages join this timeline in time order, it is resolved and points here (`mergedIntoId`), and both timelines record the merge.",
        params: IdParams,
        body: MergeConversationBody,
        response: { 200: ConversationDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => mergeConversations(ctx, request.params.id, request.body.otherId)),
  );
  app.get(
    "/conversations/:id/messages",
    { schema: { tags, params: IdParams, querystring: ListMessagesQuery, response: { 200: page(MessageDto), ...problems } } },
    (request) => withCtx(request, (ctx) => listMessages(ctx, request.params.id, request.query)),
  );
  app.post(
    "/conversations/:id/messages",
    {
      schema: {
        tags,
        description:
          "An agent reply, an internal note (`private: true`), or with `direction: incoming` a message from the contact. To a conversation merged into another, the message goes to that one (its `conversationId` says which). Honours Idempotency-Key.",
        params: IdParams,
        body: CreateMessageBody,
        response: { 201: MessageDto, ...problems },
      },
    },
    (request, reply) =>
      createIdempotently(request, reply, (ctx) => createMessage(ctx, request.params.id, request.body), {
        oneStatement: !request.body.attachments?.length && !request.body.mentions?.length, // files and mentions are more statements
      }),
  );
  app.post(
    "/conversations/:id/messages/:messageId/retry",
    {
      schema: {
        tags,
        description: "Sends a reply whose delivery failed once more.",
        params: IdParams.extend({ messageId: Id }),
        response: { 200: MessageDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => retryDelivery(ctx, request.params.id, request.params.messageId)),
  );
  app.post(
    "/conversations/:id/read",
    {
      schema: {
        tags,
        description:
          "Records that the customer's messages were seen, up to `upTo` (all when left out): they become `read`, a `message.read` event says so, and a chat visitor sees it.",
        params: IdParams,
        body: z.object({ upTo: Id.optional() }).nullish(), // no body at all: every message
        response: { 200: z.object({ read: z.number().int().describe("how many messages became read") }), ...problems },
      },
    },
    (request) =>
      withCtx(request, async (ctx) => {
        const conversation = await loadConversation(ctx, request.params.id);
        return { read: await markRead(ctx, [conversation.id], request.body?.upTo ?? NEWEST) };
      }),
  );
};
