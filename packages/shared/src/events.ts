import { z } from "zod";
import { ACTOR_TYPES } from "./enums.js";

/** Domain event names, `entity.past_tense`. Realtime, webhooks, rules and metrics learn of change only through these. */
export const EVENT_TYPES = [
  "conversation.created",
  "conversation.updated",
  "conversation.status_changed",
  "conversation.assigned",
  "message.created",
  /** The contact has seen the agents' replies up to `upTo` (chat read receipts). */
  "message.read",
  /** A teammate was @mentioned in a note: `{ agentId, messageId, by, preview }`. */
  "agent.mentioned",
  "contact.created",
  "contact.updated",
  /** An agent merged one contact into another: `{ contactId, mergedId, conversationIds }`. */
  "contact.merged",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EventActor = z.object({ type: z.enum(ACTOR_TYPES), id: z.string().nullable() });
export type EventActor = z.infer<typeof EventActor>;

export const DomainEvent = z.object({
  id: z.string(),
  workspaceId: z.string(),
  type: z.enum(EVENT_TYPES),
  actor: EventActor,
  conversationId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type DomainEvent = z.infer<typeof DomainEvent>;
