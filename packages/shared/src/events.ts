import { z } from "zod";
import { ACTOR_TYPES, ARTICLE_STATUSES, ARTICLE_VISIBILITIES, CHANNEL_KINDS, CONVERSATION_STATUSES, DELIVERY_STATUSES, LOCALES, NOTIFICATION_KINDS, PRIORITIES } from "./enums.js";
import { MessageDto } from "./schemas/message.js";

export const EventActor = z.object({ type: z.enum(ACTOR_TYPES), id: z.string().nullable() });
export type EventActor = z.infer<typeof EventActor>;

const Id = z.string();
/** A change of one field: what it was and what it became. */
/** Which translation of which article an article event is about. */
const ArticleRef = z.object({
  articleId: Id,
  translationId: Id,
  locale: z.enum(LOCALES),
  visibility: z.enum(ARTICLE_VISIBILITIES),
});
const Change = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value });

/**
 * The payload of each domain event type, one zod schema each: consumers narrow on `type` and never
 * cast. Realtime, listeners, webhooks, rules and reports learn of change only through these.
 */
export const EVENT_PAYLOADS = {
  "conversation.created": z.object({ number: z.number().int(), contactId: Id, inboxId: Id }),
  /** What changed, each field with its old and new value (tags as the sorted names). */
  "conversation.updated": z.object({
    changes: z
      .object({
        status: Change(z.enum(CONVERSATION_STATUSES)),
        snoozedUntil: Change(z.string().nullable()),
        /** The customer's wait: it starts again when a reply to them was not delivered. */
        waitingSince: Change(z.string().nullable()),
        assigneeId: Change(Id.nullable()),
        teamId: Change(Id.nullable()),
        priority: Change(z.enum(PRIORITIES)),
        tags: Change(z.array(z.string())),
      })
      .partial(),
  }),
  /** `reason` when the system moved it: a customer's message reopened it, a snooze ended. */
  "conversation.status_changed": z.object({
    from: z.enum(CONVERSATION_STATUSES),
    to: z.enum(CONVERSATION_STATUSES),
    reason: z.enum(["incoming_message", "snooze_ended"]).optional(),
  }),
  "conversation.assigned": z.object({ from: Id.nullable(), to: Id.nullable() }),
  /**
   * `channel`: the conversation's inbox's, which says how a reply reaches the customer (for what a
   * person wrote; the timeline's activity entries leave it out).
   */
  "message.created": z.object({
    message: MessageDto,
    channel: z.enum(CHANNEL_KINDS).optional(),
    /** The conversation's assignee when the message came (for what a person wrote, like `channel`). */
    assigneeId: Id.nullable().optional(),
  }),
  /** A reply's delivery moved: queued again, sent, refused by the server, or bounced back later. */
  "message.delivery_changed": z.object({
    messageId: Id,
    from: z.enum(DELIVERY_STATUSES).nullable(),
    to: z.enum(DELIVERY_STATUSES),
    /** `bounced` when a delivery report said so after it was sent. */
    reason: z.enum(["retried", "sent", "refused", "bounced"]),
    error: z.string().nullable(),
  }),
  /** Another conversation (`mergedId`, of the same contact) was merged into this one: its messages moved here. */
  "conversation.merged": z.object({ mergedId: Id, mergedNumber: z.number().int(), messageIds: z.array(Id) }),
  /** The other side has seen the messages up to `upTo` (chat read receipts). */
  "message.read": z.object({ upTo: Id, count: z.number().int(), by: z.enum(["agent", "contact"]) }),
  /** A teammate was @mentioned in a note. */
  "agent.mentioned": z.object({ agentId: Id, messageId: Id, by: z.string(), preview: z.string() }),
  /** An agent has something new in their notifications (only the id: what it says is theirs to read). */
  "notification.created": z.object({ agentId: Id, notificationId: Id, kind: z.enum(NOTIFICATION_KINDS) }),
  /** An admin changed the workspace's name, time zone or default language. */
  "workspace.updated": z.object({
    changes: z
      .object({
        name: Change(z.string()),
        timeZone: Change(z.string()),
        defaultLocale: Change(z.enum(LOCALES)),
        brandColor: Change(z.string()),
        logoUrl: Change(z.string().nullable()),
      })
      .partial(),
  }),
  /** A knowledge-base article's translation was written (a new article, or a new translation of one). */
  "article.created": ArticleRef.extend({ status: z.enum(ARTICLE_STATUSES) }),
  /** A translation (or, for visibility, category and position, its article) changed: the fields that did. */
  "article.updated": ArticleRef.extend({
    fields: z.array(z.enum(["title", "slug", "body", "questions", "status", "visibility", "categoryId", "position"])),
    restoredFrom: Id.nullable(),
  }),
  /** A translation became published (on creation or by a change): what the virtual attendant may answer from, if public. */
  "article.published": ArticleRef,
  /** A published translation went back to draft. */
  "article.unpublished": ArticleRef,
  /** A translation was deleted (the article with its last translation). */
  "article.deleted": ArticleRef,
  /** The knowledge base's categories changed (names, order, a new or deleted one): the help center shows them. */
  "article_category.created": z.object({ categoryId: Id }),
  "article_category.updated": z.object({ categoryId: Id, fields: z.array(z.enum(["names", "descriptions", "slug", "position"])) }),
  "article_category.deleted": z.object({ categoryId: Id }),
  "contact.created": z.object({ contactId: Id }),
  "contact.updated": z.object({ contactId: Id, fields: z.array(z.string()) }),
  /** An agent merged one contact into another. */
  "contact.merged": z.object({ contactId: Id, mergedId: Id, conversationIds: z.array(Id) }),
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[]; // the keys of the object above
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

const envelope = {
  id: z.string(),
  workspaceId: z.string(),
  actor: EventActor,
  conversationId: z.string().nullable(),
  createdAt: z.string(),
};

function eventOf<T extends EventType>(type: T) {
  return z.object({ ...envelope, type: z.literal(type), payload: EVENT_PAYLOADS[type] });
}

/** A committed domain event: its envelope and, by `type`, its payload. */
export const DomainEvent = z.discriminatedUnion("type", [
  eventOf("conversation.created"),
  eventOf("conversation.updated"),
  eventOf("conversation.status_changed"),
  eventOf("conversation.assigned"),
  eventOf("conversation.merged"),
  eventOf("message.created"),
  eventOf("message.delivery_changed"),
  eventOf("message.read"),
  eventOf("agent.mentioned"),
  eventOf("notification.created"),
  eventOf("workspace.updated"),
  eventOf("article.created"),
  eventOf("article.updated"),
  eventOf("article.published"),
  eventOf("article.unpublished"),
  eventOf("article.deleted"),
  eventOf("article_category.created"),
  eventOf("article_category.updated"),
  eventOf("article_category.deleted"),
  eventOf("contact.created"),
  eventOf("contact.updated"),
  eventOf("contact.merged"),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
/** The event of one type. */
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
