import { pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, idColumn } from "./columns.js";

export const workspaces = pgTable("workspace", {
  id: idColumn(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  createdAt: createdAt(),
});
