import { rule } from "../errors.js";
import { z } from "zod";
import { NOTIFICATION_KINDS } from "../enums.js";
import { Id, PageQuery, Timestamp } from "./common.js";

/** One thing an agent is told of, with the conversation it is about. */
export const NotificationDto = z.object({
  id: Id,
  kind: z.enum(NOTIFICATION_KINDS),
  conversation: z.object({ id: Id, number: z.number().int(), subject: z.string().nullable() }),
  /** Who did it: the teammate who mentioned or assigned, the customer who wrote. */
  actorName: z.string(),
  preview: z.string(),
  readAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type NotificationDto = z.infer<typeof NotificationDto>;

export const ListNotificationsQuery = PageQuery.extend({
  /** `true`: only those not read yet. */
  unread: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

/** A page of the agent's notifications, newest first, with how many are unread in all. */
export const NotificationPageDto = z.object({ items: z.array(NotificationDto), nextCursor: z.string().nullable(), unread: z.number().int() });
export type NotificationPageDto = z.infer<typeof NotificationPageDto>;

/** Marks notifications read: these `ids`, all of one conversation's, or `all`. */
export const ReadNotificationsBody = z.union(
  [z.object({ ids: z.array(Id).min(1).max(500) }).strict(), z.object({ conversationId: Id }).strict(), z.object({ all: z.literal(true) }).strict()],
  { error: rule("read_which", "give one of: ids (a list of 1 to 500 notification ids), conversationId, or all: true") },
);
export type ReadNotificationsBody = z.infer<typeof ReadNotificationsBody>;
