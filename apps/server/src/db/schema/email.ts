import { pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, idColumn } from "./columns.js";
import { inboxes } from "./inbox.js";
import { workspaces } from "./workspace.js";

/** The e-mail settings of an e-mail inbox. */
export const emailChannels = pgTable(
  "email_channel",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    inboxId: uuid("inbox_id")
      .notNull()
      .unique()
      .references(() => inboxes.id, { onDelete: "cascade" }),
    /** Lower-cased. Unique across workspaces: incoming mail is routed by it before any workspace is known. */
    address: text("address").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_channel_address_key").on(t.address)],
);
