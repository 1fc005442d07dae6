import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ListNotificationsQuery, NotificationPageDto, ReadNotificationsBody } from "@atende/shared";
import { problems, withCtx } from "../../plugins/route-helpers.js";
import { listNotifications, readNotifications } from "./service.js";

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["notifications"];
  app.get(
    "/notifications",
    {
      schema: {
        tags,
        description:
          "What the signed-in agent was told of (mentions, conversations assigned to them, customers' new messages in their conversations), newest first; `unread=true` for the unread only. `unread` in the answer counts all unread.",
        querystring: ListNotificationsQuery,
        response: { 200: NotificationPageDto, ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => listNotifications(ctx, request.query)),
  );
  app.post(
    "/notifications/read",
    {
      schema: {
        tags,
        description: "Marks notifications read: `{ids}`, a conversation's (`{conversationId}`), or `{all: true}`; answers how many stay unread.",
        body: ReadNotificationsBody,
        response: { 200: z.object({ unread: z.number().int() }), ...problems },
      },
    },
    (request) => withCtx(request, (ctx) => readNotifications(ctx, request.body)),
  );
};
