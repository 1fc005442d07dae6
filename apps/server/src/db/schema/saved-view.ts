import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { SavedViewFilters } from "@atende/shared";
import { agents } from "./agent.js";
import { createdAt, idColumn, updatedAt } from "./columns.js";
import { workspaces } from "./workspace.js";

/** A named set of the inbox's filters: its owner's own, or shown to the whole workspace when shared. */
export const savedViews = pgTable(
  "saved_view",
  {
    id: idColumn(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The conversation list's query, as SavedViewFilters parsed it. */
    filters: jsonb("filters").$type<SavedViewFilters>().notNull(),
    shared: boolean("shared").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A name once per owner, whatever its case; also serves "the views I own".
    uniqueIndex("saved_view_workspace_owner_name_key").on(t.workspaceId, t.ownerId, sql`lower(${t.name})`),
    index("saved_view_workspace_shared_idx").on(t.workspaceId).where(sql`${t.shared}`),
  ],
);
