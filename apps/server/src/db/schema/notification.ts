import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agents } from "./agent.js";
import { createdAt, idColumn } from "./columns.js";
import { conversations } from "./conversation.js";
import { notificationKind } from "./enums.js";
import { workspaces } from "./workspace.js";

/** What an agent should hear of (a mention, an assignment, a customer's new message), until they have read it. */
export const notifications = pgTable(
  "notification",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** Who did it: the teammate who mentioned or assigned, the customer who wrote. */
    actorName: text("actor_name").notNull(),
    preview: text("preview").notNull(),
    /** The event that caused it: notifications are listed in the order things happened, not handled. */
    eventId: uuid("event_id").notNull(),
    readAt: timestamp("read_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    index("notification_agent_idx").on(t.workspaceId, t.agentId, t.eventId.desc().nullsFirst()),
    index("notification_unread_idx").on(t.workspaceId, t.agentId, t.conversationId).where(sql`read_at IS NULL`),
  ],
);
