import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { VirtualAttendantDto } from "@atende/shared";
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
    /** Its virtual attendant's settings (chat inboxes); null until an admin sets one up. */
    virtualAttendant: jsonb("virtual_attendant").$type<VirtualAttendantDto>(),
    createdAt: createdAt(),
  },
  (t) => [index("inbox_workspace_idx").on(t.workspaceId)],
);
