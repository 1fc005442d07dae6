import { getTableColumns, sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ActivityDto, EmailDetailsDto, MailFailure, MessageButton } from "@atende/shared";
import { agents } from "./agent.js";
import { createdAt, idColumn, tsvector } from "./columns.js";
import { contacts } from "./contact.js";
import { conversations } from "./conversation.js";
import { deliveryStatus, messageDirection, messageKind, senderType } from "./enums.js";
import { workspaces } from "./workspace.js";

export const messages = pgTable(
  "message",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    direction: messageDirection("direction").notNull(),
    kind: messageKind("kind").notNull(),
    senderType: senderType("sender_type").notNull(),
    senderAgentId: uuid("sender_agent_id").references(() => agents.id, { onDelete: "set null" }),
    senderContactId: uuid("sender_contact_id").references(() => contacts.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    activity: jsonb("activity").$type<ActivityDto>(),
    /** Addresses and quoted history of an e-mail message. */
    email: jsonb("email").$type<EmailDetailsDto>(),
    deliveryStatus: deliveryStatus("delivery_status"),
    /** Why delivery failed: the receiving server's answer when it gave one, else what Atende found. */
    deliveryError: text("delivery_error"),
    /** Why delivery failed, as a reason clients say in their own words. */
    deliveryFailure: text("delivery_failure").$type<MailFailure>(),
    /** The message's id on its channel, such as an e-mail Message-ID. */
    externalId: text("external_id"),
    /** The id a client gave a message it sends, so that sending it again stores it once. */
    clientId: text("client_id"),
    /** Choices offered with it (the virtual attendant's). */
    buttons: jsonb("buttons").$type<MessageButton[]>(),
    /** Null until the search indexer reaches the message (activities are never indexed). */
    searchVector: tsvector("search_vector"),
    createdAt: createdAt(),
  },
  (t) => [
    index("message_conversation_idx").on(t.workspaceId, t.conversationId, t.id),
    // Newest first across a workspace: search ranks among the most recent matches.
    index("message_workspace_recent_idx").on(t.workspaceId, t.id.desc().nullsFirst()),
    uniqueIndex("message_external_id_key")
      .on(t.workspaceId, t.conversationId, t.externalId)
      .where(sql`external_id IS NOT NULL`),
    // Threading and de-duplication look a Message-ID up across the workspace.
    index("message_workspace_external_id_idx").on(t.workspaceId, t.externalId).where(sql`external_id IS NOT NULL`),
    uniqueIndex("message_client_id_key")
      .on(t.workspaceId, t.conversationId, t.clientId)
      .where(sql`client_id IS NOT NULL`),
    index("message_search_idx").using("gin", t.workspaceId, t.searchVector),
    // What the search indexer has still to do, oldest first across workspaces, and what search reads
    // on the fly meanwhile, newest first within one. By id first: at millions of messages, the
    // indexer (and its lag, in /readyz) otherwise walked the primary key to the few not indexed.
    index("message_unindexed_idx").on(t.id, t.workspaceId).where(sql`search_vector IS NULL AND kind <> 'activity'`),
  ],
);

/** Every column but the search vector: what reads select. */
export const { searchVector: _messageSearchVector, ...messageColumns } = getTableColumns(messages);
