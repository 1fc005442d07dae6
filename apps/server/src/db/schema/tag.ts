import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, idColumn } from "./columns.js";
import { conversations } from "./conversation.js";
import { workspaces } from "./workspace.js";

export const tags = pgTable(
  "tag",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    color: text("color"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("tag_workspace_name_key").on(t.workspaceId, t.name)],
);

export const conversationTags = pgTable(
  "conversation_tag",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.conversationId, t.tagId] }),
    index("conversation_tag_tag_idx").on(t.workspaceId, t.tagId),
  ],
);

export const cannedResponses = pgTable(
  "canned_response",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    shortCode: text("short_code").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("canned_response_workspace_code_key").on(t.workspaceId, t.shortCode)],
);
