import { pgEnum } from "drizzle-orm/pg-core";
import {
  ACTOR_TYPES,
  ARTICLE_STATUSES,
  ARTICLE_VISIBILITIES,
  ATTACHMENT_DISPOSITIONS,
  AGENT_ROLES,
  AVAILABILITIES,
  CHANNEL_KINDS,
  CONVERSATION_STATUSES,
  DELIVERY_STATUSES,
  MESSAGE_DIRECTIONS,
  MESSAGE_KINDS,
  NOTIFICATION_KINDS,
  PRIORITIES,
  SENDER_TYPES,
} from "@atende/shared";

export const agentRole = pgEnum("agent_role", AGENT_ROLES);
export const availability = pgEnum("availability", AVAILABILITIES);
export const channelKind = pgEnum("channel_kind", CHANNEL_KINDS);
export const conversationStatus = pgEnum("conversation_status", CONVERSATION_STATUSES);
export const priority = pgEnum("priority", PRIORITIES);
export const messageDirection = pgEnum("message_direction", MESSAGE_DIRECTIONS);
export const messageKind = pgEnum("message_kind", MESSAGE_KINDS);
export const senderType = pgEnum("sender_type", SENDER_TYPES);
export const deliveryStatus = pgEnum("delivery_status", DELIVERY_STATUSES);
export const notificationKind = pgEnum("notification_kind", NOTIFICATION_KINDS);
export const actorType = pgEnum("actor_type", ACTOR_TYPES);
export const attachmentDisposition = pgEnum("attachment_disposition", ATTACHMENT_DISPOSITIONS);
export const articleStatus = pgEnum("article_status", ARTICLE_STATUSES);
export const articleVisibility = pgEnum("article_visibility", ARTICLE_VISIBILITIES);
