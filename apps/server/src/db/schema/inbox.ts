import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, idColumn } from "./columns.js";
import { channelKind } from "./enums.js";
import { workspaces } from "./workspace.js";

export const inboxes = pgTable(
  "inbox",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    channel: channelKind("channel").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("inbox_workspace_idx").on(t.workspaceId)],
);
